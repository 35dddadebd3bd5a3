"""Reference lists of the cohorts app (codes in English, labels in French). See DOMAIN.md."""

from django.db import models


class Sex(models.TextChoices):
    FEMALE = "F", "Femme"
    MALE = "M", "Homme"
    OTHER = "X", "Autre ou non précisé"


class JobSeekerStatus(models.TextChoices):
    IN_FOLLOW_UP = "in_follow_up", "En suivi"
    COMPLETED = "completed", "Suivi terminé"
    LEFT_EARLY = "left_early", "Sortie anticipée"


class EarlyExitReason(models.TextChoices):
    MOVED_AWAY = "moved_away", "Déménagement"
    GAVE_UP = "gave_up", "Abandon"
    LOST_CONTACT = "lost_contact", "Perte de contact"
    OTHER = "other", "Autre motif"


class LabourMarketStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", "Demandeur d'emploi"
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", "Demandeur d'emploi de longue durée"
    INACTIVE = "inactive", "Inactif"
    EMPLOYED = "employed", "En emploi"


class EducationLevel(models.TextChoices):
    ISCED_0_2 = "isced_0_2", "Jusqu'au collège (CITE 0 à 2)"
    ISCED_3_4 = "isced_3_4", "Lycée, CAP, BEP, bac (CITE 3 et 4)"
    ISCED_5_8 = "isced_5_8", "Enseignement supérieur (CITE 5 à 8)"


class BarrierCategory(models.TextChoices):
    MOBILITY = "mobility", "Mobilité"
    CHILDCARE = "childcare", "Garde d'enfants et contraintes familiales"
    HEALTH = "health", "Santé"
    LANGUAGE = "language", "Maîtrise du français et savoirs de base"
    HOUSING = "housing", "Logement"
    FINANCIAL = "financial", "Précarité et difficultés financières"
    ADMINISTRATIVE = "administrative", "Difficultés administratives et accès aux droits"
    DIGITAL = "digital", "Numérique"
    DISCRIMINATION = "discrimination", "Discrimination"
    EMPLOYER_LINK = "employer_link", "Lien à l'entreprise et réseau"
    CONFIDENCE = "confidence", "Confiance en soi et remobilisation"
    OTHER = "other", "Autre"


# Health is sensitive data (RGPD art. 9): only the referent organisation and the coordinator see it.
SENSITIVE_BARRIER_CATEGORIES = frozenset({BarrierCategory.HEALTH})


class BarrierStatus(models.TextChoices):
    IDENTIFIED = "identified", "Identifié"
    IN_PROGRESS = "in_progress", "En cours de levée"
    LIFTED = "lifted", "Levé"
    NOT_LIFTED = "not_lifted", "Non levé"
    ABANDONED = "abandoned", "Abandonné"


BARRIER_TRANSITIONS: dict[str, frozenset[str]] = {
    BarrierStatus.IDENTIFIED: frozenset(
        {BarrierStatus.IN_PROGRESS, BarrierStatus.LIFTED, BarrierStatus.NOT_LIFTED, BarrierStatus.ABANDONED}
    ),
    BarrierStatus.IN_PROGRESS: frozenset({BarrierStatus.LIFTED, BarrierStatus.NOT_LIFTED, BarrierStatus.ABANDONED}),
    BarrierStatus.LIFTED: frozenset(),
    BarrierStatus.NOT_LIFTED: frozenset({BarrierStatus.IN_PROGRESS}),
    BarrierStatus.ABANDONED: frozenset({BarrierStatus.IN_PROGRESS}),
}
CLOSED_BARRIER_STATUSES = frozenset({BarrierStatus.LIFTED, BarrierStatus.NOT_LIFTED, BarrierStatus.ABANDONED})


class FollowUpKind(models.TextChoices):
    INDIVIDUAL_MEETING = "individual_meeting", "Entretien individuel"
    PHONE_CALL = "phone_call", "Appel téléphonique"
    GROUP_WORKSHOP = "group_workshop", "Atelier collectif"
    COMPANY_VISIT = "company_visit", "Visite d'entreprise"
    JOB_MATCHING = "job_matching", "Mise en relation avec un employeur"
    ORIENTATION = "orientation", "Orientation vers un partenaire"
    OTHER = "other", "Autre"


class SituationKind(models.TextChoices):
    JOB_SEEKING = "job_seeking", "En recherche d'emploi"
    CDI = "cdi", "CDI"
    CDD_6M_PLUS = "cdd_6m_plus", "CDD de 6 mois ou plus"
    CDD_UNDER_6M = "cdd_under_6m", "CDD de moins de 6 mois"
    TEMP_6M_PLUS = "temp_6m_plus", "Intérim de 6 mois ou plus"
    TEMP_UNDER_6M = "temp_under_6m", "Intérim de moins de 6 mois"
    SUBSIDISED_CONTRACT = "subsidised_contract", "Contrat aidé chez un employeur ordinaire"
    SIAE = "siae", "Embauche par une structure d'insertion (SIAE)"
    CIVIL_SERVICE = "civil_service", "Emploi dans la fonction publique"
    BUSINESS_CREATION = "business_creation", "Création d'entreprise"
    QUALIFYING_TRAINING = "qualifying_training", "Formation qualifiante ou pré-qualifiante"
    OTHER_TRAINING = "other_training", "Autre formation"
    INACTIVE = "inactive", "Inactivité"
    MOVED_AWAY = "moved_away", "Déménagement"
    LOST_CONTACT = "lost_contact", "Perte de contact"
    OTHER = "other", "Autre situation"


