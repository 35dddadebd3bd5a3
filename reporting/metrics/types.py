"""The figures, as plain dataclasses: the dashboard, the XLSX export, the API and the PDF read the same object."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from actions.gauge import alert_level
from actions.selectors import ActionIndicators
from cite_emploi.formatting import rate
from cohorts.enums import OutcomeClass


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: a code, its French label and a count."""

    code: str
    label: str
    count: int


@dataclass(frozen=True)
class CohortFigures:
    members: int  # the population of the report (see DEFINITIONS["population"])
    entered_in_period: int
    in_follow_up: int  # status at the end of the period
    completed: int
    left_early: int
    left_early_by_reason: tuple[Row, ...]
    by_qpv: tuple[Row, ...]
    by_sex: tuple[Row, ...]
    by_age_band: tuple[Row, ...]
    target_size: int | None  # the chosen cohort's target (90), None across cohorts
    completed_in_period: int = 0  # flows: follow-ups that reached their end during the period
    left_early_in_period: int = 0
    left_early_in_period_by_reason: tuple[Row, ...] = ()
    cohort_year: int | None = None

    @property
    def exits_in_period(self) -> int:
        return self.completed_in_period + self.left_early_in_period


@dataclass(frozen=True)
class BarrierRow:
    code: str
    label: str
    identified: int  # still waiting at the end of the period
    in_progress: int
    lifted: int
    not_lifted: int  # not lifted or abandoned
    lifted_in_period: int

    @property
    def total(self) -> int:
        return self.identified + self.in_progress + self.lifted + self.not_lifted

    @property
    def lift_rate(self) -> Decimal | None:
        return rate(self.lifted, self.total)


@dataclass(frozen=True)
class BarrierFigures:
    rows: tuple[BarrierRow, ...]
    total: BarrierRow

    @property
    def lift_rate(self) -> Decimal | None:
        return self.total.lift_rate


@dataclass(frozen=True)
class MilestoneOutcome:
    """The situations at one milestone of the people who reached it by the end of the period."""

    code: str
    label: str
    reached: int  # people whose milestone date has come by the end of the period
    emploi_durable: int
    emploi_de_transition: int
    sortie_positive: int
    autre: int

    @property
    def recorded(self) -> int:
        return self.emploi_durable + self.emploi_de_transition + self.sortie_positive + self.autre

    @property
    def not_recorded(self) -> int:
        return self.reached - self.recorded

    @property
    def dynamic(self) -> int:
        """Sorties dynamiques: emploi durable + emploi de transition + sortie positive (never "all exits")."""
        return self.emploi_durable + self.emploi_de_transition + self.sortie_positive

    @property
    def dynamic_rate(self) -> Decimal | None:
        """Share of sorties dynamiques among the situations recorded at the milestone."""
        return rate(self.dynamic, self.recorded)

    @property
    def dynamic_rate_reached(self) -> Decimal | None:
        """Share of sorties dynamiques among everyone who reached the milestone (situation recorded or not): always
        printed next to `dynamic_rate`, with `not_recorded`, so that missing situations cannot flatter the rate."""
        return rate(self.dynamic, self.reached)

    def classes(self) -> tuple[Row, ...]:
        return tuple(Row(code, OutcomeClass(code).label, getattr(self, code)) for code in OutcomeClass.values)


@dataclass(frozen=True)
class ActivityRow:
    organisation: str
    follow_ups: int
    people: int


@dataclass(frozen=True)
class ActivityFigures:
    rows: tuple[ActivityRow, ...]
    follow_ups: int
    people: int


@dataclass(frozen=True)
class ActionFigures:
    """An action with its indicators, as the actions app computes them (`actions.selectors`)."""

    action_id: int
    title: str
    status_label: str
    lead_organisation: str
    fse_plus_cofunded: bool
    indicators: ActionIndicators


@dataclass(frozen=True)
class BudgetRow:
    code: str
    label: str
    committed: Decimal
    paid: Decimal

    @property
    def to_pay(self) -> Decimal:
        return self.committed - self.paid


