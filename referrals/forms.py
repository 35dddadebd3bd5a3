"""Forms of the referrals pages: list filters (kept in the URL), sending, declining."""

from django import forms
from django.utils import timezone

from cite_emploi.forms import DateInput
from cohorts.enums import SENSITIVE_BARRIER_CATEGORIES, BarrierCategory
from cohorts.forms import BootstrapMixin
from cohorts.models import Barrier, FollowUpTeamMember
from cohorts.perms import can_view_health_data
from partners.selectors import organisations_for

from .enums import Direction, ReferralStatus


class ReferralFilterForm(BootstrapMixin, forms.Form):
    """The list's filters, in the URL (?direction=received&status=sent&job_seeker=12)."""

    direction = forms.ChoiceField(
        label="Orientations", choices=[("", "Reçues et envoyées"), *Direction.choices], required=False
    )
    status = forms.ChoiceField(label="État", choices=[("", "Tous"), *ReferralStatus.choices], required=False)
    job_seeker = forms.IntegerField(label="Personne (numéro)", required=False, min_value=1, widget=forms.HiddenInput)

    INVALID_MESSAGE = "Les filtres saisis ne sont pas valides : aucune orientation n'est listée tant qu'ils ne sont " \
        "pas corrigés."  # fmt: skip

    @property
    def is_invalid(self) -> bool:
        return self.is_bound and not self.is_valid()


class ReferralForm(BootstrapMixin, forms.Form):
    """Send a referral from the person's file; the person's consent to the sharing is recorded with it, first."""

    to_organisation = forms.ModelChoiceField(
        label="Orienter vers",
        queryset=None,
        empty_label="— choisir l'organisation —",
        error_messages={"required": "Choisissez l'organisation vers laquelle orienter la personne."},
    )
    barrier = forms.ModelChoiceField(
        label="Frein visé (parmi ses freins ouverts)",
        queryset=None,
        required=False,
        empty_label="— aucun en particulier —",
    )
    barrier_category = forms.ChoiceField(
        label="ou catégorie de frein visée",
        choices=[("", "—"), *BarrierCategory.choices],
        required=False,
        help_text="Si le frein n'est pas encore enregistré sur la fiche.",
    )
    reason = forms.CharField(
        label="Motif de l'orientation",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ce que vous attendez de l'organisation ; l'essentiel, sans note confidentielle.",
        error_messages={"required": "Indiquez le motif de l'orientation."},
    )
    consent_given_on = forms.DateField(
        label="Consentement de la personne recueilli le",
        widget=DateInput(),
        error_messages={"required": "Indiquez la date à laquelle la personne a consenti à ce partage."},
    )
    consent_confirmed = forms.BooleanField(
        label="La personne a accepté que sa fiche soit partagée avec l'organisation choisie.",
        error_messages={"required": "Sans le consentement de la personne, l'orientation ne peut pas être envoyée."},
    )

    def __init__(self, *args, user, job_seeker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_given_on"].initial = timezone.localdate
        in_team = FollowUpTeamMember.objects.active().filter(job_seeker=job_seeker).values("organisation_id")
        self.fields["to_organisation"].queryset = (
            organisations_for(user)
            .active()
            .field_partners()
            .exclude(pk__in=in_team)
            .exclude(pk__in=[job_seeker.referent_organisation_id, user.organisation_id])
            .order_by("name")
        )
        self.fields["barrier"].queryset = Barrier.objects.for_user(user).filter(job_seeker=job_seeker).open()
        if not can_view_health_data(user, job_seeker):
            self.fields["barrier_category"].choices = [
                c for c in self.fields["barrier_category"].choices if c[0] not in SENSITIVE_BARRIER_CATEGORIES
            ]


class DeclineForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label="Motif du refus",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="L'organisation qui oriente le lira.",
        error_messages={"required": "Indiquez le motif du refus : l'organisation qui oriente le lira."},
    )
