"""Reads shared by the pages, the API, the action sheet and the meeting pack (reporting calls these).

`indicators_for_actions(actions)` is THE place where an action's figures are computed: in a fixed number of
aggregate queries (conditional aggregation, no loop over rows), for one action or for a list of them.
"""

import datetime
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from cite_emploi import secrecy
from cohorts.enums import OutcomeClass

from .enums import BudgetCategory, CommitmentStatus, ParticipationStatus
from .gauge import EnvelopeGauge, envelope_gauge
from .models import Action, CoFunding, Commitment, Envelope, OutcomeType, Participation, ParticipationOutcome
from .querysets import ZERO

MONEY: DecimalField = DecimalField(max_digits=12, decimal_places=2)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class OutcomeCount:
    code: str
    label: str
    count: int
    national_class: str = OutcomeClass.AUTRE  # the class of exits it counts as (cohorts.enums.OutcomeClass)


def by_class(outcome_counts) -> dict[str, int]:
    """Outcomes added up by national class, every class present (0 when none): the cohort's classes, same order."""
    totals = dict.fromkeys(OutcomeClass.values, 0)
    for item in outcome_counts:
        totals[item.national_class] += item.count
    return totals


@dataclass(frozen=True)
class ActionIndicators:
    """The figures of one action. Participants are those enrolled (not on the waiting list), leavers included."""

    action_id: int
    participant_count: int = 0
    waiting_count: int = 0
    single_parent_count: int = 0
    committed: Decimal = Decimal("0.00")  # envelope commitments, not cancelled (paid included)
    paid: Decimal = Decimal("0.00")
    cofunded: Decimal = Decimal("0.00")  # co-funding recorded for the action (FSE+, Département, CAF…)
    outcome_counts: tuple[OutcomeCount, ...] = field(default_factory=tuple)
    cofunding_by_funder: tuple[tuple[str, Decimal], ...] = field(default_factory=tuple)  # (funder, amount)

    @property
    def outcomes(self) -> dict[str, int]:
        return {item.code: item.count for item in self.outcome_counts}

    @property
    def outcomes_by_class(self) -> dict[str, int]:
        return by_class(self.outcome_counts)

    @property
    def single_parent_rate(self) -> Decimal | None:
        """Percent with one decimal (76.2), None without participants."""
        if not self.participant_count:
            return None
        return (Decimal(self.single_parent_count) * 100 / self.participant_count).quantize(TENTH, ROUND_HALF_UP)

    @property
    def total_cost(self) -> Decimal:
        """What the action costs: envelope commitments plus co-funding."""
        return self.committed + self.cofunded

    @property
    def cost_per_participant(self) -> Decimal | None:
        if not self.participant_count:
            return None
        return (self.total_cost / self.participant_count).quantize(CENT, ROUND_HALF_UP)


def _count(qs, **condition):
    return Coalesce(
        Subquery(qs.annotate(n=Count("pk", filter=Q(**condition))).values("n")[:1], output_field=IntegerField()), 0
    )


def _sum(qs, amount="amount", **condition):
    return Coalesce(
        Subquery(qs.annotate(total=Sum(amount, filter=Q(**condition))).values("total")[:1], output_field=MONEY), ZERO
    )


