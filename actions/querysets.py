"""Territory scoping of the actions app: every queryset a user can reach goes through `for_user(user)`.

The action catalogue, outcome types, envelopes and commitments carry no personal data: everyone of the territory
reaches them, and the views and API decide per role what is shown (see actions/perms.py). Participations are
narrowed by role and organisation (see ParticipationQuerySet).
"""

from decimal import Decimal

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from cohorts.models import JobSeeker
from partners.querysets import TerritoryScopedQuerySet

from .enums import CommitmentStatus

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=12, decimal_places=2))


class ActionQuerySet(TerritoryScopedQuerySet):
    def addressing(self, category: str):
        """Actions whose barrier categories include `category` (JSON list; portable to SQLite and PostgreSQL)."""
        return self.filter(barrier_categories__icontains=f'"{category}"')

    def active_in_year(self, year: int):
        return self.filter(start_date__year__lte=year).filter(Q(end_date__isnull=True) | Q(end_date__year__gte=year))


class OutcomeTypeQuerySet(TerritoryScopedQuerySet):
    territory_field = "action__territory"


class CoFundingQuerySet(TerritoryScopedQuerySet):
    territory_field = "action__territory"


class EnvelopeQuerySet(TerritoryScopedQuerySet):
    def with_totals(self):
        """committed (non-cancelled), paid and remaining, in the same query."""
        return self.annotate(
            committed=Coalesce(
                Sum("commitments__amount", filter=~Q(commitments__status=CommitmentStatus.CANCELLED)), ZERO
            ),
            paid=Coalesce(Sum("commitments__amount", filter=Q(commitments__status=CommitmentStatus.PAID)), ZERO),
        )


class CommitmentQuerySet(TerritoryScopedQuerySet):
    territory_field = "envelope__territory"

    def active(self):
        return self.exclude(status=CommitmentStatus.CANCELLED)


class ParticipationQuerySet(TerritoryScopedQuerySet):
    """Personal data. Coordinator: the whole territory. Advisor: the cohort members she may see
    (cohorts.JobSeeker.for_user), and pseudonymous participants of actions her organisation leads or partners.
    Viewer and admin: no one."""

    territory_field = "action__territory"

    def for_user(self, user):
        from . import perms
        from .models import Action

        qs = super().for_user(user)
        if not perms.can_view_participations(user):
            return qs.none()
        if perms.is_coordinator(user):
            return qs
        org = user.organisation_id
        partner_actions = Action.objects.filter(Q(lead_organisation_id=org) | Q(partner_organisations__id=org))
        visible_people = JobSeeker.objects.for_user(user).values("pk")
        return qs.filter(
            Q(job_seeker__in=visible_people) | Q(job_seeker__isnull=True, action__in=partner_actions.values("pk"))
        )

    def enrolled(self):
        from .enums import ParticipationStatus

        return self.filter(status=ParticipationStatus.ENROLLED)


class ParticipationOutcomeQuerySet(TerritoryScopedQuerySet):
    territory_field = "participation__action__territory"

    def for_user(self, user):
        from .models import Participation

        return self.filter(participation__in=Participation.objects.for_user(user).values("pk"))


class WorkshopQuerySet(TerritoryScopedQuerySet):
    territory_field = "action__territory"
