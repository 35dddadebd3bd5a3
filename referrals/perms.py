"""Who may see, send and answer referrals. Small named rules built on partners.perms and cohorts.perms."""

from cohorts.perms import can_view_personal_data, is_advisor, is_anonymised, is_coordinator, is_in_territory

__all__ = ["is_advisor"]


def can_view_referrals(user) -> bool:
    """The referral pages and API: the roles that read personal data (never a viewer nor the technical admin)."""
    return can_view_personal_data(user)


def sees_every_referral(user) -> bool:
    """The coordinator sees every referral of her territory; an advisor, those her organisation sent or received."""
    return is_coordinator(user)


def can_send_referral(user, job_seeker, *, follows: bool) -> bool:
    """An advisor of an organisation that follows the person (referent, or in her team today), or the coordinator.

    `follows`: the caller sees the person's file (JobSeeker.objects.for_user), which the caller computes once.
    """
    if not is_in_territory(user, job_seeker.territory_id) or is_anonymised(job_seeker):
        return False
    if not user.organisation_id:
        return False
    return is_coordinator(user) or (is_advisor(user) and follows)


def can_answer_referral(user, referral) -> bool:
    """Accept or decline: the receiving organisation's advisors, and the coordinator."""
    if not is_in_territory(user, referral.territory_id):
        return False
    return is_coordinator(user) or (is_advisor(user) and user.organisation_id == referral.to_organisation_id)
