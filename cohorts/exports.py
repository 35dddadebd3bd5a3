"""Export of the cohort list as CSV or XLSX, through the project's one writer (`cite_emploi.tabular`).

Two variants:

- **the list** (`columns_for(user, pseudonymised=False)`): one row per person. Personal columns (names, birth
  date, contact details) only go to roles that may see personal data; the RQTH column is filled only where
  the caller may see health data (referent organisation, coordinator).
- **the pseudonymised file for statistics** (`pseudonymised=True`): still one row per person, so it is *not*
  anonymous (a rare combination can single someone out, docs/data-protection.md § 5 bis) and stays reserved
  to the roles that export personal data. It carries no name, no internal id, no commune, no exact date
  (months only), an age band instead of the age and no health data (RQTH); its rows are ordered by cohort,
  QPV and month, never by name, so the order gives nothing away.
"""

from django.utils import timezone

from cite_emploi import tabular

from . import perms
from .enums import JobSeekerStatus, OutcomeClass, SituationKind, age_band_label

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
        lambda p: OutcomeClass(p.current_outcome_class).label if p.current_outcome_class else "",
    ),
    ("Situation à l'entrée sur le marché du travail", lambda p: p.get_labour_market_status_display()),
    ("Niveau d'études", lambda p: p.get_education_level_display()),
    ("RSA", lambda p: "oui" if p.rsa_beneficiary else "non"),
    ("Parent isolé", lambda p: "oui" if p.single_parent else "non"),
    ("Freins ouverts", lambda p: p.open_barrier_count or 0),
]


def _month(day) -> str:
    return f"{day:%m/%Y}" if day else ""


def _age_band(person) -> str:
    return age_band_label(person.entry_date.year - person.birth_date.year)


PSEUDONYMISED_COLUMNS = [
    ("Cohorte", lambda p: p.cohort.label),
    ("Sexe", lambda p: p.sex),
    ("Tranche d'âge à l'entrée", _age_band),
    ("QPV", lambda p: p.qpv.name if p.qpv_id else "Dérogation"),
    ("Code QPV", lambda p: (p.qpv.code or "") if p.qpv_id else ""),
    ("Organisation référente", lambda p: p.referent_organisation.name),
    ("Mois d'entrée", lambda p: _month(p.entry_date)),
    ("Statut", lambda p: JobSeekerStatus(p.current_status).label),
    ("Mois de sortie anticipée", lambda p: _month(p.left_early_on)),
    ("Motif de sortie", lambda p: p.get_left_early_reason_display() if p.left_early_reason else ""),
    ("Situation actuelle", lambda p: SituationKind(p.current_situation).label if p.current_situation else ""),
    ("Classe de sortie", lambda p: p.current_outcome_class or ""),
    ("Situation à l'entrée sur le marché du travail", lambda p: p.get_labour_market_status_display()),
    ("Niveau d'études", lambda p: p.get_education_level_display()),
    ("RSA", lambda p: "oui" if p.rsa_beneficiary else "non"),
    ("Parent isolé", lambda p: "oui" if p.single_parent else "non"),
    ("Freins ouverts", lambda p: p.open_barrier_count or 0),
]


def _age(birth_date, on):
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def columns_for(user, *, pseudonymised: bool):
    if pseudonymised:
        return list(PSEUDONYMISED_COLUMNS)
    columns = list(COMMON_COLUMNS)
    if perms.export_includes_personal_columns(user):
        columns = columns[:1] + PERSONAL_COLUMNS + columns[1:]

    def rqth(person):
        return ("oui" if person.disability_recognised else "non") if perms.can_view_health_data(user, person) else ""

    columns.append(("RQTH (organisation référente et coordination seulement)", rqth))
    return columns


def _pseudonymised_order(person):
    return (person.cohort.year, person.qpv.name if person.qpv_id else "", person.entry_date.replace(day=1))


def table(user, people, *, pseudonymised: bool):
    """(header, rows) of the export."""
    columns = columns_for(user, pseudonymised=pseudonymised)
    if pseudonymised:
        people = sorted(people, key=_pseudonymised_order)
    header = [label for label, _ in columns]
    return header, ([getter(person) for _, getter in columns] for person in people)


def export_bytes(fmt: str, user, people, *, pseudonymised: bool) -> bytes:
    header, rows = table(user, people, pseudonymised=pseudonymised)
    if fmt == "xlsx":  # columns as wide as their content: the rows are read once to measure them
        rows = list(rows)
        return tabular.table_bytes(
            fmt, header, rows, title="Cohorte", autofilter=True, widths=tabular.content_widths(header, rows)
        )
    return tabular.table_bytes(fmt, header, rows, title="Cohorte", autofilter=True)


def filename(extension: str, *, pseudonymised: bool) -> str:
    suffix = "-pseudonymisee" if pseudonymised else ""
    return f"cohorte{suffix}-{timezone.localdate():%Y-%m-%d}.{extension}"