class OutcomeClass(models.TextChoices):
    """Insertion exits as defined in France; the threshold of a lasting job is 6 months or more."""

    EMPLOI_DURABLE = "emploi_durable", "Emploi durable (6 mois ou plus)"
    EMPLOI_DE_TRANSITION = "emploi_de_transition", "Emploi de transition (moins de 6 mois)"
    SORTIE_POSITIVE = "sortie_positive", "Sortie positive (formation, SIAE)"
    AUTRE = "autre", "Autre situation"


# The one mapping from a situation to its outcome class (Python and SQL both read it).
OUTCOME_CLASS_BY_SITUATION: dict[str, str] = {
    SituationKind.CDI: OutcomeClass.EMPLOI_DURABLE,
    SituationKind.CDD_6M_PLUS: OutcomeClass.EMPLOI_DURABLE,
    SituationKind.TEMP_6M_PLUS: OutcomeClass.EMPLOI_DURABLE,
    SituationKind.CIVIL_SERVICE: OutcomeClass.EMPLOI_DURABLE,
    SituationKind.BUSINESS_CREATION: OutcomeClass.EMPLOI_DURABLE,
    SituationKind.CDD_UNDER_6M: OutcomeClass.EMPLOI_DE_TRANSITION,
    SituationKind.TEMP_UNDER_6M: OutcomeClass.EMPLOI_DE_TRANSITION,
    SituationKind.SUBSIDISED_CONTRACT: OutcomeClass.EMPLOI_DE_TRANSITION,
    SituationKind.QUALIFYING_TRAINING: OutcomeClass.SORTIE_POSITIVE,
    SituationKind.SIAE: OutcomeClass.SORTIE_POSITIVE,
}


def outcome_class_for(situation: str) -> str:
    """`emploi_durable`, `emploi_de_transition`, `sortie_positive` or `autre` for a situation code."""
    return OUTCOME_CLASS_BY_SITUATION.get(situation, OutcomeClass.AUTRE)


class Milestone(models.TextChoices):
    ENTRY = "entry", "À l'entrée"
    SIX_MONTHS = "six_months", "À 6 mois"
    TWELVE_MONTHS = "twelve_months", "À 12 mois (fin du suivi)"
    SIX_MONTHS_AFTER = "six_months_after", "6 mois après la fin"


class ErasureReason(models.TextChoices):
    """Why a file is anonymised: the category goes to the audit trail, never a free text."""

    RETENTION = "retention", "Durée de conservation échue (2 ans après le dernier contact)"
    ERASURE_REQUEST = "erasure_request", "Demande d'effacement de la personne (art. 17 RGPD)"
    OBJECTION = "objection", "Opposition de la personne au traitement (art. 21 RGPD)"
    ENROLLED_BY_MISTAKE = "enrolled_by_mistake", "Inscription par erreur ou sans consentement valable"
    CONSENT_WITHDRAWN = "consent_withdrawn", "Retrait du consentement au partage entre partenaires"


# The reasons the coordinator picks on the erasure form (the retention delay is the periodic job's).
ERASURE_ON_REQUEST_REASONS = [choice for choice in ErasureReason.choices if choice[0] != ErasureReason.RETENTION]


# The age bands of the reports and the pseudonymised export, on the year of birth (they survive anonymisation):
# (code, label, the age below which the band applies; None for the last one).
AGE_BANDS = (
    ("under_26", "Moins de 26 ans", 26),
    ("26_49", "De 26 à 49 ans", 50),
    ("50_plus", "50 ans et plus", None),
)


def age_band_label(age: int) -> str:
    return next(label for _code, label, below in AGE_BANDS if below is None or age < below)


class TeamReason(models.TextChoices):
    """Why an organisation joined (or left) a person's follow-up team (issue 15)."""

    REFERRAL = "referral", "Orientation acceptée"
    GROUP_DECISION = "group_decision", "Décision du groupe de suivi"
    ENROLMENT = "enrolment", "Inscription dans la cohorte"
    LEFT = "left", "Départ de l'équipe"


# A membership starts by one of these reasons and ends by one of the others.
TEAM_JOIN_REASONS = (TeamReason.REFERRAL, TeamReason.GROUP_DECISION, TeamReason.ENROLMENT)
TEAM_END_REASONS = (TeamReason.LEFT, TeamReason.GROUP_DECISION)


class ConsentPurpose(models.TextChoices):
    """What the person agreed to share, and with whom (the organisation concerned is on the consent)."""

    REFERRAL = "referral", "Orientation vers un partenaire (partage de la fiche avec l'organisation)"
