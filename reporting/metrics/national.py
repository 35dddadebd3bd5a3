"""National figures: every territory's figures at once, aggregated per territory IN SQL (a fixed number of queries
whatever the number of territories, people and actions), from the same building blocks as `compute_metrics`
(population, milestone counts, barrier states, action indicators, envelope).

Read by the benchmarks (`reporting.benchmarks`) and the quarterly national report (`reporting.quarterly`); both
apply statistical secrecy (`cite_emploi.secrecy`) before anything is shown. Nothing here names a person.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from actions.enums import CommitmentStatus
from actions.models import Action, Commitment, Envelope
from actions.selectors import indicators_for_actions
from cite_emploi.formatting import rate
from cohorts.enums import JobSeekerStatus, Milestone, OutcomeClass
from cohorts.models import Barrier
from cohorts.querysets import status_filter
from partners.models import Territory

from .cohort import (
    BARRIER_FIELDS,
    barrier_aggregates,
    barrier_rows,
    every_territory_population,
    milestone_counts,
    milestone_outcomes,
)
from .types import BarrierFigures, MilestoneOutcome, Period

CENT = Decimal("0.01")
MILESTONES = (Milestone.SIX_MONTHS, Milestone.TWELVE_MONTHS)


@dataclass(frozen=True)
class TerritoryFigures:
    """One territory's national figures over a period (counts and money: no person)."""

    territory_id: int
    name: str
    department: str
    publishes: bool
    members: int = 0  # people accompanied during the period (DEFINITIONS["population"])
    entered: int = 0
    completed_in_period: int = 0
    left_early_in_period: int = 0
    six_months: MilestoneOutcome = field(default_factory=lambda: _empty(Milestone.SIX_MONTHS))
    twelve_months: MilestoneOutcome = field(default_factory=lambda: _empty(Milestone.TWELVE_MONTHS))
    barriers: BarrierFigures = field(default_factory=lambda: barrier_rows({}))
    actions: int = 0  # actions running at some point of the period
    participants: int = 0  # enrolled in those actions by the period's end
    actions_cost: Decimal = Decimal("0.00")  # their commitments (not cancelled) plus co-funding, by the period's end
    envelope: Decimal | None = None  # the envelope of the year the period ends in
    committed: Decimal = Decimal("0.00")
    paid: Decimal = Decimal("0.00")

    @property
    def exits(self) -> int:
        return self.completed_in_period + self.left_early_in_period

    @property
    def envelope_use(self) -> Decimal | None:
        return rate(self.committed, self.envelope) if self.envelope else None

    @property
    def cost_per_participant(self) -> Decimal | None:
        return (self.actions_cost / self.participants).quantize(CENT, ROUND_HALF_UP) if self.participants else None

    @property
    def cost_per_barrier_lifted(self) -> Decimal | None:
        lifted = self.barriers.total.lifted
        return (self.actions_cost / lifted).quantize(CENT, ROUND_HALF_UP) if lifted else None


def _empty(code: str) -> MilestoneOutcome:
    zero = dict.fromkeys(OutcomeClass.values, 0)
    return MilestoneOutcome(code=code, label=Milestone(code).label, reached=0, **zero)


def _population(period: Period, territory_ids):
    people = every_territory_population(period)
    return people if territory_ids is None else people.filter(territory_id__in=territory_ids)


def _people_rows(period: Period, territory_ids=None) -> dict[int, dict]:
    """Population, flows and milestone outcomes per territory: one grouped query."""
    end = period.end
    left = status_filter(JobSeekerStatus.LEFT_EARLY, end)
    annotated, aggregates = milestone_counts(_population(period, territory_ids), period, MILESTONES)
    aggregates |= {
        "members": Count("pk"),
        "entered": Count("pk", filter=Q(entry_date__gte=period.start)),
        "completed_in_period": Count(
            "pk", filter=~left & Q(follow_up_end_date__gte=period.start, follow_up_end_date__lt=end)
        ),
        "left_early_in_period": Count("pk", filter=Q(left_early_on__gte=period.start, left_early_on__lte=end)),
    }
    return {row["territory_id"]: row for row in annotated.order_by().values("territory_id").annotate(**aggregates)}


def _barrier_rows(period: Period, territory_ids=None) -> dict[int, dict]:
    """Barrier states per territory and category: one grouped query."""
    rows: dict[int, dict] = {}
    people = _population(period, territory_ids).values("pk")
    for item in (
        Barrier.objects.filter(job_seeker__in=people, identified_on__lte=period.end)
        .order_by()
        .values("job_seeker__territory_id", "category")
        .annotate(**barrier_aggregates(period))
    ):
        rows.setdefault(item["job_seeker__territory_id"], {})[item["category"]] = {
            name: item[name] for name in BARRIER_FIELDS
        }
    return rows


