"""Cohort figures: population, statuses, breakdowns, barriers, situations at milestones, activity by partner.

Each function is ONE aggregate query (conditional aggregation, subqueries), whatever the number of people.
Everything is stated "at the end of the period": a pack built again later for the same period shows the same figures
(situations, barrier changes and follow-ups recorded after the end are left out).
"""

import datetime

from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When

from cohorts.enums import (
    AGE_BANDS,
    BarrierCategory,
    BarrierStatus,
    EarlyExitReason,
    JobSeekerStatus,
    Milestone,
    OutcomeClass,
    Sex,
)
from cohorts.expressions import AddMonths, exit_date, window_end, window_start
from cohorts.models import QPV, Barrier, Cohort, FollowUp, JobSeeker, Situation
from cohorts.querysets import outcome_class_expression, status_filter

from .types import (
    ActivityFigures,
    ActivityRow,
    BarrierFigures,
    BarrierRow,
    CohortFigures,
    CohortTarget,
    MilestoneOutcome,
    Period,
    Row,
)

OUTSIDE_QPV = "Hors QPV (dérogation)"


def population(territory_id: int, period: Period, cohort_id: int | None = None):
    """The people a report counts (DEFINITIONS["population"])."""
    qs = JobSeeker.objects.for_territory(territory_id).filter(entry_date__lte=period.end)
    if cohort_id:
        return qs.filter(cohort_id=cohort_id)
    return qs.alias(exit_on=exit_date()).filter(exit_on__gte=period.start)


def every_territory_population(period: Period):
    """The same population in every territory at once (national figures, grouped by `territory_id`): never read by a
    user directly, only aggregated by `reporting.metrics.national`."""
    return (
        JobSeeker.objects.filter(entry_date__lte=period.end)
        .alias(exit_on=exit_date())
        .filter(exit_on__gte=period.start)
    )


def _born_from(end: datetime.date, age: int) -> datetime.date:
    """People born on or after this day are at most `age` in the year of `end` (age reached in the year).

    The age band reads the year of birth only, so an anonymised file (birth date cut to 1 January of its year,
    cohorts.retention) stays in the same band: the aggregates are identical before and after anonymisation.
    """
    return datetime.date(end.year - age, 1, 1)


def cohort_figures(people, period: Period, *, target_size=None) -> tuple[CohortFigures, dict]:
    end = period.end
    left = status_filter(JobSeekerStatus.LEFT_EARLY, end)
    born_from_26, born_from_50 = _born_from(end, 25), _born_from(end, 49)
    aggregates = {
        "members": Count("pk"),
        "entered": Count("pk", filter=Q(entry_date__gte=period.start)),
        "in_follow_up": Count("pk", filter=status_filter(JobSeekerStatus.IN_FOLLOW_UP, end)),
        "completed": Count("pk", filter=status_filter(JobSeekerStatus.COMPLETED, end)),
        "left_early": Count("pk", filter=left),
        "age_under_26": Count("pk", filter=Q(birth_date__gte=born_from_26)),
        "age_26_49": Count("pk", filter=Q(birth_date__lt=born_from_26, birth_date__gte=born_from_50)),
        "age_50_plus": Count("pk", filter=Q(birth_date__lt=born_from_50)),
        "outside_qpv": Count("pk", filter=Q(qpv__isnull=True)),
    }
    left_in_period = Q(left_early_on__gte=period.start, left_early_on__lte=end)
    aggregates |= {
        "completed_in_period": Count(
            "pk", filter=~left & Q(follow_up_end_date__gte=period.start, follow_up_end_date__lt=end)
        ),
        "left_in_period": Count("pk", filter=left_in_period),
    }
    aggregates |= {
        f"reason_in_period_{code}": Count("pk", filter=left_in_period & Q(left_early_reason=code))
        for code in EarlyExitReason.values
    }
    aggregates |= {f"sex_{code}": Count("pk", filter=Q(sex=code)) for code in Sex.values}
    aggregates |= {
        f"reason_{code}": Count("pk", filter=left & Q(left_early_reason=code)) for code in EarlyExitReason.values
    }
    row = people.aggregate(**aggregates)
    return (
        CohortFigures(
            members=row["members"],
            entered_in_period=row["entered"],
            in_follow_up=row["in_follow_up"],
            completed=row["completed"],
            left_early=row["left_early"],
            left_early_by_reason=tuple(Row(c, label, row[f"reason_{c}"]) for c, label in EarlyExitReason.choices),
            by_qpv=(),  # filled by qpv_breakdown
            by_sex=tuple(Row(c, label, row[f"sex_{c}"]) for c, label in Sex.choices),
            by_age_band=tuple(Row(c, label, row[f"age_{c}"]) for c, label, _below in AGE_BANDS),
            target_size=target_size,
            completed_in_period=row["completed_in_period"],
            left_early_in_period=row["left_in_period"],
            left_early_in_period_by_reason=tuple(
                Row(c, label, row[f"reason_in_period_{c}"]) for c, label in EarlyExitReason.choices
            ),
        ),
        row,
    )


