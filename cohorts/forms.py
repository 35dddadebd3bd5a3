"""Forms of the cohorts app. They validate input shape; the rules live in services.py."""

from django import forms
from django.core.exceptions import ValidationError

from partners.enums import Role
from partners.selectors import organisations_for, users_for

from . import perms
from .enums import ERASURE_ON_REQUEST_REASONS, BarrierCategory, BarrierStatus, JobSeekerStatus
from .models import Barrier, Cohort, FollowUp, JobSeeker, Situation
from .selectors import cohorts_for, qpvs_for


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's errors on the form's fields, or above the form for fields it does not have."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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


class JobSeekerForm(BootstrapMixin, forms.ModelForm):
    """Enrolment and edition. What a field offers depends on the user (coordinator, advisor of the referent)."""

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
        }
        help_texts = {
            "consent_recorded_on": "Date à laquelle la personne a accepté le partage de son dossier entre partenaires.",
            "qpv": "Laissez vide seulement en cas de dérogation motivée par la coordination.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["cohort"].queryset = cohorts_for(user)
        self.fields["qpv"].queryset = qpvs_for(user)
        self.fields["referent_organisation"].queryset = organisations_for(user).filter(is_active=True)
        advisors = users_for(user).filter(role__in=[Role.ADVISOR, Role.COORDINATOR], is_active=True)
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

    def _post_clean(self):
        # The model is validated by the service (with the caller); the form only checks the shape.
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if not self.fields[name].disabled}


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


class TeamMemberForm(BootstrapMixin, forms.Form):
    organisation = forms.ModelChoiceField(label="Organisation partenaire", queryset=None)

    def __init__(self, *args, user, job_seeker, **kwargs):
        super().__init__(*args, **kwargs)
        in_team = [m.organisation_id for m in job_seeker.team_members.all()]
        self.fields["organisation"].queryset = (
            organisations_for(user)
            .filter(is_active=True)
            .exclude(pk__in=[*in_team, job_seeker.referent_organisation_id])
        )


class BarrierForm(BootstrapMixin, forms.ModelForm):
    """Identify a barrier. The actions app adds its `action` field to `Meta.fields` (and the serializer's)."""

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
    status = forms.ChoiceField(label="Nouvel état", choices=BarrierStatus.choices)
    on = forms.DateField(label="Date du changement", widget=DateInput())
    comment = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(BootstrapMixin, forms.ModelForm):
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
    class Meta:
        model = Situation
        fields = ["date", "situation", "employer", "comment"]
        widgets = {"date": DateInput(), "comment": forms.Textarea(attrs={"rows": 2})}

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
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError("Le fichier dépasse 5 Mo.")
        return upload


PAGE_SIZES = [25, 50, 100, 200]


class JobSeekerFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label="Nom ou prénom", required=False)
    cohort = forms.ModelChoiceField(label="Cohorte", queryset=None, required=False, empty_label="Toutes")
    status = forms.ChoiceField(label="Statut", choices=[("", "Tous"), *JobSeekerStatus.choices], required=False)
    qpv = forms.ModelChoiceField(label="QPV", queryset=None, required=False, empty_label="Tous")
    referent_organisation = forms.ModelChoiceField(
        label="Organisation référente", queryset=None, required=False, empty_label="Toutes"
    )
    barrier_category = forms.ChoiceField(
        label="Frein", choices=[("", "Tous"), *BarrierCategory.choices], required=False
    )
    referent = forms.ModelChoiceField(
        label="Conseillère ou conseiller", queryset=None, required=False, empty_label="Tous"
    )
    page_size = forms.TypedChoiceField(
        label="Par page", choices=[(n, n) for n in PAGE_SIZES], coerce=int, required=False, empty_value=50
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts_for(user)
        self.fields["qpv"].queryset = qpvs_for(user)
        self.fields["referent_organisation"].queryset = organisations_for(user).filter(is_active=True)
        referent = self.fields["referent"]
        referent.queryset = users_for(user).filter(role__in=[Role.ADVISOR, Role.COORDINATOR])
        referent.label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.organisation})"
        if not perms.sees_whole_cohort(user):
            self.fields["barrier_category"].choices = [
                c for c in self.fields["barrier_category"].choices if c[0] != BarrierCategory.HEALTH
            ]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "cohort": data.get("cohort"),
            "status": data.get("status", ""),
            "qpv": data.get("qpv"),
            "referent_organisation": data.get("referent_organisation"),
            "barrier_category": data.get("barrier_category", ""),
            "referent": data.get("referent"),
            "search": data.get("q", ""),
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
