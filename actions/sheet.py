"""The action sheet (fiche action) shared with other Cités: objectives, barriers, partners, budget, aggregated results.

No personal data: no participant is named, only counts. The figures come from selectors.indicators_for_actions,
like the action page and the API, and go through statistical secrecy (selectors.protected_indicators) whoever
downloads the sheet: it is made to leave the Cité.
"""

from django.utils import timezone

from cite_emploi.pdf import render_pdf
from cite_emploi.secrecy import LEGEND

from .selectors import action_indicators, protected_indicators


def _money(value) -> str:
    return f"{value:.2f}"


def action_sheet(action) -> dict:
    """The sheet as plain data (JSON export and PDF). `action` comes with its partners and outcome types."""
    indicators = action_indicators(action)
    public = protected_indicators(indicators)
    cofundings = list(action.cofundings.all())
    total = indicators.total_cost
    funders = [{"funder": "Enveloppe de l'État (Cité de l'emploi)", "amount": _money(indicators.committed)}]
    funders += [{"funder": c.funder, "amount": _money(c.amount)} for c in cofundings]
    for item in funders:
        item["share"] = f"{float(item['amount']) * 100 / float(total):.1f}" if total else None
    return {
        "title": action.title,
        "territory": str(action.territory),
        "status": action.status,
        "status_label": action.get_status_display(),
        "start_date": action.start_date.isoformat(),
        "end_date": action.end_date.isoformat() if action.end_date else None,
        "description": action.description,
        "objectives": action.objectives,
        "barriers_addressed": [
            {"code": code, "label": label}
            for code, label in zip(action.barrier_categories, action.barrier_category_labels(), strict=True)
        ],
        "lead_organisation": action.lead_organisation.name,
        "partners": [org.name for org in action.partner_organisations.all()],
        "capacity": action.capacity,
        "fse_plus_cofunded": action.fse_plus_cofunded,
        "budget": {
            "committed": _money(indicators.committed),
            "paid": _money(indicators.paid),
            "cofunded": _money(indicators.cofunded),
            "total_cost": _money(total),
            "cost_per_participant": (
                _money(public.cost_per_participant) if public.cost_per_participant is not None else None
            ),
            "funders": funders,
        },
        "results": {
            "participant_count": public.participant_count,
            "single_parent_count": public.single_parent_count,
            "single_parent_rate": (
                f"{public.single_parent_rate:.1f}" if public.single_parent_rate is not None else None
            ),
            "outcomes": [
                {"code": item.code, "label": item.label, "count": item.count} for item in public.outcome_counts
            ],
            "secrecy": LEGEND if public.masked else None,
        },
        "generated_on": timezone.localdate().isoformat(),
    }


def action_sheet_pdf(action) -> bytes:
    """The one-to-two-page sheet, rendered like every PDF of the project (cite_emploi.pdf: no network)."""
    return render_pdf("actions/action_sheet_pdf.html", {"sheet": action_sheet(action)})
