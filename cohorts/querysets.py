"""Scoping and derived values of the cohorts app. Every queryset a user reaches goes through `for_user(user)`."""

import datetime

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone

from partners.querysets import TerritoryScopedQuerySet

from . import perms
from .enums import SENSITIVE_BARRIER_CATEGORIES, JobSeekerStatus

# Columns of a user never worth loading when she is joined to show a name (see JobSeekerQuerySet.with_referents).
USER_SECRET_FIELDS = ("password",)


def status_expression(on: datetime.date):
    """The SQL twin of `JobSeeker.status_on(on)`: early exit first, then the end of the year of follow-up."""
    return Case(
        When(left_early_on__isnull=False, left_early_on__lte=on, then=Value(JobSeekerStatus.LEFT_EARLY)),
        When(follow_up_end_date__lt=on, then=Value(JobSeekerStatus.COMPLETED)),
        default=Value(JobSeekerStatus.IN_FOLLOW_UP),
        output_field=models.CharField(),
    )


def status_filter(status: str, on: datetime.date) -> Q:
    left = Q(left_early_on__isnull=False, left_early_on__lte=on)
    if status == JobSeekerStatus.LEFT_EARLY:
        return left
    if status == JobSeekerStatus.COMPLETED:
        return ~left & Q(follow_up_end_date__lt=on)
    return ~left & Q(follow_up_end_date__gte=on)


class QPVQuerySet(TerritoryScopedQuerySet):
    pass


class CohortQuerySet(TerritoryScopedQuerySet):
    def with_member_count(self):
        return self.annotate(member_count=models.Count("job_seekers", distinct=True))


class JobSeekerQuerySet(TerritoryScopedQuerySet):
    def for_user(self, user):
        """Coordinator: the whole territory. Advisor: people whose team includes her organisation. Others: no one."""
        qs = super().for_user(user)
        if perms.sees_whole_cohort(user):
            return qs
        if perms.is_advisor(user) and user.organisation_id:
            return qs.followed_by(user.organisation_id)
        return qs.none()

    def with_referents(self):
        """Cohort, QPV, referent organisation and referent joined, without the referent's password hash."""
        return self.select_related("cohort", "qpv", "referent_organisation", "referent").defer(
            *(f"referent__{name}" for name in USER_SECRET_FIELDS)
        )

    def followed_by(self, organisation_id, on: datetime.date | None = None):
        """The people this organisation refers, or whose team it is in on `on` (today): access follows the
        membership in time, an ended membership gives no access (FollowUpTeamMemberQuerySet.active)."""
        from .models import FollowUpTeamMember

        in_team = FollowUpTeamMember.objects.active(on).filter(
            job_seeker=OuterRef("pk"), organisation_id=organisation_id
        )
        return self.filter(Q(referent_organisation_id=organisation_id) | Exists(in_team))

    def with_status(self, on: datetime.date | None = None):
        return self.annotate(current_status=status_expression(on or timezone.localdate()))

    def with_status_value(self, status: str, on: datetime.date | None = None):
        return self.filter(status_filter(status, on or timezone.localdate()))

    def in_follow_up(self, on: datetime.date | None = None):
        return self.with_status_value(JobSeekerStatus.IN_FOLLOW_UP, on)

    def search(self, text: str):
        from cite_emploi.text import normalise

        qs = self
        for word in normalise(text).split():
            qs = qs.filter(search_name__contains=word)
        return qs


class _ThroughJobSeekerQuerySet(TerritoryScopedQuerySet):
    territory_field = "job_seeker__territory"

    def for_user(self, user):
        from .models import JobSeeker

        if not perms.can_view_personal_data(user):
            return self.none()
        return self.filter(job_seeker__in=JobSeeker.objects.for_user(user))


class FollowUpTeamMemberQuerySet(_ThroughJobSeekerQuerySet):
    def active(self, on: datetime.date | None = None):
        """Memberships in force on `on` (today): started, and not ended (no end, or an end after that day)."""
        on = on or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on), started_on__lte=on)


class ConsentQuerySet(_ThroughJobSeekerQuerySet):
    def in_force(self):
        return self.filter(withdrawn_on__isnull=True)


class BarrierQuerySet(_ThroughJobSeekerQuerySet):
    def for_user(self, user):
        """Health barriers are sensitive: only the referent organisation and the coordinator see them."""
        qs = super().for_user(user)
        if perms.sees_whole_cohort(user):
            return qs
        if not perms.can_view_personal_data(user):
            return qs.none()
        return qs.filter(
            ~Q(category__in=SENSITIVE_BARRIER_CATEGORIES) | Q(job_seeker__referent_organisation_id=user.organisation_id)
        )

    def open(self):
        from .enums import CLOSED_BARRIER_STATUSES

        return self.exclude(status__in=CLOSED_BARRIER_STATUSES)


class BarrierTransitionQuerySet(TerritoryScopedQuerySet):
    territory_field = "barrier__job_seeker__territory"

    def for_user(self, user):
        from .models import Barrier

        return self.filter(barrier__in=Barrier.objects.for_user(user))


class FollowUpQuerySet(_ThroughJobSeekerQuerySet):
    pass


def outcome_class_expression():
    """A situation's outcome class in SQL: the stored, derived `Situation.outcome_class` (see `outcome_class_for`)."""
    return F("outcome_class")


class SituationQuerySet(_ThroughJobSeekerQuerySet):
    def with_outcome_class(self):
        return self.annotate(outcome=outcome_class_expression())


class SchemeConnectionQuerySet(_ThroughJobSeekerQuerySet):
    pass


class CandidateQuerySet(TerritoryScopedQuerySet):
    def for_user(self, user):
        """Coordinator: every person identified in her territory. Advisor: those her organisation identified."""
        qs = super().for_user(user)
        if perms.sees_whole_cohort(user):
            return qs
        if perms.is_advisor(user) and user.organisation_id:
            return qs.filter(identified_by_id=user.organisation_id)
        return qs.none()

    def open(self):
        from .enums import OPEN_CANDIDATE_STAGES

        return self.filter(stage__in=OPEN_CANDIDATE_STAGES)


class CandidateTransitionQuerySet(TerritoryScopedQuerySet):
    territory_field = "candidate__territory"

    def for_user(self, user):
        from .models import Candidate

        return self.filter(candidate__in=Candidate.objects.for_user(user))
