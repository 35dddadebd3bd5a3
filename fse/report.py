"""The end-of-operation report (bilan d'exécution): an anonymised PDF, through the meeting pack's machinery.

The same layers as the pack: the cohort's figures from `reporting.figures.metrics_for` (the one metrics module, its
tables and secrecy, `reporting.metrics.tables`), the actions' from `actions.selectors.indicators_for_actions`, the
Annex I counts from `fse.selectors` under statistical secrecy (`cite_emploi.secrecy`, the one function), rendered
by `cite_emploi.pdf` with the shared print stylesheet and the pack's table template.
"""

from django.utils import timezone

from actions.selectors import by_class, indicators_for_actions, protected_indicators
from cite_emploi.formatting import format_date, format_money, format_percent
from cite_emploi.pdf import render_pdf_with_page_count
from cite_emploi.secrecy import LEGEND
from cohorts.enums import OutcomeClass
from reporting.figures import metrics_for
from reporting.metrics import Period
from reporting.metrics.tables import Cell, Table, money, protected_figures, text

from .enums import CostCategory
from .indicators import ENTRY, LEAVING
from .models import ExecutionReport
from .selectors import (
    SEX_COLUMNS,
    SITUATION_RULES,
    indicator_table,
    operation_finance,
    participant_rows,
)
from .selectors import (
    protected_indicators as protected_table,
)

TEMPLATE = "fse/bilan.html"


def _count_cell(value) -> Cell:
    if isinstance(value, int):
        return Cell(str(value), value)
    return Cell(str(value), str(value), flag="masked")


def indicator_tables(table) -> list[Table]:
    """The Annex I table in three parts (entry, leaving, six months), as the pack prints its tables."""
    parts = []
    for moment, caption in (
        (ENTRY, "Indicateurs de réalisation — participants entrés pendant la période"),
        (LEAVING, "Résultats immédiats — participants sortis pendant la période (jusqu'à 4 semaines après)"),
        ("six_months", "Résultats à plus long terme — six mois après la sortie"),
    ):
        rows = tuple(
            (
                text(f"{line.indicator.code} {line.indicator.label}"),
                *(_count_cell(line.counts[c]) for c, _ in SEX_COLUMNS),
            )
            for line in table.lines
            if line.indicator.moment == moment
        )
        parts.append(
            Table(
                key=f"fse-{moment}",
                caption=caption,
                columns=("Indicateur", *(name for _, name in SEX_COLUMNS)),
                rows=rows,
            )
        )
    return parts


def finance_table(finance) -> Table:
    labels = dict(CostCategory.choices)
    rows = tuple(
        (text(labels[c]), money(finance.planned_by_category.get(c)), money(finance.spent_by_category.get(c)))
        for c in CostCategory.values
        if c in finance.planned_by_category or c in finance.spent_by_category
    )
    footer = ((text("Total"), money(finance.eligible_cost), money(finance.declared_cost)),)
    return Table(
        key="fse-finance",
        caption="Plan de financement éligible et dépenses déclarées, par catégorie (forfaits compris)",
        columns=("Catégorie", "Prévu", "Réalisé"),
        rows=rows,
        footer=footer,
    )


def actions_table(actions, as_of) -> Table:
    indicators = indicators_for_actions(actions, as_of=as_of)
    rows = []
    for action in actions:
        public = protected_indicators(indicators[action.pk])
        classes = public.outcomes_by_class or by_class(())
        rows.append(
            (
                text(action.title),
                _count_cell(public.participant_count),
                *(_count_cell(classes.get(name, 0)) for name in OutcomeClass.values),
            )
        )
    return Table(
        key="fse-actions",
        caption="Actions de l'opération : participants et résultats additionnés par classe nationale des sorties",
        columns=("Action", "Particip.", "Empl. durable", "Empl. transition", "Sortie posit.", "Autre"),
        rows=tuple(rows),
        note="Emploi durable : 6 mois ou plus. Chaque résultat d'action compte dans la classe que l'action lui donne.",
    )


def report_context(report: ExecutionReport) -> dict:
    operation = report.operation
    today = timezone.localdate()
    end = min(operation.period_end, today)
    period = Period(operation.period_start, max(end, operation.period_start))
    rows = participant_rows(operation, today=today)
    table = protected_table(indicator_table(rows, operation.period_start, operation.period_end))
    finance = operation_finance(operation)
    metrics = metrics_for(operation.territory, period)
    figures = protected_figures(metrics)
    actions = list(operation.actions.order_by("title"))
    return {
        "report": report,
        "operation": operation,
        "table": table,
        "counted": table.line("EECO11").counts["total"],
        "indicator_tables": indicator_tables(table),
        "finance": finance,
        "finance_table": finance_table(finance),
        "actions_table": actions_table(actions, period.end),
        "summary": figures.summary(None),
        "metrics": metrics,
        "situation_rules": SITUATION_RULES,
        "legend": LEGEND,
        "period_label": f"du {format_date(operation.period_start)} au {format_date(operation.period_end)}",
        "received_rate": format_percent(finance.received_rate) if finance.received_rate is not None else "—",
        "remaining": format_money(finance.remaining),
        "made_on": today,
    }


def render_report(report: ExecutionReport) -> tuple[bytes, int]:
    return render_pdf_with_page_count(TEMPLATE, report_context(report))
