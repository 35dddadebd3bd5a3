"""Scoping of referrals: an organisation sees what it sent or received; the coordinator, her whole territory."""

from django.db.models import Q

from partners.querysets import TerritoryScopedQuerySet

from . import perms
from .enums import Direction, ReferralStatus


class ReferralQuerySet(TerritoryScopedQuerySet):
    def for_user(self, user):
        qs = super().for_user(user)
        if perms.sees_every_referral(user):
            return qs
        if perms.is_advisor(user) and user.organisation_id:
            return qs.filter(Q(from_organisation_id=user.organisation_id) | Q(to_organisation_id=user.organisation_id))
        return qs.none()

    def direction(self, direction: str, organisation_id):
        """Received by (or sent by) this organisation."""
        if direction == Direction.RECEIVED:
            return self.filter(to_organisation_id=organisation_id)
        if direction == Direction.SENT:
            return self.filter(from_organisation_id=organisation_id)
        return self

    def pending(self):
        return self.filter(status=ReferralStatus.SENT)


class ReferralTransitionQuerySet(TerritoryScopedQuerySet):
    territory_field = "referral__territory"
