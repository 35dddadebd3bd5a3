"""Forms of the cohorts app. They validate input shape; the rules live in services.py."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from cite_emploi import tabular
from cite_emploi.forms import DateInput, FastSelect
from partners.enums import Role
from partners.models import Territory
from partners.selectors import organisations_for, users_for

from . import perms
from .enums import (
    BARRIER_TRANSITIONS,
    ERASURE_ON_REQUEST_REASONS,
    FIXED_TERM_SITUATIONS,
    BarrierCategory,
    BarrierStatus,
    CandidateStage,
    EnrolmentValidator,
    JobSeekerStatus,
    NotEnrolledReason,
    SituationKind,
)
from .models import Barrier, Candidate, Cohort, FollowUp, JobSeeker, SchemeConnection, Situation
from .selectors import DUE_CHOICES, cohorts_for, filter_choices, qpvs_for

# A fixed-term contract needs its dates (its class depends on them): it is recorded on the file, not at enrolment.
ENTRY_SITUATION_CHOICES = [choice for choice in SituationKind.choices if choice[0] not in FIXED_TERM_SITUATIONS]


class BootstrapMixin:
    """Bootstrap classes on every widget; the date fields named in `today_fields` (dates of facts: a follow-up,
    a barrier identified, a situation) default to today on a new record."""

    today_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            for name in self.today_fields:
                if name in self.fields:
                    self.fields[name].initial = timezone.localdate
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class CohortForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["label", "year", "start_date", "target_size"]
        widgets = {"start_date": DateInput()}


class ReferentSelect(forms.Select):
    """Each advisor option carries her organisation (data-organisation): static/js/forms.js shows only the
    advisors of the organisation chosen in the field named by data-filtered-by."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-organisation"] = str(instance.organisation_id)
        return option


