"""Reference lists of the cohorts app (codes in English, labels in French). See DOMAIN.md."""

import datetime

from django.db import models

from cite_emploi.dates import add_months


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
    CDI_INTERIM = "cdi_interim", "CDI intérimaire"
    CDD = "cdd", "CDD"
    TEMP = "temp", "Intérim (mission)"
    APPRENTICESHIP = "apprenticeship", "Contrat d'apprentissage"
    PROFESSIONALISATION = "professionalisation", "Contrat de professionnalisation"
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


# Contracts whose class depends on their length: 6 months or more is emploi durable, less is emploi de transition.
# Their start and end dates are required (the class is derived from them, never chosen).
FIXED_TERM_SITUATIONS = frozenset(
    {SituationKind.CDD, SituationKind.TEMP, SituationKind.APPRENTICESHIP, SituationKind.PROFESSIONALISATION}
)
# Any situation that is a job: its contract dates and weekly hours may be recorded.
EMPLOYMENT_SITUATIONS = FIXED_TERM_SITUATIONS | {
    SituationKind.CDI,
    SituationKind.CDI_INTERIM,
    SituationKind.SUBSIDISED_CONTRACT,
    SituationKind.SIAE,
    SituationKind.CIVIL_SERVICE,
}
# The threshold of a lasting job (DOMAIN.md): 6 months or more.
LASTING_JOB_MONTHS = 6

# The class of every situation whose length does not matter (fixed-term contracts are decided by their dates).
OUTCOME_CLASS_BY_SITUATION: dict[str, str] = {
    SituationKind.CDI: OutcomeClass.EMPLOI_DURABLE,
    SituationKind.CDI_INTERIM: OutcomeClass.EMPLOI_DURABLE,
    SituationKind.CIVIL_SERVICE: OutcomeClass.EMPLOI_DURABLE,
    SituationKind.BUSINESS_CREATION: OutcomeClass.EMPLOI_DURABLE,
    SituationKind.SUBSIDISED_CONTRACT: OutcomeClass.EMPLOI_DE_TRANSITION,
    SituationKind.QUALIFYING_TRAINING: OutcomeClass.SORTIE_POSITIVE,
    SituationKind.SIAE: OutcomeClass.SORTIE_POSITIVE,
}


# The former length choices (before contract dates were asked), still accepted by the API for existing clients:
# code → (kind, days before the 6-month mark of the estimated end). Same mapping as the data migration
# cohorts/0009 (docs/cohorts.md): the shortest length "6 months or more" allows, the longest "under 6 months" allows.
LEGACY_SITUATIONS: dict[str, tuple[str, int]] = {
    "cdd_6m_plus": (SituationKind.CDD, 1),
    "temp_6m_plus": (SituationKind.TEMP, 1),
    "cdd_under_6m": (SituationKind.CDD, 2),
    "temp_under_6m": (SituationKind.TEMP, 2),
}


def from_legacy_situation(code: str, day: datetime.date) -> dict:
    """The kind and estimated contract dates of a former length code recorded on `day` (same class as before)."""
    kind, days_before = LEGACY_SITUATIONS[code]
    return {
        "situation": kind,
        "contract_start": day,
        "contract_end": add_months(day, LASTING_JOB_MONTHS) - datetime.timedelta(days=days_before),
        "contract_dates_estimated": True,
    }


def lasts_six_months_or_more(start: datetime.date, end: datetime.date) -> bool:
    """A contract from 1 January to 30 June lasts 6 months: the end reaches the 6-month mark minus one day."""
    return end >= add_months(start, LASTING_JOB_MONTHS) - datetime.timedelta(days=1)


def outcome_class_for(
    situation: str, contract_start: datetime.date | None = None, contract_end: datetime.date | None = None
) -> str:
    """`emploi_durable`, `emploi_de_transition`, `sortie_positive` or `autre`, derived from the kind and, for a
    fixed-term contract (CDD, intérim, apprentissage, professionnalisation), from its dates. A fixed-term contract
    whose dates are unknown cannot be shown to last 6 months: it is an emploi de transition."""
    if situation in FIXED_TERM_SITUATIONS:
        if (
            contract_start is not None
            and contract_end is not None
            and lasts_six_months_or_more(contract_start, contract_end)
        ):
            return OutcomeClass.EMPLOI_DURABLE
        return OutcomeClass.EMPLOI_DE_TRANSITION
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


# --- the path into the cohort (DOMAIN.md): identified → contacted → proposed → enrolled | not enrolled -----------
class CandidateStage(models.TextChoices):
    IDENTIFIED = "identified", "Repérée"
    CONTACTED = "contacted", "Contactée"
    PROPOSED = "proposed", "Proposée à la cohorte"
    ENROLLED = "enrolled", "Inscrite"
    NOT_ENROLLED = "not_enrolled", "Non inscrite"


CANDIDATE_TRANSITIONS: dict[str, frozenset[str]] = {
    CandidateStage.IDENTIFIED: frozenset(
        {CandidateStage.CONTACTED, CandidateStage.PROPOSED, CandidateStage.NOT_ENROLLED}
    ),
    CandidateStage.CONTACTED: frozenset({CandidateStage.PROPOSED, CandidateStage.NOT_ENROLLED}),
    CandidateStage.PROPOSED: frozenset({CandidateStage.ENROLLED, CandidateStage.NOT_ENROLLED}),
    CandidateStage.ENROLLED: frozenset(),
    CandidateStage.NOT_ENROLLED: frozenset(),
}
OPEN_CANDIDATE_STAGES = frozenset({CandidateStage.IDENTIFIED, CandidateStage.CONTACTED, CandidateStage.PROPOSED})


class NotEnrolledReason(models.TextChoices):
    DECLINED = "declined", "La personne ne souhaite pas entrer dans la cohorte"
    NOT_REACHED = "not_reached", "Personne jamais jointe"
    NOT_ELIGIBLE = "not_eligible", "Ne remplit pas les critères (QPV, situation)"
    OTHER_SCHEME = "other_scheme", "Mieux accompagnée par un autre dispositif"
    COHORT_FULL = "cohort_full", "Cohorte complète"
    OTHER = "other", "Autre motif"


class EnrolmentValidator(models.TextChoices):
    """Who validates an enrolment proposed by a partner: the territory chooses."""

    COORDINATOR = "coordinator", "La coordination"
    FOLLOW_UP_GROUP = "follow_up_group", "Le groupe de suivi (décision prise en réunion)"


# --- reconnection to mainstream schemes (droit commun), recorded as results for a person ---------------------------
class Scheme(models.TextChoices):
    FRANCE_TRAVAIL = "france_travail", "Inscription à France Travail"
    CEJ = "cej", "Contrat d'engagement jeune (CEJ)"
    PLIE = "plie", "Plan local pour l'insertion et l'emploi (PLIE)"
    PASS_IAE = "pass_iae", "PASS IAE (insertion par l'activité économique)"
    MISSION_LOCALE = "mission_locale", "Suivi par la Mission locale"
    RSA_SUPPORT = "rsa_support", "Accompagnement RSA"
