"""THE metrics module: every figure the dashboards, the XLSX export, the API and the meeting pack show.

`compute_metrics(territory, period, cohort=None)` returns a `Metrics` dataclass, in a fixed number of queries
whatever the number of people, follow-ups and actions (tests/reporting/test_metrics.py asserts it).
"""

import datetime

from django.utils import timezone

from cite_emploi.dates import add_months

from .budget import action_figures, budget_figures
from .cohort import activity_figures, barrier_figures, cohort_figures, outcome_figures, population, qpv_breakdown
from .definitions import DEFINITIONS
from .types import (
    ActionFigures,
    ActivityFigures,
    BarrierFigures,
    BarrierRow,
    BudgetFigures,
    CohortFigures,
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
    "Metrics",
    "MilestoneOutcome",
    "Period",
    "Row",
    "compute_metrics",
    "default_period",
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
    figures = CohortFigures(**{**figures.__dict__, "by_qpv": qpv_breakdown(territory.pk, people, row["outside_qpv"])})
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
    )
