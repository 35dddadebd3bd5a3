from django.db import models


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Coordinatrice ou coordinateur"
    ADVISOR = "advisor", "Conseillère ou conseiller"
    VIEWER = "viewer", "Observateur (préfecture, DREETS)"
    ADMIN = "admin", "Administrateur technique"
    # The national layer (ANCT, DGEFP): no territory, no organisation (see partners.perms.NATIONAL_ROLES).
    NATIONAL_VIEWER = "national_viewer", "Observateur national (ANCT, DGEFP)"
    NATIONAL_ADMIN = "national_admin", "Administrateur national"


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
    ANONYMISE = "anonymise", "Anonymisation"
    LOGIN = "login", "Connexion"
    LOGIN_FAILED = "login_failed", "Échec de connexion"
    LOCKOUT = "lockout", "Verrouillage après échecs"
    LOGOUT = "logout", "Déconnexion"


# Traces of access (consultations, exports, downloads, authentication): purged after ACCESS_LOG_RETENTION_DAYS.
# Anonymisation entries are kept: they prove the erasure took place and hold no personal data.
ACCESS_LOG_PURGED_ACTIONS = frozenset(set(AuditAction.values) - {AuditAction.ANONYMISE})
AUTH_ACTIONS = frozenset({AuditAction.LOGIN, AuditAction.LOGIN_FAILED, AuditAction.LOCKOUT, AuditAction.LOGOUT})


class GroupKind(models.TextChoices):
    TECHNICAL_GROUP = "technical_group", "Groupe technique"
    FOLLOW_UP_GROUP = "follow_up_group", "Groupe de suivi"
    STRATEGIC_COMMITTEE = "strategic_committee", "Comité stratégique"


# A meeting is held by one of the groups: the same codes.
MeetingKind = GroupKind

# What a viewer (préfecture, DREETS) may see: the governance bodies, never the case reviews.
GOVERNANCE_KINDS = frozenset({GroupKind.TECHNICAL_GROUP, GroupKind.STRATEGIC_COMMITTEE})


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", "Invité"
    PRESENT = "present", "Présent"
    EXCUSED = "excused", "Excusé"
    ABSENT = "absent", "Absent"


class DecisionStatus(models.TextChoices):
    OPEN = "open", "En cours"
    DONE = "done", "Réalisée"
    DROPPED = "dropped", "Abandonnée"
