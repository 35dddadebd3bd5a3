"""Writes of the cohorts app. Keyword-only, atomic, validated (`full_clean`), audited (ids and field names only)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partners.enums import AuditAction, OrganisationKind
from partners.models import Organisation
from partners.services import audit_record, changed_fields

from . import perms
from .enums import (
    BARRIER_TRANSITIONS,
    CLOSED_BARRIER_STATUSES,
    FIXED_TERM_SITUATIONS,
    TEAM_END_REASONS,
    BarrierStatus,
    ConsentPurpose,
    SituationKind,
    TeamReason,
)
from .models import (
    Barrier,
    BarrierTransition,
    Cohort,
    Consent,
    FollowUp,
    FollowUpTeamMember,
    JobSeeker,
    SchemeConnection,
    Situation,
)
from .selectors import find_duplicate

# Fields of a job seeker only the coordinator sets.
COORDINATOR_ONLY_FIELDS = frozenset({"qpv_exception_reason"})


# --- cohorts -----------------------------------------------------------------------------------
@transaction.atomic
def cohort_create(*, actor, **data) -> Cohort:
    if not perms.can_manage_cohorts(actor):
        raise PermissionDenied("Seule la coordination crée les cohortes.")
    cohort = Cohort(territory_id=actor.territory_id, **data)
    cohort.full_clean()
    cohort.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=cohort)
    return cohort


@transaction.atomic
def cohort_update(*, actor, cohort: Cohort, **data) -> Cohort:
    if not perms.can_manage_cohorts(actor) or not perms.is_in_territory(actor, cohort.territory_id):
        raise PermissionDenied("Seule la coordination du territoire modifie ses cohortes.")
    changed = changed_fields(cohort, data)
    for name, value in data.items():
        setattr(cohort, name, value)
    cohort.full_clean()
    cohort.save()
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=cohort, fields=changed)
    return cohort


# --- job seekers -------------------------------------------------------------------------------
def duplicate_message(existing: JobSeeker) -> str:
    """Whom to contact about a person already enrolled — never where her file is (no link, no id).

    The caller may not be allowed to see the file: the message is the same whoever asks, and names the
    territory's coordination, which sees every file and puts partners in touch.
    """
    coordination = ", ".join(
        str(organisation)
        for organisation in Organisation.objects.filter(
            territory_id=existing.territory_id, kind=OrganisationKind.COORDINATOR, is_active=True
        ).order_by("name")
    )
    contact = f"la coordination de la Cité de l'emploi ({coordination})" if coordination else "la coordination"
    return (
        "Cette personne est déjà inscrite sur le territoire. "
        f"Pour la suivre ou compléter son dossier, adressez-vous à {contact}."
    )


def _check_enrolment(actor, job_seeker: JobSeeker) -> None:
    """The rules of enrolment that need the caller: QPV exception by the coordinator, no duplicate."""
    errors: dict[str, list] = {}
    if job_seeker.qpv_exception_reason and not perms.can_record_qpv_exception(actor):
        errors["qpv_exception_reason"] = ["Seule la coordination peut accorder une dérogation au critère QPV."]
    if job_seeker.qpv_id is None and not job_seeker.qpv_exception_reason:
        errors["qpv"] = [
            "La personne doit résider dans un QPV du territoire ; sinon, la coordination enregistre une dérogation motivée."
        ]
    if perms.is_advisor(actor) and job_seeker.referent_organisation_id != actor.organisation_id:
        errors["referent_organisation"] = ["Vous inscrivez une personne pour votre propre organisation."]
    existing = find_duplicate(
        territory_id=job_seeker.territory_id,
        first_name=job_seeker.first_name,
        last_name=job_seeker.last_name,
        birth_date=job_seeker.birth_date,
        france_travail_id=job_seeker.france_travail_id,
        exclude_pk=job_seeker.pk,
    )
    if existing is not None:
        errors["__all__"] = [ValidationError(duplicate_message(existing), code="duplicate")]
    if errors:
        raise ValidationError(errors)


def _merge(errors: dict, exc: ValidationError) -> dict:
    for name, messages in exc.update_error_dict({}).items():
        errors.setdefault(name, []).extend(messages)
    return errors


def job_seeker_enrolment_problems(*, actor, **data) -> ValidationError | None:
    """The enrolment rules (QPV, duplicate, referent) checked on what a form could read, before its other
    errors are corrected: the person sees every problem in one round trip. Nothing is written."""
    if perms.is_advisor(actor):
        data.setdefault("referent_organisation", actor.organisation)
    job_seeker = JobSeeker(territory_id=actor.territory_id, **data)
    try:
        _check_enrolment(actor, job_seeker)
    except ValidationError as exc:
        return exc
    return None


@transaction.atomic
def job_seeker_enrol(*, actor, entry_situation: str | None = None, **data) -> JobSeeker:
    """Enrol a person in a cohort of the caller's territory (QPV or exception, no duplicate, consent dated).

    Every problem is reported at once (field checks and enrolment rules together). `entry_situation`, when
    given, is recorded as her first situation at the entry date: the "entry" milestone is then filled in.
    """
    if not perms.can_enrol(actor):
        raise PermissionDenied("Votre rôle ne permet pas d'inscrire une personne.")
    if perms.is_advisor(actor):
        data.setdefault("referent_organisation", actor.organisation)
    job_seeker = JobSeeker(territory_id=actor.territory_id, **data)
    errors: dict = {}
    try:
        job_seeker.full_clean(validate_constraints=False)
    except ValidationError as exc:
        _merge(errors, exc)
    try:
        _check_enrolment(actor, job_seeker)
    except ValidationError as exc:
        _merge(errors, exc)
    if entry_situation is not None and entry_situation not in SituationKind.values:
        errors.setdefault("entry_situation", []).append("Situation inconnue.")
    elif entry_situation in FIXED_TERM_SITUATIONS:
        errors.setdefault("entry_situation", []).append(
            "Un contrat à durée limitée se saisit sur la fiche, avec ses dates de début et de fin."
        )
    if errors:
        raise ValidationError(errors)
    job_seeker.validate_constraints()
    job_seeker.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=job_seeker)
    if entry_situation:
        situation = Situation(
            job_seeker=job_seeker,
            date=job_seeker.entry_date,
            situation=entry_situation,
            author=actor,
            organisation=actor.organisation,
        )
        situation.full_clean()
        situation.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=situation, fields=["situation"])
    return job_seeker


@transaction.atomic
def job_seeker_update(*, actor, job_seeker: JobSeeker, **data) -> JobSeeker:
    if not perms.can_edit_job_seeker(actor, job_seeker):
        raise PermissionDenied("Seules la coordination et l'organisation référente modifient cette fiche.")
    if "disability_recognised" in data and not perms.can_view_health_data(actor, job_seeker):
        data.pop("disability_recognised")
    changed = changed_fields(job_seeker, data)
    if not perms.can_record_qpv_exception(actor) and COORDINATOR_ONLY_FIELDS & set(changed):
        raise ValidationError(
            {"qpv_exception_reason": "Seule la coordination peut accorder une dérogation au critère QPV."}
        )
    if "referent_organisation" in changed and not perms.is_coordinator(actor):
        raise ValidationError({"referent_organisation": "Seule la coordination change l'organisation référente."})
    for name, value in data.items():
        setattr(job_seeker, name, value)
    job_seeker.full_clean(validate_constraints=False)
    if {"first_name", "last_name", "birth_date", "france_travail_id"} & set(changed):
        existing = find_duplicate(
            territory_id=job_seeker.territory_id,
            first_name=job_seeker.first_name,
            last_name=job_seeker.last_name,
            birth_date=job_seeker.birth_date,
            france_travail_id=job_seeker.france_travail_id,
            exclude_pk=job_seeker.pk,
        )
        if existing is not None:
            raise ValidationError({"__all__": [ValidationError(duplicate_message(existing), code="duplicate")]})
    job_seeker.validate_constraints()
    job_seeker.save()
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=job_seeker, fields=changed)
    return job_seeker


@transaction.atomic
def job_seeker_record_early_exit(
    *, actor, job_seeker: JobSeeker, left_early_on: datetime.date | None, left_early_reason: str
) -> JobSeeker:
    """Record (or, with no date, cancel) an early exit: moved away, gave up, lost contact…"""
    if not perms.can_record_early_exit(actor, job_seeker):
        raise PermissionDenied("Seules la coordination et l'organisation référente enregistrent une sortie.")
    if left_early_on is None:
        left_early_reason = ""
    elif not left_early_reason:
        raise ValidationError({"left_early_reason": "Indiquez le motif de la sortie anticipée."})
    if left_early_on and left_early_on > job_seeker.follow_up_end_date:
        raise ValidationError({"left_early_on": "Après la fin du suivi, la personne n'est plus en sortie anticipée."})
    job_seeker.left_early_on = left_early_on
    job_seeker.left_early_reason = left_early_reason
    job_seeker.full_clean()
    job_seeker.save(update_fields=["left_early_on", "left_early_reason", "updated_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=job_seeker, fields=["left_early_on", "left_early_reason"])
    return job_seeker


# --- follow-up team (memberships with a history) -------------------------------------------------
# Who may make an organisation join a team, per reason: fn(actor, job_seeker, organisation) -> bool. The coordinator
# decides (group decision, enrolment); higher apps register their own reason at ready() — referrals registers
# "referral": the receiving organisation joins when it accepts (referrals/apps.py). cohorts never imports them.
def _coordinator_decides(actor, job_seeker, organisation) -> bool:
    return perms.can_manage_team(actor, job_seeker)


TEAM_JOIN_RULES: dict = {
    TeamReason.GROUP_DECISION: _coordinator_decides,
    TeamReason.ENROLMENT: _coordinator_decides,
}


@transaction.atomic
def team_member_add(
    *,
    actor,
    job_seeker: JobSeeker,
    organisation,
    reason: str = TeamReason.GROUP_DECISION,
    started_on: datetime.date | None = None,
) -> FollowUpTeamMember:
    """An organisation joins the person's team from `started_on` (today): by the coordinator's decision, or through
    the rule a higher app registered for `reason` (an accepted referral)."""
    rule = TEAM_JOIN_RULES.get(reason)
    if rule is None or not rule(actor, job_seeker, organisation):
        raise PermissionDenied("Seule la coordination compose l'équipe de suivi.")
    if organisation.territory_id != job_seeker.territory_id:
        raise ValidationError({"organisation": "Cette organisation n'appartient pas au territoire."})
    if organisation.pk == job_seeker.referent_organisation_id:
        raise ValidationError({"organisation": "L'organisation référente fait déjà partie de l'équipe."})
    started_on = started_on or timezone.localdate()
    overlapping = FollowUpTeamMember.objects.filter(job_seeker=job_seeker, organisation=organisation).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=started_on)
    )
    if overlapping.exists():
        raise ValidationError({"organisation": "Cette organisation fait déjà partie de l'équipe de suivi."})
    member = FollowUpTeamMember(
        job_seeker=job_seeker, organisation=organisation, added_by=actor, reason=reason, started_on=started_on
    )
    member.full_clean()
    member.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=member, fields=["organisation", "reason", "started_on"])
    return member


@transaction.atomic
def team_member_end(
    *,
    actor,
    member: FollowUpTeamMember,
    ended_on: datetime.date | None = None,
    end_reason: str = TeamReason.LEFT,
) -> FollowUpTeamMember:
    """End a membership on `ended_on` (today): from that day the organisation no longer reads the file. The row stays
    as the team's history. The coordinator ends any membership; an advisor records that her own organisation leaves."""
    if not perms.can_end_team_membership(actor, member):
        raise PermissionDenied("Seule la coordination, ou l'organisation elle-même, met fin à sa place dans l'équipe.")
    if member.ended_on is not None and member.ended_on <= timezone.localdate():
        raise ValidationError({"ended_on": "Cette organisation a déjà quitté l'équipe."})
    if end_reason not in TEAM_END_REASONS:
        raise ValidationError({"end_reason": "Choisissez le motif du départ."})
    if end_reason == TeamReason.GROUP_DECISION and not perms.can_manage_team(actor, member.job_seeker):
        raise ValidationError({"end_reason": "Seule la coordination enregistre une décision du groupe de suivi."})
    member.ended_on = ended_on or timezone.localdate()
    member.end_reason = end_reason
    member.ended_by = actor
    member.full_clean()
    member.save(update_fields=["ended_on", "end_reason", "ended_by"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=member, fields=["ended_on", "end_reason"])
    return member


# --- consent to sharing ----------------------------------------------------------------------------
def _follows(actor, job_seeker: JobSeeker) -> bool:
    """The caller sees this person's file (referent organisation, team member today, or coordinator)."""
    return JobSeeker.objects.for_user(actor).filter(pk=job_seeker.pk).exists()


@transaction.atomic
def consent_record(
    *, actor, job_seeker: JobSeeker, organisation, given_on: datetime.date, purpose: str = ConsentPurpose.REFERRAL
) -> Consent:
    """Record that the person agreed, on `given_on`, to her file being shared with `organisation` (before a
    referral is sent). A consent already in force for the same sharing is returned as is."""
    if not perms.can_record_consent(actor, job_seeker) or not _follows(actor, job_seeker):
        raise PermissionDenied("Vous ne suivez pas cette personne.")
    existing = Consent.objects.in_force().filter(job_seeker=job_seeker, purpose=purpose, organisation=organisation)
    if (consent := existing.first()) is not None:
        return consent
    consent = Consent(
        job_seeker=job_seeker, purpose=purpose, organisation=organisation, given_on=given_on, recorded_by=actor
    )
    consent.full_clean()
    consent.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=consent, fields=["purpose", "organisation", "given_on"])
    return consent


