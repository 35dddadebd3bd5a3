"""Forms of the pages. They validate input; the services do the writing."""

import re

from django import forms
from django.utils import timezone

from cite_emploi.forms import DateInput
from cite_emploi.text import normalise
from cohorts.enums import OutcomeClass
from cohorts.models import JobSeeker
from partners.models import Organisation

from .enums import ActionStatus, BarrierCategory, BudgetCategory
from .models import Action, Participation
from .services.actions import outcome_code_from


class ActionFilterForm(forms.Form):
    q = forms.CharField(label="Recherche", required=False)
    status = forms.ChoiceField(label="Statut", choices=[("", "Tous"), *ActionStatus.choices], required=False)
    barrier_category = forms.ChoiceField(
        label="Frein visé", choices=[("", "Tous"), *BarrierCategory.choices], required=False
    )
    year = forms.IntegerField(label="Année", required=False, min_value=2020, max_value=2100)

    INVALID_MESSAGE = (
        "Les filtres saisis ne sont pas valides (voir les champs signalés) : aucune action n'est listée "
        "tant qu'ils ne sont pas corrigés."
    )


# « Libellé [emploi durable] »: the national class an outcome type counts as, typed at the end of its line.
CLASS_SUFFIX = re.compile(r"\[([^\]]*)\]$")
CLASS_WORDS = {
    OutcomeClass.EMPLOI_DURABLE: "emploi durable",
    OutcomeClass.EMPLOI_DE_TRANSITION: "emploi de transition",
    OutcomeClass.SORTIE_POSITIVE: "sortie positive",
    OutcomeClass.AUTRE: "autre",
}
CLASS_BY_WORD = {word: value for value, word in CLASS_WORDS.items()}


