"""Reference lists of the FSE+ app (Regulation (EU) 2021/1057, Annex I): codes in English, labels in French."""

from django.db import models

from cohorts.enums import EducationLevel, LabourMarketStatus, Sex  # noqa: F401  (the cohort's lists, one place)


class CofundingStatus(models.TextChoices):
    """The life of the FSE+ co-funding of an operation: requested → programmed → received."""

    REQUESTED = "requested", "Demandé"
    PROGRAMMED = "programmed", "Programmé"
    RECEIVED = "received", "Reçu"


COFUNDING_TRANSITIONS = {
    CofundingStatus.REQUESTED: (CofundingStatus.PROGRAMMED,),
    CofundingStatus.PROGRAMMED: (CofundingStatus.RECEIVED,),
    CofundingStatus.RECEIVED: (),
}


class CostCategory(models.TextChoices):
    """The eligible cost plan's categories (Ma Démarche FSE+ plan de financement)."""

    DIRECT_STAFF = "direct_staff", "Dépenses directes de personnel"
    DIRECT_OPERATING = "direct_operating", "Dépenses directes de fonctionnement"
    EXTERNAL_SERVICES = "external_services", "Prestations externes"
    PARTICIPANTS = "participants", "Dépenses liées aux participants"
    INDIRECT = "indirect", "Dépenses indirectes"


class FlatRateBase(models.TextChoices):
    """What a flat rate is calculated on (Regulation (EU) 2021/1060, art. 54 to 56)."""

    DIRECT_STAFF = "direct_staff", "Dépenses directes de personnel"
    DIRECT_COSTS = "direct_costs", "Toutes les dépenses directes"


class Answer(models.TextChoices):
    """A sensitive characteristic: the person may refuse to answer (Annex I, note on sensitive data)."""

    YES = "yes", "Oui"
    NO = "no", "Non"
    REFUSED = "refused", "Ne souhaite pas répondre"


class AgeBand(models.TextChoices):
    """Age at entry, in the Annex I bands."""

    UNDER_18 = "under_18", "Moins de 18 ans"
    FROM_18_TO_29 = "18_29", "18 à 29 ans"
    FROM_30_TO_54 = "30_54", "30 à 54 ans"
    FROM_55 = "55_plus", "55 ans et plus"


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    if age < 18:
        return AgeBand.UNDER_18
    if age < 30:
        return AgeBand.FROM_18_TO_29
    if age < 55:
        return AgeBand.FROM_30_TO_54
    return AgeBand.FROM_55


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "En préparation"
    SUBMITTED = "submitted", "Déposée"
    PAID = "paid", "Payée"


class ReportStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Prêt"
    FAILED = "failed", "Échec"


# The sensitive characteristics (Annex I, "disadvantaged participants"): field name → label. Only the roles that see
# health data today (cohorts.perms.can_view_health_data) read them, per person; everyone else gets aggregates.
SENSITIVE_FIELDS = {
    "disability": "Personne handicapée",
    "third_country_national": "Ressortissant de pays tiers",
    "foreign_background": "Personne d'origine étrangère",
    "minority": "Minorité (y compris communautés marginalisées telles que les Roms)",
    "homeless": "Sans domicile ou exclue du logement",
    "rural_area": "Habitant en zone rurale",
}