@dataclass(frozen=True)
class BudgetFigures:
    year: int
    amount: Decimal | None  # None: no envelope recorded for the year
    committed: Decimal = Decimal("0.00")
    paid: Decimal = Decimal("0.00")
    rows: tuple[BudgetRow, ...] = field(default_factory=tuple)

    @property
    def remaining(self) -> Decimal | None:
        return None if self.amount is None else self.amount - self.committed

    @property
    def committed_rate(self) -> Decimal | None:
        return rate(self.committed, self.amount) if self.amount else None

    @property
    def alert(self) -> str:
        """`full` from 100 % committed, `warning` from 80 %, else `ok` (or `none` without envelope)."""
        if self.amount is None:
            return "none"
        return alert_level(self.committed_rate)


@dataclass(frozen=True)
class PartnerRow:
    """One partner's part in the work over the period (see reporting.metrics.partners)."""

    organisation: str
    referred: int  # people of the report whose referent organisation it is
    follow_ups: int
    followed_people: int
    in_teams: int
    meetings_invited: int  # technical groups of the period it was invited to
    meetings_present: int
    decisions_owned: int
    decisions_done: int
    decisions_overdue: int


@dataclass(frozen=True)
class ReferralRow:
    """One partner's referrals sent in the period (see reporting.metrics.partners.referral_figures): sent by it,
    received by it, and of those received, the answer given by the period's end."""

    organisation: str
    sent: int
    received: int
    accepted: int
    declined: int
    expired: int
    median_days_to_answer: float | None  # over the referrals it answered (accepted or declined) by the end


@dataclass(frozen=True)
class PathwayRow:
    """One identifying organisation's path into the cohort over the period (see reporting.metrics.pathway)."""

    organisation: str
    identified: int
    contacted: int
    proposed: int
    enrolled: int
    not_enrolled: int


@dataclass(frozen=True)
class PathwayFigures:
    rows: tuple[PathwayRow, ...]
    total: PathwayRow


EMPTY_PATHWAY = PathwayFigures(rows=(), total=PathwayRow("Total", 0, 0, 0, 0, 0))


@dataclass(frozen=True)
class DecisionRow:
    text: str
    meeting_date: datetime.date
    owner: str  # the owner's organisation, never a person
    due_date: datetime.date | None
    overdue: bool


@dataclass(frozen=True)
class ClosedDecisionRow:
    text: str
    meeting_date: datetime.date
    owner: str
    status_label: str  # Réalisée, Abandonnée
    closed_on: datetime.date


@dataclass(frozen=True)
class DecisionFigures:
    open: tuple[DecisionRow, ...]  # every governance decision still open at the period's end, carried forward
    closed_in_period: tuple[ClosedDecisionRow, ...] = ()

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.open if row.overdue)


@dataclass(frozen=True)
class CohortTarget:
    """A running cohort against its target, at the period's end."""

    cohort_id: int
    label: str
    year: int
    members: int
    target: int


@dataclass(frozen=True)
class KeyFigures:
    """The figures of page 1 that are compared with the previous pack and drawn over the last six packs."""

    period: Period
    members: int
    entered: int
    exits: int
    six_months: MilestoneOutcome
    twelve_months: MilestoneOutcome
    barriers_lifted_in_period: int
    barriers_lift_rate: Decimal | None
    barriers_lifted: int = 0
    barriers_total: int = 0


@dataclass(frozen=True)
class Metrics:
    territory_id: int
    territory_name: str
    period: Period
    cohort_id: int | None
    cohort_label: str  # "Toutes les cohortes" when none is chosen
    cohort: CohortFigures
    barriers: BarrierFigures
    outcomes: tuple[MilestoneOutcome, ...]
    activity: ActivityFigures
    actions: tuple[ActionFigures, ...]
    budget: BudgetFigures
    computed_at: datetime.datetime
    partners: tuple[PartnerRow, ...] = ()
    referrals: tuple[ReferralRow, ...] = ()
    cohorts: tuple[CohortTarget, ...] = ()
    decisions: DecisionFigures = DecisionFigures(open=())
    pathway: PathwayFigures = EMPTY_PATHWAY
    schemes: tuple[Row, ...] = ()

    def outcome(self, code: str) -> MilestoneOutcome:
        return next(item for item in self.outcomes if item.code == code)
