"""Participants: enrol (or put on the waiting list), leave, outcomes, workshops.

Audit entries name the participation by id only: never a name or a pseudonym.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cohorts.models import JobSeeker
from partners.enums import AuditAction
from partners.services import audit_record

from .. import perms
from ..enums import ActionStatus, ParticipationStatus
from ..models import Action, OutcomeType, Participation, ParticipationOutcome, Workshop


def _has_room(action: Action) -> bool:
    if action.capacity is None:
        return True
    return (
        action.participations.filter(status=ParticipationStatus.ENROLLED, left_on__isnull=True).count()
        < action.capacity
    )


@transaction.atomic
def participation_enrol(
    *,
    actor,
    action: Action,
    job_seeker=None,
    participant_label: str = "",
    single_parent: bool | None = None,
    children_count: int = 0,
    enrolled_on: datetime.date | None = None,
) -> Participation:
    """Enrol a cohort member (visible to the actor) or a pseudonymous person; on the waiting list when full.

    `single_parent` left to None is read from the person's file when she is in the cohort ("parent isolé" is
    asked once, at enrolment in the cohort)."""
    action = Action.objects.select_for_update().get(pk=action.pk)  # serialise enrolments against the capacity
    if action.territory_id != actor.territory_id or not perms.can_enrol(actor, action):
        raise PermissionDenied("Vous ne pouvez pas inscrire de participant à cette action.")
    if action.status == ActionStatus.CLOSED:
        raise ValidationError("Cette action est terminée : elle n'accepte plus d'inscription.")
    if job_seeker is not None:
        if not JobSeeker.objects.for_user(actor).filter(pk=job_seeker.pk).exists():
            raise ValidationError({"job_seeker": "Vous ne suivez pas cette personne."})
        participant_label = ""
        if single_parent is None:
            single_parent = job_seeker.single_parent
    elif not perms.can_enrol_pseudonymous(actor, action):
        raise PermissionDenied(
            "Seules la coordination et les structures de l'action inscrivent des personnes hors cohorte."
        )
    participation = Participation(
        action=action,
        job_seeker=job_seeker,
        participant_label=(participant_label or "").strip(),
        single_parent=bool(single_parent),
        children_count=children_count,
        enrolled_on=enrolled_on or timezone.localdate(),
        status=ParticipationStatus.ENROLLED if _has_room(action) else ParticipationStatus.WAITING,
        enrolled_by_id=actor.organisation_id,
    )
    participation.full_clean()
    participation.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=participation)
    return participation


@transaction.atomic
def participation_update(*, actor, participation: Participation, **data) -> Participation:
    allowed = {"single_parent", "children_count", "enrolled_on", "left_on", "participant_label"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "Ce champ ne peut pas être modifié."))
    _check_can_edit(actor, participation)
    leaving = data.get("left_on") is not None and participation.left_on is None
    changed = [name for name, value in data.items() if getattr(participation, name) != value]
    for name, value in data.items():
        setattr(participation, name, value)
    participation.full_clean()
    participation.save()
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=participation, fields=changed)
    if leaving and participation.status == ParticipationStatus.ENROLLED:
        _promote_from_waiting_list(actor, participation.action)
    return participation


def _check_can_edit(actor, participation: Participation) -> None:
    if not perms.can_edit_participation(actor, participation):
        raise PermissionDenied("Vous ne suivez pas ce participant.")


def _promote_from_waiting_list(actor, action: Action) -> None:
    action = Action.objects.select_for_update().get(pk=action.pk)
    first = action.participations.filter(status=ParticipationStatus.WAITING).order_by("enrolled_on", "id").first()
    if first is not None and _has_room(action):
        first.status = ParticipationStatus.ENROLLED
        first.save(update_fields=["status"])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=first, fields=["status"], detail="liste d'attente → inscrit"
        )


@transaction.atomic
def participations_enrol_many(
    *, actor, action: Action, job_seekers, enrolled_on: datetime.date | None = None
) -> list[Participation]:
    """Enrol several cohort members at once, all or nothing; past the capacity they go on the waiting list."""
    return [
        participation_enrol(actor=actor, action=action, job_seeker=job_seeker, enrolled_on=enrolled_on)
        for job_seeker in job_seekers
    ]


@transaction.atomic
def participation_remove(*, actor, participation: Participation, left_on: datetime.date | None = None) -> Participation:
    """Take a participant off the action: she leaves today (her outcomes stay); the waiting list moves up."""
    if participation.action.territory_id != actor.territory_id or not perms.can_enrol(actor, participation.action):
        raise PermissionDenied("Vous ne pouvez pas modifier les participants de cette action.")
    if participation.left_on is not None:
        raise ValidationError("Ce participant a déjà quitté l'action.")
    on = left_on or timezone.localdate()
    if participation.status == ParticipationStatus.WAITING:
        participation.left_on = max(on, participation.enrolled_on)
        participation.full_clean()
        participation.save(update_fields=["left_on"])
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=participation, fields=["left_on"])
        return participation
    return participation_update(actor=actor, participation=participation, left_on=max(on, participation.enrolled_on))


@transaction.atomic
def participation_promote(*, actor, participation: Participation) -> Participation:
    """Move a person from the waiting list to the participants, when the action has room."""
    if participation.action.territory_id != actor.territory_id or not perms.can_enrol(actor, participation.action):
        raise PermissionDenied("Vous ne pouvez pas modifier les participants de cette action.")
    action = Action.objects.select_for_update().get(pk=participation.action_id)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.status != ParticipationStatus.WAITING or participation.left_on is not None:
        raise ValidationError("Cette personne n'est pas sur la liste d'attente.")
    if not _has_room(action):
        raise ValidationError("L'action est complète : retirez d'abord un participant ou augmentez la capacité.")
    participation.status = ParticipationStatus.ENROLLED
    participation.save(update_fields=["status"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=participation, fields=["status"], detail="liste d'attente → inscrit"
    )
    return participation


@transaction.atomic
def participation_outcomes_record(*, actor, action: Action, outcomes) -> list[ParticipationOutcome]:
    """Record several outcomes in one go, all or nothing: `outcomes` is [(participation, code, achieved_on)]."""
    if action.territory_id != actor.territory_id or not perms.can_enrol(actor, action):
        raise PermissionDenied("Vous ne pouvez pas enregistrer de résultat pour cette action.")
    recorded = []
    for participation, code, achieved_on in outcomes:
        if participation.action_id != action.pk:
            raise ValidationError("Ce participant n'appartient pas à cette action.")
        recorded.append(
            participation_outcome_record(actor=actor, participation=participation, code=code, achieved_on=achieved_on)
        )
    return recorded


@transaction.atomic
def participation_outcome_record(
    *, actor, participation: Participation, code: str, achieved_on: datetime.date | None = None
) -> ParticipationOutcome:
    _check_can_edit(actor, participation)
    outcome_type = OutcomeType.objects.filter(action_id=participation.action_id, code=code).first()
    if outcome_type is None:
        raise ValidationError({"code": "Ce type de résultat n'est pas un de ceux de l'action."})
    if participation.status != ParticipationStatus.ENROLLED:
        raise ValidationError({"participation": "Une personne sur liste d'attente n'a pas encore de résultat."})
    outcome = ParticipationOutcome(
        participation=participation, outcome_type=outcome_type, achieved_on=achieved_on or timezone.localdate()
    )
    outcome.full_clean()
    outcome.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=outcome, detail=f"résultat {code}")
    return outcome


@transaction.atomic
def workshop_create(*, actor, action: Action, date: datetime.date, topic: str, attendees=()) -> Workshop:
    if not perms.can_record_workshop(actor, action):
        raise PermissionDenied("Votre rôle ne permet pas d'enregistrer un atelier de cette action.")
    workshop = Workshop(action=action, date=date, topic=topic)
    workshop.full_clean()
    attendees = list(attendees)
    visible = set(Participation.objects.for_user(actor).filter(action=action).values_list("pk", flat=True))
    if any(p.action_id != action.pk or p.pk not in visible for p in attendees):
        raise ValidationError({"attendees": "Les présents doivent être des participants de l'action."})
    workshop.save()
    workshop.attendees.set(attendees)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=workshop)
    return workshop
