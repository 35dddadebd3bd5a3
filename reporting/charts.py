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
from cite_emploi.formatting import format_count, format_percent
from cite_emploi.svg import GRID, PALETTE, TEXT, attr


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
    max_chars = int((label_width - 12) / 7.3)  # about 7.3 px a character at 12 px (DejaVu Sans, the PDF font)
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


def metrics_charts(metrics, figures=None) -> dict[str, SafeString]:
    """SVG charts of a `reporting.metrics.Metrics`; each one has a table of the same values next to it.

    `figures` (``reporting.metrics.tables.ProtectedFigures``) carries the document's secrecy: a masked count draws
    no bar and prints what the tables print (« < 5 », « s »), a masked rate prints « n. s. »."""
    from .metrics.tables import protected_figures

    figures = figures or protected_figures(metrics)

    def count_bar(label, key):
        cell = figures.count(key)
        return Bar(label, 0 if cell.flag else figures.values[key], display=cell.text)

    def rate_bar(label, value, numerator, denominator):
        cell = figures.rate(value, numerator, denominator)
        return Bar(label, 0 if cell.flag or cell.value is None else float(value), display=cell.text)

    cohort = metrics.cohort
    statuses = [
        count_bar("En suivi", "in_follow_up"),
        count_bar("Suivi terminé", "completed"),
        count_bar("Sortie anticipée", "left_early"),
    ]
    barriers = [count_bar(row.label, f"barrier:{row.code}:total") for row in metrics.barriers.rows]
    lifted = [
        rate_bar(row.label, row.lift_rate, f"barrier:{row.code}:lifted", f"barrier:{row.code}:total")
        for row in metrics.barriers.rows
    ]
    outcomes = [
        rate_bar(item.label, item.dynamic_rate, f"m:{item.code}:dynamic", f"m:{item.code}:recorded")
        for item in metrics.outcomes
    ]
    activity = [Bar(row.organisation, row.follow_ups) for row in metrics.activity.rows]
    charts = {
        "statuses": horizontal_bars(statuses, title="Personnes par état à la fin de la période"),
        "qpv": horizontal_bars([count_bar(r.label, f"qpv:{r.code}") for r in cohort.by_qpv], title="Personnes par QPV"),
        "barriers": horizontal_bars(barriers, title="Freins identifiés par catégorie", color=PALETTE[1]),
        "lift_rate": horizontal_bars(
            lifted, title="Taux de levée des freins par catégorie", color=PALETTE[2], secret=False
        ),
        "outcomes": horizontal_bars(
            outcomes,
            title="Taux de sorties dynamiques par jalon, sur les situations renseignées (emploi de 6 mois ou plus compris)",
            color=PALETTE[2],
            secret=False,
        ),
        "activity": horizontal_bars(
            activity, title="Suivis de la période par organisation", color=PALETTE[3], secret=False
        ),
    }
    if metrics.budget.amount is not None:
        charts["budget"] = gauge_svg(
            envelope_gauge(amount=metrics.budget.amount, committed=metrics.budget.committed, paid=metrics.budget.paid),
            title=f"Enveloppe {metrics.budget.year}",
        )
    return charts


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]  # None: not significant (base under 5) or no base: a gap in the line
    color: str = PALETTE[0]
    dashed: bool = False


def line_chart(
    series: list[Series], labels: list[str], *, title: str, width: int = 560, height: int = 200
) -> SafeString:
    """Rates (0–100 %) over a few periods: one line per series, a legend under the plot. Gaps where not significant."""
    left, right, top = 40, 30, 10
    plot_w, plot_h = width - left - right, height - top - 40
    total_h = height + 16 * len(series)
    n = max(len(labels), 1)
    step = plot_w / max(n - 1, 1)

    def xy(i, v):
        return left + i * step, top + plot_h * (1 - v / 100)

    parts = []
    for tick in (0, 25, 50, 75, 100):
        _, y = xy(0, tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10" fill="{TEXT}">{tick} %</text>'
        )
    for i, text in enumerate(labels):
        x, _ = xy(i, 0)
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="middle" font-size="10" fill="{TEXT}">{escape(text)}</text>'
        )
    summary = []
    for index, item in enumerate(series):
        segment: list[str] = []
        segments = []
        for i, value in enumerate(item.values):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            x, y = xy(i, value)
            segment.append(f"{x:.1f},{y:.1f}")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{item.color}"/>')
        if segment:
            segments.append(segment)
        dash = ' stroke-dasharray="5 3"' if item.dashed else ""
        for points in segments:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{item.color}" stroke-width="2"{dash}/>'
            )
        ly = top + plot_h + 30 + index * 16
        parts.append(
            f'<line x1="{left}" y1="{ly - 4}" x2="{left + 24}" y2="{ly - 4}" stroke="{item.color}" stroke-width="2"{dash}/>'
            f'<text x="{left + 30}" y="{ly}" font-size="11" fill="{TEXT}">{escape(item.label)}</text>'
        )
        shown = ", ".join(
            f"{labels[i]} : {'n. s.' if v is None else format_percent(Decimal(str(v)))}"
            for i, v in enumerate(item.values)
        )
        summary.append(f"{item.label} — {shown}")
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart trend" role="img" width="{width}" height="{total_h}" '
        f'viewBox="0 0 {width} {total_h}" aria-label="{attr(title)}. {attr("; ".join(summary))}">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )
