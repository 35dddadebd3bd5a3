"""The declaration files (CSV and XLSX, through cite_emploi.tabular): the participants with their Annex I values, and
the indicator table for a period. Column names are the Annex I codes and labels (docs/fse.md)."""

from .enums import AgeBand, Answer, EducationLevel, LabourMarketStatus
from .indicators import INDICATORS
from .selectors import MISSING_LABELS, SEX_COLUMNS

YES_NO = {True: "oui", False: "non", None: ""}
ANSWERS = {Answer.YES: "oui", Answer.NO: "non", Answer.REFUSED: "refus", "": ""}
HIDDEN = "non communiqué"  # a sensitive value the caller may not read (fse.perms.can_view_sensitive)

# (column name, what it holds): the participants file
PARTICIPANT_COLUMNS = (
    ("id_participation", "identifiant de la participation dans l'application"),
    ("id_personne", "identifiant de la personne de la cohorte (vide hors cohorte)"),
    ("nom", "nom (personne hors cohorte : saisi dans la fiche participant)"),
    ("prenom", "prénom"),
    ("date_naissance", "date de naissance (AAAA-MM-JJ)"),
    ("action", "action de l'opération"),
    ("date_entree", "entrée dans l'opération"),
    ("date_sortie", "sortie de l'opération"),
    ("sexe", "F, M ou X (autre ou non précisé)"),
    ("tranche_age", "moins de 18, 18-29, 30-54, 55 et plus (âge à l'entrée)"),
    ("situation_entree", "chômeur, chômeur de longue durée, inactif, en emploi"),
    ("niveau_cite", "CITE 0-2, 3-4, 5-8"),
    *((f"{i.code}", i.label) for i in INDICATORS if i.code != "EECO11"),
    ("resultats_lus_historique", "résultats lus dans l'historique des situations de la cohorte"),
    ("declarable", "oui : identité déclarable (non : pseudonyme)"),
    ("compte", "oui : compté dans les indicateurs (identité et données d'entrée complètes)"),
    ("manquant", "ce qui manque"),
)
PARTICIPANT_HEADER = [name for name, _ in PARTICIPANT_COLUMNS]
LABOUR = {
    LabourMarketStatus.UNEMPLOYED: "chômeur",
    LabourMarketStatus.LONG_TERM_UNEMPLOYED: "chômeur de longue durée",
    LabourMarketStatus.INACTIVE: "inactif",
    LabourMarketStatus.EMPLOYED: "en emploi",
}
EDUCATION = {
    EducationLevel.ISCED_0_2: "CITE 0-2",
    EducationLevel.ISCED_3_4: "CITE 3-4",
    EducationLevel.ISCED_5_8: "CITE 5-8",
}
AGES = {
    AgeBand.UNDER_18: "moins de 18",
    AgeBand.FROM_18_TO_29: "18-29",
    AgeBand.FROM_30_TO_54: "30-54",
    AgeBand.FROM_55: "55 et plus",
}


def participant_row(row, *, sensitive: bool) -> list:
    """One line of the participants file; the sensitive columns read « non communiqué » without the right."""
    p, record, values = row.participation, row.record, row.values
    person = p.job_seeker if p.job_seeker_id else None
    if person is not None:
        last, first, born = person.last_name, person.first_name, person.birth_date
        if person.anonymised_on is not None and record is not None:
            last, first, born = record.last_name, record.first_name, record.birth_date
    elif record is not None and record.last_name:
        last, first, born = record.last_name, record.first_name, record.birth_date
    else:
        last, first, born = p.participant_label, "", None
    line = [
        p.pk,
        p.job_seeker_id or "",
        last,
        first,
        born,
        p.action.title,
        row.entered_on,
        row.left_on,
        values.get("sex", ""),
        AGES.get(values.get("age_band", ""), ""),
        LABOUR.get(values.get("labour_market_status", ""), ""),
        EDUCATION.get(values.get("education_level", ""), ""),
    ]
    for indicator in INDICATORS:
        if indicator.code == "EECO11":
            continue
        if indicator.sensitive:
            line.append(ANSWERS.get(values.get(indicator.field, ""), "") if sensitive else HIDDEN)
        elif indicator.field in ("labour_market_status", "age_band", "education_level"):
            line.append(YES_NO[indicator.counts(values)] if values.get(indicator.field) else "")
        else:
            line.append(YES_NO[values.get(indicator.field)])
    line += [
        ", ".join(sorted(row.from_history)),
        YES_NO[not row.pseudonymous],
        YES_NO[row.counted],
        " ; ".join(MISSING_LABELS[m] for m in row.missing if sensitive or m != "sensitive"),
    ]
    return line


def participant_rows_for(rows, can_view_sensitive) -> list[list]:
    return [participant_row(row, sensitive=can_view_sensitive(row.participation)) for row in rows]


INDICATOR_HEADER = ["code", "indicateur", *(f"{label.lower()}" for _, label in SEX_COLUMNS)]


def indicator_rows(table) -> list[list]:
    rows = [
        [line.indicator.code, line.indicator.label, *(line.counts[c] for c, _ in SEX_COLUMNS)] for line in table.lines
    ]
    rows.append(["NON_DECLARABLES", "Participations sous pseudonyme (non déclarables)", table.pseudonymous, "", "", ""])
    rows.append(
        ["INCOMPLETS", "Participants aux données d'entrée incomplètes (non comptés)", table.incomplete, "", "", ""]
    )
    return rows