CONSENT_WITHDRAW_DENIED = (
    "Seule la coordination, ou une conseillère de l'organisation référente ou de celle qui a recueilli le "
    "consentement, enregistre son retrait."
)


class ConsentAlreadyWithdrawn(ValidationError):
    """The consent was withdrawn already (a state conflict: the API answers 409, a form shows the message)."""

    def __init__(self, consent: Consent):
        self.consent = consent
        super().__init__({"withdrawn_on": f"Ce consentement est déjà retiré (le {consent.withdrawn_on:%d/%m/%Y})."})


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent, withdrawn_on: datetime.date | None = None) -> Consent:
    """Record that the person withdrew her consent on `withdrawn_on` (today): from then no referral to that
    organisation is sent or accepted on it (referrals.services). The file already shared stays shared: the
    withdrawal does not end a membership of the follow-up team (docs/data-protection.md). The row is locked, so two
    withdrawals at once make one, the other is told it is already withdrawn."""
    if not perms.can_withdraw_consent(actor, consent) or not _follows(actor, consent.job_seeker):
        raise PermissionDenied(CONSENT_WITHDRAW_DENIED)
    locked = (
        Consent.objects.select_for_update().select_related("job_seeker__territory", "organisation").get(pk=consent.pk)
    )
    if locked.withdrawn_on is not None:
        raise ConsentAlreadyWithdrawn(locked)
    locked.withdrawn_on = withdrawn_on or timezone.localdate()
    locked.full_clean()
    locked.save(update_fields=["withdrawn_on"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, fields=["withdrawn_on"])
    consent.withdrawn_on = locked.withdrawn_on
    return locked


# --- barriers --------------------------------------------------------------------------------------
def _apply_status(barrier: Barrier, status: str, on: datetime.date) -> None:
    if status == BarrierStatus.IN_PROGRESS:
        barrier.started_on = barrier.started_on or on
        barrier.closed_on = None
    if status in CLOSED_BARRIER_STATUSES:
        barrier.closed_on = on
    barrier.lifted_on = on if status == BarrierStatus.LIFTED else None
    barrier.status = status


@transaction.atomic
def barrier_create(
    *, actor, job_seeker: JobSeeker, category: str, identified_on: datetime.date, status: str = "", **data
) -> Barrier:
    """Identify a barrier. Extra fields (`comment`, and later `action`) pass through `data`."""
    if not perms.can_log_on(actor, job_seeker):
        raise PermissionDenied("Vous ne suivez pas cette personne.")
    data.pop("lifted_on", None)
    barrier = Barrier(
        job_seeker=job_seeker,
        category=category,
        identified_on=identified_on,
        author=actor,
        organisation=actor.organisation,
        **data,
    )
    status = status or BarrierStatus.IDENTIFIED
    if status != BarrierStatus.IDENTIFIED and status not in BARRIER_TRANSITIONS[BarrierStatus.IDENTIFIED]:
        raise ValidationError({"status": "État initial impossible."})
    _apply_status(barrier, status, identified_on)
    barrier.full_clean()
    barrier.save()
    BarrierTransition.objects.create(
        barrier=barrier, from_status="", to_status=BarrierStatus.IDENTIFIED, on=identified_on, actor=actor
    )
    if status != BarrierStatus.IDENTIFIED:
        BarrierTransition.objects.create(
            barrier=barrier, from_status=BarrierStatus.IDENTIFIED, to_status=status, on=identified_on, actor=actor
        )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=barrier, fields=["category", "status"])
    return barrier