class JobSeekerForm(BootstrapMixin, forms.ModelForm):
    """Enrolment and edition. What a field offers depends on the user (coordinator, advisor of the referent).

    Fields come in groups (`fieldsets`); at enrolment the situation at entry is asked here, once, and recorded
    as the person's first situation, so the file does not ask for it again.
    """

    FIELDSETS = [
        ("Identité", ["last_name", "first_name", "birth_date", "sex"]),
        ("Coordonnées", ["address", "commune", "phone", "email"]),
        ("Quartier prioritaire", ["qpv", "qpv_exception_reason"]),
        (
            "Inscription et suivi",
            ["cohort", "entry_date", "entry_situation", "referent_organisation", "referent", "france_travail_id"],
        ),
        ("Consentement", ["consent_recorded_on"]),
        (
            "Profil à l'entrée (FSE+)",
            ["labour_market_status", "education_level", "rsa_beneficiary", "single_parent", "disability_recognised"],
        ),
    ]

    entry_situation = forms.ChoiceField(
        label="Situation à l'entrée",
        choices=ENTRY_SITUATION_CHOICES,
        initial=SituationKind.JOB_SEEKING,
        help_text="Enregistrée comme première situation de la personne, à la date d'entrée (jalon « entrée »). "
        "Un CDD, une mission d'intérim ou un contrat en alternance se saisit ensuite sur la fiche, avec ses dates.",
    )

    class Meta:
        model = JobSeeker
        fields = [
            "cohort",
            "last_name",
            "first_name",
            "birth_date",
            "sex",
            "address",
            "commune",
            "qpv",
            "qpv_exception_reason",
            "phone",
            "email",
            "france_travail_id",
            "referent_organisation",
            "referent",
            "entry_date",
            "consent_recorded_on",
            "labour_market_status",
            "education_level",
            "rsa_beneficiary",
            "single_parent",
            "disability_recognised",
        ]
        widgets = {
            "birth_date": DateInput(),
            "entry_date": DateInput(),
            "consent_recorded_on": DateInput(),
            "address": forms.TextInput(),
            "referent": ReferentSelect(attrs={"data-filtered-by": "id_referent_organisation"}),
        }
        help_texts = {
            "consent_recorded_on": "Date à laquelle la personne a accepté le partage de son dossier entre partenaires.",
            "qpv": "Laissez vide seulement en cas de dérogation motivée par la coordination.",
            "referent": "Une conseillère ou un conseiller de l'organisation référente.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["cohort"].queryset = cohorts_for(user)
        self.fields["qpv"].queryset = qpvs_for(user)
        organisations = organisations_for(user).filter(is_active=True).field_partners()
        self.fields["referent_organisation"].queryset = organisations
        advisors = (
            users_for(user)
            .filter(role__in=[Role.ADVISOR, Role.COORDINATOR], is_active=True)
            .filter(organisation__in=organisations)
            .order_by("organisation__name", "last_name", "first_name")
        )
        self.fields["referent"].queryset = advisors
        self.fields["referent"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.organisation})"
        self.fields["consent_recorded_on"].required = True
        if not perms.can_record_qpv_exception(user):
            del self.fields["qpv_exception_reason"]
        if not perms.is_coordinator(user):
            del self.fields["referent_organisation"]
            self.fields["referent"].queryset = advisors.filter(organisation_id=user.organisation_id)
        if self.instance.pk and not perms.can_view_health_data(user, self.instance):
            del self.fields["disability_recognised"]
        if self.instance.pk:
            self.fields["cohort"].disabled = not perms.is_coordinator(user)
            del self.fields["entry_situation"]  # recorded once; later situations go through the file
        else:
            today = timezone.localdate()
            self.fields["entry_date"].initial = today
            self.fields["consent_recorded_on"].initial = today
            current = [c for c in self.fields["cohort"].queryset if c.year == today.year]
            if current:
                self.fields["cohort"].initial = current[0].pk
            if not perms.is_coordinator(user):
                self.fields["referent"].initial = user.pk if perms.is_advisor(user) else None

    @property
    def fieldsets(self):
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.FIELDSETS
            if any(name in self.fields for name in names)
        ]

    def clean(self):
        cleaned = super().clean()
        referent, organisation = cleaned.get("referent"), cleaned.get("referent_organisation")
        if referent is not None and organisation is not None and referent.organisation_id != organisation.pk:
            self.add_error(
                "referent", f"{referent.get_full_name() or referent.username} n'appartient pas à {organisation}."
            )
        return cleaned

    def _post_clean(self):
        # The model is validated by the service (with the caller); the form only checks the shape.
        pass

    def service_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if not self.fields[name].disabled and name != "entry_situation" and name in self.cleaned_data
        }


class EarlyExitForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = JobSeeker
        fields = ["left_early_on", "left_early_reason"]
        widgets = {"left_early_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "left_early_on"
        ].help_text = "Laissez vide pour annuler une sortie anticipée enregistrée par erreur."

    def _post_clean(self):
        pass


class ConsentWithdrawForm(BootstrapMixin, forms.Form):
    """The date the person withdrew her consent (today by default). The rules — not in the future, not before the
    consent was given — are the model's, checked by the service (`consent_withdraw`)."""

    today_fields = ("withdrawn_on",)

    withdrawn_on = forms.DateField(
        label="Retiré le",
        widget=DateInput(),
        help_text="Le jour où la personne a retiré son consentement : au plus tard aujourd'hui.",
        error_messages={"required": "Indiquez la date du retrait.", "invalid": "Saisissez une date valide."},
    )


class TeamMemberForm(BootstrapMixin, forms.Form):
    """The coordinator adds an organisation to the team (decision of the follow-up group, from today)."""

    organisation = forms.ModelChoiceField(
        label="Organisation partenaire", queryset=None, empty_label="— choisir l'organisation —"
    )

    def __init__(self, *args, user, job_seeker, **kwargs):
        super().__init__(*args, **kwargs)
        in_team = list(job_seeker.team_members.active().values_list("organisation_id", flat=True))
        self.fields["organisation"].queryset = (
            organisations_for(user)
            .filter(is_active=True)
            .field_partners()
            .exclude(pk__in=[*in_team, job_seeker.referent_organisation_id])
        )


