from .actions import (
    action_create,
    action_detail,
    action_edit,
    action_list,
    action_transition,
    cofunding_add,
    outcome_record,
    participation_enrol,
    workshop_create,
)
from .budget import (
    budget,
    commitment_correct,
    commitment_create,
    commitment_export,
    commitment_move,
    envelope_create,
)
from .sheet import action_sheet_json, action_sheet_pdf_view

__all__ = [
    "action_create",
    "action_detail",
    "action_edit",
    "action_list",
    "action_sheet_json",
    "action_sheet_pdf_view",
    "action_transition",
    "budget",
    "cofunding_add",
    "commitment_correct",
    "commitment_create",
    "commitment_export",
    "commitment_move",
    "envelope_create",
    "outcome_record",
    "participation_enrol",
    "workshop_create",
]
