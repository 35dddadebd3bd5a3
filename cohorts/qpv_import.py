"""Load the national list of QPVs (code, name, commune) into a territory. Safe to run twice."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction

from cite_emploi import tabular
from cite_emploi.text import normalise
from partners.enums import AuditAction
from partners.services.audit import audit_record

from . import perms
from .models import QPV, QPV_CODE_RE

CODE_HEADERS = {"code", "code qpv", "code_qp", "code quartier", "code_qpv"}
NAME_HEADERS = {"name", "nom", "nom qpv", "libelle", "nom_qp", "nom du quartier", "lib_qp"}
COMMUNE_HEADERS = {"commune", "communes", "nom commune", "lib_com", "commune_qp", "nom_com"}


@dataclass
class QPVImportReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0
    skipped_other_area: int = 0
    errors: list = field(default_factory=list)  # (line, reason)


def _column(header, names):
    for index, cell in enumerate(header):
        if normalise(cell).replace(" ", "_") in {n.replace(" ", "_") for n in names}:
            return index
    return None


def read_qpv_rows(text: str):
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    try:
        table = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise ValueError(f"Fichier CSV illisible : {exc}.") from exc
    if not table:
        raise ValueError("Le fichier est vide.")
    header = table[0]
    columns = [_column(header, names) for names in (CODE_HEADERS, NAME_HEADERS, COMMUNE_HEADERS)]
    if None in columns:
        raise ValueError("La ligne 1 doit nommer les colonnes code, nom et commune.")
    for line, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        yield line, *((cells[i].strip() if i < len(cells) else "") for i in columns)


def qpv_import(*, territory, rows, communes=None, dry_run=False) -> QPVImportReport:
    """Create or update the territory's QPVs from (line, code, name, commune) rows.

    Rows of another department, or of a commune outside `communes` (default: the communes where the
    territory already has QPVs, if any), are skipped. An existing QPV without code is matched by name
    and commune, so the demo's QPVs receive their official codes.
    """
    report = QPVImportReport()
    department = territory.department.zfill(3)
    existing = list(QPV.objects.filter(territory=territory))
    wanted_communes = {normalise(c) for c in (communes or {q.commune for q in existing})}
    by_code = {q.code: q for q in QPV.objects.exclude(code=None)}
    by_name = {(normalise(q.name), normalise(q.commune)): q for q in existing}
    seen = {}
    with transaction.atomic():
        for line, code, name, commune in rows:
            code = code.upper()
            if not re.match(QPV_CODE_RE, code):
                report.errors.append(
                    (line, f"code « {code} » invalide (attendu QN, département, numéro, lettre, ex. QN04901M)")
                )
                continue
            if not name or not commune:
                report.errors.append((line, "nom ou commune manquant"))
                continue
            if code in seen:
                report.errors.append((line, f"code {code} déjà présent ligne {seen[code]}"))
                continue
            seen[code] = line
            if code[2:5] != department or (wanted_communes and normalise(commune) not in wanted_communes):
                report.skipped_other_area += 1
                continue
            qpv = by_code.get(code) or by_name.get((normalise(name), normalise(commune)))
            if qpv is not None and qpv.territory_id != territory.pk:
                report.errors.append((line, f"code {code} déjà rattaché à un autre territoire"))
                continue
            if qpv is None:
                qpv = QPV(territory=territory, code=code, name=name, commune=commune)
                report.created.append(code)
            elif (qpv.code, qpv.name, qpv.commune) == (code, name, commune):
                report.unchanged += 1
                continue
            else:
                qpv.code, qpv.name, qpv.commune = code, name, commune
                report.updated.append(code)
            qpv.full_clean()
            qpv.save()
            by_code[code] = qpv
            by_name[(normalise(name), normalise(commune))] = qpv
        if dry_run or report.errors:
            transaction.set_rollback(True)
    return report


def _decode(content: bytes) -> str:
    try:
        return tabular.decode_text(content)
    except tabular.TableReadError as exc:
        raise ValueError(str(exc)) from exc


def qpvs_import_file(*, actor, content: bytes, communes=None, dry_run=False, territory=None) -> QPVImportReport:
    """The administrator's upload: her territory's QPVs from the national file, all or nothing.

    The technical administrator loads her own territory; the national administrator names the territory.
    Raises ValueError (French message) when the file cannot be read; line errors are in the report, and
    then nothing is written. The audit entry says how many QPVs changed, never more.
    """
    if territory is None:
        if not perms.can_import_qpvs(actor):
            raise PermissionDenied("Seul un administrateur technique charge la liste des QPV.")
        territory = actor.territory
    elif not perms.can_import_national_qpvs(actor):
        raise PermissionDenied("Seule l'administration nationale charge la liste des QPV d'un autre territoire.")
    report = qpv_import(territory=territory, rows=read_qpv_rows(_decode(content)), communes=communes, dry_run=dry_run)
    if not dry_run and not report.errors and (report.created or report.updated):
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            detail=f"QPV : {len(report.created)} créé(s), {len(report.updated)} mis à jour",
            territory_id=territory.pk,
        )
    return report


@dataclass
class NationalQPVImportReport:
    """The national file applied to every territory whose communes are known: all territories or none."""

    by_territory: list = field(default_factory=list)  # (territory, QPVImportReport)
    not_applied: list = field(default_factory=list)  # territories to load one by one (communes to give)
    errors: list = field(default_factory=list)  # (line, reason), each once

    @property
    def created(self) -> int:
        return sum(len(report.created) for _, report in self.by_territory)

    @property
    def updated(self) -> int:
        return sum(len(report.updated) for _, report in self.by_territory)


def qpvs_import_national_file(*, actor, content: bytes, territories, dry_run=False) -> NationalQPVImportReport:
    """The national administrator's upload of the official file for every territory at once, all or nothing.

    A territory takes the QPVs of its department in the communes where it already has QPVs; a territory without
    QPVs takes its whole department only when it is alone in it. The others are listed in `not_applied`: they are
    loaded one by one with their communes (`qpvs_import_file(territory=…)`), never guessed.
    """
    if not perms.can_import_national_qpvs(actor):
        raise PermissionDenied("Seule l'administration nationale charge la liste nationale des QPV.")
    rows = list(read_qpv_rows(_decode(content)))
    territories = list(territories)
    per_department: dict[str, int] = {}
    for territory in territories:
        per_department[territory.department] = per_department.get(territory.department, 0) + 1
    known = set(QPV.objects.filter(territory__in=territories).values_list("territory_id", flat=True).distinct())
    report = NationalQPVImportReport()
    seen_errors = set()
    with transaction.atomic():
        for territory in territories:
            if territory.pk not in known and per_department[territory.department] > 1:
                report.not_applied.append(territory)
                continue
            result = qpv_import(territory=territory, rows=rows, dry_run=dry_run)
            report.by_territory.append((territory, result))
            for error in result.errors:
                if error not in seen_errors:
                    seen_errors.add(error)
                    report.errors.append(error)
        report.errors.sort()
        if dry_run or report.errors:
            transaction.set_rollback(True)
        elif report.created or report.updated:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                detail=f"QPV (fichier national) : {report.created} créé(s), {report.updated} mis à jour",
            )
    return report
