"""Writes of the referrals app. Keyword-only, atomic, validated, audited (ids and field names only), and each
checks the caller's right itself. Both organisations are told by e-mail — a link, never personal data."""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cohorts.enums import ConsentPurpose, TeamReason
from cohorts.models import Barrier, Consent, FollowUpTeamMember, JobSeeker
from cohorts.services import team_member_add
from partners.enums import AuditAction, Role
from partners.models import Organisation, User
from partners.perms import STATE_SERVICE_KINDS
from partners.services import audit_record

from . import perms
from .enums import REFERRAL_TRANSITIONS, ReferralStatus
from .models import Referral, ReferralTransition

logger = logging.getLogger(__name__)


class ReferralAlreadyAnswered(Exception):
    """The referral is no longer waiting for an answer (API: 409)."""

    def __init__(self, referral: Referral):
        self.referral = referral
        super().__init__(f"Cette orientation a déjà reçu sa réponse : {ReferralStatus(referral.status).label.lower()}.")


def expiry_delay() -> datetime.timedelta:
    return datetime.timedelta(days=settings.REFERRAL_EXPIRY_DAYS)


# --- sending -----------------------------------------------------------------------------------------
@transaction.atomic
def referral_send(
    *,
    actor,
    job_seeker: JobSeeker,
    to_organisation: Organisation,
    reason: str,
    barrier: Barrier | None = None,
    barrier_category: str = "",
) -> Referral:
    """Send a referral from the caller's organisation. The person's consent to sharing her file with the receiving
    organisation must be recorded first (`cohorts.services.consent_record`)."""
    follows = JobSeeker.objects.for_user(actor).filter(pk=job_seeker.pk).exists()
    if not perms.can_send_referral(actor, job_seeker, follows=follows):
        raise PermissionDenied("Seules les organisations qui suivent cette personne, et la coordination, l'orientent.")
    errors: dict[str, str] = {}
    if (
        to_organisation.territory_id != job_seeker.territory_id
        or not to_organisation.is_active
        or to_organisation.kind in STATE_SERVICE_KINDS
    ):
        errors["to_organisation"] = "Orientez vers une organisation partenaire active du territoire."
    elif to_organisation.pk == actor.organisation_id:
        errors["to_organisation"] = "Choisissez une autre organisation que la vôtre."
    elif to_organisation.pk == job_seeker.referent_organisation_id or (
        FollowUpTeamMember.objects.active().filter(job_seeker=job_seeker, organisation=to_organisation).exists()
    ):
        errors["to_organisation"] = "Cette organisation fait déjà partie de l'équipe de suivi."
    elif Referral.objects.pending().filter(job_seeker=job_seeker, to_organisation=to_organisation).exists():
        errors["to_organisation"] = "Une orientation vers cette organisation attend déjà sa réponse."
    if not (reason or "").strip():
        errors["reason"] = "Indiquez le motif de l'orientation."
    if barrier is not None:
        if not Barrier.objects.for_user(actor).filter(pk=barrier.pk, job_seeker=job_seeker).exists():
            errors["barrier"] = "Ce frein n'est pas un frein de cette personne."
        else:
            barrier_category = barrier.category
    consent = None
    if "to_organisation" not in errors:
        consent = (
            Consent.objects.in_force()
            .filter(job_seeker=job_seeker, purpose=ConsentPurpose.REFERRAL, organisation=to_organisation)
            .first()
        )
        if consent is None:
            errors["consent"] = (
                "Recueillez d'abord le consentement de la personne au partage de sa fiche avec cette organisation."
            )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    referral = Referral(
        territory_id=job_seeker.territory_id,
        job_seeker=job_seeker,
        from_organisation_id=actor.organisation_id,
        to_organisation=to_organisation,
        sent_by=actor,
        reason=reason.strip(),
        barrier=barrier,
        barrier_category=barrier_category or "",
        consent=consent,
        sent_at=now,
        expires_at=now + expiry_delay(),
    )
    referral.full_clean()
    referral.save()
    ReferralTransition.objects.create(
        referral=referral, from_status="", to_status=ReferralStatus.SENT, at=now, actor=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=referral,
        fields=["to_organisation", "reason", "barrier_category", "status"],
    )
    _notify(referral, [referral.to_organisation_id], "referral_received")
    return referral


# --- answering ---------------------------------------------------------------------------------------
def _lock_pending(actor, referral: Referral) -> Referral:
    if not perms.can_answer_referral(actor, referral):
        raise PermissionDenied("Seule l'organisation qui reçoit l'orientation, ou la coordination, y répond.")
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status != ReferralStatus.SENT:
        raise ReferralAlreadyAnswered(locked)
    if locked.expires_at <= timezone.now():
        raise ValidationError(
            {"status": "Le délai de réponse de cette orientation est dépassé : elle expire sans réponse."}
        )
    return locked


