"""Models of the partners app: territories, organisations, users (core), groups, meetings, invitations."""

from .accounts import CalendarToken, Invitation, ProConnectDevice
from .core import AuditEntry, Organisation, Territory, User
from .groups import WorkingGroup
from .meetings import AgendaItem, Attendee, Decision, Meeting, ReminderSent

__all__ = [
    "AgendaItem",
    "Attendee",
    "AuditEntry",
    "CalendarToken",
    "Decision",
    "Invitation",
    "Meeting",
    "Organisation",
    "ProConnectDevice",
    "ReminderSent",
    "Territory",
    "User",
    "WorkingGroup",
]
