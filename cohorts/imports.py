"""Import of job seekers from a CSV or XLSX file: preview every bad row, then all or nothing, idempotent.

Line numbers are those of the spreadsheet: the header is line 1, the first person line 2.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cite_emploi import tabular
from cite_emploi.text import normalise
from partners.enums import AuditAction, Role
from partners.models import Organisation, User
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
    "conseiller referent": "referent",
    "conseillere referente": "referent",
    "conseiller ou conseillere referent": "referent",
    "referent": "referent",
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
    "Conseiller référent",
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
# The example line of the template (fictitious person): QPV and organisation are replaced by the territory's own.
EXAMPLE_ROW = {
    "Nom": "Exemple",
    "Prénom": "Camille",
    "Date de naissance": "14/05/1995",
    "Sexe": "F",
    "Adresse": "12 rue des Lilas",
    "Commune": "Angers",
    "Téléphone": "06 00 00 00 00",
    "Courriel": "camille.exemple@example.org",
    "Identifiant France Travail": "",
    "Date d'entrée": "",
    "Date du consentement": "",
    "Situation à l'entrée": "Chômeur",
    "Niveau d'études": "",
    "RSA": "non",
    "Parent isolé": "oui",
    "RQTH": "non",
}


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
    advisors = {}
    for user in User.objects.for_territory(territory_id).filter(
        is_active=True, role__in=[Role.ADVISOR, Role.COORDINATOR]
    ):
        for key in {user.username, user.email, user.get_full_name(), f"{user.last_name} {user.first_name}"} - {""}:
            advisors[normalise(key)] = user
    organisations = {}
    for organisation in Organisation.objects.for_territory(territory_id).filter(is_active=True).field_partners():
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
            referent_text = _text(raw.get("referent"))
            referent = advisors.get(normalise(referent_text)) if referent_text else None
            if referent_text and referent is None:
                raise ValueError(f"conseiller référent « {referent_text} » inconnu (nom, identifiant ou courriel)")
            if referent is not None and referent.organisation_id != organisation.pk:
                raise ValueError(f"{referent.get_full_name() or referent.username} n'appartient pas à {organisation}")
        except ValueError as exc:
            preview.errors.append(RowError(line, str(exc)[:1].upper() + str(exc)[1:] + "."))
            continue
        job_seeker = JobSeeker(
            territory_id=territory_id,
            cohort=cohort,
            qpv=qpv,
            referent_organisation=organisation,
            referent=referent,
            **data,
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


def template_rows(user) -> tuple[list[str], list[str], dict[str, list[str]]]:
    """The template's header, its example line (with the territory's first QPV and organisation), and the allowed
    values of each coded column."""
    qpvs = list(QPV.objects.for_user(user).order_by("commune", "name"))
    organisations = list(Organisation.objects.for_user(user).filter(is_active=True).field_partners().order_by("name"))
    referents = list(
        User.objects.for_user(user)
        .filter(is_active=True, role__in=[Role.ADVISOR, Role.COORDINATOR], organisation__in=organisations)
        .select_related("organisation")
        .order_by("organisation__name", "last_name")
    )
    today = timezone.localdate().strftime("%d/%m/%Y")
    example = dict(EXAMPLE_ROW, **{"Date d'entrée": today, "Date du consentement": today})
    example["QPV"] = qpvs[0].name if qpvs else ""
    example["Organisation référente"] = (organisations[0].short_name or organisations[0].name) if organisations else ""
    first_referent = next((u for u in referents if organisations and u.organisation_id == organisations[0].pk), None)
    example["Conseiller référent"] = first_referent.username if first_referent else ""
    allowed = {
        "Sexe": [f"{code} ({label})" for code, label in Sex.choices],
        "QPV": [f"{q.name} ({q.commune}){f' — {q.code}' if q.code else ''}" for q in qpvs],
        "Organisation référente": [o.short_name or o.name for o in organisations],
        "Conseiller référent": [f"{u.username} — {u.get_full_name()} ({u.organisation})" for u in referents],
        "Situation à l'entrée": [str(label) for _, label in LabourMarketStatus.choices],
        "Niveau d'études": [str(label) for _, label in EducationLevel.choices],
        "RSA, Parent isolé, RQTH": ["oui", "non"],
        "Dates": ["JJ/MM/AAAA"],
    }
    return TEMPLATE_HEADERS, [example.get(h, "") for h in TEMPLATE_HEADERS], allowed


def template_csv(user) -> bytes:
    header, example, _ = template_rows(user)
    return tabular.csv_bytes(header, [example])


def template_xlsx(user) -> bytes:
    """The template and, on a second sheet, the allowed values of each coded column (readable widths)."""
    header, example, allowed = template_rows(user)
    values_header = ["Colonne", "Valeurs autorisées"]
    values = [
        [column, choice] for column, choices in allowed.items() for choice in choices or ["(aucune : à créer d'abord)"]
    ]
    return tabular.xlsx_bytes(
        [
            tabular.Sheet("Personnes", header, [example], widths=tabular.content_widths(header, [example])),
            tabular.Sheet(
                "Valeurs autorisées",
                values_header,
                values,
                widths=tabular.content_widths(values_header, values, max_width=70),
                autofilter=True,
            ),
        ]
    )
