"""The path into the cohort (DOMAIN.md): writes and reads of the people identified by partners.

identified (consent to being identified recorded: date and who recorded it) → contacted → proposed → enrolled
(through `services.job_seeker_enrol`: her entry data is carried over and asked once) | not enrolled (reason).
The coordinator validates the enrolments, or records the follow-up group's decision (its meeting) when the territory
gives the group that role (`PathwaySettings`). Every change is dated, logged (`CandidateTransition`) and audited
(ids and field names only). Services are keyword-only, atomic, validated and check the caller's right.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from cite_emploi import figures_cache
from partners.enums import AuditAction, DecisionStatus, MeetingKind
from partners.models import Meeting
from partners.services import audit_record, changed_fields, decision_create

from . import perms, services
from .enums import CANDIDATE_TRANSITIONS, CandidateStage, EnrolmentValidator, NotEnrolledReason
from .models import Candidate, CandidateTransition, JobSeeker, PathwaySettings
from .selectors import find_duplicate


class StageConflict(ValidationError):
    """The change asked does not follow from the current stage (already answered, already enrolled…): API 409."""


# The fields a partner records when she identifies someone (minimal data) and may correct later.
IDENTITY_FIELDS = ("first_name", "last_name", "birth_date", "qpv", "phone", "email")


# --- reads ---------------------------------------------------------------------------------------------------------
def candidates_for(user):
    return Candidate.objects.for_user(user).select_related("identified_by", "qpv").order_by("-identified_on", "-id")


@dataclass(frozen=True)
class Proposed:
    pk: int
    name: str
    organisation: str
    proposed_on: datetime.date


def proposed_key(limit: int = 10) -> tuple[str, tuple]:
    return "proposed-candidates", (limit,)


def proposed_for_coordinator(user, *, limit: int = 10) -> tuple[int, list[Proposed]]:
    """The people proposed to the cohort, waiting for the decision (the coordinator's home page): how many, and the
    oldest `limit`. The coordinator sees the whole territory, so the answer is the territory's: it is computed once
    per data version (cite_emploi.figures_cache, bumped by every audited write) — no query on a cached home page."""
    if not perms.is_coordinator(user) or user.territory_id is None:
        return 0, []

    def compute():
        proposed = Candidate.objects.for_user(user).filter(stage=CandidateStage.PROPOSED)
        rows = proposed.order_by("proposed_on", "id").values_list(
            "pk", "first_name", "last_name", "identified_by__short_name", "identified_by__name", "proposed_on"
        )[:limit]
        items = [Proposed(pk, f"{first} {last}", short or name, on) for pk, first, last, short, name, on in rows]
        return proposed.count() if len(items) == limit else len(items), items

    return figures_cache.get_or_compute(user.territory_id, *proposed_key(limit), compute)


def stage_counts(user) -> dict[str, int]:
    """How many of the caller's candidates are at each stage (the list's tabs), one query."""
    row = Candidate.objects.for_user(user).aggregate(
        **{code: Count("pk", filter=Q(stage=code)) for code in CandidateStage.values}
    )
    return row


def enrolment_validator(territory_id) -> str:
    settings_row = PathwaySettings.objects.filter(territory_id=territory_id).first()
    return settings_row.enrolment_validated_by if settings_row else EnrolmentValidator.COORDINATOR


def decision_meetings_for(user):
    """The follow-up group meetings (already held) where a decision about an enrolment may have been taken."""
    return (
        Meeting.objects.for_user(user)
        .filter(kind=MeetingKind.FOLLOW_UP_GROUP, date__lte=timezone.localdate())
        .order_by("-date", "-id")
    )


# --- writes --------------------------------------------------------------------------------------------------------
def _log(candidate: Candidate, *, actor, previous: str, on: datetime.date, meeting=None) -> None:
    CandidateTransition.objects.create(
        candidate=candidate,
        from_stage=previous,
        to_stage=candidate.stage,
        on=on,
        actor=actor,
        organisation=getattr(actor, "organisation", None),
        meeting=meeting,
    )


@transaction.atomic
def candidate_identify(
    *,
    actor,
    first_name: str,
    last_name: str,
    consent_recorded_on: datetime.date,
    identified_on: datetime.date | None = None,
    **data,
) -> Candidate:
    """Record a person identified by the caller's organisation, with the date of her consent to being identified."""
    if not perms.can_identify(actor):
        raise PermissionDenied("Votre rôle ne permet pas de signaler une personne.")
    unknown = set(data) - set(IDENTITY_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "Champ inconnu."))
    candidate = Candidate(
        territory_id=actor.territory_id,
        first_name=first_name,
        last_name=last_name,
        consent_recorded_on=consent_recorded_on,
        consent_recorded_by=actor,
        identified_on=identified_on or timezone.localdate(),
        identified_by=actor.organisation,
        **data,
    )
    candidate.full_clean()
    if candidate.birth_date is not None:
        existing = find_duplicate(
            territory_id=candidate.territory_id,
            first_name=candidate.first_name,
            last_name=candidate.last_name,
            birth_date=candidate.birth_date,
        )
        if existing is not None:  # the same answer as the enrolment's, whoever asks (no link, no id)
            raise ValidationError(
                {"__all__": [ValidationError(services.duplicate_message(existing), code="duplicate")]}
            )
    candidate.save()
    _log(candidate, actor=actor, previous="", on=candidate.identified_on)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=candidate, fields=["stage", "consent_recorded_on"])
    return candidate


