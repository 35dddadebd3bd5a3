"""The meeting pack's content: the figures (from the one metrics module) and the meeting, rendered to PDF.

Everything is frozen at the period's end (rows dated after it are ignored), so a pack rebuilt later is identical in
its figures. Statistical secrecy is applied once over the whole document (`reporting.metrics.tables`).
"""

from cite_emploi.formatting import format_date
from cite_emploi.pdf import render_pdf_with_page_count
from cite_emploi.secrecy import is_secret
from partners.models import AgendaItem, Meeting

from .charts import PALETTE, Series, line_chart, metrics_charts
from .figures import metrics_for
from .metrics import DEFINITIONS, Period, key_figures, key_figures_of, previous_periods
from .metrics.tables import protected_figures
from .models import MeetingPack

TEMPLATE = "reporting/pack.html"
TREND_PACKS = 6


def _previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(territory_id=meeting.territory_id, kind=meeting.kind, group_id=meeting.group_id)
        .filter(date__lt=meeting.date)
        .order_by("-date", "-pk")
        .first()
    )


def _rate(value, base, numerator=None):
    """A point of the trend: None (a gap) when the base is under 5 people or the numerator is 1 to 4."""
    if value is None or base < 5 or is_secret(numerator) or is_secret(None if numerator is None else base - numerator):
        return None
    return float(value)


def trend_chart(history):
    """The main rates over the last six packs (periods of the same length, oldest first)."""
    labels = [f"{k.period.end:%m/%Y}" for k in history]
    series = [
        Series(
            "Sorties dynamiques à 12 mois / renseignées",
            tuple(
                _rate(k.twelve_months.dynamic_rate, k.twelve_months.recorded, k.twelve_months.dynamic) for k in history
            ),
            PALETTE[0],
        ),
        Series(
            "Sorties dynamiques à 12 mois / jalon atteint",
            tuple(
                _rate(k.twelve_months.dynamic_rate_reached, k.twelve_months.reached, k.twelve_months.dynamic)
                for k in history
            ),
            PALETTE[0],
            dashed=True,
        ),
        Series(
            "Sorties dynamiques à 6 mois / renseignées",
            tuple(_rate(k.six_months.dynamic_rate, k.six_months.recorded, k.six_months.dynamic) for k in history),
            PALETTE[1],
        ),
        Series(
            "Taux de levée des freins",
            tuple(_rate(k.barriers_lift_rate, k.barriers_total, k.barriers_lifted) for k in history),
            PALETTE[2],
        ),
    ]
    return line_chart(series, labels, title="Évolution des principaux taux sur les six derniers dossiers")


def pack_context(pack: MeetingPack) -> dict:
    """Everything the PDF prints. Anonymised: figures only, and partner organisations (never a person)."""
    period = Period(pack.period_start, pack.period_end)
    metrics = metrics_for(pack.territory, period, pack.cohort)
    figures = protected_figures(metrics)
    history = [key_figures(pack.territory, p, pack.cohort) for p in previous_periods(period, TREND_PACKS)[:-1]]
    meeting = pack.meeting
    agenda, previous = [], None
    if meeting is not None:
        agenda = list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("title", flat=True))
        previous = _previous_meeting(meeting)
    current = key_figures_of(metrics)
    return {
        "pack": pack,
        "metrics": metrics,
        "figures": figures,
        "tables": figures.tables(),
        "summary": figures.summary(history[-1] if history else None),
        "previous_period": history[-1].period if history else None,
        "meeting": meeting,
        "agenda": agenda,
        "previous_meeting": previous,
        "charts": metrics_charts(metrics, figures) | {"trend": trend_chart([*history, current])},
        "definitions": DEFINITIONS,
        "period_label": f"du {format_date(period.start)} au {format_date(period.end)}",
    }


def render_pack(pack: MeetingPack) -> tuple[bytes, int]:
    return render_pdf_with_page_count(TEMPLATE, pack_context(pack))
