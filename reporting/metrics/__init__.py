"""THE metrics module: every figure the dashboards, the XLSX export, the API and the meeting pack show.

`compute_metrics(territory, period, cohort=None)` returns a `Metrics` dataclass, in a fixed number of queries
whatever the number of people, follow-ups and actions (tests/reporting/test_metrics.py asserts it).
"""

import datetime

from django.utils import timezone

from cite_emploi.dates import add_months

from .budget import action_figures, budget_figures
from .cohort import (
    activity_figures,
    barrier_figures,
    cohort_figures,
    cohort_targets,
    outcome_figures,
    population,
    qpv_breakdown,
)
from .definitions import DEFINITIONS
from .partners import decision_figures, partner_scorecard, referral_figures
from .pathway import pathway_figures, scheme_figures
from .types import (
    ActionFigures,
    ActivityFigures,
    BarrierFigures,
    BarrierRow,
    BudgetFigures,
    CohortFigures,
    KeyFigures,
    Metrics,
    MilestoneOutcome,
    Period,
    Row,
)

__all__ = [
    "DEFINITIONS",
    "ActionFigures",
    "ActivityFigures",
    "BarrierFigures",
    "BarrierRow",
    "BudgetFigures",
    "CohortFigures",
    "KeyFigures",
    "Metrics",
    "MilestoneOutcome",
    "Period",
    "Row",
    "compute_metrics",
    "default_period",
    "key_figures",
    "key_figures_of",
    "previous_periods",
]


def default_period(today: datetime.date | None = None) -> Period:
    """The two months before today (the rhythm of the technical group), today included."""
    today = today or timezone.localdate()
    return Period(start=add_months(today, -2) + datetime.timedelta(days=1), end=today)


def compute_metrics(territory, period: Period, cohort=None) -> Metrics:
    """Every figure for a territory, a period and optionally a cohort (both objects, already scoped by the caller)."""
    if cohort is not None and cohort.territory_id != territory.pk:
        raise ValueError("La cohorte n'appartient pas au territoire.")
    people = population(territory.pk, period, cohort.pk if cohort else None)
    figures, row = cohort_figures(people, period, target_size=cohort.target_size if cohort else None)
    figures = CohortFigures(
        **{
            **figures.__dict__,
            "by_qpv": qpv_breakdown(territory.pk, people, row["outside_qpv"]),
            "cohort_year": cohort.year if cohort else None,
        }
    )
    return Metrics(
        territory_id=territory.pk,
        territory_name=territory.name,
        period=period,
        cohort_id=cohort.pk if cohort else None,
        cohort_label=cohort.label if cohort else "Toutes les cohortes",
        cohort=figures,
        barriers=barrier_figures(people, period),
        outcomes=outcome_figures(people, period),
        activity=activity_figures(people, period),
        actions=action_figures(territory.pk, period),
        budget=budget_figures(territory.pk, period),
        computed_at=timezone.now(),
        partners=partner_scorecard(territory.pk, people, period),
        referrals=referral_figures(people, period),
        decisions=decision_figures(territory.pk, period),
        cohorts=cohort_targets(territory.pk, period, cohort.pk if cohort else None),
        pathway=pathway_figures(territory.pk, period),
        schemes=scheme_figures(people, period),
    )


def previous_periods(period: Period, count: int) -> tuple[Period, ...]:
    """The `count` periods of the same length in months (bimonthly packs) ending with `period`, oldest first.
    A period from the 1st of a month to the last day of another steps by whole months; otherwise by its length."""
    next_day = period.end + datetime.timedelta(days=1)
    months = (next_day.year - period.start.year) * 12 + next_day.month - period.start.month
    whole = period.start.day == 1 and next_day.day == 1 and months > 0
    periods = [period]
    for _ in range(count - 1):
        last = periods[0]
        if whole:
            start = add_months(last.start, -months)
            end = last.start - datetime.timedelta(days=1)
        else:
            end = last.start - datetime.timedelta(days=1)
            start = end - datetime.timedelta(days=period.days - 1)
        periods.insert(0, Period(start, end))
    return tuple(periods)


def key_figures_of(metrics: Metrics) -> KeyFigures:
    """The page-1 figures of already computed metrics (no query)."""
    return KeyFigures(
        period=metrics.period,
        members=metrics.cohort.members,
        entered=metrics.cohort.entered_in_period,
        exits=metrics.cohort.exits_in_period,
        six_months=metrics.outcome("six_months"),
        twelve_months=metrics.outcome("twelve_months"),
        barriers_lifted_in_period=metrics.barriers.total.lifted_in_period,
        barriers_lift_rate=metrics.barriers.lift_rate,
        barriers_lifted=metrics.barriers.total.lifted,
        barriers_total=metrics.barriers.total.total,
    )


def key_figures(territory, period: Period, cohort=None) -> KeyFigures:
    """The page-1 figures of one period (4 queries): compared with the previous pack, drawn over six packs."""
    people = population(territory.pk, period, cohort.pk if cohort else None)
    figures, _ = cohort_figures(people, period)
    barriers = barrier_figures(people, period)
    outcomes = {item.code: item for item in outcome_figures(people, period, ("six_months", "twelve_months"))}
    return KeyFigures(
        period=period,
        members=figures.members,
        entered=figures.entered_in_period,
        exits=figures.exits_in_period,
        six_months=outcomes["six_months"],
        twelve_months=outcomes["twelve_months"],
        barriers_lifted_in_period=barriers.total.lifted_in_period,
        barriers_lift_rate=barriers.lift_rate,
        barriers_lifted=barriers.total.lifted,
        barriers_total=barriers.total.total,
    )