def qpv_breakdown(territory_id: int, people, outside_qpv: int) -> tuple[Row, ...]:
    """Every QPV of the territory (zeros included), then the people living outside a QPV."""
    rows = (
        QPV.objects.for_territory(territory_id)
        .annotate(n=Count("job_seekers", filter=Q(job_seekers__in=people.values("pk"))))
        .order_by("commune", "name")
        .values_list("pk", "name", "n")
    )
    result = [Row(str(pk), name, n) for pk, name, n in rows]
    return (*result, Row("", OUTSIDE_QPV, outside_qpv))


BARRIER_FIELDS = ("identified", "in_progress", "lifted", "not_lifted", "lifted_in_period")


def barrier_rows(by_category: dict) -> BarrierFigures:
    """`BarrierFigures` from {category: {field: count}} (the categories in their reference order, then the total)."""
    result = tuple(
        BarrierRow(code, label, *(by_category.get(code, {}).get(name, 0) for name in BARRIER_FIELDS))
        for code, label in BarrierCategory.choices
    )
    total = BarrierRow("total", "Total", *(sum(getattr(r, name) for r in result) for name in BARRIER_FIELDS))
    return BarrierFigures(rows=tuple(r for r in result if r.total), total=total)


def barrier_figures(people, period: Period) -> BarrierFigures:
    """Barriers identified by the end of the period, in the state they were in on that day."""
    rows = {
        item["category"]: item
        for item in Barrier.objects.filter(job_seeker__in=people.values("pk"), identified_on__lte=period.end)
        .order_by()
        .values("category")
        .annotate(**barrier_aggregates(period))
    }
    return barrier_rows(rows)


def _outcome_at(milestone: str, period: Period):
    """The outcome class of the situation known at the milestone: the last one recorded in the window up to the
    milestone date, else the first one recorded after it (within the window, and never after the period's end).

    ONE correlated lookup per person and milestone (PostgreSQL runs it as a nested loop on the index
    (job_seeker_id, date DESC, id DESC), like a lateral join): the situations of the whole window, those up to the
    milestone first and the latest of them first, then those after it, the earliest first."""
    ref = OuterRef(f"m_{milestone}")
    up_to = Q(date__lte=ref)
    situations = (
        Situation.objects.filter(job_seeker=OuterRef("pk"), date__lte=period.end)
        .filter(date__gte=window_start(ref))
        .filter(date__lte=window_end(ref))
        .annotate(  # sort keys (an OuterRef is resolved in annotations, not in order_by)
            after=Case(When(up_to, then=Value(0)), default=Value(1)),
            before_date=Case(When(up_to, then=F("date"))),
            before_id=Case(When(up_to, then=F("id"))),
        )
        .order_by("after", F("before_date").desc(nulls_last=True), F("before_id").desc(nulls_last=True), "date", "id")
    )
    return Subquery(situations.annotate(outcome=outcome_class_expression()).values("outcome")[:1])


def milestone_counts(people, period: Period, codes) -> tuple:
    """(annotated people, aggregates): for each milestone of `codes`, the people who reached it by the period's end
    and, per outcome class, those whose situation at the milestone is of that class. The aggregates are used as they
    are (`outcome_figures`, one territory) or grouped by territory (`reporting.metrics.national`)."""
    end = period.end
    annotated = people.annotate(
        m_exit=exit_date(),
        m_entry=F("entry_date"),
        m_six_months=AddMonths(F("entry_date"), 6),
        m_twelve_months=exit_date(),
        m_six_months_after=AddMonths(exit_date(), 6),
    )
    reached: dict[str, Q] = {
        Milestone.ENTRY: Q(m_entry__lte=end),
        Milestone.SIX_MONTHS: Q(m_six_months__lte=end, m_six_months__lt=F("m_exit")),
        Milestone.TWELVE_MONTHS: Q(m_twelve_months__lte=end),
        Milestone.SIX_MONTHS_AFTER: Q(m_six_months_after__lte=end),
    }
    annotated = annotated.annotate(**{f"o_{code}": _outcome_at(code, period) for code in codes})
    aggregates = {}
    for code in codes:
        aggregates[f"{code}__reached"] = Count("pk", filter=reached[code])
        for outcome in OutcomeClass.values:
            aggregates[f"{code}__{outcome}"] = Count("pk", filter=reached[code] & Q(**{f"o_{code}": outcome}))
    return annotated, aggregates


