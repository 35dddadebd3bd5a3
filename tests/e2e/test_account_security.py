"""« Sécurité du compte » in Chromium: the API token table reads, passes axe-core, and « Révoquer » works."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from rest_framework.authtoken.models import Token

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_token_is_listed_and_revoked_from_the_account_security_page(page, login, territory):
    advisor = UserFactory(advisor=True, organisation__territory=territory)
    Token.objects.create(user=advisor)
    login(advisor, TEST_PASSWORD)
    page.goto("/compte/securite/")
    table = page.get_by_role("table", name="Vos jetons d'API")
    assert "Actif" in table.inner_text()
    results = Axe().run(page)
    assert [v["id"] for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}] == []
    if os.environ.get("SCREENSHOTS_DIR"):
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{os.environ['SCREENSHOTS_DIR']}/securite-{width}.png", full_page=True)

    page.get_by_role("button", name="Révoquer ce jeton").click()
    expect(page.get_by_text("Votre jeton d'API est révoqué")).to_be_visible()
    expect(page.get_by_text("Aucun jeton d'API en cours.")).to_be_visible()
    assert not Token.objects.filter(user=advisor).exists()