def _move(referral: Referral, *, to: str, actor, at) -> None:
    if to not in REFERRAL_TRANSITIONS[referral.status]:
        raise ValidationError({"status": "Cette étape n'est pas possible pour cette orientation."})
    previous = referral.status
    referral.status = to
    referral.answered_at = at
    referral.answered_by = actor
    referral.full_clean()
    referral.save(update_fields=["status", "answered_at", "answered_by", "decline_reason"])
    ReferralTransition.objects.create(referral=referral, from_status=previous, to_status=to, at=at, actor=actor)


@transaction.atomic
def referral_accept(*, actor, referral: Referral) -> Referral:
    """The receiving organisation takes the person on: it joins her follow-up team from today (reason: referral)."""
    referral = _lock_pending(actor, referral)
    if not Consent.objects.in_force().filter(pk=referral.consent_id).exists():
        raise ValidationError({"consent": "La personne a retiré son consentement à ce partage : l'orientation ne "
                               "peut plus être acceptée."})  # fmt: skip
    _move(referral, to=ReferralStatus.ACCEPTED, actor=actor, at=timezone.now())
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=referral, fields=["status"])
    job_seeker = referral.job_seeker
    already = referral.to_organisation_id == job_seeker.referent_organisation_id or (
        FollowUpTeamMember.objects.active()
        .filter(job_seeker=job_seeker, organisation=referral.to_organisation)
        .exists()
    )
    if not already:
        team_member_add(
            actor=actor, job_seeker=job_seeker, organisation=referral.to_organisation, reason=TeamReason.REFERRAL
        )
    _notify(referral, [referral.from_organisation_id, referral.to_organisation_id], "referral_answered")
    return referral


@transaction.atomic
def referral_decline(*, actor, referral: Referral, reason: str) -> Referral:
    referral = _lock_pending(actor, referral)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Indiquez le motif du refus : l'organisation qui oriente le lira."})
    referral.decline_reason = reason.strip()
    _move(referral, to=ReferralStatus.DECLINED, actor=actor, at=timezone.now())
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=referral, fields=["status", "decline_reason"])
    _notify(referral, [referral.from_organisation_id, referral.to_organisation_id], "referral_answered")
    return referral


# --- expiry (Celery beat, daily) ------------------------------------------------------------------------
def referrals_expire(*, now: datetime.datetime | None = None) -> int:
    """Close every referral still unanswered at its `expires_at`; tell both organisations. Idempotent: each referral
    is locked and re-read in its own transaction, a second run (even concurrent) finds nothing left to do."""
    now = now or timezone.now()
    due = list(
        Referral.objects.filter(status=ReferralStatus.SENT, expires_at__lte=now)
        .order_by("expires_at", "pk")
        .values_list("pk", flat=True)
    )
    expired = 0
    for pk in due:
        with transaction.atomic():
            referral = Referral.objects.select_for_update().filter(pk=pk, status=ReferralStatus.SENT).first()
            if referral is None:
                continue
            _move(referral, to=ReferralStatus.EXPIRED, actor=None, at=now)
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                obj=referral,
                fields=["status"],
                detail="expiration sans réponse",
                territory_id=referral.territory_id,
            )
            _notify(referral, [referral.from_organisation_id, referral.to_organisation_id], "referral_answered")
            expired += 1
    logger.info("Orientations expirées sans réponse : %s", expired)
    return expired


# --- notifications ------------------------------------------------------------------------------------------
def _recipients(organisation_ids) -> list[str]:
    """The advisors and coordinators of these organisations (active, with an address)."""
    return list(
        User.objects.filter(
            organisation_id__in=organisation_ids, is_active=True, role__in=[Role.ADVISOR, Role.COORDINATOR]
        )
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )


def _notify(referral: Referral, organisation_ids, template: str) -> None:
    """After the commit, one e-mail per person: the referral's number, its state and a link. Never a name."""
    recipients = _recipients(organisation_ids)
    if not recipients:
        return
    context = {
        "number": referral.pk,
        "status": ReferralStatus(referral.status).label,
        "link": settings.SITE_URL + reverse("referrals:detail", args=[referral.pk]),
    }
    subject = render_to_string(f"referrals/emails/{template}_subject.txt", context).strip()
    body = render_to_string(f"referrals/emails/{template}.txt", context)

    def send():
        for address in recipients:
            send_mail(subject=subject, message=body, from_email=None, recipient_list=[address])

    transaction.on_commit(send)