class BarrierForm(BootstrapMixin, forms.ModelForm):
    """Identify a barrier. The actions app adds its `action` field to `Meta.fields` (and the serializer's)."""

    today_fields = ("identified_on",)

    class Meta:
        model = Barrier
        fields = ["category", "identified_on", "comment"]
        widgets = {"identified_on": DateInput(), "comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, job_seeker=None, **kwargs):
        super().__init__(*args, **kwargs)
        if job_seeker is not None and user is not None and not perms.can_view_health_data(user, job_seeker):
            self.fields["category"].choices = [
                choice for choice in self.fields["category"].choices if choice[0] != BarrierCategory.HEALTH
            ]

    def _post_clean(self):
        pass


class BarrierStatusForm(BootstrapMixin, forms.Form):
    """Only the states the barrier can move to from where it is (BARRIER_TRANSITIONS) are offered."""

    today_fields = ("on",)

    status = forms.ChoiceField(label="Nouvel état", choices=BarrierStatus.choices)
    on = forms.DateField(label="Date du changement", widget=DateInput())
    comment = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, barrier, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = BARRIER_TRANSITIONS[BarrierStatus(barrier.status)]
        self.fields["status"].choices = [(barrier.status, f"Inchangé : {barrier.get_status_display().lower()}")] + [
            (value, label) for value, label in BarrierStatus.choices if value in allowed
        ]
        self.fields["status"].initial = barrier.status
        self.closed = not allowed


class FollowUpForm(BootstrapMixin, forms.ModelForm):
    today_fields = ("date",)

    class Meta:
        model = FollowUp
        fields = ["date", "kind", "summary", "confidential_note", "next_step", "next_step_due"]
        widgets = {
            "date": DateInput(),
            "next_step_due": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "confidential_note": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self):
        pass


class SituationForm(BootstrapMixin, forms.ModelForm):
    """The class (emploi durable, de transition…) is derived from the kind and the contract's dates, never asked."""

    today_fields = ("date",)

    class Meta:
        model = Situation
        fields = ["date", "situation", "contract_start", "contract_end", "weekly_hours", "employer", "comment"]
        widgets = {
            "date": DateInput(),
            "contract_start": DateInput(),
            "contract_end": DateInput(),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"contract_start": "Par défaut, la date de la situation."}

    def _post_clean(self):
        pass


class ImportForm(BootstrapMixin, forms.Form):
    cohort = forms.ModelChoiceField(label="Cohorte", queryset=None)
    file = forms.FileField(
        label="Fichier CSV ou XLSX", help_text="Une ligne par personne ; la ligne 1 porte les noms de colonnes."
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts_for(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError("Format non pris en charge : déposez un fichier .csv ou .xlsx.")
        if upload.size > settings.IMPORT_MAX_FILE_SIZE:
            raise ValidationError(f"Le fichier dépasse {tabular.size_label(settings.IMPORT_MAX_FILE_SIZE)}.")
        return upload


PAGE_SIZES = [25, 50, 100, 200]


class JobSeekerFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label="Nom ou prénom", required=False)
    cohort = forms.ModelChoiceField(
        label="Cohorte", queryset=None, required=False, empty_label="Toutes", widget=FastSelect
    )
    status = forms.ChoiceField(
        label="Statut", choices=[("", "Tous"), *JobSeekerStatus.choices], required=False, widget=FastSelect
    )
    qpv = forms.ModelChoiceField(label="QPV", queryset=None, required=False, empty_label="Tous", widget=FastSelect)
    referent_organisation = forms.ModelChoiceField(
        label="Organisation référente", queryset=None, required=False, empty_label="Toutes", widget=FastSelect
    )
    barrier_category = forms.ChoiceField(
        label="Frein", choices=[("", "Tous"), *BarrierCategory.choices], required=False, widget=FastSelect
    )
    referent = forms.ModelChoiceField(
        label="Conseillère ou conseiller", queryset=None, required=False, empty_label="Tous", widget=FastSelect
    )
    due = forms.ChoiceField(label="À faire", choices=[("", "Tout"), *DUE_CHOICES], required=False, widget=FastSelect)
    page_size = forms.TypedChoiceField(
        label="Par page",
        choices=[(n, n) for n in PAGE_SIZES],
        coerce=int,
        required=False,
        empty_value=50,
        initial=50,  # what the list shows without a choice
        widget=FastSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The querysets validate a chosen value (one query, only for a filter in use), and are built only for a
        # filter in use; the drop-downs show the territory's choices from the cache (cohorts.selectors.
        # filter_choices), not four queries per page.
        querysets = {
            "cohort": lambda: Cohort.objects.for_user(user),
            "qpv": lambda: qpvs_for(user),
            "referent_organisation": lambda: organisations_for(user).filter(is_active=True),
            "referent": lambda: users_for(user).filter(role__in=[Role.ADVISOR, Role.COORDINATOR]),
        }
        for name, queryset in querysets.items():
            if self.is_bound and self.data.get(self.add_prefix(name)) not in (None, ""):
                self.fields[name].queryset = queryset()
        choices = filter_choices(user)
        for name, empty_label in (
            ("cohort", "Toutes"),
            ("qpv", "Tous"),
            ("referent_organisation", "Toutes"),
            ("referent", "Tous"),
        ):
            self.fields[name].choices = [("", empty_label), *choices[name]]
        if not perms.sees_whole_cohort(user):
            self.fields["barrier_category"].choices = [
                c for c in self.fields["barrier_category"].choices if c[0] != BarrierCategory.HEALTH
            ]

    INVALID_MESSAGE = (
        "Les filtres saisis ne sont pas valides (voir les champs signalés) : aucune personne n'est listée "
        "tant qu'ils ne sont pas corrigés."
    )

    @property
    def is_invalid(self) -> bool:
        """Bound with a value it refuses: the list must show nothing rather than drop the filters."""
        return self.is_bound and not self.is_valid()

    def filters(self) -> dict:
        """The filters to apply; an invalid form raises instead of silently widening the list to everyone."""
        if self.is_invalid:
            raise ValueError("invalid filters: check form.is_invalid first")
        data = self.cleaned_data if self.is_bound else {}
        return {
            "cohort": data.get("cohort"),
            "status": data.get("status", ""),
            "qpv": data.get("qpv"),
            "referent_organisation": data.get("referent_organisation"),
            "barrier_category": data.get("barrier_category", ""),
            "referent": data.get("referent"),
            "search": data.get("q", ""),
            "due": data.get("due", ""),
        }


class ErasureForm(BootstrapMixin, forms.Form):
    """Erase a file on the person's request: a reason category (no free text: it goes to the audit trail)."""

    reason = forms.ChoiceField(
        label="Motif de l'effacement",
        choices=[("", "— choisir —"), *ERASURE_ON_REQUEST_REASONS],
        error_messages={"required": "Choisissez le motif de l'effacement."},
    )
    confirm = forms.BooleanField(
        label="Je confirme l'effacement : noms, coordonnées, date de naissance (l'année reste) et textes libres "
        "seront effacés définitivement.",
        error_messages={"required": "Cochez la case pour confirmer l'effacement."},
    )


class QPVImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label="Fichier national des QPV (CSV)",
        help_text="Colonnes code, nom et commune (ex. l'export de l'ANCT) ; séparateur « ; » ou « , ».",
    )
    communes = forms.CharField(
        label="Communes à retenir",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Une commune par ligne. Vide : toutes les communes du département, ou celles où le territoire "
            "a déjà des QPV."
        ),
    )
    dry_run = forms.BooleanField(label="Vérifier seulement, sans rien enregistrer", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Le fichier dépasse 5 Mo : est-ce bien la liste des QPV ?")
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("Déposez un fichier CSV (enregistrez le tableur au format CSV).")
        return upload

    def commune_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("communes", "").splitlines() if line.strip()]


class NationalQPVImportForm(QPVImportForm):
    """The national administrator's upload: every territory at once, or one territory with its communes."""

    territory = forms.ModelChoiceField(
        label="Territoire",
        queryset=Territory.objects.none(),
        required=False,
        empty_label="Tous les territoires",
        help_text=(
            "Tous : chaque territoire reçoit les QPV de son département dans les communes où il en a déjà (ou tout "
            "son département s'il y est seul). Un territoire neuf qui partage son département se charge seul, "
            "avec ses communes."
        ),
    )
    field_order = ["file", "territory", "communes", "dry_run"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.for_user(user).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if self.commune_list() and not cleaned.get("territory"):
            self.add_error("communes", "Les communes se donnent pour un territoire choisi.")
        return cleaned


# --- the path into the cohort and the reconnection to mainstream schemes -------------------------------------------
class CandidateForm(BootstrapMixin, forms.ModelForm):
    """Minimal data of a person identified by a partner, and the date of her consent to being identified."""

    today_fields = ("identified_on", "consent_recorded_on")

    class Meta:
        model = Candidate
        fields = [
            "last_name",
            "first_name",
            "birth_date",
            "qpv",
            "phone",
            "email",
            "identified_on",
            "consent_recorded_on",
        ]
        widgets = {
            "birth_date": DateInput(),
            "identified_on": DateInput(),
            "consent_recorded_on": DateInput(),
        }
        help_texts = {
            "birth_date": "Facultative à ce stade.",
            "consent_recorded_on": "Date à laquelle la personne a accepté d'être signalée à la Cité de l'emploi "
            "(vous en êtes l'auteur de l'enregistrement).",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qpv"].queryset = qpvs_for(user)
        if self.instance.pk:
            del self.fields["identified_on"]

    def _post_clean(self):
        pass


class CandidateFilterForm(BootstrapMixin, forms.Form):
    stage = forms.ChoiceField(label="Étape", required=False, choices=[("", "Toutes"), *CandidateStage.choices])
    identified_by = forms.TypedChoiceField(label="Repérée par", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = organisations_for(user).only("id", "name", "short_name")
        self.fields["identified_by"].choices = [("", "Toutes")] + [(o.pk, str(o)) for o in organisations]


class CandidateNotEnrolledForm(BootstrapMixin, forms.Form):
    reason = forms.ChoiceField(label="Motif", choices=[("", "---------"), *NotEnrolledReason.choices])
    on = forms.DateField(label="Date", widget=DateInput(), initial=timezone.localdate)
    meeting = forms.ModelChoiceField(
        label="Réunion du groupe de suivi",
        queryset=None,
        required=False,
        help_text="La réunion où le groupe de suivi a pris la décision.",
    )

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meetings is None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = meetings
            self.fields["meeting"].required = True


class CandidateEnrolForm(JobSeekerForm):
    """The enrolment form pre-filled with what was recorded at identification; the follow-up group's meeting when
    the territory gives it the decision."""

    meeting = forms.ModelChoiceField(
        label="Réunion du groupe de suivi qui a validé l'inscription", queryset=None, required=True
    )

    FIELDSETS = [("Décision", ["meeting"]), *JobSeekerForm.FIELDSETS]

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meetings is None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = meetings

    def service_data(self) -> dict:
        data = super().service_data()
        data.pop("meeting", None)
        return data


class PathwaySettingsForm(BootstrapMixin, forms.Form):
    enrolment_validated_by = forms.ChoiceField(
        label="Les inscriptions proposées par les partenaires sont validées par",
        choices=EnrolmentValidator.choices,
        help_text="Groupe de suivi : la coordination enregistre l'inscription (ou la non-inscription) en indiquant la "
        "réunion du groupe qui l'a décidée ; la décision s'ajoute à celles de la réunion.",
    )


class SchemeConnectionForm(BootstrapMixin, forms.ModelForm):
    today_fields = ("date",)

    class Meta:
        model = SchemeConnection
        fields = ["scheme", "date", "organisation", "comment"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(user).filter(is_active=True)
        if user.organisation_id:
            self.fields["organisation"].initial = user.organisation_id

    def _post_clean(self):
        pass
