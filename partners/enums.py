from django.db import models


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Coordinatrice ou coordinateur"
    ADVISOR = "advisor", "Conseillère ou conseiller"
    VIEWER = "viewer", "Observateur (préfecture, DREETS)"
    ADMIN = "admin", "Administrateur technique"


class OrganisationKind(models.TextChoices):
    PREFECTURE = "prefecture", "Préfecture"
    DREETS = "dreets", "DREETS"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    MISSION_LOCALE = "mission_locale", "Mission locale"
    DEPARTEMENT = "departement", "Département"
    CAP_EMPLOI = "cap_emploi", "Cap emploi"
    MUNICIPAL_EMPLOYMENT = "municipal_employment", "Mission emploi municipale"
    COORDINATOR = "coordinator", "Structure coordinatrice"
    ASSOCIATION = "association", "Association"
    EMPLOYER = "employer", "Employeur"
    OTHER = "other", "Autre"


class AuditAction(models.TextChoices):
    VIEW = "view", "Consultation"
    CREATE = "create", "Création"
    UPDATE = "update", "Modification"
    DELETE = "delete", "Suppression"
    EXPORT = "export", "Export"
    DOWNLOAD = "download", "Téléchargement"
