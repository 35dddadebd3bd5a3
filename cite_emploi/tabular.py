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

The module also reads uploaded tables (`read_table`) with bounded memory whatever the file says: a size cap
before anything is parsed, XLSX read in streaming mode (the sheet's declared dimension is ignored, the
uncompressed size is capped, only the first columns are kept), and caps on lines and filled rows enforced
while reading. Every problem is a `TableReadError` with a French message, never a crash.
"""

import csv
import datetime
import decimal
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook, load_workbook
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


def _display_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, decimal.Decimal | float):
        return len(f"{value:,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def content_widths(header: Sequence[str], rows: Iterable[Sequence], *, max_width: int = 45) -> list[float]:
    """Column widths (characters) as wide as the longest cell, header included, between 8 and `max_width`."""
    widths = [_display_length(label) for label in header]
    for row in rows:
        for index, value in enumerate(row):
            if index < len(widths):
                widths[index] = max(widths[index], _display_length(value))
    return [min(max(width + 2, 8), max_width) for width in widths]


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


# --- reading uploaded tables ---------------------------------------------------------------------------------
# An XLSX is a zip: its parts may expand far beyond the upload (a "zip bomb"); refuse past this many bytes.
XLSX_MAX_UNCOMPRESSED = 20 * 1024 * 1024
MAX_COLUMNS = 60


class TableReadError(Exception):
    """The file cannot be read: the message (French) says why, for the person who uploaded it."""


def size_label(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} Mo" if size >= 1024 * 1024 else f"{size // 1024} Ko"


def _is_blank(cells) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in cells)


def decode_text(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; an undecodable byte is a TableReadError."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise TableReadError(
            f"Encodage du fichier non reconnu (octet 0x{content[exc.start]:02X} à la position {exc.start}) : "
            "enregistrez-le en CSV UTF-8."
        ) from exc


def _csv_lines(content: bytes) -> Iterator[list]:
    text = decode_text(content)
    if "\x00" in text:
        raise TableReadError("Ce fichier CSV contient des caractères nuls : enregistrez-le de nouveau en CSV UTF-8.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096].split("\n", 1)[0], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            limit = csv.field_size_limit()
            raise TableReadError(
                f"Ligne {reader.line_num} illisible : une cellule dépasse {limit // 1024} Ko "
                "ou un guillemet n'est pas fermé."
                if "field larger" in str(exc)
                else f"Ligne {reader.line_num} illisible ({exc})."
            ) from exc
        yield cells[:MAX_COLUMNS]


def _xlsx_lines(content: bytes) -> Iterator[tuple]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise TableReadError("Ce fichier XLSX est illisible.") from exc
    if expanded > XLSX_MAX_UNCOMPRESSED:
        raise TableReadError(
            f"Ce fichier XLSX est trop volumineux une fois décompressé (plus de {size_label(XLSX_MAX_UNCOMPRESSED)})."
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        raise TableReadError("Ce fichier XLSX est illisible.") from exc
    try:
        sheet = workbook.active
        sheet.reset_dimensions()  # the declared dimension (e.g. A1:XFD1048576) is not trusted
        rows = sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
        line = 0
        while True:
            try:
                cells = next(rows)
            except StopIteration:
                return
            except Exception as exc:
                raise TableReadError(f"Ligne {line + 1} illisible dans ce fichier XLSX.") from exc
            line += 1
            yield cells
    finally:
        workbook.close()


def read_table(filename: str, content: bytes, *, max_rows: int, max_bytes: int) -> Iterator[tuple[int, list]]:
    """(line number, cells) for each filled line of a CSV (UTF-8 or Windows-1252, `;` `,` or tab) or XLSX.

    Line 1 (the header) is always yielded. At most `max_rows` filled lines after it, and at most
    `2 × max_rows + 1` lines counting blank ones; the first `MAX_COLUMNS` columns only. Checked while reading.
    """
    if len(content) > max_bytes:
        raise TableReadError(f"Le fichier dépasse {size_label(max_bytes)}.")
    name = filename.lower()
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(content)
    elif name.endswith(".csv"):
        lines = _csv_lines(content)
    else:
        raise TableReadError("Format non pris en charge : déposez un fichier .csv ou .xlsx.")
    max_lines = 2 * max_rows + 1
    filled = 0
    for line, cells in enumerate(lines, start=1):
        if line > max_lines:
            raise TableReadError(f"Le fichier dépasse {max_lines} lignes (au plus {max_rows} lignes remplies).")
        if line > 1 and _is_blank(cells):
            continue
        if line > 1:
            filled += 1
            if filled > max_rows:
                raise TableReadError(f"Au plus {max_rows} lignes par fichier.")
        yield line, list(cells)
