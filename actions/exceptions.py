from decimal import Decimal

from cite_emploi.formatting import format_money as format_euros  # the one French money format


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


class CommitmentFrozen(Exception):
    """A paid commitment is frozen: it is corrected by a cancellation with a reason and a new commitment (API: 409)."""

    def __init__(self, message: str = ""):
        super().__init__(
            message
            or "Cet engagement est payé : il ne peut plus être modifié. Pour le corriger, annulez-le en indiquant "
            "le motif et saisissez un nouvel engagement (bouton « Corriger »)."
        )

    @property
    def message(self) -> str:
        return str(self)