def _day_end(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def indicators_for_actions(
    actions, *, as_of: datetime.date | None = None, with_funders: bool = False
) -> dict[int, ActionIndicators]:
    """Indicators of many actions (a queryset or a list of actions/ids) in two queries whatever their number, three
    `with_funders` (co-funding by funder, for the meeting pack).

    With ``as_of`` (a meeting pack's period end), the figures are those known on that day: participations enrolled,
    outcomes achieved, commitments made and payments made by then, co-funding recorded by then. A pack rebuilt
    later shows the same figures.
    """
    if hasattr(actions, "values"):  # a queryset: used as a subquery, no extra query
        ids = actions.order_by().values("pk")
    else:
        ids = [a if isinstance(a, int) else a.pk for a in actions]
        if not ids:
            return {}
    participations = Participation.objects.filter(action=OuterRef("pk")).order_by().values("action")
    commitments = Commitment.objects.filter(action=OuterRef("pk")).order_by().values("action")
    cofundings = CoFunding.objects.filter(action=OuterRef("pk")).order_by().values("action")
    funders = CoFunding.objects.filter(action_id__in=ids)
    paid_filter: dict[str, object] = {"status": CommitmentStatus.PAID}
    if as_of is not None:
        participations = participations.filter(enrolled_on__lte=as_of)
        commitments = commitments.filter(committed_on__lte=as_of)
        cofundings = cofundings.filter(created_at__lt=_day_end(as_of))
        funders = funders.filter(created_at__lt=_day_end(as_of))
        paid_filter["paid_on__lte"] = as_of
    rows = (
        Action.objects.filter(pk__in=ids)
        .order_by()
        .annotate(
            participant_count=_count(participations, status=ParticipationStatus.ENROLLED),
            waiting_count=_count(participations, status=ParticipationStatus.WAITING),
            single_parent_count=_count(participations, status=ParticipationStatus.ENROLLED, single_parent=True),
            committed=_sum(commitments, status__in=[CommitmentStatus.COMMITTED, CommitmentStatus.PAID]),
            paid=_sum(commitments, **paid_filter),
            cofunded=_sum(cofundings, pk__isnull=False),
        )
        .values("pk", "participant_count", "waiting_count", "single_parent_count", "committed", "paid", "cofunded")
    )
    # Each outcome type counts its own outcomes through the (outcome_type_id) index: the query reads the outcomes of
    # these actions only, never every outcome of the country (a join from the outcomes side did, at national scale).
    reached = ParticipationOutcome.objects.filter(
        outcome_type=OuterRef("pk"), participation__status=ParticipationStatus.ENROLLED
    ).order_by()
    if as_of is not None:
        reached = reached.filter(achieved_on__lte=as_of, participation__enrolled_on__lte=as_of)
    types_by_action: dict[int, list[OutcomeCount]] = {}
    for ot in (
        OutcomeType.objects.filter(action_id__in=ids)
        .order_by("position", "id")
        .annotate(reached=_count(reached.values("outcome_type")))
        .values("pk", "action_id", "code", "label", "national_class", "reached")
    ):
        types_by_action.setdefault(ot["action_id"], []).append(
            OutcomeCount(ot["code"], ot["label"], ot["reached"], ot["national_class"])
        )
    by_funder: dict[int, list[tuple[str, Decimal]]] = {}
    if with_funders:
        rows_by_funder = funders.order_by("-amount", "funder").values_list("action_id", "funder", "amount")
        for action_id, funder, amount in rows_by_funder:
            by_funder.setdefault(action_id, []).append((funder, amount))
    return {
        row["pk"]: ActionIndicators(
            action_id=row["pk"],
            participant_count=row["participant_count"],
            waiting_count=row["waiting_count"],
            single_parent_count=row["single_parent_count"],
            committed=row["committed"],
            paid=row["paid"],
            cofunded=row["cofunded"],
            outcome_counts=tuple(types_by_action.get(row["pk"], ())),
            cofunding_by_funder=tuple(by_funder.get(row["pk"], ())),
        )
        for row in rows
    }


def action_indicators(action) -> ActionIndicators:
    return indicators_for_actions([action.pk])[action.pk]


@dataclass(frozen=True)
class ProtectedIndicators:
    """An action's figures as anyone outside the participations' circle reads them (viewers, the shared sheet):
    counts of 1 to 4 read « < 5 », and what would give them back by subtraction is masked too (« s »): the
    single-parent rate with the participant count, the cost per participant with the total cost."""

    participant_count: int | str
    single_parent_count: int | str
    single_parent_rate: Decimal | None
    outcome_counts: tuple[OutcomeCount, ...]  # count: int or the printed mask
    cost_per_participant: Decimal | None
    masked: bool  # something is masked: print the legend
    outcomes_by_class: dict[str, int | str] = field(default_factory=dict)

    @property
    def outcomes(self) -> dict[str, int | str]:
        return {item.code: item.count for item in self.outcome_counts}


def protected_indicators(indicators: ActionIndicators) -> ProtectedIndicators:
    """Statistical secrecy (cite_emploi.secrecy, the one function) over one action's counts."""
    values: dict[Hashable, int | None] = {
        "participants": indicators.participant_count,
        "single_parent": indicators.single_parent_count,
        "other_parent": indicators.participant_count - indicators.single_parent_count,
    }
    values |= {f"outcome:{item.code}": item.count for item in indicators.outcome_counts}
    values |= {f"class:{name}": count for name, count in indicators.outcomes_by_class.items()}
    constraints = [secrecy.Constraint("participants", ("single_parent", "other_parent"))]
    constraints += [
        secrecy.Constraint(
            f"class:{name}",
            tuple(f"outcome:{item.code}" for item in indicators.outcome_counts if item.national_class == name),
        )
        for name in OutcomeClass.values
        if any(item.national_class == name for item in indicators.outcome_counts)
    ]
    status = secrecy.protect(values, constraints)
    shown: dict[Hashable, Any] = {key: secrecy.label(values[key], state) for key, state in status.items()}
    visible = {key for key, state in status.items() if state == secrecy.VISIBLE}
    rate_ok = {"participants", "single_parent"} <= visible
    return ProtectedIndicators(
        participant_count=shown["participants"],
        single_parent_count=shown["single_parent"],
        single_parent_rate=indicators.single_parent_rate if rate_ok else None,
        outcome_counts=tuple(
            OutcomeCount(item.code, item.label, shown[f"outcome:{item.code}"], item.national_class)
            for item in indicators.outcome_counts
        ),
        outcomes_by_class={name: shown[f"class:{name}"] for name in OutcomeClass.values},
        cost_per_participant=indicators.cost_per_participant if "participants" in visible else None,
        masked=len(visible) < len(values),
    )


# --- catalogue ----------------------------------------------------------------------------------------------------


def actions_for(user, *, status=None, barrier_category=None, year=None, search=None):
    qs = Action.objects.for_user(user).select_related("lead_organisation").prefetch_related("partner_organisations")
    if status:
        qs = qs.filter(status=status)
    if barrier_category:
        qs = qs.addressing(barrier_category)
    if year:
        qs = qs.active_in_year(int(year))
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(description__icontains=search))
    return qs.order_by("-start_date", "title")


