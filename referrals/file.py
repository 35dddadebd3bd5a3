"""What the referrals app adds to a person's file (cohorts app), through cohorts' registries (referrals/apps.py):
the timeline, the file's buttons, the complete file (RGPD art. 15), the anonymisation, and the rule that lets the
receiving organisation join the team when it accepts."""

from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone

from cohorts.models import JobSeeker
from cohorts.retention import ERASED_TEXT
from cohorts.rights import _date, _org  # the file's own formats
from cohorts.selectors import TimelineEvent

from . import perms
from .enums import ReferralStatus
from .models import Referral, ReferralTransition

EVENT_TITLES = {
    ReferralStatus.SENT: "Orientation envoyée vers {to}",
    ReferralStatus.ACCEPTED: "Orientation acceptée par {to}",
    ReferralStatus.DECLINED: "Orientation déclinée par {to}",
    ReferralStatus.EXPIRED: "Orientation vers {to} expirée sans réponse",
}


def referral_events(user, job_seeker):
    """Each step of the referrals the caller may see (sent or received by her organisation; all for the
    coordinator), in two queries."""
    referrals = (
        Referral.objects.for_user(user)
        .filter(job_seeker=job_seeker)
        .select_related("from_organisation", "to_organisation")
    )
    by_id = {referral.pk: referral for referral in referrals}
    events = []
    for step in ReferralTransition.objects.filter(referral_id__in=list(by_id)).order_by("at", "id"):
        referral = by_id[step.referral_id]
        to = referral.to_organisation.short_name or referral.to_organisation.name
        organisation = referral.from_organisation if step.to_status == ReferralStatus.SENT else referral.to_organisation
        events.append(
            TimelineEvent(
                timezone.localdate(step.at),
                "referral",
                EVENT_TITLES[step.to_status].format(to=to),
                referral,
                organisation,
                url=referral.get_absolute_url(),
            )
        )
    return events


def referral_links(user, job_seeker):
    follows = perms.can_view_referrals(user)  # the file is already scoped: the caller sees this person
    if perms.can_send_referral(user, job_seeker, follows=follows):
        return [("Orienter vers un partenaire", reverse("referrals:create", args=[job_seeker.pk]))]
    return []


def may_join_by_referral(actor, job_seeker: JobSeeker, organisation) -> bool:
    """cohorts.services.TEAM_JOIN_RULES["referral"]: the caller has just accepted a referral of this person to this
    organisation (the service `referral_accept`, in the same transaction)."""
    return Referral.objects.filter(
        job_seeker=job_seeker, to_organisation=organisation, status=ReferralStatus.ACCEPTED, answered_by=actor
    ).exists() and perms.can_answer_referral(
        actor, Referral(territory_id=job_seeker.territory_id, to_organisation=organisation)
    )


def erase_referral_texts(ids) -> None:
    """cohorts.retention.ANONYMISATION_HOOKS: the reasons written about the person go with her file."""
    Referral.objects.filter(job_seeker_id__in=ids).update(
        reason=ERASED_TEXT,
        decline_reason=Case(When(decline_reason="", then=Value("")), default=Value(ERASED_TEXT)),
    )


def personal_file_referrals(js) -> list:
    return [
        {
            "from_organisation": _org(r.from_organisation),
            "to_organisation": _org(r.to_organisation),
            "reason": r.reason,
            "barrier_category": r.get_barrier_category_display() or None,
            "status": r.get_status_display(),
            "sent_on": _date(timezone.localdate(r.sent_at)),
            "answered_on": _date(timezone.localdate(r.answered_at) if r.answered_at else None),
            "decline_reason": r.decline_reason or None,
        }
        for r in Referral.objects.filter(job_seeker=js)
        .select_related("from_organisation", "to_organisation")
        .order_by("sent_at", "id")
    ]