@transaction.atomic
def barrier_update(*, actor, barrier: Barrier, status: str = "", on: datetime.date | None = None, **data) -> Barrier:
    """Edit a barrier; a change of status must follow the lifecycle and is dated and logged."""
    if not perms.can_log_on(actor, barrier.job_seeker):
        raise PermissionDenied("Vous ne suivez pas cette personne.")
    lifted_on = data.pop("lifted_on", None)
    on = on or lifted_on or timezone.localdate()
    changed = changed_fields(barrier, data)
    for name, value in data.items():
        setattr(barrier, name, value)
    previous = barrier.status
    if status and status != previous:
        if status not in BARRIER_TRANSITIONS[previous]:
            raise ValidationError(
                {
                    "status": f"Un frein « {BarrierStatus(previous).label.lower()} » ne peut passer à "
                    f"« {BarrierStatus(status).label.lower()} »."
                }
            )
        if on < barrier.identified_on:
            raise ValidationError({"status": "Le changement d'état ne peut précéder l'identification du frein."})
        _apply_status(barrier, status, on)
        changed.append("status")
    barrier.full_clean()
    barrier.save()
    if status and status != previous:
        BarrierTransition.objects.create(barrier=barrier, from_status=previous, to_status=status, on=on, actor=actor)
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=barrier, fields=changed)
    return barrier


