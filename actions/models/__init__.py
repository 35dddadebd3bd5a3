from .action import Action, ActionTransition, CoFunding, OutcomeType
from .budget import Commitment, Envelope
from .participation import Participation, ParticipationOutcome, Workshop

__all__ = [
    "Action",
    "ActionTransition",
    "CoFunding",
    "Commitment",
    "Envelope",
    "OutcomeType",
    "Participation",
    "ParticipationOutcome",
    "Workshop",
]
