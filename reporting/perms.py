"""Who may do what in reporting. Views, API and templates call these; tests cover each."""

from partners.enums import Role
from partners.perms import (  # noqa: F401  (re-exported)
    can_read_national_figures,
    can_view_benchmarks,
    can_view_personal_data,
    has_role,
    has_territory,
    is_coordinator,
    is_in_territory,
    is_national_viewer,
)


def can_request_pack(user) -> bool:
    """Only the coordinator requests (and retries) a meeting pack."""
    return is_coordinator(user)


def can_view_packs(user) -> bool:
    """Packs are anonymised aggregates: every role of the territory lists and downloads them; the national viewer
    those of every territory."""
    return has_territory(user) or can_read_national_figures(user)


def can_read_pack(user, pack) -> bool:
    return is_in_territory(user, pack.territory_id) or can_read_national_figures(user)


def can_request_quarterly_report(user) -> bool:
    """The national viewer (ANCT) asks for a quarter's report; the daily schedule builds the last one anyway."""
    return is_national_viewer(user)


def can_publish_benchmarks(user) -> bool:
    """The coordinator decides whether her territory's name appears next to its figures for the other Cités."""
    return is_coordinator(user)


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
