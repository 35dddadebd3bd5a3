"""The coordinator plans the year's technical-group meetings, records attendance and a decision at the first,
and finds the decision to review at the next one — in a real Chromium."""

import re

import pytest

from partners.models import Meeting
from tests.factories import TEST_PASSWORD, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_plans_the_year_records_a_decision_and_reviews_it_next_time(page, login, coordinator, territory):
    france_travail = OrganisationFactory(territory=territory, name="France Travail", technical_group_member=True)
    representative = UserFactory(organisation=france_travail, first_name="Awa", last_name="Diallo")
    login(coordinator, TEST_PASSWORD)

    page.get_by_role("link", name="Réunions", exact=True).first.click()
    page.get_by_role("link", name="Planifier l'année du groupe technique").click()
    page.get_by_label("Date de la première réunion").fill("2027-01-19")
    page.get_by_label("Heure de début").fill("14:00")
    page.get_by_label("Lieu").fill("Aldev, 1 place Kennedy, Angers")
    page.get_by_role("button", name="Proposer les dates").click()

    # six dates two months apart are proposed; the coordinator moves one before saving
    assert page.get_by_label("6ᵉ réunion").input_value() == "2027-11-19"
    assert page.get_by_label("2ᵉ réunion").input_value() == "2027-03-19"
    page.get_by_label("2ᵉ réunion").fill("2027-03-16")
    page.get_by_role("button", name="Enregistrer les 6 réunions").click()
    page.wait_for_url(re.compile(r"/partenaires/reunions/$"))
    assert page.get_by_role("status").inner_text() == "6 réunions du groupe technique planifiées."
    assert Meeting.objects.count() == 6

    page.get_by_role("link", name="Groupe technique du 19 janvier 2027").click()
    page.get_by_label(f"Présence de {coordinator.get_full_name()}").select_option(label="Présent")
    page.get_by_role("button", name="Enregistrer les présences").click()
    assert page.get_by_role("status").inner_text() == "Présences enregistrées."
    assert page.get_by_label(f"Présence de {coordinator.get_full_name()}").input_value() == "present"

    page.get_by_text("Enregistrer une décision", exact=True).click()
    page.get_by_label("Décision", exact=True).fill("Organiser une visite d'entreprise pour les personnes de Monplaisir")
    page.get_by_label("Responsable").select_option(label=f"{representative.get_full_name()} (France Travail)")
    page.get_by_label("Échéance").fill("2027-02-28")
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert page.get_by_role("status").inner_text() == "Décision enregistrée."

    page.get_by_role("link", name="Réunions", exact=True).first.click()
    page.get_by_role("link", name="Groupe technique du 16 mars 2027").click()
    review = page.get_by_role("region", name="Décisions en cours de la réunion précédente")
    row = review.get_by_role("row", name=re.compile("Organiser une visite d'entreprise"))
    assert "Awa Diallo" in row.inner_text()
    assert "28 février 2027" in row.inner_text()
    assert "En cours" in row.inner_text()
