"""The path into the cohort in Chromium: a Mission locale advisor identifies a young person, contacts her and
proposes her; the coordinator sees her on her home page and enrols her with the form pre-filled; the file's
timeline shows the path."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.cohorts.factories import CohortFactory, QPVFactory
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_identified_contacted_proposed_then_enrolled(page, login, territory, coordinator, mission_locale_advisor):
    CohortFactory(territory=territory, year=timezone.localdate().year)
    QPVFactory(territory=territory, name="Monplaisir", commune="Angers")
    today = timezone.localdate()

    login(mission_locale_advisor, TEST_PASSWORD)
    page.get_by_role("link", name="Repérage", exact=True).click()
    page.get_by_role("link", name="Signaler une personne repérée").click()
    page.get_by_label("Nom", exact=True).fill("Benali")
    page.get_by_label("Prénom").fill("Yasmine")
    page.get_by_label("Date de naissance").fill("2004-05-06")
    page.get_by_label("QPV").select_option(label="Monplaisir (Angers)")
    page.get_by_label("Consentement au repérage recueilli le").fill((today - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Yasmine Benali"
    page.get_by_role("button", name="Personne contactée").click()
    page.get_by_role("button", name="Proposer à la cohorte").click()
    expect(page.get_by_text("Proposée à la cohorte").first).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    login(coordinator, TEST_PASSWORD)
    proposed = page.locator("section", has=page.get_by_role("heading", name="Personnes proposées à la cohorte"))
    proposed.get_by_role("link", name="Yasmine Benali").click()
    page.get_by_role("link", name="Inscrire dans la cohorte").click()
    assert page.get_by_label("Nom", exact=True).input_value() == "Benali"
    assert page.get_by_label("Date de naissance").input_value() == "2004-05-06"
    page.get_by_label("Sexe").select_option("F")
    page.get_by_role("button", name="Valider l'inscription").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Yasmine BENALI"
    timeline = page.locator("#journal")
    for step in ("Repérée", "Contactée", "Proposée à la cohorte", "Inscription validée"):
        expect(timeline.get_by_text(step, exact=True), step).to_be_visible()


@pytest.fixture
def mission_locale_advisor(territory):
    return UserFactory(
        advisor=True, organisation__territory=territory, organisation__name="Mission locale angevine",
        organisation__kind="mission_locale",
    )  # fmt: skip
