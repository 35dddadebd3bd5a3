import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.actions.factories import CommitmentFactory, EnvelopeFactory
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_creates_an_action_enrols_records_an_outcome_and_commits_money(page, login, coordinator):
    year = timezone.localdate().year
    EnvelopeFactory(territory=coordinator.organisation.territory, year=year)
    login(coordinator, TEST_PASSWORD)

    page.get_by_role("link", name="Actions", exact=True).click()
    page.get_by_role("link", name="Nouvelle action").click()
    page.get_by_label("Intitulé").fill("Garde d'enfants solidaire")
    page.get_by_label("Structure porteuse").select_option(label=str(coordinator.organisation))
    page.get_by_label("Garde d'enfants et contraintes familiales").check()
    page.get_by_label("Date de début").fill(f"{year}-01-10")
    page.get_by_label("Résultats suivis").fill("Solution de garde pérenne\nRetour à l'emploi")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r"/actions/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Garde d'enfants solidaire"
    action_url = page.url
    assert page.locator('[data-indicator="participant_count"]').inner_text().startswith("0")

    page.get_by_role("link", name="Inscrire une personne hors cohorte").click()
    page.get_by_label("Pseudonyme (personne hors cohorte)").fill("Famille 7")
    page.get_by_label("Parent isolé (personne hors cohorte)").check()
    page.get_by_label("Date d'inscription").fill(f"{year}-01-12")
    page.get_by_role("button", name="Inscrire").click()
    page.wait_for_url(action_url)
    assert page.get_by_role("status").inner_text() == "Le participant est inscrit."
    assert page.locator('[data-indicator="participant_count"]').inner_text().startswith("1")
    assert "100,0" in page.locator('[data-indicator="single_parent"]').inner_text()

    page.get_by_role("link", name="Enregistrer des résultats").click()
    page.get_by_label("Famille 7").select_option(label="Retour à l'emploi")
    page.get_by_role("button", name="Enregistrer les résultats").click()
    page.wait_for_url(action_url)
    assert page.locator('[data-outcome="retour_a_lemploi"]').inner_text() == "1"

    page.get_by_role("link", name="Budget", exact=True).click()
    assert page.locator('[data-gauge="committed"]').inner_text() == "0,00\u00a0€"
    page.get_by_label("Libellé").fill("Places de crèche")
    page.get_by_label("Catégorie").select_option(label="Garde d'enfants")
    page.get_by_label("Montant (€)").fill("85000")
    page.get_by_label("Action").select_option(label="Garde d'enfants solidaire")
    page.get_by_label("Date d'engagement").fill(f"{year}-02-01")
    page.get_by_role("button", name="Engager").click()
    assert page.locator('[data-gauge="committed"]').inner_text() == "85\u202f000,00\u00a0€"
    assert page.locator('[data-gauge="remaining"]').inner_text() == "15\u202f000,00\u00a0€"
    assert "85,0" in page.locator('[data-gauge="committed_pct"]').inner_text()
    assert page.get_by_role("alert").inner_text().startswith(f"Enveloppe {year} engagée à 85,0")

    # too much: refused with what remains, the typed label kept
    page.get_by_label("Libellé").fill("Trop")
    page.get_by_label("Montant (€)").fill("20000")
    page.get_by_role("button", name="Engager").click()
    assert "il reste 15\u202f000,00\u00a0€ à engager" in page.get_by_text("ne peut pas être dépassée").inner_text()
    assert page.get_by_label("Libellé").input_value() == "Trop"

    page.goto(action_url)
    assert page.locator('[data-indicator="committed"]').inner_text() == "85\u202f000,00\u00a0€"
    assert page.locator('[data-indicator="cost_per_participant"]').inner_text().startswith("85\u202f000,00")


def test_coordinator_pays_then_corrects_a_commitment(page, login, coordinator):
    """Paid: no more « Marquer payé » nor editing; « Corriger » cancels it with a reason and enters the new one."""
    year = timezone.localdate().year
    envelope = EnvelopeFactory(territory=coordinator.organisation.territory, year=year)
    CommitmentFactory(envelope=envelope, label="Formation CACES", amount="5000.00", committed_on=f"{year}-01-05")
    login(coordinator, TEST_PASSWORD)
    page.goto(f"/budget/{year}/")
    row = page.get_by_role("row", name=re.compile("Formation CACES"))
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))  # irreversible: asked first
    row.get_by_role("button", name="Marquer payé").click()
    page.get_by_text("L'engagement est mis à jour.").wait_for()
    assert asked and "ne se modifie plus" in asked[0], asked
    row = page.get_by_role("row", name=re.compile("Formation CACES"))
    expect(row.get_by_role("button", name="Marquer payé")).to_have_count(0)
    row.get_by_role("link", name="Corriger").click()
    page.get_by_label("Motif de la correction").fill("Montant saisi par erreur")
    page.get_by_label("Montant (€)").fill("4500")
    page.get_by_role("button", name="Annuler l'engagement payé et enregistrer la correction").click()
    page.wait_for_url(re.compile(rf"/budget/{year}/$"))
    assert "le nouvel engagement est enregistré" in page.get_by_role("status").inner_text()
    rows = page.get_by_role("row", name=re.compile("Formation CACES"))
    expect(rows).to_have_count(2)
    text = rows.nth(0).inner_text() + rows.nth(1).inner_text()
    assert "Motif : Montant saisi par erreur" in text
    assert "Correction d'un engagement payé" in text
