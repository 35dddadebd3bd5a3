"""Small named rules about who may do what. Views, API and templates call these; tests cover each."""

from .enums import OrganisationKind, Role

# The préfecture and the DREETS read anonymised figures: they never follow a person nor run an action.
STATE_SERVICE_KINDS = frozenset({OrganisationKind.PREFECTURE, OrganisationKind.DREETS})


def has_territory(user) -> bool:
    return user.is_authenticated and user.territory_id is not None


def is_in_territory(user, territory_id) -> bool:
    return user.is_authenticated and user.territory_id is not None and user.territory_id == territory_id


def can_manage_organisations(user) -> bool:
    """Coordinator and admin create and edit the organisations of their territory."""
    return has_territory(user) and user.role in {Role.COORDINATOR, Role.ADMIN}


def can_view_personal_data(user) -> bool:
    """Viewers (préfecture, DREETS) get aggregated, anonymised figures only."""
    return has_territory(user) and user.role in {Role.COORDINATOR, Role.ADVISOR}


def can_view_audit_log(user) -> bool:
    return has_territory(user) and user.role == Role.COORDINATOR


def can_manage_users(user) -> bool:
    """Coordinator (and the technical admin) invite people, change roles, deactivate accounts."""
    return has_territory(user) and user.role in {Role.COORDINATOR, Role.ADMIN}


def assignable_roles(user) -> list[str]:
    """The roles an actor may give from the pages; the technical admin role is given in Django's admin."""
    if not can_manage_users(user):
        return []
    return [Role.COORDINATOR, Role.ADVISOR, Role.VIEWER]


def can_manage_groups(user) -> bool:
    return has_territory(user) and user.role == Role.COORDINATOR


def can_manage_meetings(user) -> bool:
    """Only the coordinator creates and edits meetings, agendas, attendance and decisions."""
    return has_territory(user) and user.role == Role.COORDINATOR


def can_view_meetings(user) -> bool:
    return has_territory(user)


def can_view_decision_job_seeker(user) -> bool:
    """A decision's link to a person is shown only to roles that may see personal data (then per person)."""
    return can_view_personal_data(user)
