"""The navigation menu. Each app adds its entries at ready() with the rule of its perms module that guards the page:
the menu shows exactly the pages the caller may open, and no role list is written twice.
"""

from collections.abc import Callable
from dataclasses import dataclass

from cite_emploi.reversing import cached_reverse

from . import perms


@dataclass(frozen=True)
class NavItem:
    position: int  # the order in the menu
    label: str
    url_name: str
    allowed: Callable[..., bool]  # allowed(user): the same rule as the page's

    @property
    def url(self) -> str:
        return cached_reverse(self.url_name)  # remembered: the menu is on every page


ITEMS: list[NavItem] = []


def add(*items: NavItem) -> None:
    for item in items:
        if item.url_name not in {existing.url_name for existing in ITEMS}:
            ITEMS.append(item)
    ITEMS.sort(key=lambda item: item.position)


# partners' own pages (the other apps add theirs in their AppConfig.ready())
add(
    NavItem(10, "Accueil", "home", lambda user: perms.has_territory(user) or perms.is_national(user)),
    NavItem(40, "Annuaire des partenaires", "partners:organisation_list", perms.has_territory),
    NavItem(50, "Réunions", "partners:meeting_list", perms.has_territory),
    NavItem(60, "Groupes", "partners:group_list", perms.has_territory),
    NavItem(80, "Personnes et rôles", "partners:user_list", perms.can_manage_users),
    NavItem(85, "Territoires", "partners:territory_list", perms.can_manage_territories),
    NavItem(86, "Comptes nationaux", "partners:national_account_list", perms.can_manage_national_accounts),
    NavItem(130, "API", "swagger-ui", perms.can_use_api_docs),
)


def items_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in ITEMS if item.allowed(user)]
