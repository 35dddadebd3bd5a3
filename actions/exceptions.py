from decimal import Decimal

NNBSP = "\u202f"  # thousands separator
NBSP = "\u00a0"  # before €


def format_euros(amount: Decimal) -> str:
    """Decimal("12345.5") → « 12 345,50 € » (French typography, for messages)."""
    whole, _, cents = f"{amount:.2f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return f"{sign}{NNBSP.join(groups or ['0'])},{cents}{NBSP}€"


class EnvelopeOverCommitted(Exception):
    """A commitment would take the envelope past its amount. The message says how much remains (API: 409)."""

    def __init__(self, *, year: int, remaining: Decimal, requested: Decimal):
        self.remaining = remaining
        self.requested = requested
        super().__init__(
            f"L'enveloppe {year} ne peut pas être dépassée : il reste {format_euros(remaining)} à engager, "
            f"l'engagement demandé est de {format_euros(requested)}."
        )

    @property
    def message(self) -> str:
        return str(self)
