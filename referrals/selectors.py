"""Reads of the referrals app shared by the pages and the API. Each starts from `for_user(user)`."""

from django.db.models import Count, Q

from . import perms
from .enums import Direction, ReferralStatus
from .models import Referral


def referrals_for(user):
    """The referrals the caller may see, with what every list shows joined (a fixed number of queries)."""
    return (
        Referral.objects.for_user(user)
        .select_related("job_seeker", "from_organisation", "to_organisation")
        .order_by("-sent_at", "-id")
    )


def filter_referrals(qs, *, user, direction: str = "", status: str = "", job_seeker: int | None = None):
    if direction:
        if perms.sees_every_referral(user) and not user.organisation_id:
            return qs.none()
        qs = qs.direction(direction, user.organisation_id)
    if status:
        qs = qs.filter(status=status)
    if job_seeker:
        qs = qs.filter(job_seeker_id=job_seeker)
    return qs


def pending_counts(user) -> dict[str, int]:
    """What waits for the caller's organisation (received) and for the others' answer (sent): one query."""
    if not perms.can_view_referrals(user) or not user.organisation_id:
        return {"received": 0, "sent": 0}
    org = user.organisation_id
    row = (
        Referral.objects.for_user(user)
        .filter(status=ReferralStatus.SENT)
        .aggregate(
            received=Count("pk", filter=Q(to_organisation_id=org)), sent=Count("pk", filter=Q(from_organisation_id=org))
        )
    )
    return {Direction.RECEIVED: row["received"], Direction.SENT: row["sent"]}
