"""Server-rendered SVG charts: the one module used by the dashboards and the PDF packs.

Every chart is an accessible image (``role="img"``, ``<title>``, ``aria-label``) and never the only
carrier of a figure: templates show the same values in a table. No inline ``style`` attribute
(Content-Security-Policy), colours with enough contrast against white.
"""

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from cite_emploi.formatting import format_count, format_money, format_percent

PALETTE = ["#0b4f8a", "#b34700", "#2e7d32", "#6a1b9a", "#00695c", "#ad1457", "#5d4037", "#37474f"]
TEXT = "#212529"
GRID = "#ced4da"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal | float
    display: str | None = None  # the text printed at the end of the bar


def _attr(value) -> str:
    return escape(str(value), {'"': "&quot;"})


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
        f'viewBox="0 0 {width} {height}" aria-label="{_attr(title)}. {_attr(summary)}">'
        f"<title>{escape(title)}</title>{''.join(rows)}</svg>"
    )


def budget_gauge(
    *, amount: Decimal, committed: Decimal, paid: Decimal, title: str = "Enveloppe", width: int = 560
) -> SafeString:
    """A gauge of the envelope: paid, committed not yet paid, remaining; 80 % and 100 % marks."""
    amount = Decimal(amount or 0)
    committed = Decimal(committed or 0)
    paid = Decimal(paid or 0)
    height = 54
    bar_y, bar_h = 6, 26
    scale = float(width) / float(amount) if amount else 0
    paid_w = min(width, round(float(paid) * scale, 1))
    committed_w = min(width, round(float(committed) * scale, 1))
    mark_80 = round(width * 0.8, 1)
    remaining = amount - committed
    rate = (committed * 100 / amount) if amount else Decimal(0)
    label = (
        f"{title} : {format_money(amount)} ; engagé {format_money(committed)} ({format_percent(rate)}) ; "
        f"payé {format_money(paid)} ; reste {format_money(remaining)}"
    )
    over = committed > amount
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart gauge" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{_attr(label)}"><title>{escape(label)}</title>'
        f'<rect x="0" y="{bar_y}" width="{width}" height="{bar_h}" fill="#e9ecef" stroke="{GRID}"/>'
        f'<rect x="0" y="{bar_y}" width="{committed_w}" height="{bar_h}" fill="{"#b02a37" if over else "#6ea8fe"}"/>'
        f'<rect x="0" y="{bar_y}" width="{paid_w}" height="{bar_h}" fill="{PALETTE[0]}"/>'
        f'<line x1="{mark_80}" y1="2" x2="{mark_80}" y2="{bar_y + bar_h + 4}" stroke="{TEXT}" stroke-dasharray="3 2"/>'
        f'<text x="{mark_80}" y="{height - 4}" text-anchor="middle" font-size="11" fill="{TEXT}">80 %</text>'
        f'<text x="{width - 2}" y="{height - 4}" text-anchor="end" font-size="11" fill="{TEXT}">100 %</text>'
        f'<text x="2" y="{height - 4}" font-size="11" fill="{TEXT}">0</text></svg>'
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
        charts["budget"] = budget_gauge(
            amount=metrics.budget.amount,
            committed=metrics.budget.committed,
            paid=metrics.budget.paid,
            title=f"Enveloppe {metrics.budget.year}",
        )
    return charts
