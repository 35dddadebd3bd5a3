"""French typography for dates, shared by every template (a builtin library, see TEMPLATES in settings).

« 1er décembre 2026 » (the first day of a month is an ordinal), « mar. 1er décembre 2026 » (abbreviated days
end with a full stop), « mardi 1er décembre 2026 ».
"""

import datetime

from django import template
from django.utils import formats, translation

register = template.Library()

DAYS_SHORT = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]


def french_date(value: datetime.date | None, style: str = "") -> str:
    """``style``: "" → « 1er décembre 2026 », "court" → « mar. 1er décembre 2026 », "long" → « mardi 1er … »."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    with translation.override("fr"):
        day = "1er" if value.day == 1 else str(value.day)
        text = f"{day} {formats.date_format(value, 'F Y')}"
        if style == "court":
            return f"{DAYS_SHORT[value.weekday()]} {text}"
        if style == "long":
            return f"{formats.date_format(value, 'l')} {text}"
    return text


@register.filter(name="date_fr")
def date_fr(value, style=""):
    return french_date(value, style)
