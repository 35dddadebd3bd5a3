"""The main pages under the real Content-Security-Policy, in Chromium: no CSP violation, no serious axe-core finding."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from cohorts.models import JobSeeker
from partners.models import Meeting, User
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    for user in User.objects.filter(username__in=["coordinatrice", "prefecture", "conseillere.ft"]):
        user.set_password(TEST_PASSWORD)
        user.save(update_fields=["password"])
        TOTPDevice.objects.filter(user=user).delete()  # two-factor sign-in has its own tests


def _main_pages():
    person = JobSeeker.objects.filter(territory__slug="angers-loire-metropole").order_by("pk").first()
    meeting = Meeting.objects.filter(territory__slug="angers-loire-metropole").order_by("date").first()
    return [
        "/",
        "/pilotage/",
        "/cohorte/",
        f"/cohorte/personnes/{person.pk}/",
        f"/cohorte/personnes/{person.pk}/suivis/nouveau/",
        "/actions/",
        "/budget/",
        "/partenaires/reunions/",
        f"/partenaires/reunions/{meeting.pk}/",
        "/dossiers-de-seance/",
        "/partenaires/organisations/",
        "/compte/securite/",
    ]


def _watch_csp(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return violations


def test_main_pages_work_under_the_csp_and_pass_axe(page, login, demo):
    violations = _watch_csp(page)
    coordinator = User.objects.get(username="coordinatrice")
    login(coordinator, TEST_PASSWORD)
    axe = Axe()
    findings = {}
    for path in _main_pages():
        response = page.goto(path)
        assert response.status == 200, path
        csp = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0], path
        results = axe.run(page)
        serious = [v["id"] for v in results.response["violations"] if v.get("impact") in SERIOUS]
        if serious:
            findings[path] = serious
    assert violations == [], f"Violations de la CSP : {violations}"
    assert findings == {}, f"axe-core (sérieux ou critique) : {findings}"


def test_htmx_still_works_under_the_csp(page, login, demo):
    """The dashboard filters update a part of the page with htmx: a blocked script would break it."""
    violations = _watch_csp(page)
    login(User.objects.get(username="coordinatrice"), TEST_PASSWORD)
    page.goto("/pilotage/")
    assert page.evaluate("typeof window.htmx") == "object"
    assert violations == []


def test_the_api_documentation_renders_under_the_csp(page, login, advisor):
    """Swagger UI's init script used to be inline, blocked by the CSP: the page stayed blank."""
    violations = _watch_csp(page)
    login(advisor, TEST_PASSWORD)
    response = page.goto("/api/v1/docs/")
    assert response.status == 200
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Cité de l'emploi" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".swagger-ui .opblock").count() > 10  # the operations of the schema are listed
    assert violations == [], f"Violations de la CSP : {violations}"
