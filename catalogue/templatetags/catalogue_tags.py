"""Filters for the sheets' JSON as published (ISO dates, counts already under secrecy)."""

import datetime

from django import template

from cite_emploi.formatting import format_number
from cite_emploi.french import french_date

register = template.Library()


@register.filter
def iso_date_fr(value):
    """« 2026-03-12 » (a sheet's date) → « 12 mars 2026 »."""
    if not value:
        return "—"
    try:
        return french_date(datetime.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


@register.filter
def effectif(value):
    """A published count: a number, « < 5 » or « s » as the secrecy left it; None → « non suivi »."""
    if value is None:
        return "non suivi"
    if isinstance(value, int):
        return format_number(value)
    return str(value)
