import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_logs_in_through_the_real_page_and_sees_her_home(page, login, coordinator):
    login(coordinator, TEST_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == f"Bonjour {coordinator.first_name}"
    expect(page.get_by_text("Coordinatrice ou coordinateur")).to_be_visible()
    expect(page.get_by_text("Angers Loire Métropole").first).to_be_visible()
    # the skip link takes keyboard users to the main content
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#contenu"
    # Bootstrap is served by the app, not a CDN
    css = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
    assert all(href.startswith(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2]) for href in css), css


def test_wrong_password_shows_a_french_error(page, coordinator):
    page.goto("/connexion/")
    page.get_by_label("Identifiant").fill(coordinator.username)
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Se connecter").click()
    assert (
        page.get_by_role("alert").inner_text().startswith("Saisissez un nom d’utilisateur et un mot de passe valides")
    )
    assert page.get_by_label("Identifiant").input_value() == coordinator.username


def test_coordinator_signs_in_with_her_one_time_code(page, coordinator, settings):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.TWO_FACTOR_REQUIRED_ROLES = ["coordinator", "admin"]
    device = TOTPDevice.objects.create(user=coordinator, name="Téléphone", confirmed=True)
    page.goto("/connexion/")
    page.get_by_label("Identifiant").fill(coordinator.username)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/connexion/verification/**")
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.get_by_label("Code à usage unique").fill(code)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(lambda url: "/connexion/" not in url)
    assert page.get_by_role("heading", level=1).inner_text() == f"Bonjour {coordinator.first_name}"