class ActionForm(forms.ModelForm):
    barrier_categories = forms.MultipleChoiceField(
        label="Freins visés", choices=BarrierCategory.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    outcome_types_text = forms.CharField(
        label="Résultats suivis",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Un résultat par ligne, ex. « Solution de garde pérenne ». Pour qu'un résultat compte dans les sorties "
        "de la cohorte, terminez la ligne par sa classe entre crochets : [emploi durable] (6 mois ou plus), "
        "[emploi de transition], [sortie positive] ; sans crochets : [autre].",
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "objectives",
            "lead_organisation",
            "partner_organisations",
            "barrier_categories",
            "start_date",
            "end_date",
            "capacity",
            "fse_plus_cofunded",
            "shared_nationally",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "partner_organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.for_user(user).active().field_partners().order_by("name")
        self.fields["lead_organisation"].queryset = organisations
        self.fields["partner_organisations"].queryset = organisations
        if self.instance.pk and not self.is_bound:
            self.initial["outcome_types_text"] = "\n".join(
                ot.label
                if ot.national_class == OutcomeClass.AUTRE
                else f"{ot.label} [{CLASS_WORDS[ot.national_class]}]"
                for ot in self.instance.outcome_types.all()
            )

    def clean_outcome_types_text(self):
        text = self.cleaned_data["outcome_types_text"]
        for line in text.splitlines():
            match = CLASS_SUFFIX.search(line.strip())
            if match and match.group(1).strip().lower() not in CLASS_BY_WORD:
                raise forms.ValidationError(
                    f"Classe inconnue « {match.group(1)} » : écrivez [emploi durable], [emploi de transition], "
                    "[sortie positive] ou [autre]."
                )
        return text

    def outcome_types(self) -> list[dict]:
        existing = {}
        if self.instance.pk:
            existing = {ot.label: ot.code for ot in self.instance.outcome_types.all()}
        items = []
        for line in self.cleaned_data["outcome_types_text"].splitlines():
            label, national_class = line.strip(), OutcomeClass.AUTRE
            if match := CLASS_SUFFIX.search(label):
                national_class = CLASS_BY_WORD[match.group(1).strip().lower()]
                label = label[: match.start()].strip()
            if label:
                code = existing.get(label) or outcome_code_from(label)
                items.append({"code": code, "label": label, "national_class": national_class})
        return items

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["partner_organisations"] = list(data["partner_organisations"])
        data["outcome_types"] = self.outcome_types()
        return data


class EnrolForm(forms.Form):
    job_seeker = forms.ModelChoiceField(
        label="Personne de la cohorte",
        queryset=JobSeeker.objects.none(),
        required=False,
        empty_label="— hors cohorte —",
    )
    participant_label = forms.CharField(
        label="Pseudonyme (personne hors cohorte)",
        required=False,
        max_length=60,
        help_text="Jamais le nom : ex. « Famille 12 ».",
    )
    single_parent = forms.BooleanField(
        label="Parent isolé (personne hors cohorte)",
        required=False,
        help_text="Pour une personne de la cohorte, l'information est lue dans son dossier.",
    )
    children_count = forms.IntegerField(label="Nombre d'enfants", min_value=0, max_value=20, initial=0)
    enrolled_on = forms.DateField(label="Date d'inscription", widget=DateInput(), initial=timezone.localdate)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("job_seeker") is not None:
            data.pop("single_parent")  # read from the person's file
        return data

    def __init__(self, *args, user, action, **kwargs):
        super().__init__(*args, **kwargs)
        already = Participation.objects.filter(action=action, job_seeker__isnull=False).values("job_seeker")
        self.fields["job_seeker"].queryset = (
            JobSeeker.objects.for_user(user).exclude(pk__in=already).order_by("last_name", "first_name")
        )
        self.fields["job_seeker"].label_from_instance = lambda js: f"{js.last_name.upper()} {js.first_name}"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("job_seeker") and not cleaned.get("participant_label"):
            raise forms.ValidationError("Choisissez une personne de la cohorte ou saisissez un pseudonyme.")
        return cleaned


def _sort_key(job_seeker):
    return (normalise(job_seeker.last_name), normalise(job_seeker.first_name))


class EnrolManyForm(forms.Form):
    """Several cohort members at once, from a list that a search box filters (static/js/forms.js)."""

    job_seekers = forms.ModelMultipleChoiceField(
        label="Personnes de la cohorte",
        queryset=JobSeeker.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Cochez au moins une personne."},
    )
    enrolled_on = forms.DateField(label="Date d'inscription", widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, user, action, **kwargs):
        super().__init__(*args, **kwargs)
        already = Participation.objects.filter(action=action, job_seeker__isnull=False).values("job_seeker")
        queryset = JobSeeker.objects.for_user(user).exclude(pk__in=already).select_related("qpv")
        field = self.fields["job_seekers"]
        field.queryset = queryset
        # accent-aware order (« Élodie » with the E's), whatever the database collation
        field.choices = [
            (js.pk, f"{js.last_name.upper()} {js.first_name}{' — parent isolé' if js.single_parent else ''}")
            for js in sorted(queryset, key=_sort_key)
        ]


class OutcomesForm(forms.Form):
    """One outcome (or none) per enrolled participant, recorded in one go."""

    achieved_on = forms.DateField(label="Date des résultats", widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, action, participations, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *((ot.code, ot.label) for ot in action.outcome_types.all())]
        self.rows = []
        for participation in participations:
            name = f"resultat_{participation.pk}"
            self.fields[name] = forms.ChoiceField(
                label=participation.display_name,
                choices=choices,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.rows.append((participation, name))

    def outcomes(self):
        on = self.cleaned_data["achieved_on"]
        return [
            (participation, self.cleaned_data[name], on) for participation, name in self.rows if self.cleaned_data[name]
        ]

    def bound_rows(self):
        return [(participation, self[name]) for participation, name in self.rows]


class OutcomeForm(forms.Form):
    code = forms.ChoiceField(label="Résultat")
    achieved_on = forms.DateField(label="Date", widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(ot.code, ot.label) for ot in action.outcome_types.all()]


class WorkshopForm(forms.Form):
    topic = forms.CharField(label="Thème", max_length=200)
    date = forms.DateField(label="Date", widget=DateInput(), initial=timezone.localdate)
    attendees = forms.ModelMultipleChoiceField(
        label="Présents", queryset=Participation.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = participations
        self.fields["attendees"].label_from_instance = lambda p: p.display_name


class CoFundingForm(forms.Form):
    funder = forms.CharField(label="Financeur", max_length=120, help_text="Ex. FSE+, Département, CAF.")
    amount = forms.DecimalField(label="Montant (€)", min_value=0.01, max_digits=12, decimal_places=2)


class CommitmentForm(forms.Form):
    label = forms.CharField(label="Libellé", max_length=200)
    category = forms.ChoiceField(label="Catégorie", choices=BudgetCategory.choices)
    amount = forms.DecimalField(label="Montant (€)", min_value=0.01, max_digits=12, decimal_places=2)
    action = forms.ModelChoiceField(
        label="Action", queryset=Action.objects.none(), required=False, empty_label="— hors action —"
    )
    committed_on = forms.DateField(label="Date d'engagement", widget=DateInput(), initial=timezone.localdate)
    cofunding_source = forms.CharField(label="Cofinancement associé", max_length=120, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = Action.objects.for_user(user).order_by("title")

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["cofunding_source"] = data["cofunding_source"] or None
        return data


class CommitmentCorrectionForm(CommitmentForm):
    """Correct a paid commitment: the reason of the cancellation, and the commitment that replaces it."""

    reason = forms.CharField(
        label="Motif de la correction",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Conservé avec l'engagement annulé (sans nom de personne).",
    )

    field_order = ["reason", "label", "category", "amount", "action", "committed_on", "cofunding_source"]

    def service_data(self) -> dict:
        data = super().service_data()
        data.pop("reason")
        return data


class EnvelopeForm(forms.Form):
    year = forms.IntegerField(label="Année", min_value=2020, max_value=2100)
    amount = forms.DecimalField(label="Montant (€)", min_value=0, max_digits=12, decimal_places=2, initial=100000)
