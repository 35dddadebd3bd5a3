"""French typography and statistical secrecy, shared by pages, exports and the PDF packs.

- money: ``1 234,56 €`` (narrow no-break space between thousands, comma for decimals);
- dates: ``12 mars 2026``;
- counts in a breakdown: from 1 to 4 shown as ``< 5`` (statistical secrecy, DOMAIN.md). Zero is shown: it reveals nobody.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from cite_emploi.french import french_date
from cite_emploi.secrecy import NOT_SIGNIFICANT, SECRECY_THRESHOLD, SECRET_LABEL, is_secret  # noqa: F401 (re-exported)

NNBSP = "\u202f"  # espace fine insécable (thousands separator, before %)
NBSP = "\u00a0"  # espace insécable (before €)


def _group_thousands(integer_part: str) -> str:
    sign = "-" if integer_part.startswith("-") else ""
    digits = integer_part.lstrip("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + NNBSP.join(groups or ["0"])


def format_number(value, decimals: int = 0) -> str:
    if value is None:
        return "—"
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{number:.{decimals}f}"
    integer_part, _, fraction = text.partition(".")
    grouped = _group_thousands(integer_part)
    return f"{grouped},{fraction}" if decimals else grouped


def format_money(value, decimals: int = 2) -> str:
    """``Decimal("1234.5")`` → ``1 234,50 €``."""
    if value is None:
        return "—"
    return f"{format_number(value, decimals)}{NBSP}€"


def format_percent(value, decimals: int = 1) -> str:
    """``76.19`` → ``76,2 %`` (value already in percent)."""
    if value is None:
        return "—"
    return f"{format_number(value, decimals)}{NNBSP}%"


def format_date(value: datetime.date | None) -> str:
    """``date(2026, 3, 12)`` → ``12 mars 2026``, ``date(2026, 12, 1)`` → ``1er décembre 2026``."""
    if value is None:
        return "—"
    return french_date(value)


def format_count(count: int | None, *, secret: bool = True) -> str:
    """A count in a breakdown: ``< 5`` when between 1 and 4 (statistical secrecy), else the number."""
    if count is None:
        return "—"
    if secret and is_secret(count):
        return SECRET_LABEL
    return format_number(count)


def rate(numerator: int | Decimal, denominator: int | Decimal, decimals: int = 1) -> Decimal | None:
    """A percentage with ``decimals`` decimals, or None when the denominator is zero."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def format_rate(value, denominator: int | None, decimals: int = 1) -> str:
    """A rate on a base of 1 to 4 people would reveal them: printed ``n. s. (< 5)``."""
    if not denominator or value is None:
        return "—"
    if is_secret(denominator):
        return NOT_SIGNIFICANT
    return format_percent(value, decimals)
