"""The menu is built from the same rules as the pages: every entry opens, every page left out refuses."""

import pytest

from partners.navigation import ITEMS, items_for
from tests.factories import UserFactory


@pytest.mark.parametrize("role", ["coordinator", "advisor", "viewer", "admin"])
def test_the_menu_shows_exactly_the_pages_the_role_may_open(client, territory, role):
    user = UserFactory(role=role, organisation__territory=territory)
    client.force_login(user)
    shown = {item.url_name for item in items_for(user)}
    for item in ITEMS:
        status = client.get(item.url).status_code
        if item.url_name == "swagger-ui" and role == "viewer":
            continue  # the API documentation stays readable by any signed-in user; the menu only leaves it out
        if item.url_name in shown:
            assert status == 200, f"{role} sees « {item.label} » in the menu but the page answers {status}"
        else:
            assert status in {403, 404}, f"{role} does not see « {item.label} » but the page answers {status}"