# --- follow-ups --------------------------------------------------------------------------------------
@transaction.atomic
def follow_up_create(*, actor, job_seeker: JobSeeker, **data) -> FollowUp:
    """Log a follow-up. Author and organisation are the caller's, never taken from the input."""
    if not perms.can_log_on(actor, job_seeker):
        raise PermissionDenied("Vous ne suivez pas cette personne.")
    follow_up = FollowUp(job_seeker=job_seeker, author=actor, organisation=actor.organisation, **data)
    follow_up.full_clean()
    follow_up.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=follow_up)
    return follow_up


@transaction.atomic
def follow_up_update(*, actor, follow_up: FollowUp, **data) -> FollowUp:
    if not perms.can_edit_follow_up(actor, follow_up):
        raise PermissionDenied("Seul l'auteur d'un suivi peut le modifier.")
    changed = changed_fields(follow_up, data)
    for name, value in data.items():
        setattr(follow_up, name, value)
    follow_up.full_clean()
    follow_up.save()
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=follow_up, fields=changed)
    return follow_up


# --- situations ----------------------------------------------------------------------------------------
@transaction.atomic
def situation_create(*, actor, job_seeker: JobSeeker, **data) -> Situation:
    if not perms.can_log_on(actor, job_seeker):
        raise PermissionDenied("Vous ne suivez pas cette personne.")
    situation = Situation(job_seeker=job_seeker, author=actor, organisation=actor.organisation, **data)
    situation.full_clean()
    if situation.date < job_seeker.entry_date - datetime.timedelta(days=31):
        raise ValidationError({"date": "Une situation se date au plus tôt un mois avant l'entrée dans la cohorte."})
    situation.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=situation, fields=["situation"])
    return situation


# --- reconnection to mainstream schemes -------------------------------------------------------------------------------
@transaction.atomic
def scheme_connection_create(*, actor, job_seeker: JobSeeker, **data) -> SchemeConnection:
    """Record that the person was registered with / reconnected to a mainstream scheme (a result of the follow-up)."""
    if not perms.can_record_scheme_connection(actor, job_seeker):
        raise PermissionDenied("Vous ne suivez pas cette personne.")
    connection = SchemeConnection(job_seeker=job_seeker, author=actor, recorded_by=actor.organisation, **data)
    connection.full_clean()
    connection.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=connection, fields=["scheme", "date", "organisation"])
    return connection
