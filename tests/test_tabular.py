"""The one CSV/XLSX writer (cite_emploi.tabular): no formula from the data, typed cells, no crash on odd text."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cite_emploi import tabular

HOSTILE = ['=HYPERLINK("http://x","clic")', "+33 6", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def _sheet_xml(content: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.parametrize("value", HOSTILE)
def test_csv_prefixes_a_formula_trigger_with_an_apostrophe(value):
    text = tabular.csv_bytes(["Nom"], [[value]]).decode("utf-8-sig")
    cell = text.split("\r\n")[1]
    assert cell.lstrip('"').startswith("'" + value[0])


@pytest.mark.parametrize("value", HOSTILE)
def test_xlsx_keeps_a_formula_trigger_as_text(value):
    content = tabular.xlsx_bytes([tabular.Sheet("Feuille", ["Nom"], [[value]])])
    assert "<f>" not in _sheet_xml(content)
    cell = load_workbook(io.BytesIO(content)).active["A2"]
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value == value.replace("\r", "\n") or cell.value == value


def test_numbers_and_dates_stay_typed():
    row = [Decimal("1234.50"), 3, datetime.date(2026, 3, 1), None, True, "Crèche"]
    content = tabular.xlsx_bytes([tabular.Sheet("Feuille", list("ABCDEF"), [row], widths=(30,), autofilter=True)])
    sheet = load_workbook(io.BytesIO(content)).active
    cells = sheet[2]
    assert cells[0].value == 1234.5 and cells[0].number_format == tabular.MONEY_FORMAT
    assert cells[1].value == 3 and cells[1].data_type == "n"
    assert cells[2].value == datetime.datetime(2026, 3, 1)  # noqa: DTZ001  (openpyxl reads naive datetimes) and cells[2].number_format == tabular.DATE_FORMAT
    assert (cells[4].value, cells[5].value) == ("oui", "Crèche")
    assert sheet.auto_filter.ref == "A1:F2" and sheet.column_dimensions["A"].width == 30
    csv_line = tabular.csv_bytes(list("ABCDEF"), [row]).decode("utf-8-sig").split("\r\n")[1]
    assert csv_line == "1234,50;3;01/03/2026;;oui;Crèche"


def test_control_characters_do_not_break_the_workbook():
    content = tabular.xlsx_bytes([tabular.Sheet("Feuille", ["Nom"], [["Dupont\x01\x1b"]])])
    assert load_workbook(io.BytesIO(content)).active["A2"].value == "Dupont"


def test_no_other_module_writes_csv_or_xlsx():
    """Every CSV/XLSX goes through cite_emploi.tabular, so no export can forget the neutralisation."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    offenders = [
        str(path.relative_to(root))
        for app in ("cite_emploi", "partners", "cohorts", "actions", "reporting")
        for path in (root / app).rglob("*.py")
        if path.name != "tabular.py"
        and any(word in path.read_text() for word in ("openpyxl", "csv.writer", "DictWriter", "xlsxwriter"))
    ]
    assert not offenders, f"Écrivez ces fichiers avec cite_emploi.tabular : {offenders}"