# --- budget -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetLine:
    key: str | int | None
    label: str
    committed: Decimal
    paid: Decimal


def envelope_for_year(user, year: int) -> Envelope | None:
    return Envelope.objects.for_user(user).with_totals().filter(year=year).first()


def _budget_lines(envelope: Envelope, key: str):
    return (
        envelope.commitments.active()
        .order_by()
        .values(key)
        .annotate(
            committed_total=Sum("amount"),
            paid_total=Coalesce(Sum("amount", filter=Q(status=CommitmentStatus.PAID)), ZERO),
        )
    )


def budget_by_category(envelope: Envelope) -> list[BudgetLine]:
    labels = dict(BudgetCategory.choices)
    lines = [
        BudgetLine(
            row["category"], labels.get(row["category"], row["category"]), row["committed_total"], row["paid_total"]
        )
        for row in _budget_lines(envelope, "category")
    ]
    return sorted(lines, key=lambda line: -line.committed)


def action_budget_by_category(action) -> list[BudgetLine]:
    """One action's commitments on every envelope (not cancelled), by budget category: the shared sheet's cost."""
    labels = dict(BudgetCategory.choices)
    rows = (
        Commitment.objects.filter(action=action)
        .active()
        .order_by()
        .values("category")
        .annotate(
            committed_total=Sum("amount"),
            paid_total=Coalesce(Sum("amount", filter=Q(status=CommitmentStatus.PAID)), ZERO),
        )
    )
    lines = [
        BudgetLine(
            row["category"], labels.get(row["category"], row["category"]), row["committed_total"], row["paid_total"]
        )
        for row in rows
    ]
    return sorted(lines, key=lambda line: (-line.committed, str(line.key)))


def budget_by_action(envelope: Envelope) -> list[BudgetLine]:
    rows = _budget_lines(envelope, "action_id").values("action_id", "action__title", "committed_total", "paid_total")
    lines = [
        BudgetLine(
            row["action_id"],
            row["action__title"] or "Hors action (fonctionnement, coordination…)",
            row["committed_total"],
            row["paid_total"],
        )
        for row in rows
    ]
    return sorted(lines, key=lambda line: -line.committed)


def commitments_for(user, *, envelope: Envelope | None = None):
    qs = Commitment.objects.for_user(user).select_related("action", "envelope")
    if envelope is not None:
        qs = qs.filter(envelope=envelope)
    return qs.order_by("-committed_on", "-id")


def gauge(envelope) -> EnvelopeGauge:
    """The gauge and alert level (actions.gauge: 80 % and 100 %) of an envelope read `with_totals()`."""
    return envelope_gauge(amount=envelope.amount, committed=envelope.committed, paid=envelope.paid)
