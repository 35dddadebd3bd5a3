from .action import Action, ActionDecision, ActionTransition, CoFunding, OutcomeType
from .budget import Commitment, Envelope
from .participation import Participation, ParticipationOutcome, Workshop

__all__ = [
    "Action",
    "ActionDecision",
    "ActionTransition",
    "CoFunding",
    "Commitment",
    "Envelope",
    "OutcomeType",
    "Participation",
    "ParticipationOutcome",
    "Workshop",
]
