"""Export of the cohort list as CSV or XLSX: one row per person, usable for statistics.

Personal columns (names, birth date, contact details) only go to roles that may see personal data;
the RQTH column is filled only where the caller may see health data (referent organisation, coordinator).
The anonymised variant drops every personal column (age at entry instead of the birth date).
"""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
from django.utils import timezone
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import perms
from .enums import JobSeekerStatus, OutcomeClass, SituationKind, outcome_class_for

PERSONAL_COLUMNS = [
    ("Nom", lambda p: p.last_name),
    ("Prénom", lambda p: p.first_name),
    ("Date de naissance", lambda p: p.birth_date),
    ("Adresse", lambda p: p.address),
    ("Téléphone", lambda p: p.phone),
    ("Courriel", lambda p: p.email),
    ("Identifiant France Travail", lambda p: p.france_travail_id),
]
COMMON_COLUMNS = [
    ("Identifiant", lambda p: p.pk),
    ("Cohorte", lambda p: p.cohort.label),
    ("Sexe", lambda p: p.get_sex_display()),
    ("Âge à l'entrée", lambda p: _age(p.birth_date, p.entry_date)),
    ("Commune", lambda p: p.commune),
    ("QPV", lambda p: p.qpv.name if p.qpv_id else "Dérogation"),
    ("Code QPV", lambda p: (p.qpv.code or "") if p.qpv_id else ""),
    ("Organisation référente", lambda p: p.referent_organisation.name),
    ("Date d'entrée", lambda p: p.entry_date),
    ("Fin du suivi", lambda p: p.follow_up_end_date),
    ("Statut", lambda p: JobSeekerStatus(p.current_status).label),
    ("Sortie anticipée le", lambda p: p.left_early_on or ""),
    ("Motif de sortie", lambda p: p.get_left_early_reason_display() if p.left_early_reason else ""),
    ("Situation actuelle", lambda p: SituationKind(p.current_situation).label if p.current_situation else ""),
    (
        "Classe de sortie",
        lambda p: OutcomeClass(outcome_class_for(p.current_situation)).label if p.current_situation else "",
    ),
    ("Situation à l'entrée sur le marché du travail", lambda p: p.get_labour_market_status_display()),
    ("Niveau d'études", lambda p: p.get_education_level_display()),
    ("RSA", lambda p: "oui" if p.rsa_beneficiary else "non"),
    ("Parent isolé", lambda p: "oui" if p.single_parent else "non"),
    ("Freins ouverts", lambda p: p.open_barrier_count or 0),
]


def _age(birth_date, on):
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def columns_for(user, *, anonymised: bool):
    columns = list(COMMON_COLUMNS)
    if not anonymised and perms.export_includes_personal_columns(user):
        columns = columns[:1] + PERSONAL_COLUMNS + columns[1:]

    def rqth(person):
        return ("oui" if person.disability_recognised else "non") if perms.can_view_health_data(user, person) else ""

    columns.append(("RQTH (organisation référente et coordination seulement)", rqth))
    return columns


def rows(user, people, *, anonymised: bool):
    columns = columns_for(user, anonymised=anonymised)
    yield [label for label, _ in columns]
    for person in people:
        yield [getter(person) for _, getter in columns]


def to_csv(user, people, *, anonymised: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows(user, people, anonymised=anonymised):
        writer.writerow([value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(user, people, *, anonymised: bool) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cohorte"
    for row in rows(user, people, anonymised=anonymised):
        sheet.append(row)
    format_sheet(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def format_sheet(sheet, *, max_width: int = 45) -> None:
    """Readable in a spreadsheet: bold frozen header with filters, columns as wide as their content,
    dates as dates (JJ/MM/AAAA) and amounts with two decimals."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
                length = 10
            elif isinstance(value, Decimal | float):
                cell.number_format = "#,##0.00"
                length = len(f"{value:,.2f}")
            else:
                length = len(str(value)) if value is not None else 0
            widths[cell.column] = max(widths.get(cell.column, 0), length)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), max_width)
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def filename(extension: str, *, anonymised: bool) -> str:
    suffix = "-anonyme" if anonymised else ""
    return f"cohorte{suffix}-{timezone.localdate():%Y-%m-%d}.{extension}"