def milestone_outcomes(row: dict, codes) -> tuple[MilestoneOutcome, ...]:
    """The `MilestoneOutcome` of each milestone from one row of `milestone_counts`' aggregates."""
    return tuple(
        MilestoneOutcome(
            code=code,
            label=label,
            reached=row[f"{code}__reached"],
            **{outcome: row[f"{code}__{outcome}"] for outcome in OutcomeClass.values},
        )
        for code, label in Milestone.choices
        if code in codes
    )


def outcome_figures(people, period: Period, milestones=None) -> tuple[MilestoneOutcome, ...]:
    """Situations at entry, 6 months, 12 months (end of follow-up or early exit) and 6 months after the end (or only
    the `milestones` asked for: each one costs one correlated lookup per person)."""
    codes = [code for code in Milestone.values if milestones is None or code in milestones]
    annotated, aggregates = milestone_counts(people, period, codes)
    return milestone_outcomes(annotated.aggregate(**aggregates), codes)


def barrier_aggregates(period: Period) -> dict:
    """Barriers in the state they were in on the period's last day (`barrier_figures`, and grouped by territory)."""
    start, end = period.start, period.end
    lifted = Q(lifted_on__lte=end)
    closed = Q(closed_on__lte=end, status__in=[BarrierStatus.NOT_LIFTED, BarrierStatus.ABANDONED])
    started = Q(started_on__lte=end)
    return {
        "identified": Count("pk", filter=~lifted & ~closed & ~started),
        "in_progress": Count("pk", filter=~lifted & ~closed & started),
        "lifted": Count("pk", filter=lifted),
        "not_lifted": Count("pk", filter=~lifted & closed),
        "lifted_in_period": Count("pk", filter=Q(lifted_on__gte=start, lifted_on__lte=end)),
    }


def activity_figures(people, period: Period) -> ActivityFigures:
    """Follow-ups logged during the period, by the organisation that logged them (two queries)."""
    follow_ups = FollowUp.objects.filter(
        job_seeker__in=people.values("pk"), date__gte=period.start, date__lte=period.end
    ).order_by()
    rows = (
        follow_ups.values("organisation__name")
        .annotate(n=Count("pk"), people=Count("job_seeker", distinct=True))
        .order_by("-n", "organisation__name")
    )
    totals = follow_ups.aggregate(n=Count("pk"), people=Count("job_seeker", distinct=True))
    return ActivityFigures(
        rows=tuple(ActivityRow(r["organisation__name"], r["n"], r["people"]) for r in rows),
        follow_ups=totals["n"],
        people=totals["people"],
    )


def cohort_targets(territory_id: int, period: Period, cohort_id: int | None = None) -> tuple[CohortTarget, ...]:
    """The cohorts running at the period's end (some member still in follow-up, or this year's still empty) against their
    target, with their year (one query)."""
    end = period.end
    qs = Cohort.objects.for_territory(territory_id).filter(start_date__lte=end)
    if cohort_id:
        qs = qs.filter(pk=cohort_id)
    rows = (
        qs.annotate(
            members=Count("job_seekers", filter=Q(job_seekers__entry_date__lte=end)),
            running=Count(
                "job_seekers",
                filter=Q(job_seekers__entry_date__lte=end, job_seekers__follow_up_end_date__gte=end)
                & (Q(job_seekers__left_early_on__isnull=True) | Q(job_seekers__left_early_on__gt=end)),
            ),
        )
        .order_by("year", "label")
        .values_list("pk", "label", "year", "members", "target_size", "running")
    )
    return tuple(
        CohortTarget(pk, label, year, members, target)
        for pk, label, year, members, target, running in rows
        if running or (not members and year >= end.year) or cohort_id
    )