@transaction.atomic
def candidate_update(*, actor, candidate: Candidate, **data) -> Candidate:
    """Correct the minimal data (names, birth date, QPV, contact details, consent date) while she is not enrolled."""
    if not perms.can_advance_candidate(actor, candidate) or not candidate.is_open:
        raise PermissionDenied("Seules la coordination et l'organisation qui l'a repérée corrigent cette fiche.")
    allowed = {*IDENTITY_FIELDS, "consent_recorded_on"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "Ce champ ne se modifie pas ici."))
    changed = changed_fields(candidate, data)
    for name, value in data.items():
        setattr(candidate, name, value)
    if "consent_recorded_on" in changed:
        candidate.consent_recorded_by = actor
    candidate.full_clean()
    candidate.save()
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=candidate, fields=changed)
    return candidate


def _move(candidate: Candidate, to: str, on: datetime.date) -> str:
    previous = candidate.stage
    if to not in CANDIDATE_TRANSITIONS[previous]:
        raise StageConflict(
            {
                "stage": f"Une personne « {CandidateStage(previous).label.lower()} » ne peut passer à "
                f"« {CandidateStage(to).label.lower()} »."
            }
        )
    if on < candidate.identified_on:
        raise ValidationError({"on": "Cette étape ne peut précéder le repérage."})
    candidate.stage = to
    return previous


@transaction.atomic
def candidate_contact(*, actor, candidate: Candidate, on: datetime.date | None = None) -> Candidate:
    """The partner reached the person ("aller vers")."""
    if not perms.can_advance_candidate(actor, candidate):
        raise PermissionDenied("Seules la coordination et l'organisation qui l'a repérée suivent ce repérage.")
    on = on or timezone.localdate()
    previous = _move(candidate, CandidateStage.CONTACTED, on)
    candidate.contacted_on = on
    candidate.full_clean()
    candidate.save()
    _log(candidate, actor=actor, previous=previous, on=on)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=candidate, fields=["stage", "contacted_on"])
    return candidate


@transaction.atomic
def candidate_propose(*, actor, candidate: Candidate, on: datetime.date | None = None) -> Candidate:
    """Propose her to the cohort: she appears on the coordinator's home page, waiting for the decision."""
    if not perms.can_advance_candidate(actor, candidate):
        raise PermissionDenied("Seules la coordination et l'organisation qui l'a repérée proposent cette personne.")
    on = on or timezone.localdate()
    previous = _move(candidate, CandidateStage.PROPOSED, on)
    candidate.proposed_on = on
    candidate.full_clean()
    candidate.save()
    _log(candidate, actor=actor, previous=previous, on=on)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=candidate, fields=["stage", "proposed_on"])
    return candidate


def _check_decision(actor, candidate: Candidate, meeting) -> None:
    """The coordinator decides; when the territory gives the decision to the follow-up group, she names its meeting."""
    if not perms.can_decide_enrolment(actor, candidate):
        raise PermissionDenied("Seule la coordination valide une inscription proposée.")
    if enrolment_validator(candidate.territory_id) == EnrolmentValidator.FOLLOW_UP_GROUP:
        if meeting is None:
            raise ValidationError(
                {"meeting": "Sur ce territoire, le groupe de suivi décide : indiquez la réunion où il a décidé."}
            )
        if not decision_meetings_for(actor).filter(pk=meeting.pk).exists():
            raise ValidationError({"meeting": "Choisissez une réunion du groupe de suivi déjà tenue."})


