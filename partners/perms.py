"""Small named rules about who may do what. Views, API and templates call these; tests cover each."""

from .enums import GroupKind, Role

# Roles that read personal data (people's files). Only a coordinator of the territory grants them.
PERSONAL_DATA_ROLES = frozenset({Role.COORDINATOR, Role.ADVISOR})


def has_territory(user) -> bool:
    return user.is_authenticated and user.territory_id is not None


def is_in_territory(user, territory_id) -> bool:
    return user.is_authenticated and user.territory_id is not None and user.territory_id == territory_id


def can_manage_organisations(user) -> bool:
    """Coordinator and admin create and edit the organisations of their territory."""
    return has_territory(user) and user.role in {Role.COORDINATOR, Role.ADMIN}


def can_view_personal_data(user) -> bool:
    """Viewers (préfecture, DREETS) get aggregated, anonymised figures only; the technical admin none at all."""
    return has_territory(user) and user.role in PERSONAL_DATA_ROLES


def can_read_case_review(user, meeting) -> bool:
    """A follow-up group's decisions and minutes talk about people: only roles that read personal data see them."""
    return meeting.kind != GroupKind.FOLLOW_UP_GROUP or can_view_personal_data(user)


def can_view_audit_log(user) -> bool:
    return has_territory(user) and user.role == Role.COORDINATOR


def can_manage_users(user) -> bool:
    """Coordinator (and the technical admin) invite people, change roles, deactivate accounts."""
    return has_territory(user) and user.role in {Role.COORDINATOR, Role.ADMIN}


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
    return has_territory(user) and user.role == Role.COORDINATOR


def can_manage_meetings(user) -> bool:
    """Only the coordinator creates and edits meetings, agendas, attendance and decisions."""
    return has_territory(user) and user.role == Role.COORDINATOR
