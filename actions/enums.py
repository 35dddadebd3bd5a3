"""Choices of the actions app: English codes, French labels."""

from django.db import models

from cohorts.enums import BarrierCategory  # noqa: F401  (one list of barrier categories, DOMAIN.md)


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "En préparation"
    RUNNING = "running", "En cours"
    CLOSED = "closed", "Terminée"


# planned → running → closed; nothing goes back.
ACTION_TRANSITIONS = {
    ActionStatus.PLANNED: (ActionStatus.RUNNING,),
    ActionStatus.RUNNING: (ActionStatus.CLOSED,),
    ActionStatus.CLOSED: (),
}


class BudgetCategory(models.TextChoices):
    TRAINING = "training", "Formation"
    BARRIER_LIFTING = "barrier_lifting", "Levée des freins périphériques"
    TECHNICAL_PLATFORM = "technical_platform", "Plateforme technique"
    COMPANY_VISITS = "company_visits", "Visites d'entreprises"
    MOBILITY = "mobility", "Mobilité"
    CHILDCARE = "childcare", "Garde d'enfants"
    COORDINATION = "coordination", "Coordination et fonctionnement"
    OTHER = "other", "Autre"


class CommitmentStatus(models.TextChoices):
    COMMITTED = "committed", "Engagé"
    PAID = "paid", "Payé"
    CANCELLED = "cancelled", "Annulé"


# committed → paid | cancelled; a cancelled commitment may be reactivated (→ committed) if the envelope allows it and
# it was never paid. A paid commitment is frozen: it is only cancelled, with a reason, to be replaced (a correction).
COMMITMENT_TRANSITIONS = {
    CommitmentStatus.COMMITTED: (CommitmentStatus.PAID, CommitmentStatus.CANCELLED),
    CommitmentStatus.PAID: (CommitmentStatus.CANCELLED,),  # a correction: with a reason, then a new commitment
    CommitmentStatus.CANCELLED: (CommitmentStatus.COMMITTED,),
}


class ParticipationStatus(models.TextChoices):
    ENROLLED = "enrolled", "Inscrit"
    WAITING = "waiting", "Sur liste d'attente"