@transaction.atomic
def candidate_not_enrol(
    *, actor, candidate: Candidate, reason: str, on: datetime.date | None = None, meeting=None
) -> Candidate:
    """Close the path without enrolment, with a reason. Before the proposal: the identifying organisation or the
    coordinator; once proposed, the decision is the validator's (coordinator, or the follow-up group's meeting)."""
    if candidate.stage == CandidateStage.PROPOSED:
        _check_decision(actor, candidate, meeting)
    elif not perms.can_advance_candidate(actor, candidate):
        raise PermissionDenied("Seules la coordination et l'organisation qui l'a repérée suivent ce repérage.")
    if reason not in NotEnrolledReason.values:
        raise ValidationError({"reason": "Choisissez le motif de la non-inscription."})
    on = on or timezone.localdate()
    previous = _move(candidate, CandidateStage.NOT_ENROLLED, on)
    candidate.not_enrolled_reason = reason
    candidate.decided_on = on
    candidate.decision_meeting = meeting if previous == CandidateStage.PROPOSED else None
    candidate.full_clean()
    candidate.save()
    _log(candidate, actor=actor, previous=previous, on=on, meeting=candidate.decision_meeting)
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=candidate, fields=["stage", "not_enrolled_reason", "decided_on"]
    )
    return candidate


def enrolment_initial(candidate: Candidate) -> dict:
    """What the enrolment form is pre-filled with: the data recorded at identification, never asked twice."""
    return {
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "birth_date": candidate.birth_date,
        "qpv": candidate.qpv_id,
        "phone": candidate.phone,
        "email": candidate.email,
        "referent_organisation": candidate.identified_by_id,
    }


@transaction.atomic
def candidate_enrol(
    *, actor, candidate: Candidate, meeting=None, entry_situation: str | None = None, **job_seeker_data
) -> JobSeeker:
    """Enrol a proposed person: she becomes a person of the cohort through `services.job_seeker_enrol` (same rules:
    QPV, duplicate, consent to sharing), with what was recorded at identification as default."""
    _check_decision(actor, candidate, meeting)
    if candidate.stage != CandidateStage.PROPOSED:
        raise StageConflict({"stage": "Seule une personne proposée à la cohorte peut être inscrite."})
    data = {name: value for name, value in enrolment_initial(candidate).items() if value not in (None, "")}
    data["qpv"] = candidate.qpv
    data["referent_organisation"] = candidate.identified_by
    data = {**data, **job_seeker_data}
    if data.get("qpv") is None:
        data.pop("qpv")
    job_seeker = services.job_seeker_enrol(actor=actor, entry_situation=entry_situation, **data)
    on = job_seeker.entry_date
    previous = candidate.stage
    candidate.stage = CandidateStage.ENROLLED
    candidate.decided_on = min(on, timezone.localdate())
    candidate.job_seeker = job_seeker
    candidate.decision_meeting = meeting
    candidate.full_clean()
    candidate.save()
    _log(candidate, actor=actor, previous=previous, on=candidate.decided_on, meeting=meeting)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=candidate, fields=["stage", "job_seeker", "decided_on"])
    if meeting is not None:  # the group's decision is in its meeting's minutes, linked to the person's file
        decision_create(
            actor=actor,
            meeting=meeting,
            text="Inscription dans la cohorte validée par le groupe de suivi.",
            status=DecisionStatus.DONE,
            job_seeker=job_seeker,
        )
    return job_seeker


@transaction.atomic
def pathway_settings_update(*, actor, enrolment_validated_by: str) -> PathwaySettings:
    if not perms.can_manage_pathway_settings(actor):
        raise PermissionDenied("Seule la coordination règle la validation des inscriptions.")
    if enrolment_validated_by not in EnrolmentValidator.values:
        raise ValidationError({"enrolment_validated_by": "Choix inconnu."})
    row, _ = PathwaySettings.objects.select_for_update().get_or_create(territory_id=actor.territory_id)
    if row.enrolment_validated_by != enrolment_validated_by:
        row.enrolment_validated_by = enrolment_validated_by
        row.full_clean()
        row.save()
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=row, fields=["enrolment_validated_by"])
    return row
