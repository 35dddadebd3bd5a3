"""The quarterly national report's content: the figures the programme reports, per territory and in total.

People accompanied, entries and exits, situations at 6 and 12 months by outcome class (both bases of the rates),
barriers (by territory and by category), actions and their participants, envelope use and costs. The figures come
from `reporting.metrics.national` (aggregated per territory in SQL, the same building blocks as the meeting pack),
and statistical secrecy (`cite_emploi.secrecy.protect`) is applied ONCE over the whole document: every count is a
cell, every printed total a constraint, so that no masked count can be recovered from another table or the totals.
Written as PDF (WeasyPrint, `reporting/quarterly.html`) and XLSX (`cite_emploi.tabular`).
"""

from dataclasses import dataclass
from decimal import Decimal

from cite_emploi import tabular
from cite_emploi.formatting import format_date, format_money, format_number, format_percent, rate
from cite_emploi.pdf import render_pdf_with_page_count
from cite_emploi.secrecy import LEGEND, VISIBLE, Constraint, label, protect
from cohorts.enums import Milestone, OutcomeClass

from .metrics import DEFINITIONS, MilestoneOutcome, Period
from .metrics.cohort import barrier_rows
from .metrics.national import TerritoryFigures, national_figures, quarter_label, quarter_period
from .metrics.tables import Cell, Table, money, text

OUTCOME_COLUMNS = ("emploi_durable", "emploi_de_transition", "sortie_positive", "autre", "not_recorded")
TEMPLATE = "reporting/quarterly.html"
TOTAL = "total"


@dataclass(frozen=True)
class QuarterlyDocument:
    year: int
    quarter: int
    period: Period
    territories: int
    tables: dict  # key → Table
    legend: str = LEGEND

    @property
    def title(self) -> str:
        return f"Rapport national trimestriel — {quarter_label(self.quarter)} {self.year}"


def _cells(figures: tuple[TerritoryFigures, ...]) -> tuple[dict, list[Constraint]]:
    """Every count of the document, keyed (table, territory id or "total", column), and every printed sum."""
    values: dict = {}
    constraints: list[Constraint] = []
    ids = [t.territory_id for t in figures]

    def column_total(table: str, column: str) -> None:
        constraints.append(Constraint((table, TOTAL, column), tuple((table, tid, column) for tid in ids)))

    def add(table: str, key, column: str, value: int) -> None:
        values[(table, key, column)] = value

    totals = _total(figures)
    for t in (*figures, totals):
        key = TOTAL if t is totals else t.territory_id
        add("activity", key, "members", t.members)
        add("activity", key, "entered", t.entered)
        add("activity", key, "exits", t.exits)
        add("activity", key, "participants", t.participants)
        for milestone in ("six_months", "twelve_months"):
            m = getattr(t, milestone)
            for column in OUTCOME_COLUMNS:
                add(milestone, key, column, getattr(m, column))
            add(milestone, key, "reached", m.reached)
            constraints.append(
                Constraint((milestone, key, "reached"), tuple((milestone, key, c) for c in OUTCOME_COLUMNS))
            )
        add("barriers", key, "total", t.barriers.total.total)
        add("barriers", key, "lifted", t.barriers.total.lifted)
        add("barriers", key, "lifted_in_period", t.barriers.total.lifted_in_period)
    for column in ("members", "entered", "exits", "participants"):
        column_total("activity", column)
    for milestone in ("six_months", "twelve_months"):
        for column in (*OUTCOME_COLUMNS, "reached"):
            column_total(milestone, column)
    for column in ("total", "lifted", "lifted_in_period"):
        column_total("barriers", column)
    # barriers by category (national): the same national totals, another partition
    for row in totals.barriers.rows:
        for column in ("total", "lifted", "lifted_in_period"):
            add("categories", row.code, column, getattr(row, column))
    for column in ("total", "lifted", "lifted_in_period"):
        constraints.append(
            Constraint(("barriers", TOTAL, column), tuple(("categories", r.code, column) for r in totals.barriers.rows))
        )
    return values, constraints


