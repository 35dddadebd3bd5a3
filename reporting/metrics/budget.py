"""Actions and envelope figures. Action figures come from the actions app's selector, never recomputed here."""

from django.db.models import Q

from actions.enums import ActionStatus, BudgetCategory
from actions.models import Action, Envelope
from actions.selectors import budget_by_category, indicators_for_actions

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
    indicators = indicators_for_actions(actions)  # the queryset is used as a subquery: same queries for 0 or 50
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
    """The envelope of the year the period ends in: committed, paid, remaining, and by budget category."""
    year = period.end.year
    envelope = Envelope.objects.for_territory(territory_id).with_totals().filter(year=year).first()
    if envelope is None:
        return BudgetFigures(year=year, amount=None)
    lines = {line.key: line for line in budget_by_category(envelope)}
    rows = tuple(
        BudgetRow(code, label, lines[code].committed, lines[code].paid)
        for code, label in BudgetCategory.choices
        if code in lines
    )
    return BudgetFigures(year=year, amount=envelope.amount, committed=envelope.committed, paid=envelope.paid, rows=rows)
