"""Forms of the FSE+ pages. They validate input; the services write."""

from django import forms

from actions.models import Action
from cite_emploi.forms import DateInput

from .enums import SENSITIVE_FIELDS, Answer, CostCategory, FlatRateBase
from .models import Operation, Participant

TRI_STATE = [("", "Non renseigné"), ("true", "Oui"), ("false", "Non")]


class OperationForm(forms.ModelForm):
    actions = forms.ModelMultipleChoiceField(
        label="Actions cofinancées", queryset=Action.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Operation
        fields = [
            "number",
            "title",
            "actions",
            "period_start",
            "period_end",
            "cofunding_rate",
            "requested_on",
            "amount_requested",
            "programmed_on",
            "amount_programmed",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "requested_on": DateInput(),
            "programmed_on": DateInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = Action.objects.for_user(user).order_by("title")

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["actions"] = list(data["actions"])
        return data


class CostLineForm(forms.Form):
    category = forms.ChoiceField(label="Catégorie", choices=CostCategory.choices)
    label = forms.CharField(label="Libellé", max_length=200)
    amount = forms.DecimalField(label="Montant éligible prévu (€)", min_value=0.01, max_digits=12, decimal_places=2)


class FlatRateForm(forms.Form):
    covers = forms.ChoiceField(label="Catégorie payée au forfait", choices=CostCategory.choices)
    base = forms.ChoiceField(label="Calculée sur", choices=FlatRateBase.choices)
    rate = forms.DecimalField(label="Taux (%)", min_value=0.01, max_value=100, max_digits=5, decimal_places=2)


class ExpenseForm(forms.Form):
    category = forms.ChoiceField(label="Catégorie", choices=CostCategory.choices)
    label = forms.CharField(label="Libellé", max_length=200)
    amount = forms.DecimalField(label="Montant (€)", min_value=0.01, max_digits=12, decimal_places=2)
    incurred_on = forms.DateField(label="Date de la dépense", widget=DateInput())


class ClaimForm(forms.Form):
    amount_claimed = forms.DecimalField(label="FSE+ demandé (€)", min_value=0, max_digits=12, decimal_places=2)
    submitted_on = forms.DateField(label="Déposée le", widget=DateInput(), required=False)


class PaymentForm(forms.Form):
    claim = forms.IntegerField(widget=forms.HiddenInput)
    paid_on = forms.DateField(label="Payée le", widget=DateInput())
    amount_received = forms.DecimalField(label="FSE+ reçu (€)", min_value=0, max_digits=12, decimal_places=2)


FINANCE_FORMS = {
    "ligne": CostLineForm,
    "forfait": FlatRateForm,
    "depense": ExpenseForm,
    "demande": ClaimForm,
    "paiement": PaymentForm,
}


def _tri_state(label):
    return forms.TypedChoiceField(
        label=label,
        choices=TRI_STATE,
        required=False,
        coerce=lambda value: {"true": True, "false": False}.get(value),
        empty_value=None,
    )


class ParticipantForm(forms.Form):
    """The FSE+ data of one participant: only what her file does not already say, and the sensitive
    characteristics only for whom may read them (the view removes the fields)."""

    last_name = forms.CharField(label="Nom", max_length=100, required=False)
    first_name = forms.CharField(label="Prénom", max_length=100, required=False)
    birth_date = forms.DateField(label="Date de naissance", widget=DateInput(), required=False)
    sex = forms.ChoiceField(
        label="Sexe", choices=[("", "Non renseigné"), *Participant._meta.get_field("sex").choices], required=False
    )
    labour_market_status = forms.ChoiceField(
        label="Situation sur le marché du travail à l'entrée",
        choices=[("", "Non renseignée"), *Participant._meta.get_field("labour_market_status").choices],
        required=False,
    )
    education_level = forms.ChoiceField(
        label="Niveau d'études",
        choices=[("", "Non renseigné"), *Participant._meta.get_field("education_level").choices],
        required=False,
    )
    left_on = forms.DateField(label="Sortie de l'opération", widget=DateInput(), required=False)
    leaving_job_searching = _tri_state("En recherche d'emploi à la sortie")
    leaving_in_education = _tri_state("En études ou en formation à la sortie")
    leaving_qualification = _tri_state("A obtenu une qualification à la sortie")
    leaving_employed = _tri_state("En emploi (y compris indépendant) à la sortie")
    six_months_checked_on = forms.DateField(label="Situation à 6 mois vérifiée le", widget=DateInput(), required=False)
    six_months_employed = _tri_state("En emploi (y compris indépendant) 6 mois après la sortie")
    six_months_improved = _tri_state("Situation sur le marché du travail améliorée 6 mois après la sortie")

    IDENTITY = ("last_name", "first_name", "birth_date")

    def __init__(self, *args, provided=(), sensitive=True, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in SENSITIVE_FIELDS.items():
            self.fields[name] = forms.ChoiceField(
                label=label, choices=[("", "Non demandé"), *Answer.choices], required=False
            )
        for name in provided:
            self.fields.pop(name, None)
        if not sensitive:
            for name in SENSITIVE_FIELDS:
                self.fields.pop(name, None)

    def identity_fields(self):
        return [self[name] for name in self.IDENTITY if name in self.fields]

    def entry_fields(self):
        names = ("sex", "labour_market_status", "education_level")
        return [self[name] for name in names if name in self.fields]

    def sensitive_fields(self):
        return [self[name] for name in SENSITIVE_FIELDS if name in self.fields]

    def result_fields(self):
        names = (
            "left_on",
            "leaving_job_searching",
            "leaving_in_education",
            "leaving_qualification",
            "leaving_employed",
            "six_months_checked_on",
            "six_months_employed",
            "six_months_improved",
        )
        return [self[name] for name in names if name in self.fields]

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class PeriodForm(forms.Form):
    period_start = forms.DateField(label="Du", widget=DateInput(), required=False)
    period_end = forms.DateField(label="Au", widget=DateInput(), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            raise forms.ValidationError("La fin de la période ne peut pas précéder son début.")
        return data
