"""Import of job seekers from a CSV or XLSX file: preview every bad row, then all or nothing, idempotent.

Line numbers are those of the spreadsheet: the header is line 1, the first person line 2.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cite_emploi import tabular
from cite_emploi.text import normalise
from partners.enums import AuditAction
from partners.models import Organisation
from partners.services import audit_record

from . import perms
from .enums import EducationLevel, LabourMarketStatus, Sex
from .models import QPV, JobSeeker
from .selectors import find_duplicate

# Accepted headers (normalised: no accents, lower case) → field. French first, API names too.
HEADERS = {
    "nom": "last_name",
    "last_name": "last_name",
    "prenom": "first_name",
    "first_name": "first_name",
    "date de naissance": "birth_date",
    "birth_date": "birth_date",
    "sexe": "sex",
    "sex": "sex",
    "adresse": "address",
    "address": "address",
    "commune": "commune",
    "qpv": "qpv",
    "telephone": "phone",
    "phone": "phone",
    "courriel": "email",
    "email": "email",
    "identifiant france travail": "france_travail_id",
    "france_travail_id": "france_travail_id",
    "organisation referente": "referent_organisation",
    "referent_organisation": "referent_organisation",
    "date d entree": "entry_date",
    "entry_date": "entry_date",
    "date du consentement": "consent_recorded_on",
    "consent_recorded_on": "consent_recorded_on",
    "situation a l entree": "labour_market_status",
    "labour_market_status": "labour_market_status",
    "niveau d etudes": "education_level",
    "education_level": "education_level",
    "rsa": "rsa_beneficiary",
    "rsa_beneficiary": "rsa_beneficiary",
    "parent isole": "single_parent",
    "single_parent": "single_parent",
    "rqth": "disability_recognised",
    "disability_recognised": "disability_recognised",
}
REQUIRED = [
    "last_name",
    "first_name",
    "birth_date",
    "sex",
    "qpv",
    "referent_organisation",
    "entry_date",
    "consent_recorded_on",
]
TEMPLATE_HEADERS = [
    "Nom",
    "Prénom",
    "Date de naissance",
    "Sexe",
    "Adresse",
    "Commune",
    "QPV",
    "Téléphone",
    "Courriel",
    "Identifiant France Travail",
    "Organisation référente",
    "Date d'entrée",
    "Date du consentement",
    "Situation à l'entrée",
    "Niveau d'études",
    "RSA",
    "Parent isolé",
    "RQTH",
]
TRUE = {"oui", "o", "1", "vrai", "true", "x", "yes"}
FALSE = {"non", "n", "0", "faux", "false", "", "no"}
MAX_ROWS = 2000  # filled lines after the header


class ImportFileError(Exception):
    """The file cannot be read at all (format, header)."""


@dataclass
class RowError:
    line: int
    reason: str


@dataclass
class ImportPreview:
    to_create: list = field(default_factory=list)  # unsaved JobSeeker instances
    already_enrolled: list = field(default_factory=list)  # line numbers of people already in the territory
    errors: list = field(default_factory=list)  # RowError

    @property
    def is_valid(self) -> bool:
        return not self.errors


def read_rows(filename: str, content: bytes) -> list[tuple[int, dict]]:
    """(line number, {field: raw value}) for each non-empty line of a CSV (UTF-8, `;` or `,`) or XLSX file.

    Memory stays bounded whatever the file (cite_emploi.tabular.read_table): size cap IMPORT_MAX_FILE_SIZE,
    XLSX streamed without trusting its declared dimension, MAX_ROWS and the column cap checked while reading.
    """
    try:
        lines = tabular.read_table(filename, content, max_rows=MAX_ROWS, max_bytes=settings.IMPORT_MAX_FILE_SIZE)
        first = next(lines, None)
        if first is None:
            raise ImportFileError("Le fichier est vide.")
        header = [HEADERS.get(normalise(str(cell or ""))) for cell in first[1]]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            labels = {HEADERS[key]: key for key in reversed(list(HEADERS))}
            raise ImportFileError(
                "Colonnes obligatoires absentes de la ligne 1 : "
                + ", ".join(f"« {labels[name]} »" for name in missing)
                + "."
            )
        return [
            (line, {name: cells[i] if i < len(cells) else None for i, name in enumerate(header) if name})
            for line, cells in lines
        ]
    except tabular.TableReadError as exc:
        raise ImportFileError(str(exc)) from exc


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, label: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007  (a calendar date: no time, no zone)
        except ValueError:
            continue
    raise ValueError(f"{label} « {text} » illisible (attendu JJ/MM/AAAA)" if text else f"{label} manquante")


def _bool(value, label: str) -> bool:
    text = normalise(_text(value))
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"{label} : « {_text(value)} » n'est ni oui ni non")


def _choice(value, choices, label: str) -> str:
    text = normalise(_text(value))
    if not text:
        return ""
    for code, choice_label in choices:
        if text in {normalise(code), normalise(str(choice_label))}:
            return code
    raise ValueError(f"{label} « {_text(value)} » inconnu")


def build_preview(*, actor, cohort, rows) -> ImportPreview:
    """Check every row without writing anything; each bad row gets its line number and the reason."""
    territory_id = actor.territory_id
    qpvs = {}
    for qpv in QPV.objects.for_territory(territory_id):
        qpvs[normalise(qpv.name)] = qpv
        if qpv.code:
            qpvs[normalise(qpv.code)] = qpv
    organisations = {}
    for organisation in Organisation.objects.for_territory(territory_id).filter(is_active=True):
        organisations[normalise(organisation.name)] = organisation
        if organisation.short_name:
            organisations[normalise(organisation.short_name)] = organisation
    preview = ImportPreview()
    seen = {}
    for line, raw in rows:
        try:
            data = {
                "last_name": _text(raw.get("last_name")),
                "first_name": _text(raw.get("first_name")),
                "birth_date": _date(raw.get("birth_date"), "Date de naissance"),
                "sex": _choice(raw.get("sex"), Sex.choices, "Sexe"),
                "address": _text(raw.get("address")),
                "commune": _text(raw.get("commune")),
                "phone": _text(raw.get("phone")),
                "email": _text(raw.get("email")),
                "france_travail_id": _text(raw.get("france_travail_id")),
                "entry_date": _date(raw.get("entry_date"), "Date d'entrée"),
                "consent_recorded_on": _date(raw.get("consent_recorded_on"), "Date du consentement"),
                "labour_market_status": _choice(
                    raw.get("labour_market_status"), LabourMarketStatus.choices, "Situation à l'entrée"
                ),
                "education_level": _choice(raw.get("education_level"), EducationLevel.choices, "Niveau d'études"),
                "rsa_beneficiary": _bool(raw.get("rsa_beneficiary"), "RSA"),
                "single_parent": _bool(raw.get("single_parent"), "Parent isolé"),
                "disability_recognised": _bool(raw.get("disability_recognised"), "RQTH"),
            }
            if not data["last_name"] or not data["first_name"]:
                raise ValueError("nom ou prénom manquant")
            if not data["sex"]:
                raise ValueError("sexe manquant (F, M ou X)")
            qpv_text = _text(raw.get("qpv"))
            qpv = qpvs.get(normalise(qpv_text))
            if qpv is None:
                raise ValueError(f"QPV « {qpv_text} » inconnu sur le territoire" if qpv_text else "QPV manquant")
            organisation_text = _text(raw.get("referent_organisation"))
            organisation = organisations.get(normalise(organisation_text))
            if organisation is None:
                raise ValueError(
                    f"organisation référente « {organisation_text} » inconnue"
                    if organisation_text
                    else "organisation référente manquante"
                )
            if perms.is_advisor(actor) and organisation.pk != actor.organisation_id:
                raise ValueError("vous n'importez que des personnes de votre organisation")
        except ValueError as exc:
            preview.errors.append(RowError(line, str(exc)[:1].upper() + str(exc)[1:] + "."))
            continue
        job_seeker = JobSeeker(
            territory_id=territory_id, cohort=cohort, qpv=qpv, referent_organisation=organisation, **data
        )
        try:
            job_seeker.full_clean(validate_constraints=False)
        except ValidationError as exc:
            reasons = [
                f"{JobSeeker._meta.get_field(name).verbose_name if name != '__all__' else ''} : {' '.join(messages)}".strip(
                    " :"
                )
                for name, messages in exc.message_dict.items()
            ]
            preview.errors.append(RowError(line, " ; ".join(reasons)))
            continue
        key = (job_seeker.search_name, job_seeker.birth_date)
        ft_key = ("ft", job_seeker.france_travail_id) if job_seeker.france_travail_id else None
        twin = seen.get(key) or (seen.get(ft_key) if ft_key else None)
        if twin is not None:
            preview.errors.append(RowError(line, f"Même personne que la ligne {twin}."))
            continue
        seen[key] = line
        if ft_key:
            seen[ft_key] = line
        existing = find_duplicate(
            territory_id=territory_id,
            first_name=job_seeker.first_name,
            last_name=job_seeker.last_name,
            birth_date=job_seeker.birth_date,
            france_travail_id=job_seeker.france_travail_id,
        )
        if existing is not None:
            preview.already_enrolled.append(line)
            continue
        preview.to_create.append(job_seeker)
    return preview


@transaction.atomic
def job_seekers_import(*, actor, cohort, rows) -> ImportPreview:
    """All or nothing: any bad row and nothing is written. People already enrolled are left as they are."""
    if not perms.can_import(actor):
        raise PermissionDenied("Seule la coordination importe des personnes.")
    if cohort.territory_id != actor.territory_id:
        raise PermissionDenied("Cohorte hors de votre territoire.")
    preview = build_preview(actor=actor, cohort=cohort, rows=rows)
    if not preview.is_valid:
        raise ValidationError([f"Ligne {error.line} : {error.reason}" for error in preview.errors])
    for job_seeker in preview.to_create:
        job_seeker.validate_constraints()
        job_seeker.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=cohort,
        detail=f"import de {len(preview.to_create)} personne(s), {len(preview.already_enrolled)} déjà inscrite(s)",
        about=preview.to_create,
    )
    return preview
