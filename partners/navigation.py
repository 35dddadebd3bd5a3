"""The navigation menu, per role. Each app adds its entries here as its pages land."""

from dataclasses import dataclass

from django.urls import reverse

from .enums import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


ALL = frozenset(Role.values)
STAFF = frozenset({Role.COORDINATOR, Role.ADMIN})

ITEMS: list[NavItem] = [
    NavItem("Accueil", "home", ALL),
    NavItem("Cohorte", "cohorts:job_seeker_list", frozenset({Role.COORDINATOR, Role.ADVISOR})),
    NavItem("Mes personnes", "cohorts:my_people", frozenset({Role.ADVISOR})),
    NavItem("Annuaire des partenaires", "partners:organisation_list", ALL),
    NavItem("Réunions", "partners:meeting_list", ALL),
    NavItem("Groupes", "partners:group_list", ALL),
    NavItem("Dossiers à anonymiser", "cohorts:retention_due", frozenset({Role.COORDINATOR})),
    NavItem("Personnes et rôles", "partners:user_list", STAFF),
    NavItem("Actions", "actions:list", ALL),
    NavItem("Budget", "actions:budget", frozenset({Role.COORDINATOR, Role.ADVISOR, Role.ADMIN})),
    NavItem("Tableau de bord", "reporting:dashboard", frozenset({Role.COORDINATOR, Role.ADMIN, Role.VIEWER})),
    NavItem("Dossiers de séance", "reporting:pack_list", ALL),
    NavItem("API", "swagger-ui", frozenset({Role.COORDINATOR, Role.ADMIN, Role.ADVISOR})),
]


def items_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in ITEMS if user.role in item.roles]