def _total(figures: tuple[TerritoryFigures, ...]) -> TerritoryFigures:
    """The national total of every figure (money summed; envelope use over the territories with an envelope)."""

    def milestone(name: str) -> MilestoneOutcome:
        fields = ("reached", *OutcomeClass.values)
        return MilestoneOutcome(
            code=name,
            label=Milestone(name).label,
            **{f: sum(getattr(getattr(t, name), f) for t in figures) for f in fields},
        )

    categories: dict = {}
    for t in figures:
        for row in t.barriers.rows:
            item = categories.setdefault(row.code, {})
            for name in ("identified", "in_progress", "lifted", "not_lifted", "lifted_in_period"):
                item[name] = item.get(name, 0) + getattr(row, name)
    envelopes = [t.envelope for t in figures if t.envelope is not None]
    return TerritoryFigures(
        territory_id=0,
        name="Total national",
        department="",
        publishes=False,
        members=sum(t.members for t in figures),
        entered=sum(t.entered for t in figures),
        completed_in_period=sum(t.completed_in_period for t in figures),
        left_early_in_period=sum(t.left_early_in_period for t in figures),
        six_months=milestone("six_months"),
        twelve_months=milestone("twelve_months"),
        barriers=barrier_rows(categories),
        actions=sum(t.actions for t in figures),
        participants=sum(t.participants for t in figures),
        actions_cost=sum((t.actions_cost for t in figures), Decimal("0.00")),
        envelope=sum(envelopes, Decimal("0.00")) if envelopes else None,
        committed=sum((t.committed for t in figures if t.envelope is not None), Decimal("0.00")),
        paid=sum((t.paid for t in figures if t.envelope is not None), Decimal("0.00")),
    )


class _Printer:
    def __init__(self, values, status):
        self.values, self.status = values, status

    def count(self, key) -> Cell:
        value, state = self.values[key], self.status[key]
        printed = label(value, state)
        return Cell(
            format_number(printed) if state == VISIBLE else str(printed),
            printed,
            flag="" if state == VISIBLE else "masked",
        )

    def visible(self, *keys) -> bool:
        return all(self.status[k] == VISIBLE for k in keys)

    def rate(self, numerator_keys, denominator_key) -> Cell:
        """A rate is printed only if every count it is made of is (the pack's rule)."""
        if not self.visible(*numerator_keys, denominator_key):
            return Cell("n. s.", "n. s.", flag="masked")
        numerator = sum(self.values[k] for k in numerator_keys)
        value = rate(numerator, self.values[denominator_key])
        return Cell(format_percent(value), None if value is None else float(value))

    def cost(self, amount, base_key):
        if self.status[base_key] != VISIBLE:
            return Cell("n. s.", "n. s.", flag="masked")
        base = self.values[base_key]
        return money((amount / base).quantize(Decimal("0.01")) if base else None)


