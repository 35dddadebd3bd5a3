"""The envelope gauge and its alert, written once: the budget page, the dashboard and the meeting pack use it.

- `alert_level(committed_pct)`: `full` from 100 % committed, `warning` from 80 %, else `ok`;
- `envelope_gauge(amount=, committed=, paid=)`: the shares committed and paid (percent, one decimal) and the level;
- `gauge_svg(gauge, title=)`: the accessible SVG drawing, with its 80 % and 100 % marks.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from cite_emploi.formatting import format_money, format_percent
from cite_emploi.svg import DANGER, GRID, PALETTE, TEXT, WARNING, attr

WARNING_AT = Decimal(80)
FULL_AT = Decimal(100)
TENTH = Decimal("0.1")


def alert_level(committed_pct: Decimal | None) -> str:
    """`full` from 100 % committed (or an envelope of zero), `warning` from 80 %, else `ok`."""
    if committed_pct is None or committed_pct >= FULL_AT:
        return "full"
    return "warning" if committed_pct >= WARNING_AT else "ok"


@dataclass(frozen=True)
class EnvelopeGauge:
    amount: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.committed

    @property
    def committed_pct(self) -> Decimal:
        if not self.amount:
            return Decimal("100.0")
        return (self.committed * 100 / self.amount).quantize(TENTH, ROUND_HALF_UP)

    @property
    def paid_pct(self) -> Decimal:
        if not self.amount:
            return Decimal("0.0")
        return (self.paid * 100 / self.amount).quantize(TENTH, ROUND_HALF_UP)

    @property
    def level(self) -> str:
        return alert_level(self.committed_pct)


def envelope_gauge(*, amount, committed, paid) -> EnvelopeGauge:
    return EnvelopeGauge(Decimal(amount or 0), Decimal(committed or 0), Decimal(paid or 0))


def gauge_svg(gauge: EnvelopeGauge, *, title: str = "Enveloppe", width: int = 560) -> SafeString:
    """Paid, committed not yet paid, remaining; 80 % and 100 % marks. Its text says every amount."""
    height = 54
    bar_y, bar_h = 6, 26
    scale = float(width) / float(gauge.amount) if gauge.amount else 0
    paid_w = min(width, round(float(gauge.paid) * scale, 1))
    committed_w = min(width, round(float(gauge.committed) * scale, 1))
    mark = round(width * float(WARNING_AT) / 100, 1)
    label = (
        f"{title} : {format_money(gauge.amount)} ; engagé {format_money(gauge.committed)} "
        f"({format_percent(gauge.committed_pct)}) ; payé {format_money(gauge.paid)} ; "
        f"reste {format_money(gauge.remaining)}"
    )
    committed_colour = {"full": DANGER, "warning": WARNING}.get(gauge.level, "#6ea8fe")
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart gauge" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{attr(label)}"><title>{escape(label)}</title>'
        f'<rect x="0" y="{bar_y}" width="{width}" height="{bar_h}" fill="#e9ecef" stroke="{GRID}"/>'
        f'<rect x="0" y="{bar_y}" width="{committed_w}" height="{bar_h}" fill="{committed_colour}"/>'
        f'<rect x="0" y="{bar_y}" width="{paid_w}" height="{bar_h}" fill="{PALETTE[0]}"/>'
        f'<line x1="{mark}" y1="2" x2="{mark}" y2="{bar_y + bar_h + 4}" stroke="{TEXT}" stroke-dasharray="3 2"/>'
        f'<text x="{mark}" y="{height - 4}" text-anchor="middle" font-size="11" fill="{TEXT}">'
        f"{WARNING_AT:.0f} %</text>"
        f'<text x="{width - 2}" y="{height - 4}" text-anchor="end" font-size="11" fill="{TEXT}">100 %</text>'
        f'<text x="2" y="{height - 4}" font-size="11" fill="{TEXT}">0</text></svg>'
    )
