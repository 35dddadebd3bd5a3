"""Reference lists of the referrals app (codes in English, labels in French)."""

from django.db import models


class ReferralStatus(models.TextChoices):
    SENT = "sent", "En attente de réponse"
    ACCEPTED = "accepted", "Acceptée"
    DECLINED = "declined", "Déclinée"
    EXPIRED = "expired", "Expirée sans réponse"


# The lifecycle: a referral is answered once (accepted or declined), or expires unanswered.
REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    ReferralStatus.SENT: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.EXPIRED}),
    ReferralStatus.ACCEPTED: frozenset(),
    ReferralStatus.DECLINED: frozenset(),
    ReferralStatus.EXPIRED: frozenset(),
}
ANSWERED_STATUSES = frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED})


class Direction(models.TextChoices):
    """Which side of a referral the caller's organisation is on (list filter)."""

    RECEIVED = "received", "Reçues"
    SENT = "sent", "Envoyées"