def build_document(year: int, quarter: int, territories=None) -> QuarterlyDocument:
    period = quarter_period(year, quarter)
    figures = national_figures(period, territories)
    values, constraints = _cells(figures)
    printer = _Printer(values, protect(values, constraints))
    totals = _total(figures)
    everyone = [*((t, t.territory_id) for t in figures), (totals, TOTAL)]

    def rows(build):
        return tuple(build(t, key) for t, key in everyone[:-1]), (build(totals, TOTAL),)

    def activity(t, key):
        c = lambda column: printer.count(("activity", key, column))  # noqa: E731
        return (
            text(t.name),
            c("members"),
            c("entered"),
            c("exits"),
            Cell(format_number(t.actions), t.actions),
            c("participants"),
        )

    def outcomes(milestone):
        def build(t, key):
            k = lambda column: (milestone, key, column)  # noqa: E731
            dynamic = [k(c) for c in OUTCOME_COLUMNS[:3]]
            recorded = [k(c) for c in OUTCOME_COLUMNS[:4]]
            return (
                text(t.name),
                printer.count(k("reached")),
                *(printer.count(k(c)) for c in OUTCOME_COLUMNS),
                _rate_over(printer, dynamic, recorded),
                printer.rate(dynamic, k("reached")),
            )

        return build

    def barriers(t, key):
        k = lambda column: ("barriers", key, column)  # noqa: E731
        return (
            text(t.name),
            printer.count(k("total")),
            printer.count(k("lifted")),
            printer.count(k("lifted_in_period")),
            printer.rate([k("lifted")], k("total")),
        )

    def budget(t, key):
        return (
            text(t.name),
            euros(t.envelope),
            euros(t.committed),
            Cell(format_percent(t.envelope_use), None if t.envelope_use is None else float(t.envelope_use)),
            euros(t.paid),
            euros(t.actions_cost),
            printer.cost(t.actions_cost, ("activity", key, "participants")),
            printer.cost(t.actions_cost, ("barriers", key, "lifted")),
        )

    milestone_columns = (
        "Territoire",
        "Au jalon",
        "Emploi dur.",
        "Transition",
        "Sortie pos.",
        "Autre",
        "Non rens.",
        "SD / rens.",
        "SD / jalon",
    )
    milestone_note = (
        "SD : sorties dynamiques (emploi durable — 6 mois ou plus —, emploi de transition, sortie positive) ; taux sur "
        "les situations renseignées (rens.) et sur toutes les personnes qui ont atteint le jalon. Non rens. : situation "
        "non renseignée."
    )
    tables = {}
    body, footer = rows(activity)
    tables["activity"] = Table(
        "activity",
        "Personnes accompagnées, entrées, sorties et actions",
        ("Territoire", "Accompagnées", "Entrées", "Sorties", "Actions", "Participants"),
        body,
        footer,
        note="Accompagnées : personnes en suivi à un moment du trimestre. Sorties : fins de suivi et départs anticipés du "
        "trimestre. Participants : inscrits aux actions en cours (une personne peut suivre plusieurs actions).",
    )
    for milestone, label_text in (("six_months", "à 6 mois"), ("twelve_months", "à 12 mois (fin de suivi)")):
        body, footer = rows(outcomes(milestone))
        tables[milestone] = Table(
            milestone,
            f"Situations {label_text}, par classe de sortie",
            milestone_columns,
            body,
            footer,
            note=milestone_note,
        )
    body, footer = rows(barriers)
    tables["barriers"] = Table(
        "barriers",
        "Freins périphériques",
        ("Territoire", "Identifiés", "Levés", "Levés sur le trim.", "Taux de levée"),
        body,
        footer,
    )
    tables["categories"] = Table(
        "categories",
        "Freins par catégorie (total national)",
        ("Catégorie", "Identifiés", "Levés", "Levés sur le trim.", "Taux de levée"),
        tuple(
            (
                text(row.label),
                printer.count(("categories", row.code, "total")),
                printer.count(("categories", row.code, "lifted")),
                printer.count(("categories", row.code, "lifted_in_period")),
                printer.rate([("categories", row.code, "lifted")], ("categories", row.code, "total")),
            )
            for row in totals.barriers.rows
        ),
    )
    body, footer = rows(budget)
    tables["budget"] = Table(
        "budget",
        "Enveloppe de l'État et coût des actions",
        ("Territoire", "Enveloppe", "Engagé", "% engagé", "Payé", "Coût actions", "€ / partic.", "€ / frein levé"),
        body,
        footer,
        note=f"Montants arrondis à l'euro (exacts dans le XLSX). Enveloppe de l'année {period.end.year}, engagé et payé "
        f"au {format_date(period.end)}. Coût des actions : "
        "engagements sur l'enveloppe et cofinancements des actions en cours. n. s. : base de moins de 5.",
    )
    return QuarterlyDocument(year=year, quarter=quarter, period=period, territories=len(figures), tables=tables)


def euros(value: Decimal | None) -> Cell:
    """Money rounded to the euro (a national table of 84 rows): the XLSX keeps the exact amount."""
    return Cell(format_money(value, 0), None if value is None else float(value))


def _rate_over(printer: _Printer, numerator_keys, denominator_keys) -> Cell:
    """A rate over a sum of printed cells (the situations recorded = the four classes)."""
    if not printer.visible(*numerator_keys, *denominator_keys):
        return Cell("n. s.", "n. s.", flag="masked")
    value = rate(sum(printer.values[k] for k in numerator_keys), sum(printer.values[k] for k in denominator_keys))
    return Cell(format_percent(value), None if value is None else float(value))


def render_pdf(document: QuarterlyDocument) -> tuple[bytes, int]:
    context = {
        "document": document,
        "tables": document.tables,
        "definitions": DEFINITIONS,
        "period_label": f"du {format_date(document.period.start)} au {format_date(document.period.end)}",
    }
    return render_pdf_with_page_count(TEMPLATE, context)


def render_xlsx(document: QuarterlyDocument) -> bytes:
    sheets = [
        tabular.Sheet(
            "Synthèse",
            ["Rapport", "Valeur"],
            [
                ("Rapport", document.title),
                ("Période", f"du {format_date(document.period.start)} au {format_date(document.period.end)}"),
                ("Territoires", document.territories),
                ("Secret statistique", document.legend),
            ],
            widths=(30, 90),
        )
    ]
    for table in document.tables.values():
        rows = [tuple(cell.value for cell in row) for row in (*table.rows, *table.footer)]
        if table.note:
            rows += [(), (table.note,)]
        sheets.append(tabular.Sheet(table.caption[:31], table.columns, rows, widths=(40,)))
    sheets.append(tabular.Sheet("Définitions", ["Terme", "Définition"], list(DEFINITIONS.values()), widths=(30, 90)))
    return tabular.xlsx_bytes(sheets)


__all__ = ["QuarterlyDocument", "build_document", "render_pdf", "render_xlsx"]
