"""French typography for dates: the template filter ``date_fr`` ({% load fr_format %}) and the models use it.

« 1er décembre 2026 » (the first day of a month is an ordinal), « mar. 1er décembre 2026 » (abbreviated days
end with a full stop), « mardi 1er décembre 2026 ».
"""

import datetime

from django.utils import formats, translation

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
