"""Who may do what in reporting. Views, API and templates call these; tests cover each."""

from partners.enums import Role
from partners.perms import (  # noqa: F401  (re-exported)
    can_view_personal_data,
    has_role,
    has_territory,
    is_coordinator,
    is_in_territory,
)


def can_request_pack(user) -> bool:
    """Only the coordinator requests (and retries) a meeting pack."""
    return is_coordinator(user)


def can_view_packs(user) -> bool:
    """Packs are anonymised aggregates: every role of the territory lists and downloads them."""
    return has_territory(user)


def can_view_pack_downloads(user) -> bool:
    """The coordinator sees who downloaded what."""
    return is_coordinator(user)


def can_view_dashboard(user) -> bool:
    """The territory's figures (aggregates): coordinator, admin and viewers. Advisors see their people instead."""
    return has_role(user, Role.COORDINATOR, Role.ADMIN, Role.VIEWER)


def can_view_whats_due(user) -> bool:
    """Late next steps, milestones to record, people without contact: names behind them, so not for viewers."""
    return is_coordinator(user)


def can_export_figures(user) -> bool:
    return can_view_dashboard(user)
