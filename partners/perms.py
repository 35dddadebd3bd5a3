"""Small named rules about who may do what. Views, API, services, templates and the menu call these; tests cover
each. The role checks (`is_coordinator`, `has_role`…) are here and only here: the other apps' perms modules build on
them, never on `user.role` directly.
"""

from django.conf import settings

from .enums import GroupKind, OrganisationKind, Role

# Roles that read personal data (people's files). Only a coordinator of the territory grants them.
PERSONAL_DATA_ROLES = frozenset({Role.COORDINATOR, Role.ADVISOR})

# The national layer: accounts attached to no territory (organisation left empty). Every territory-scoped
# `for_user` answers nothing for them (TerritoryScopedQuerySet reads `user.territory_id`, None here): what they
# read goes through the national pages, which show anonymised aggregates only.
NATIONAL_ROLES = frozenset({Role.NATIONAL_VIEWER, Role.NATIONAL_ADMIN})

# The préfecture and the DREETS read anonymised figures: they never follow a person nor run an action.
STATE_SERVICE_KINDS = frozenset({OrganisationKind.PREFECTURE, OrganisationKind.DREETS})


def has_territory(user) -> bool:
    return user.is_authenticated and user.territory_id is not None


def is_in_territory(user, territory_id) -> bool:
    return user.is_authenticated and user.territory_id is not None and user.territory_id == territory_id


def has_role(user, *roles: str) -> bool:
    """Signed in, in a territory, with one of these roles."""
    return has_territory(user) and user.role in roles


def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR)


def is_advisor(user) -> bool:
    return has_role(user, Role.ADVISOR)


def is_viewer(user) -> bool:
    return has_role(user, Role.VIEWER)


def is_admin(user) -> bool:
    """The technical administrator (role), not Django's superuser flag."""
    return has_role(user, Role.ADMIN)


def is_national(user) -> bool:
    """A national account (viewer or administrator): signed in, no territory, a national role."""
    return user.is_authenticated and user.territory_id is None and user.role in NATIONAL_ROLES


def is_national_viewer(user) -> bool:
    """ANCT, DGEFP: every territory's anonymised figures, benchmarks, packs and quarterly reports; no personal data."""
    return is_national(user) and user.role == Role.NATIONAL_VIEWER


def is_national_admin(user) -> bool:
    """Creates territories, invites their first coordinator, loads the national QPV file. No personal data."""
    return is_national(user) and user.role == Role.NATIONAL_ADMIN


def can_read_national_figures(user) -> bool:
    """Every territory's anonymised figures (benchmarks with territory names, quarterly reports, packs)."""
    return is_national_viewer(user)


def can_manage_territories(user) -> bool:
    """Create a territory and invite its first coordinator from the interface (no shell)."""
    return is_national_admin(user)


def can_manage_national_accounts(user) -> bool:
    """List, invite, deactivate and reactivate the national accounts (viewers and administrators), from the pages."""
    return is_national_admin(user)


def can_view_benchmarks(user) -> bool:
    """The national viewer (every territory) and a coordinator (her territory against the distribution)."""
    return is_national_viewer(user) or is_coordinator(user)


def can_manage_organisations(user) -> bool:
    """Coordinator and admin create and edit the organisations of their territory."""
    return has_role(user, Role.COORDINATOR, Role.ADMIN)


def can_view_personal_data(user) -> bool:
    """Viewers (préfecture, DREETS) get aggregated, anonymised figures only; the technical admin none at all."""
    return has_role(user, *PERSONAL_DATA_ROLES)


def can_read_case_review(user, meeting) -> bool:
    """A follow-up group's decisions and minutes talk about people: only roles that read personal data see them."""
    return meeting.kind != GroupKind.FOLLOW_UP_GROUP or can_view_personal_data(user)


def can_view_audit_log(user) -> bool:
    return is_coordinator(user)


def can_manage_users(user) -> bool:
    """Coordinator (and the technical admin) invite people, change roles, deactivate accounts."""
    return has_role(user, Role.COORDINATOR, Role.ADMIN)


def assignable_roles(user) -> list[str]:
    """The roles an actor may give from the pages; the technical admin role is given in Django's admin.

    A role that reads personal data (coordinator, advisor) is granted by a coordinator of the territory only:
    the technical admin, who sees no personal data, cannot give it to anyone, herself included.
    """
    if not can_manage_users(user):
        return []
    if user.role == Role.COORDINATOR:
        return [Role.COORDINATOR, Role.ADVISOR, Role.VIEWER]
    return [Role.VIEWER]


def grants_personal_data(role) -> bool:
    return role in PERSONAL_DATA_ROLES


def can_manage_groups(user) -> bool:
    return is_coordinator(user)


def can_manage_meetings(user) -> bool:
    """Only the coordinator creates and edits meetings, agendas, attendance and decisions."""
    return is_coordinator(user)


def can_use_api_docs(user) -> bool:
    """The interactive API documentation, for the roles that integrate tools (not viewers: they read packs)."""
    return has_role(user, Role.COORDINATOR, Role.ADMIN, Role.ADVISOR)


def role_requires_two_factor(user) -> bool:
    """The roles that must use a second factor (TWO_FACTOR_REQUIRED_ROLES: coordinator and admin by default)."""
    return user.is_authenticated and user.role in settings.TWO_FACTOR_REQUIRED_ROLES
