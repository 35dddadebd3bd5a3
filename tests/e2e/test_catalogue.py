"""The catalogue in Chromium: a coordinator publishes a sheet from her action's page; a coordinator of another
territory finds it with an accent-free search and copies it in one click, landing on her new action."""

import re

import pytest

from tests.actions.factories import ActionFactory
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_publish_then_find_and_copy_in_one_click(page, login, coordinator, other_coordinator):
    action = ActionFactory(
        territory=coordinator.organisation.territory,
        lead_organisation=coordinator.organisation,
        title="Crèche à vocation d'insertion",
        barrier_categories=["childcare"],
        outcome_types=[("emploi_durable", "Emploi de 6 mois ou plus")],
    )
    login(coordinator, TEST_PASSWORD)
    page.goto(f"/actions/{action.pk}/")
    page.get_by_role("link", name="Publier la fiche dans le catalogue").click()
    page.get_by_label("Familles monoparentales").check()
    page.get_by_label("Conditions pour la reprendre").fill("Une crèche partenaire.")
    page.get_by_label("Adresse électronique de contact").fill("cite-emploi@example.org")
    page.get_by_role("button", name="Publier la fiche").click()
    page.wait_for_url(re.compile(r"/catalogue/\d+/$"))
    assert "est publiée dans le catalogue national (version 1)" in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="Se déconnecter").click()

    login(other_coordinator, TEST_PASSWORD)
    page.get_by_role("link", name="Catalogue national").click()
    page.get_by_label("Recherche (accents ignorés)").fill("creche insertion")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Crèche à vocation d'insertion").click()
    page.get_by_role("button", name="Copier dans mon territoire").click()  # the one click
    page.wait_for_url(re.compile(r"/actions/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Crèche à vocation d'insertion"
    assert "En préparation" in page.content()
    panel = page.locator("section[aria-labelledby=catalogue-titre]").inner_text()
    assert "Action reprise du catalogue" in panel and "Angers Loire Métropole, version 1" in panel
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
