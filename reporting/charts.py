"""Server-rendered SVG charts: the one module used by the dashboards and the PDF packs.

Every chart is an accessible image (``role="img"``, ``<title>``, ``aria-label``) and never the only
carrier of a figure: templates show the same values in a table. No inline ``style`` attribute
(Content-Security-Policy), colours with enough contrast against white.
"""

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from actions.gauge import envelope_gauge, gauge_svg
from cite_emploi.formatting import format_count
from cite_emploi.svg import PALETTE, TEXT, attr


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal | float
    display: str | None = None  # the text printed at the end of the bar


def horizontal_bars(
    bars: list[Bar],
    *,
    title: str,
    width: int = 560,
    bar_height: int = 22,
    label_width: int = 250,
    secret: bool = True,
    color: str = PALETTE[0],
) -> SafeString:
    """One horizontal bar per item; counts from 1 to 4 are printed as ``< 5`` when ``secret``."""
    gap = 8
    top = 4
    height = top + len(bars) * (bar_height + gap) + 4
    values = [float(bar.value or 0) for bar in bars]
    maximum = max(values, default=0) or 1
    plot_width = width - label_width - 70
    rows = []
    max_chars = int((label_width - 12) / 6.4)  # about 6.4 px a character at 12 px
    for index, (bar, value) in enumerate(zip(bars, values, strict=True)):
        y = top + index * (bar_height + gap)
        label = bar.label if len(bar.label) <= max_chars else bar.label[: max_chars - 1].rstrip() + "…"
        length = 0 if (secret and 0 < value < 5) else round(plot_width * value / maximum, 1)
        shown = bar.display if bar.display is not None else (format_count(int(value)) if secret else str(bar.value))
        rows.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" font-size="12" '
            f'fill="{TEXT}"><title>{escape(bar.label)}</title>{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="{color}" rx="2"/>'
            f'<text x="{label_width + length + 6}" y="{y + bar_height * 0.7:.1f}" font-size="12" '
            f'fill="{TEXT}">{escape(shown)}</text>'
        )
    if not bars:
        rows.append(f'<text x="0" y="16" font-size="12" fill="{TEXT}">Aucune donnée sur la période.</text>')
        height = 24
    summary = "; ".join(
        f"{bar.label} : {bar.display if bar.display is not None else format_count(int(float(bar.value or 0)))}"
        for bar in bars
    )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{attr(title)}. {attr(summary)}">'
        f"<title>{escape(title)}</title>{''.join(rows)}</svg>"
    )


# --- the charts of the figures (dashboard and meeting pack draw the same ones) ---------------------------------


def metrics_charts(metrics) -> dict[str, SafeString]:
    """SVG charts of a `reporting.metrics.Metrics`; each one has a table of the same values next to it."""
    from cite_emploi.formatting import format_rate

    cohort = metrics.cohort
    statuses = [
        Bar("En suivi", cohort.in_follow_up),
        Bar("Suivi terminé", cohort.completed),
        Bar("Sortie anticipée", cohort.left_early),
    ]
    barriers = [Bar(row.label, row.total) for row in metrics.barriers.rows]
    lifted = [
        Bar(row.label, float(row.lift_rate or 0), display=format_rate(row.lift_rate, row.total))
        for row in metrics.barriers.rows
    ]
    outcomes = [
        Bar(item.label, float(item.dynamic_rate or 0), display=format_rate(item.dynamic_rate, item.recorded))
        for item in metrics.outcomes
    ]
    activity = [Bar(row.organisation, row.follow_ups) for row in metrics.activity.rows]
    charts = {
        "statuses": horizontal_bars(statuses, title="Personnes par état à la fin de la période"),
        "qpv": horizontal_bars([Bar(r.label, r.count) for r in cohort.by_qpv], title="Personnes par QPV"),
        "barriers": horizontal_bars(barriers, title="Freins identifiés par catégorie", color=PALETTE[1]),
        "lift_rate": horizontal_bars(
            lifted, title="Taux de levée des freins par catégorie", color=PALETTE[2], secret=False
        ),
        "outcomes": horizontal_bars(
            outcomes,
            title="Taux de sorties dynamiques par jalon (emploi de 6 mois ou plus compris)",
            color=PALETTE[2],
            secret=False,
        ),
        "activity": horizontal_bars(activity, title="Suivis de la période par organisation", color=PALETTE[3]),
    }
    if metrics.budget.amount is not None:
        charts["budget"] = gauge_svg(
            envelope_gauge(amount=metrics.budget.amount, committed=metrics.budget.committed, paid=metrics.budget.paid),
            title=f"Enveloppe {metrics.budget.year}",
        )
    return charts
