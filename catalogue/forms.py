from django import forms

from actions.enums import BarrierCategory

from .enums import OutcomeClass, TargetPublic


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label="Recherche (accents ignorés)", required=False, max_length=200)
    barrier_category = forms.ChoiceField(
        label="Frein visé", choices=[("", "Tous"), *BarrierCategory.choices], required=False
    )
    public = forms.ChoiceField(label="Public", choices=[("", "Tous"), *TargetPublic.choices], required=False)
    result_class = forms.ChoiceField(
        label="Résultats",
        choices=[("", "Tous"), *((code, f"Avec des sorties « {label} »") for code, label in OutcomeClass.choices)],
        required=False,
    )
    cost_min = forms.IntegerField(label="Coût total minimal (€)", required=False, min_value=0, max_value=10**9)
    cost_max = forms.IntegerField(label="Coût total maximal (€)", required=False, min_value=0, max_value=10**9)
    mine = forms.ChoiceField(
        label="Fiches",
        choices=[("", "Toutes les Cités"), ("1", "Mon territoire (retirées comprises)")],
        required=False,
    )

    INVALID_MESSAGE = (
        "Les filtres saisis ne sont pas valides (voir les champs signalés) : aucune fiche n'est listée "
        "tant qu'ils ne sont pas corrigés."
    )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("cost_min"), cleaned.get("cost_max")
        if low is not None and high is not None and low > high:
            self.add_error("cost_max", "Le coût maximal doit être supérieur ou égal au coût minimal.")
        return cleaned


class PublishForm(forms.Form):
    public_categories = forms.MultipleChoiceField(
        label="Publics visés", choices=TargetPublic.choices, widget=forms.CheckboxSelectMultiple
    )
    public_description = forms.CharField(
        label="Public visé, en quelques mots",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Ex. « Familles des QPV en parcours d'insertion, dont 3 sur 4 monoparentales ».",
    )
    duration_description = forms.CharField(
        label="Durée de l'accompagnement",
        required=False,
        max_length=500,
        help_text="Ex. « 6 mois par famille, entrées tout au long de l'année ».",
    )
    transfer_conditions = forms.CharField(
        label="Conditions pour la reprendre",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Partenaires indispensables, compétences, locaux, délais de mise en place, points de vigilance.",
    )
    contact_organisation = forms.CharField(label="Structure à contacter", required=False, max_length=200)
    contact_role = forms.CharField(
        label="Fonction", required=False, max_length=200, help_text="Ex. « Chargée de mission Cité de l'emploi »."
    )
    contact_email = forms.EmailField(
        label="Adresse électronique de contact",
        max_length=254,
        help_text="Une adresse professionnelle, de préférence une boîte de service.",
    )
    contact_phone = forms.CharField(label="Téléphone de contact", required=False, max_length=30)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier de fiches (JSON, schéma v1)",
        help_text="Un fichier exporté depuis le catalogue d'un autre déploiement : une ou plusieurs fiches.",
    )
