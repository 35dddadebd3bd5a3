"""The one CSV and XLSX writer of the project: every export builds its rows and hands them here.

What it guarantees, whatever the export:

- **No formula from the data** (OWASP "CSV injection"): a text cell that starts with `=`, `+`, `-`, `@`, a tab
  or a carriage return is written as text. In CSV it gets a leading apostrophe (`'=1+1`), which spreadsheet
  software shows and never evaluates; in XLSX it is stored as a string cell with Excel's own "quote prefix"
  flag, so it reads `=1+1` and stays text even when someone edits the cell.
- **Typed cells**: numbers stay numbers and dates stay dates. In XLSX, dates are real date cells shown
  `JJ/MM/AAAA` and money cells get a format with two decimals; in CSV (French spreadsheet conventions: `;` as
  separator, UTF-8 with BOM) dates read `JJ/MM/AAAA` and decimals use a comma.
- **Nothing crashes on odd text**: control characters that XLSX cannot hold are dropped.

`Sheet` also carries column widths, bold headers, a frozen header row and an autofilter, so any export can
have readable sheets without touching openpyxl.
"""

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# OWASP CSV injection guidance: cells starting with these characters are read as formulas.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"
DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0.00"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = frozenset(CONTENT_TYPES)


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise(value):
    """The text a spreadsheet will never evaluate: a leading apostrophe before a formula trigger."""
    return "'" + value if is_formula_like(value) else value


# --- CSV -------------------------------------------------------------------------------------------------
def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, decimal.Decimal | float):
        return str(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """A CSV file (UTF-8 with BOM, `;`) that Excel and LibreOffice open in French without a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    writer.writerow([_csv_cell(label) for label in header])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- XLSX ------------------------------------------------------------------------------------------------
@dataclass
class Sheet:
    """One worksheet: a title, a header row, the rows; optional widths (characters) and an autofilter."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[float | None] = field(default_factory=tuple)
    autofilter: bool = False
    freeze_header: bool = True


def _xlsx_cell(sheet, value):
    if isinstance(value, bool):
        value = "oui" if value else "non"
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl turns a text starting with "=" into a formula: force a string cell, and flag it as Excel
        # does for a typed apostrophe so that it stays text when edited.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, datetime.datetime | datetime.date):
        cell.number_format = DATE_FORMAT if not isinstance(value, datetime.datetime) else "DD/MM/YYYY HH:MM"
    elif isinstance(value, decimal.Decimal):
        cell.number_format = MONEY_FORMAT
    return cell


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """An XLSX workbook written in streaming mode (rows are not kept in memory)."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        for index, width in enumerate(spec.widths, start=1):
            if width:
                sheet.column_dimensions[get_column_letter(index)].width = width
        if spec.freeze_header:
            sheet.freeze_panes = "A2"
        header = []
        for label in spec.header:
            cell = _xlsx_cell(sheet, label)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        count = 0
        for row in spec.rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
            count += 1
        if spec.autofilter and spec.header:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.header))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_bytes(fmt: str, header: Sequence[str], rows: Iterable[Sequence], *, title: str, **sheet_options) -> bytes:
    """One table as CSV or XLSX (`fmt` is one of FORMATS)."""
    if fmt == "csv":
        return csv_bytes(header, rows)
    if fmt == "xlsx":
        return xlsx_bytes([Sheet(title, header, rows, **sheet_options)])
    raise ValueError(f"Format inconnu : {fmt}")


def attachment(content: bytes, *, fmt: str, filename: str) -> HttpResponse:
    """The download response; `filename` is built by the server, never taken from the request."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
