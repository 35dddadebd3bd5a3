"""Small named rules about who may do what. Views, API and templates call these; tests cover each."""

from .enums import Role


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
