"""The dashboard's figures as an XLSX workbook: the same `Metrics` object, one sheet per section.

Written by `cite_emploi.tabular` (the project's one writer: no formula from an action title or a label).
"""

from cite_emploi import tabular
from cite_emploi.formatting import SECRET_LABEL, format_date, is_secret

from .metrics import DEFINITIONS, Metrics


def _n(count):
    """Counts of 1 to 4 become "< 5" (statistical secrecy), as on every page and in the pack."""
    return SECRET_LABEL if is_secret(count) else count


def _rate(value, base):
    if value is None or not base:
        return None
    return "n. s. (< 5)" if is_secret(base) else float(value)


def _sheet(workbook, title, header, rows):
    workbook.append(tabular.Sheet(title, header, rows, widths=(48,)))


def figures_workbook(metrics: Metrics) -> bytes:
    workbook = []
    cohort = metrics.cohort
    _sheet(
        workbook,
        "Synthèse",
        ["Indicateur", "Valeur"],
        [
            ("Territoire", metrics.territory_name),
            ("Période", f"du {format_date(metrics.period.start)} au {format_date(metrics.period.end)}"),
            ("Population", metrics.cohort_label),
            ("Personnes comptées", _n(cohort.members)),
            ("dont entrées pendant la période", _n(cohort.entered_in_period)),
            ("En suivi", _n(cohort.in_follow_up)),
            ("Suivi terminé", _n(cohort.completed)),
            ("Sortie anticipée", _n(cohort.left_early)),
            *((f"Sortie anticipée : {r.label.lower()}", _n(r.count)) for r in cohort.left_early_by_reason),
            ("Taux de levée des freins (%)", _rate(metrics.barriers.lift_rate, metrics.barriers.total.total)),
        ],
    )
    _sheet(
        workbook,
        "Cohorte",
        ["Ventilation", "Catégorie", "Personnes"],
        [
            *(("QPV", r.label, _n(r.count)) for r in cohort.by_qpv),
            *(("Sexe", r.label, _n(r.count)) for r in cohort.by_sex),
            *(("Tranche d'âge", r.label, _n(r.count)) for r in cohort.by_age_band),
        ],
    )
    _sheet(
        workbook,
        "Freins",
        ["Catégorie", "Identifiés", "En cours", "Levés", "Non levés ou abandonnés", "Total", "Taux de levée (%)"],
        (
            (r.label, _n(r.identified), _n(r.in_progress), _n(r.lifted), _n(r.not_lifted), _n(r.total),
             _rate(r.lift_rate, r.total))
            for r in (*metrics.barriers.rows, metrics.barriers.total)
        ),
    )  # fmt: skip
    _sheet(
        workbook,
        "Situations",
        ["Jalon", "Jalon atteint", "Emploi durable (6 mois ou plus)", "Emploi de transition (moins de 6 mois)",
         "Sortie positive", "Autre situation", "Non renseignée", "Taux de sorties dynamiques (%)"],
        (
            (m.label, _n(m.reached), _n(m.emploi_durable), _n(m.emploi_de_transition), _n(m.sortie_positive),
             _n(m.autre), _n(m.not_recorded), _rate(m.dynamic_rate, m.recorded))
            for m in metrics.outcomes
        ),
    )  # fmt: skip
    _sheet(
        workbook,
        "Activité",
        ["Organisation", "Suivis", "Personnes suivies"],
        [
            *((r.organisation, _n(r.follow_ups), _n(r.people)) for r in metrics.activity.rows),
            ("Total", _n(metrics.activity.follow_ups), _n(metrics.activity.people)),
        ],
    )
    _sheet(
        workbook,
        "Actions",
        ["Action", "Porteur", "Statut", "Participants", "Engagé (€)", "Payé (€)", "Résultats"],
        (
            (a.title, a.lead_organisation, a.status_label, _n(a.indicators.participant_count),
             float(a.indicators.committed), float(a.indicators.paid),
             " ; ".join(f"{o.label} : {_n(o.count)}" for o in a.indicators.outcome_counts))
            for a in metrics.actions
        ),
    )  # fmt: skip
    budget = metrics.budget
    _sheet(
        workbook,
        "Budget",
        ["Catégorie", "Engagé (€)", "Payé (€)", "Reste à payer (€)"],
        [
            *((r.label, float(r.committed), float(r.paid), float(r.to_pay)) for r in budget.rows),
            ("Total engagé", float(budget.committed), float(budget.paid), None),
            ("Montant de l'enveloppe", None if budget.amount is None else float(budget.amount), None, None),
            ("Reste à engager", None if budget.remaining is None else float(budget.remaining), None, None),
        ],
    )
    _sheet(workbook, "Définitions", ["Terme", "Définition"], DEFINITIONS.values())
    return tabular.xlsx_bytes(workbook)
