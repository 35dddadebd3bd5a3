"""Writes of the actions app: keyword-only, atomic, validated with full_clean(), audited (no personal data)."""

from .actions import (
    action_create,
    action_transition,
    action_update,
    cofunding_delete,
    cofunding_set,
)
from .budget import (
    commitment_cancel,
    commitment_correct,
    commitment_create,
    commitment_pay,
    commitment_reactivate,
    commitment_update,
    envelope_create,
    envelope_update,
)
from .participations import (
    participation_enrol,
    participation_outcome_record,
    participation_outcomes_record,
    participation_promote,
    participation_remove,
    participation_update,
    participations_enrol_many,
    workshop_create,
)

__all__ = [
    "action_create",
    "action_transition",
    "action_update",
    "cofunding_delete",
    "cofunding_set",
    "commitment_cancel",
    "commitment_correct",
    "commitment_create",
    "commitment_pay",
    "commitment_reactivate",
    "commitment_update",
    "envelope_create",
    "envelope_update",
    "participation_enrol",
    "participation_outcome_record",
    "participation_outcomes_record",
    "participation_promote",
    "participation_remove",
    "participation_update",
    "participations_enrol_many",
    "workshop_create",
]