def _action_rows(period: Period, territory_ids=None) -> dict[int, dict]:
    """Actions running during the period, their participants and cost per territory, from the actions app's own
    indicators (`indicators_for_actions`, two queries for every action of the country) plus one for the territory."""
    running = (
        Action.objects.filter(start_date__lte=period.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.start))
        .order_by()
    )
    if territory_ids is not None:
        running = running.filter(territory_id__in=territory_ids)
    indicators = indicators_for_actions(running, as_of=period.end)
    rows: dict[int, dict] = {}
    for pk, territory_id in running.values_list("pk", "territory_id"):
        item = indicators.get(pk)
        row = rows.setdefault(territory_id, {"actions": 0, "participants": 0, "actions_cost": Decimal("0.00")})
        row["actions"] += 1
        if item is not None:
            row["participants"] += item.participant_count
            row["actions_cost"] += item.total_cost
    return rows


def _envelope_rows(period: Period, territory_ids=None) -> dict[int, dict]:
    """The envelope of the period's year per territory, committed and paid by the period's end (two queries)."""
    year = period.end.year
    envelopes = Envelope.objects.filter(year=year)
    if territory_ids is not None:
        envelopes = envelopes.filter(territory_id__in=territory_ids)
    rows = {
        territory_id: {"envelope": amount, "committed": Decimal("0.00"), "paid": Decimal("0.00")}
        for territory_id, amount in envelopes.values_list("territory_id", "amount")
    }
    paid = Q(status=CommitmentStatus.PAID, paid_on__lte=period.end)
    for item in (
        Commitment.objects.filter(envelope__in=envelopes, committed_on__lte=period.end)
        .exclude(status=CommitmentStatus.CANCELLED)
        .order_by()
        .values("envelope__territory_id")
        .annotate(committed=Sum("amount"), paid=Sum("amount", filter=paid))
    ):
        row = rows.get(item["envelope__territory_id"])
        if row is not None:
            row["committed"] = item["committed"] or Decimal("0.00")
            row["paid"] = item["paid"] or Decimal("0.00")
    return rows


def national_figures(period: Period, territories=None) -> tuple[TerritoryFigures, ...]:
    """Every territory's figures over the period (by name), in 8 queries whatever the volume; `territories` (a
    queryset): only those, and only their rows are read (one territory recomputed after a write in it)."""
    restricted = territories is not None
    territories = list(
        (territories if restricted else Territory.objects.all())
        .order_by("name")
        .values_list("pk", "name", "department", "publishes_benchmarks")
    )
    ids = [pk for pk, *_ in territories] if restricted else None
    people, barriers = _people_rows(period, ids), _barrier_rows(period, ids)
    actions, envelopes = _action_rows(period, ids), _envelope_rows(period, ids)
    result = []
    for pk, name, department, publishes in territories:
        row = people.get(pk)
        outcomes = (
            {m.code: m for m in milestone_outcomes(row, MILESTONES)}
            if row
            else {code: _empty(code) for code in MILESTONES}
        )
        result.append(
            TerritoryFigures(
                territory_id=pk,
                name=name,
                department=department,
                publishes=publishes,
                members=row["members"] if row else 0,
                entered=row["entered"] if row else 0,
                completed_in_period=row["completed_in_period"] if row else 0,
                left_early_in_period=row["left_early_in_period"] if row else 0,
                six_months=outcomes[Milestone.SIX_MONTHS],
                twelve_months=outcomes[Milestone.TWELVE_MONTHS],
                barriers=barrier_rows(barriers.get(pk, {})),
                **actions.get(pk, {}),
                **envelopes.get(pk, {}),
            )
        )
    return tuple(result)


# --- quarters ----------------------------------------------------------------------------------------------------


def quarter_period(year: int, quarter: int) -> Period:
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = (
        datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    ) - datetime.timedelta(days=1)
    return Period(start, end)


def last_complete_quarter(today: datetime.date) -> tuple[int, int]:
    """The last quarter that ended before `today` (year, quarter)."""
    quarter = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if quarter == 1 else (today.year, quarter - 1)


def quarter_label(quarter: int) -> str:
    """« 1er trimestre », « 2e trimestre »…"""
    return f"{quarter}{'er' if quarter == 1 else 'e'} trimestre"
