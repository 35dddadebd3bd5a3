"""The dashboard's figures as an XLSX workbook: the same tables as the pack and the dashboard, one sheet each.

The cells come from `reporting.metrics.tables.protected_figures`: the same masks (« < 5 », « s »), the same rates
with both bases; a number is written as a number, a masked cell as its printed text.

Written by `cite_emploi.tabular` (the project's one writer: no formula from an action title or a label).
"""

from cite_emploi import tabular
from cite_emploi.formatting import format_date

from .metrics import DEFINITIONS, Metrics
from .metrics.tables import protected_figures

SHEETS = {
    "states": "Cohorte - états",
    "flows": "Entrées et sorties",
    "qpv": "QPV",
    "sex_age": "Sexe et âge",
    "barriers": "Freins",
    "milestones": "Situations",
    "dynamic": "Sorties dynamiques",
    "partners": "Partenaires",
    "referrals": "Orientations",
    "pathway": "Repérage",
    "schemes": "Droit commun",
    "actions": "Actions",
    "money": "Argent par action",
    "budget": "Budget",
    "decisions": "Décisions ouvertes",
    "closed_decisions": "Décisions closes",
}


def _number(text: str):
    """A summary value that is a plain count is written as a number (« 1 234 » → 1234); anything else as printed."""
    digits = text.replace("\u202f", "")
    return int(digits) if digits.isdigit() else text


def _sheet(workbook, title, header, rows):
    workbook.append(tabular.Sheet(title, header, list(rows), widths=(48,)))


def figures_workbook(metrics: Metrics) -> bytes:
    workbook = []
    figures = protected_figures(metrics)
    _sheet(
        workbook,
        "Synthèse",
        ["Indicateur", "Valeur", "Détail"],
        [
            ("Territoire", metrics.territory_name, ""),
            ("Période", f"du {format_date(metrics.period.start)} au {format_date(metrics.period.end)}", ""),
            ("Population", metrics.cohort_label, ""),
            *((line.label, _number(line.value), line.detail) for line in figures.summary()),
            ("Secret statistique", figures.legend, ""),
        ],
    )
    for key, table in figures.tables().items():
        rows = [tuple(cell.value for cell in row) for row in (*table.rows, *table.footer)]
        if table.note:
            rows += [(), (table.note,)]
        _sheet(workbook, SHEETS[key], table.columns, rows)
    _sheet(workbook, "Définitions", ["Terme", "Définition"], DEFINITIONS.values())
    return tabular.xlsx_bytes(workbook)
