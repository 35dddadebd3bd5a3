"""Signing in with ProConnect in Chromium, through a real OpenID Connect provider run on 127.0.0.1
(tests/oidc_provider.py): its own pages, its own redirections, its signed tokens."""

import copy
import os

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from cite_emploi.settings.env import origin
from partners.models import User
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("PROCONNECT_SCREENSHOTS", "")  # a folder: the pages are saved there at 1366 and 390 px


@pytest.fixture
def proconnect_live(settings, live_server, oidc_provider):
    """ProConnect configured as `make demo-sso` does it: the issuer in the CSP's form-action (the logout form leads
    to the provider), the public address is the live server's (the redirect URIs)."""
    settings.SITE_URL = live_server.url
    settings.PROCONNECT_ISSUER = oidc_provider.issuer
    settings.PROCONNECT_CLIENT_ID = "cite-emploi-navigateur"
    settings.PROCONNECT_CLIENT_SECRET = "secret-du-navigateur"
    policy = copy.deepcopy(django_settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = [*policy["DIRECTIVES"]["form-action"], origin(oidc_provider.issuer)]
    settings.CONTENT_SECURITY_POLICY = policy
    return oidc_provider


def _shoot(page, name):
    if not SHOTS:
        return
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def _serious_axe_findings(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v.get("impact") in {"serious", "critical"}]


def _csp_violations(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    return found


def test_an_advisor_signs_in_and_out_through_proconnect(page, proconnect_live):
    advisor = UserFactory(advisor=True, email="camille.agent@example.org", organisation__name="France Travail")
    proconnect_live.set_user("agent-navigateur", email="CAMILLE.AGENT@example.org", acr="eidas1", amr=["pwd"])
    violations = _csp_violations(page)

    page.goto("/connexion/")
    _shoot(page, "connexion")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert _serious_axe_findings(page) == []
    page.get_by_role("link", name="S'identifier avec ProConnect").click()

    # The provider's own sign-in form.
    page.wait_for_url(f"{proconnect_live.issuer}/oauth2/authorize?*")
    page.get_by_placeholder("sub").fill("agent-navigateur")
    page.get_by_role("button", name="Authorize").click()

    page.get_by_role("heading", name=f"Bonjour {advisor.first_name}").wait_for()
    advisor.refresh_from_db()
    assert advisor.proconnect_sub == "agent-navigateur"

    # Signing out ends both sessions: the provider's end-of-session page, then back to the sign-in page.
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(f"{proconnect_live.issuer}/oauth2/end_session?*")
    assert "id_token_hint" in page.url
    page.get_by_role("button", name="End session").click()
    page.wait_for_url("**/connexion/")
    assert "Vous êtes déconnecté de la Cité de l'emploi et de ProConnect" in page.locator(".messages").inner_text()
    assert violations == []


def test_an_unknown_identity_reads_whom_to_ask(page, proconnect_live):
    proconnect_live.set_user("agent-inconnue", email="agent.inconnue@example.org")
    users = User.objects.count()

    page.goto("/connexion/")
    page.get_by_role("link", name="S'identifier avec ProConnect").click()
    page.get_by_placeholder("sub").fill("agent-inconnue")
    page.get_by_role("button", name="Authorize").click()

    page.wait_for_url("**/connexion/proconnect/retour/?*")
    assert page.get_by_role("heading", level=1).inner_text() == "Connexion avec ProConnect impossible"
    expect(page.get_by_role("heading", name="À qui s'adresser")).to_be_visible()
    _shoot(page, "proconnect-refus")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert _serious_axe_findings(page) == []
    assert User.objects.count() == users

    page.get_by_role("button", name="Se déconnecter de ProConnect").click()
    page.wait_for_url(f"{proconnect_live.issuer}/oauth2/end_session?*")


def test_a_coordinator_with_a_multi_factor_sign_in_skips_the_code(page, proconnect_live, coordinator, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["coordinator", "admin"]
    proconnect_live.set_user("coordinatrice-mfa", email=coordinator.email, acr="eidas2", amr=["pwd", "otp", "mfa"])

    page.goto("/connexion/")
    page.get_by_role("link", name="S'identifier avec ProConnect").click()
    page.get_by_placeholder("sub").fill("coordinatrice-mfa")
    page.get_by_role("button", name="Authorize").click()

    page.get_by_role("heading", name=f"Bonjour {coordinator.first_name}").wait_for()
    assert "/connexion/" not in page.url and "/compte/" not in page.url
