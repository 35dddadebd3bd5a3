"""Benchmarks across Cités: each indicator per territory, masked under statistical secrecy, and its distribution.

- Every value comes from `reporting.metrics.national.national_figures` (aggregated per territory in SQL).
- **Secrecy** (`cite_emploi.secrecy.is_secret`, the pack's rule): a territory's value is masked (« < 5 ») when one
  of the counts it is made of is 1 to 4 — for a rate, its numerator, its denominator and their difference (so that
  neither can be worked out); for a cost, the people or barriers it is divided by. A masked value never enters the
  distribution either.
- **Distribution**: median and quartiles over the territories whose value is shown, printed only when at least
  `MIN_TERRITORIES` territories contribute (with fewer, a quartile would be one identifiable territory's value).
- **Who sees what**: the national viewer sees every territory by name (anonymised figures only); a coordinator
  sees her territory's value, its position in the distribution, and the other territories only through the
  distribution — a territory's name next to its value only if it chose to publish (`Territory.publishes_benchmarks`).
"""

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from cite_emploi import figures_cache
from cite_emploi.formatting import format_money, format_percent
from cite_emploi.secrecy import SECRECY_THRESHOLD, SECRET_LABEL, is_secret
from cohorts.enums import BarrierCategory
from partners.models import Territory

from .metrics import Period
from .metrics.national import TerritoryFigures, national_figures

MIN_TERRITORIES = SECRECY_THRESHOLD
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    group: str  # outcomes, barriers, money
    unit: str  # percent, euros
    compute: Callable[[TerritoryFigures], tuple[Decimal | None, tuple[int, ...]]]  # value, counts behind it


def _rate(numerator: int, denominator: int) -> tuple[Decimal | None, tuple[int, ...]]:
    if not denominator:
        return None, ()
    value = (Decimal(numerator) * 100 / denominator).quantize(TENTH, ROUND_HALF_UP)
    return value, (numerator, denominator - numerator, denominator)


def _outcome_indicators() -> list[Indicator]:
    result = []
    for attr, months in (("six_months", 6), ("twelve_months", 12)):
        result += [
            Indicator(
                f"dynamic_{months}m_recorded",
                f"Sorties dynamiques à {months} mois, sur les situations renseignées",
                "outcomes",
                "percent",
                lambda t, a=attr: _rate(getattr(t, a).dynamic, getattr(t, a).recorded),
            ),
            Indicator(
                f"dynamic_{months}m_reached",
                f"Sorties dynamiques à {months} mois, sur les personnes au jalon",
                "outcomes",
                "percent",
                lambda t, a=attr: _rate(getattr(t, a).dynamic, getattr(t, a).reached),
            ),
        ]
    return result


def _barrier_indicators() -> list[Indicator]:
    def lift_rate(category):
        def compute(t: TerritoryFigures):
            rows = {row.code: row for row in t.barriers.rows} | {"total": t.barriers.total}
            row = rows.get(category)
            return _rate(row.lifted, row.total) if row is not None else (None, ())

        return compute

    return [
        Indicator("barriers_lifted_total", "Freins levés, toutes catégories", "barriers", "percent", lift_rate("total"))
    ] + [
        Indicator(f"barriers_lifted_{code}", f"Freins levés : {label}", "barriers", "percent", lift_rate(code))
        for code, label in BarrierCategory.choices
    ]


INDICATORS: tuple[Indicator, ...] = (
    *_outcome_indicators(),
    *_barrier_indicators(),
    Indicator(
        "cost_per_participant",
        "Coût des actions par participant",
        "money",
        "euros",
        lambda t: (t.cost_per_participant, (t.participants,)),
    ),
    Indicator(
        "cost_per_barrier_lifted",
        "Coût des actions par frein levé",
        "money",
        "euros",
        lambda t: (t.cost_per_barrier_lifted, (t.barriers.total.lifted,)),
    ),
    Indicator(
        "envelope_use",
        "Enveloppe engagée",
        "money",
        "percent",
        lambda t: (t.envelope_use, ()),
    ),
)
GROUPS = {
    "outcomes": "Sorties dynamiques (emploi durable, emploi de transition, sortie positive)",
    "barriers": "Freins levés par catégorie",
    "money": "Coûts et enveloppe",
}


@dataclass(frozen=True)
class Value:
    """One territory's value as printed: the number, or masked (« < 5 ») or absent (« — »)."""

    value: Decimal | None
    masked: bool = False

    def text(self, unit: str) -> str:
        if self.masked:
            return SECRET_LABEL
        if self.value is None:
            return "—"
        return format_percent(self.value) if unit == "percent" else format_money(self.value)

    @property
    def shown(self) -> Decimal | None:
        return None if self.masked else self.value


