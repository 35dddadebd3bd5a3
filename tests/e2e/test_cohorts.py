import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.cohorts.factories import CohortFactory, JobSeekerFactory, QPVFactory
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cohort_with_people(territory, advisor):
    cohort = CohortFactory(territory=territory)
    qpv = QPVFactory(territory=territory, name="Belle-Beille")
    person = JobSeekerFactory(
        territory=territory,
        cohort=cohort,
        qpv=qpv,
        first_name="Océane",
        last_name="Bélanger",
        referent_organisation=advisor.organisation,
        referent=advisor,
    )
    JobSeekerFactory(
        territory=territory,
        cohort=cohort,
        qpv=qpv,
        first_name="Marc",
        last_name="Dupont",
        referent_organisation=advisor.organisation,
    )
    return person


def test_advisor_finds_a_person_without_accents_and_logs_a_follow_up(page, login, advisor, cohort_with_people):
    login(advisor, TEST_PASSWORD)
    page.get_by_role("link", name="Cohorte", exact=True).click()
    page.get_by_label("Nom ou prénom").fill("ocea bela")
    page.get_by_role("button", name="Filtrer").click()
    results = page.locator("tbody tr")
    expect(results).to_have_count(1)
    results.get_by_role("link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Océane BÉLANGER"

    today = timezone.localdate()
    page.get_by_label("Date", exact=True).fill(today.isoformat())
    page.get_by_label("Type").select_option("phone_call")
    page.get_by_label("Synthèse partagée").fill("Appel : entretien chez un employeur jeudi.")
    page.get_by_label("Prochaine étape", exact=True).fill("Préparer l'entretien")
    page.get_by_label("Échéance de la prochaine étape").fill((today + datetime.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Enregistrer le suivi").click()

    expect(page.get_by_role("status").filter(has_text="Suivi enregistré.")).to_be_visible()
    timeline = page.locator("#journal")
    expect(timeline.get_by_text("Appel : entretien chez un employeur jeudi.")).to_be_visible()
    expect(timeline.get_by_text("Prochaine étape : Préparer l'entretien")).to_be_visible()
    expect(timeline.get_by_text("Appel téléphonique").first).to_be_visible()


def test_coordinator_uploads_a_file_with_one_bad_row_and_sees_its_line(
    page, login, coordinator, advisor, cohort_with_people, tmp_path
):
    org = advisor.organisation.short_name
    path = tmp_path / "personnes.csv"
    path.write_text(
        "Nom;Prénom;Date de naissance;Sexe;QPV;Organisation référente;Date d'entrée;Date du consentement\n"
        f"Durand;Léa;12/03/1992;F;Belle-Beille;{org};02/03/2026;01/03/2026\n"
        f"Martin;Paul;12/03/1990;M;Quartier inconnu;{org};02/03/2026;01/03/2026\n",
        encoding="utf-8",
    )
    login(coordinator, TEST_PASSWORD)
    page.goto("/cohorte/import/")
    page.get_by_label("Cohorte").select_option(label="Cohorte 2026")
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(str(path))
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(page.get_by_role("alert").filter(has_text="1 ligne en erreur : rien ne sera importé.")).to_be_visible()
    row = page.locator("#lignes-en-erreur tbody tr")
    expect(row).to_have_count(1)
    assert row.locator("th").inner_text() == "3"
    assert "QPV « Quartier inconnu » inconnu sur le territoire" in row.locator("td").inner_text()
    expect(page.get_by_role("button", name="Importer")).to_have_count(0)
