"""Writes of the partners app. Keyword-only, atomic, validated, audited.

`audit_record` is the audit trail every app writes to.
"""

from .access_log import access_log_purge, auth_event_record
from .accounts import (
    api_token_issue,
    api_token_revoke,
    calendar_token_regenerate,
    calendar_token_revoke,
    first_coordinator_invite,
    invitation_accept,
    invitation_send,
    user_change_role,
    user_deactivate,
    user_reactivate,
)
from .audit import audit_record, changed_fields
from .groups import group_create, group_update
from .meetings import (
    attendance_update,
    attendee_add,
    decision_create,
    decision_update,
    meeting_create,
    meeting_plan_year,
    meeting_update,
)
from .national_accounts import national_account_deactivate, national_account_invite, national_account_reactivate
from .organisations import organisation_create, organisation_delete, organisation_records, organisation_update
from .proconnect import (
    SignInRefused,
    proconnect_account_for,
    proconnect_link,
    proconnect_refusal_record,
    proconnect_second_factor_device,
    proconnect_unlink,
)
from .reminders import meeting_reminders_send
from .territories import coordinating_organisation_get_or_create, territory_create, territory_publication_set

__all__ = [
    "SignInRefused",
    "access_log_purge",
    "api_token_issue",
    "api_token_revoke",
    "attendance_update",
    "attendee_add",
    "audit_record",
    "auth_event_record",
    "calendar_token_regenerate",
    "calendar_token_revoke",
    "changed_fields",
    "coordinating_organisation_get_or_create",
    "decision_create",
    "decision_update",
    "first_coordinator_invite",
    "group_create",
    "group_update",
    "invitation_accept",
    "invitation_send",
    "meeting_create",
    "meeting_plan_year",
    "meeting_reminders_send",
    "meeting_update",
    "national_account_deactivate",
    "national_account_invite",
    "national_account_reactivate",
    "organisation_create",
    "organisation_delete",
    "organisation_records",
    "organisation_update",
    "proconnect_account_for",
    "proconnect_link",
    "proconnect_refusal_record",
    "proconnect_second_factor_device",
    "proconnect_unlink",
    "territory_create",
    "territory_publication_set",
    "user_change_role",
    "user_deactivate",
    "user_reactivate",
]
