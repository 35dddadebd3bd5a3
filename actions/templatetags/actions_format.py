from decimal import Decimal

from django import template

from cite_emploi.formatting import format_money, format_percent

register = template.Library()


@register.filter
def euros(value):
    """Decimal("1234.5") → « 1 234,50 € »; None → « — »."""
    if value is None or value == "":
        return "—"
    return format_money(Decimal(value))


@register.filter
def percent(value):
    """Decimal("76.2") → « 76,2 % »; None → « — »."""
    return format_percent(value)


@register.filter
def css_width(value):
    """A percentage for a CSS width, clamped to 0–100, with a dot (« 76.2 »)."""
    return f"{max(Decimal(0), min(Decimal(100), Decimal(value))):.1f}"