def protected_value(indicator: Indicator, figures: TerritoryFigures) -> Value:
    value, counts = indicator.compute(figures)
    if value is not None and any(is_secret(count) for count in counts):
        return Value(None, masked=True)
    return Value(value)


@dataclass(frozen=True)
class Distribution:
    territories: int  # territories whose value is shown
    q1: Decimal | None = None
    median: Decimal | None = None
    q3: Decimal | None = None

    @property
    def shown(self) -> bool:
        return self.territories >= MIN_TERRITORIES


def distribution(values: list[Decimal]) -> Distribution:
    if len(values) < MIN_TERRITORIES:
        return Distribution(territories=len(values))
    q1, median, q3 = statistics.quantiles(sorted(values), n=4, method="inclusive")

    def quantize(v):
        return Decimal(v).quantize(Decimal("0.01"), ROUND_HALF_UP)

    return Distribution(len(values), quantize(q1), quantize(median), quantize(q3))


def position(value: Decimal | None, dist: Distribution) -> str:
    """Where a value stands in the distribution, in words (never another territory's value)."""
    if value is None or not dist.shown:
        return ""
    if value > dist.q3:
        return "au-dessus du 3e quartile"
    if value >= dist.median:
        return "entre la médiane et le 3e quartile"
    if value >= dist.q1:
        return "entre le 1er quartile et la médiane"
    return "sous le 1er quartile"


@dataclass(frozen=True)
class NamedValue:
    territory_id: int
    name: str
    value: Value


@dataclass(frozen=True)
class Line:
    indicator: Indicator
    distribution: Distribution
    own: Value | None  # the caller's territory (a coordinator), None for the national viewer
    own_position: str
    named: tuple[NamedValue, ...]  # national viewer: every territory; coordinator: the published ones

    def text(self, value) -> str:
        return Value(value).text(self.indicator.unit)

    @property
    def own_text(self) -> str:
        return self.own.text(self.indicator.unit) if self.own is not None else "—"

    @property
    def q1_text(self) -> str:
        return self.text(self.distribution.q1)

    @property
    def median_text(self) -> str:
        return self.text(self.distribution.median)

    @property
    def q3_text(self) -> str:
        return self.text(self.distribution.q3)

    def named_texts(self) -> list[tuple[str, str]]:
        return [(item.name, item.value.text(self.indicator.unit)) for item in self.named]


@dataclass(frozen=True)
class Benchmarks:
    period: Period
    territories: int
    lines: tuple[Line, ...]
    own_territory: str = ""

    def groups(self):
        return [(label, [line for line in self.lines if line.indicator.group == key]) for key, label in GROUPS.items()]


def figures_for(period: Period) -> tuple[TerritoryFigures, ...]:
    """The national figures (by territory name), each territory's line stored under its own data version: after a
    write in one territory, only that territory's line is computed again, not the 84."""
    territory_ids = list(Territory.objects.order_by("name", "pk").values_list("pk", flat=True))
    lines = figures_cache.get_or_compute_each(
        territory_ids,
        "national-figures-line",
        (period.start.isoformat(), period.end.isoformat()),
        lambda missing: {
            line.territory_id: line for line in national_figures(period, Territory.objects.filter(pk__in=missing))
        },
    )
    return tuple(lines[pk] for pk in territory_ids)


def benchmarks(period: Period, *, own_territory_id: int | None, named: str) -> Benchmarks:
    """`named`: "all" (national viewer) or "published" (a coordinator: only the territories that publish)."""
    figures = figures_for(period)
    lines = []
    own_name = ""
    for indicator in INDICATORS:
        values = [(t, protected_value(indicator, t)) for t in figures]
        dist = distribution([v.shown for _, v in values if v.shown is not None])
        own = next((v for t, v in values if t.territory_id == own_territory_id), None)
        shown_names = tuple(
            NamedValue(t.territory_id, t.name, v)
            for t, v in values
            if named == "all" or (t.publishes and t.territory_id != own_territory_id and v.shown is not None)
        )
        lines.append(
            Line(
                indicator=indicator,
                distribution=dist,
                own=own,
                own_position=position(own.shown if own else None, dist),
                named=shown_names,
            )
        )
    if own_territory_id is not None:
        own_name = next((t.name for t in figures if t.territory_id == own_territory_id), "")
    return Benchmarks(period=period, territories=len(figures), lines=tuple(lines), own_territory=own_name)
