from celery import shared_task

from . import services


@shared_task(name="referrals.expire")
def expire_referrals() -> int:
    """Daily: the referrals still unanswered at their expiry date expire; both organisations are told (a link)."""
    return services.referrals_expire()
