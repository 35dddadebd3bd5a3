"""The FSE+ pages in Chromium at 1366 px and 390 px: no horizontal overflow; screenshots for a human eye
(FSE_SCREENSHOTS=<folder>)."""

import os

import pytest

from tests.factories import TEST_PASSWORD
from tests.fse.conftest import build_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_fse_pages_fit_a_phone_and_a_laptop(page, login, territory, coordinator):
    scenario = build_scenario(territory, coordinator)
    login(coordinator, TEST_PASSWORD)
    base = f"/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/"
    pages = {
        "action": f"/actions/{scenario.action.pk}/",
        "operation": base,
        "participants": base + "participants/",
        "participant": base + f"participants/{scenario.famille.pk}/",
        "completude": base + "completude/",
    }
    folder = os.environ.get("FSE_SCREENSHOTS")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages.items():
            page.goto(url)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} déborde de {overflow} px à {width} px"
            if folder:
                page.screenshot(path=f"{folder}/fse-{name}-{width}.png", full_page=True)
    page.goto(pages["action"])
    page.get_by_role("link", name="Opération FSE+ n° 202500042 — Par'Emploi 2025").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Opération FSE+ n° 202500042"
