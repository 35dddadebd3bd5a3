"""The referral journey in Chromium (issue 15): a Mission locale advisor refers a person to Cap emploi, the Cap emploi
advisor accepts, then reads the file; the coordinator's dashboard shows the referral counts."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.cohorts.factories import CohortFactory, JobSeekerFactory, QPVFactory
from tests.factories import TEST_PASSWORD, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mission_locale_refers_to_cap_emploi_who_accepts_and_reads_the_file(page, login, territory, coordinator):
    mission_locale = OrganisationFactory(
        territory=territory, name="Mission locale angevine", short_name="Mission locale", kind="mission_locale"
    )
    cap_emploi = OrganisationFactory(
        territory=territory, name="Cap emploi Maine-et-Loire", short_name="Cap emploi", kind="cap_emploi"
    )
    ml_advisor = UserFactory(advisor=True, organisation=mission_locale)
    cap_advisor = UserFactory(advisor=True, organisation=cap_emploi)
    person = JobSeekerFactory(
        territory=territory,
        cohort=CohortFactory(territory=territory),
        qpv=QPVFactory(territory=territory, name="Monplaisir"),
        first_name="Inès",
        last_name="Moreau",
        referent_organisation=mission_locale,
        referent=ml_advisor,
    )

    # the Mission locale advisor sends the referral from the file, the consent recorded with it
    login(ml_advisor, TEST_PASSWORD)
    page.goto(person.get_absolute_url())
    page.get_by_role("link", name="Orienter vers un partenaire").click()
    page.get_by_label("Orienter vers").select_option(label="Cap emploi")
    page.get_by_label("ou catégorie de frein visée").select_option("health")
    page.get_by_label("Motif de l'orientation").fill("Projet à adapter après un accident ; demande de RQTH en cours.")
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page.get_by_text("Sans le consentement de la personne").first).to_be_visible()  # nothing sent without it
    page.get_by_label("La personne a accepté que sa fiche soit partagée").check()
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page.get_by_role("status").filter(has_text="Orientation envoyée à Cap emploi")).to_be_visible()
    expect(page.get_by_text("En attente de réponse").first).to_be_visible()

    # the Cap emploi advisor finds it in "Orientations" (received), accepts, then reads the file
    page.context.clear_cookies()
    login(cap_advisor, TEST_PASSWORD)
    assert page.request.get(person.get_absolute_url()).status == 404  # not before accepting
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Orientations").click()
    page.get_by_role("link", name="MOREAU Inès").click()
    expect(page.get_by_text("Projet à adapter après un accident")).to_be_visible()
    page.get_by_role("button", name="Accepter l'orientation").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Inès MOREAU"
    expect(page.get_by_role("status").filter(has_text="Orientation acceptée")).to_be_visible()
    team = page.locator("#equipe-titre").locator("..")
    expect(team.get_by_text("Cap emploi Maine-et-Loire")).to_be_visible()
    expect(page.locator("#journal").get_by_text("Orientation acceptée par Cap emploi")).to_be_visible()

    # the coordinator's dashboard counts the referrals per partner
    page.context.clear_cookies()
    login(coordinator, TEST_PASSWORD)
    page.goto("/pilotage/")
    table = page.locator("table.figures-referrals")
    expect(table.get_by_role("row", name="Cap emploi")).to_be_visible()
    expect(table.get_by_role("row", name="Mission locale")).to_be_visible()
    # two counts of 1 (< 5 under statistical secrecy): the table shows that they exist, not their value
    assert "< 5" in table.inner_text()


def test_the_referent_withdraws_a_consent_and_the_receiver_can_no_longer_accept(page, login, territory, tmp_path):
    """On the file, « Consentements au partage » → « Retirer » → a dated confirmation → back to the file; the
    receiving organisation then finds the referral it can only decline. Looked at at 1366 and 390 px (the screenshots
    go to SCREENSHOTS_DIR, else to the test's own tmp_path)."""
    from tests.referrals.factories import ReferralFactory

    shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)

    mission_locale = OrganisationFactory(territory=territory, name="Mission locale angevine", kind="mission_locale")
    cap_emploi = OrganisationFactory(territory=territory, name="Cap emploi Maine-et-Loire", kind="cap_emploi")
    ml_advisor = UserFactory(advisor=True, organisation=mission_locale, first_name="Lina", last_name="Garnier")
    cap_advisor = UserFactory(advisor=True, organisation=cap_emploi)
    person = JobSeekerFactory(
        territory=territory,
        cohort=CohortFactory(territory=territory),
        first_name="Inès",
        last_name="Moreau",
        referent_organisation=mission_locale,
        referent=ml_advisor,
    )
    referral = ReferralFactory(job_seeker=person, from_organisation=mission_locale, to_organisation=cap_emploi)
    referral.consent.recorded_by = ml_advisor
    referral.consent.save()

    login(ml_advisor, TEST_PASSWORD)
    page.goto(person.get_absolute_url())
    section = page.locator("#consentements")
    expect(section.get_by_role("rowheader").filter(has_text="Cap emploi Maine-et-Loire")).to_be_visible()
    expect(section.get_by_text("En vigueur")).to_be_visible()
    expect(section.get_by_text("Lina Garnier")).to_be_visible()
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
        section.screenshot(path=shots / f"consents-{width}.png")
    page.set_viewport_size({"width": 1366, "height": 900})
    section.get_by_role("link", name="Retirer le consentement au partage avec Cap emploi Maine-et-Loire").click()
    page.get_by_label("Retiré le").fill("2999-01-01")
    page.get_by_role("button", name="Enregistrer le retrait").click()
    expect(page.get_by_text("dans le futur").first).to_be_visible()
    page.screenshot(path=shots / "consent-withdraw-error.png", full_page=True)
    page.get_by_label("Retiré le").fill(referral.consent.given_on.isoformat())
    page.get_by_role("button", name="Enregistrer le retrait").click()
    expect(page.get_by_role("status").filter(has_text="Retrait du consentement enregistré")).to_be_visible()
    expect(section.get_by_text("Retiré le")).to_be_visible()
    expect(section.get_by_text("En vigueur")).to_have_count(0)

    page.context.clear_cookies()
    login(cap_advisor, TEST_PASSWORD)
    page.goto(referral.get_absolute_url())
    expect(page.get_by_text("ne peut plus être acceptée")).to_be_visible()
    expect(page.get_by_role("button", name="Accepter l'orientation")).to_have_count(0)
    expect(page.get_by_role("button", name="Décliner l'orientation")).to_be_visible()
