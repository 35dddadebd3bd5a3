"""Actions and envelope figures. Action figures come from the actions app's selector, never recomputed here.

Frozen at the period's end like every other figure: commitments made, payments made and co-funding recorded after
the last day of the period are left out, so a pack rebuilt later shows the same figures.
"""

from decimal import Decimal

from django.db.models import Q, Sum

from actions.enums import ActionStatus, BudgetCategory, CommitmentStatus
from actions.models import Action, Commitment, Envelope
from actions.selectors import indicators_for_actions

from .types import ActionFigures, BudgetFigures, BudgetRow, Period


def action_figures(territory_id: int, period: Period) -> tuple[ActionFigures, ...]:
    """The actions running at some point of the period, with their indicators (4 queries)."""
    actions = (
        Action.objects.for_territory(territory_id)
        .filter(start_date__lte=period.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.start))
        .select_related("lead_organisation")
        .order_by("start_date", "title")
    )
    indicators = indicators_for_actions(
        actions, as_of=period.end, with_funders=True
    )  # a subquery: same queries for 0 or 50 actions
    actions = list(actions)
    labels = dict(ActionStatus.choices)
    return tuple(
        ActionFigures(
            action_id=action.pk,
            title=action.title,
            status_label=labels.get(action.status, action.status),
            lead_organisation=action.lead_organisation.short_name or action.lead_organisation.name,
            fse_plus_cofunded=action.fse_plus_cofunded,
            indicators=indicators[action.pk],
        )
        for action in actions
    )


def budget_figures(territory_id: int, period: Period) -> BudgetFigures:
    """The envelope of the year the period ends in: committed, paid, remaining, and by budget category, as they
    stood on the period's last day (2 queries)."""
    year = period.end.year
    envelope = Envelope.objects.for_territory(territory_id).filter(year=year).first()
    if envelope is None:
        return BudgetFigures(year=year, amount=None)
    paid = Q(status=CommitmentStatus.PAID, paid_on__lte=period.end)
    lines = {
        row["category"]: row
        for row in Commitment.objects.filter(envelope=envelope, committed_on__lte=period.end)
        .exclude(status=CommitmentStatus.CANCELLED)
        .order_by()
        .values("category")
        .annotate(committed=Sum("amount"), paid=Sum("amount", filter=paid))
    }
    zero = Decimal("0.00")
    rows = tuple(
        BudgetRow(code, label, lines[code]["committed"] or zero, lines[code]["paid"] or zero)
        for code, label in BudgetCategory.choices
        if code in lines
    )
    rows = tuple(sorted(rows, key=lambda row: -row.committed))
    return BudgetFigures(
        year=year,
        amount=envelope.amount,
        committed=sum((r.committed for r in rows), zero),
        paid=sum((r.paid for r in rows), zero),
        rows=rows,
    )
