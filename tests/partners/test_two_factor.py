"""Two-factor authentication: mandatory for coordinator and admin, available to everyone, with recovery codes."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD


@pytest.fixture(autouse=True)
def _enforce_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["coordinator", "admin"]
    # django-otp makes a person wait 1 s, 2 s, 4 s… after each wrong code; tests about flows do not wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _login(client, user):
    response = client.post("/connexion/", {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response


def test_coordinator_without_device_is_sent_to_set_one_up_before_any_page(client, coordinator):
    _login(client, coordinator)
    for path in ("/", "/partenaires/organisations/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("otp_setup"))
    # the API through the browser session is refused too
    assert client.get("/api/v1/organisations/").status_code == 403


def test_setup_confirms_with_a_code_then_shows_recovery_codes_once(client, coordinator):
    _login(client, coordinator)
    page = client.get(reverse("otp_setup"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)

    wrong = client.post(reverse("otp_setup"), {"code": "000000"})
    assert "Ce code ne correspond pas" in wrong.content.decode()

    response = client.post(reverse("otp_setup"), {"code": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(response["Location"]).content.decode()
    codes = list(StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in codes_page for code in codes)
    assert codes[0] not in client.get(reverse("otp_recovery_codes")).content.decode()  # shown only once
    assert client.get("/").status_code == 200


def test_next_sign_in_asks_for_a_code_and_accepts_a_recovery_code_once(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    static = coordinator.staticdevice_set.create(name="Codes de secours")
    static.token_set.create(token="secours123")

    _login(client, coordinator)
    assert client.get("/")["Location"].startswith(reverse("otp_verify"))
    bad = client.post(reverse("otp_verify"), {"code": "123456"})
    assert "pas valide ou a expiré" in bad.content.decode()
    assert client.post(reverse("otp_verify"), {"code": "secours123"}).status_code == 302
    assert client.get("/").status_code == 200
    assert not static.token_set.exists()

    client.post("/deconnexion/")
    _login(client, coordinator)
    assert client.post(reverse("otp_verify"), {"code": "secours123"}).status_code == 200  # used up
    assert client.post(reverse("otp_verify"), {"code": _code(device)}).status_code == 302
    assert client.get("/").status_code == 200


def test_advisor_is_not_forced_but_may_enable_it(client, advisor):
    _login(client, advisor)
    assert client.get("/").status_code == 200
    assert "Activer la double authentification" in client.get(reverse("account_security")).content.decode()


def test_api_token_requires_the_one_time_code_for_two_factor_accounts(api_client, coordinator, advisor):
    url = "/api/v1/auth/token/"
    response = api_client.post(url, {"username": coordinator.username, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "double authentification" in response.json()["otp"][0]

    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    assert api_client.post(url, {"username": coordinator.username, "password": TEST_PASSWORD}).status_code == 400
    ok = api_client.post(url, {"username": coordinator.username, "password": TEST_PASSWORD, "otp": _code(device)})
    assert ok.status_code == 200
    assert "token" in ok.json()
    # an advisor without a device gets her token with her password
    assert api_client.post(url, {"username": advisor.username, "password": TEST_PASSWORD}).status_code == 200


def test_wrong_codes_slow_down_further_attempts(client, coordinator, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    _login(client, coordinator)
    client.post(reverse("otp_verify"), {"code": "000000"})
    # even the right code is refused while the device is throttled
    response = client.post(reverse("otp_verify"), {"code": _code(device)})
    assert response.status_code == 200
    assert "Trop de codes erronés" in response.content.decode()


# Issue 10, point 1: a session that has given the password but not the code authenticates nothing, whatever
# the headers. On the old code any `Authorization` header let the half signed-in session through the API.
FOREIGN_AUTHORIZATION_HEADERS = ["Bearer x", "Basic Zm9vOmJhcg==", "Token", "x"]


def _half_signed_in(coordinator, *, check_page=True):
    """A browser that gave the password only, stopped at the code page, and holds a CSRF token."""
    from django.test import Client

    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/connexion/")
    csrf = page.cookies["csrftoken"].value
    response = browser.post(
        "/connexion/", {"username": coordinator.username, "password": TEST_PASSWORD, "csrfmiddlewaretoken": csrf}
    )
    assert response.status_code == 302
    if check_page:
        assert browser.get("/")["Location"].startswith(reverse("otp_verify"))
    return browser, browser.cookies["csrftoken"].value


@pytest.mark.parametrize("authorization", FOREIGN_AUTHORIZATION_HEADERS)
def test_a_session_without_its_code_reads_nothing_from_the_api_whatever_the_authorization_header(
    coordinator, authorization
):
    from tests.cohorts.factories import JobSeekerFactory

    JobSeekerFactory(territory=coordinator.territory, last_name="Personnedetest")
    browser, _ = _half_signed_in(coordinator)
    for path in ("/api/v1/job-seekers/", "/api/v1/users/me/", "/api/v1/cohorts/"):
        response = browser.get(path, headers={"Authorization": authorization})
        assert response.status_code in (401, 403), path
        assert "Personnedetest" not in response.content.decode()


@pytest.mark.parametrize("authorization", [None, *FOREIGN_AUTHORIZATION_HEADERS])
def test_a_session_without_its_code_writes_nothing_through_the_api_even_with_the_csrf_token(coordinator, authorization):
    from cohorts.models import Cohort

    browser, csrf = _half_signed_in(coordinator)
    headers = {"X-CSRFToken": csrf}
    if authorization is not None:
        headers["Authorization"] = authorization
    response = browser.post(
        "/api/v1/cohorts/",
        {"label": "Cohorte pirate", "year": 2026, "start_date": "2026-01-01"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code in (401, 403)
    assert "Double authentification requise" in response.json()["detail"]
    assert not Cohort.objects.filter(label="Cohorte pirate").exists()


@pytest.mark.parametrize("authorization", FOREIGN_AUTHORIZATION_HEADERS)
def test_a_session_without_its_code_reaches_no_page_whatever_the_authorization_header(coordinator, authorization):
    browser, _ = _half_signed_in(coordinator)
    for path in ("/", "/cohorte/", "/partenaires/organisations/", reverse("account_security")):
        response = browser.get(path, headers={"Authorization": authorization})
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("otp_verify"))


def test_the_api_session_authentication_refuses_a_session_without_its_code_on_its_own(coordinator, settings):
    """The root of the fix: even without the middleware, DRF's session authentication says no."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "partners.middleware.TwoFactorRequiredMiddleware"]
    browser, _ = _half_signed_in(coordinator, check_page=False)
    response = browser.get("/api/v1/users/me/", headers={"Authorization": "Bearer x"})
    assert response.status_code == 401
    assert "Double authentification requise" in response.json()["detail"]


def test_once_the_code_is_given_the_same_session_uses_the_api(coordinator):
    browser, csrf = _half_signed_in(coordinator)
    device = TOTPDevice.objects.get(user=coordinator)
    assert browser.post(reverse("otp_verify"), {"code": _code(device), "csrfmiddlewaretoken": csrf}).status_code == 302
    assert browser.get("/api/v1/users/me/").json()["username"] == coordinator.username
    created = browser.post(
        "/api/v1/cohorts/",
        {"label": "Cohorte 2026", "year": 2026, "start_date": "2026-01-01"},
        content_type="application/json",
        headers={"X-CSRFToken": browser.cookies["csrftoken"].value},
    )
    assert created.status_code == 201, created.content


def test_a_token_obtained_with_the_code_works_and_the_token_endpoint_ignores_a_half_signed_in_session(coordinator):
    browser, _csrf = _half_signed_in(coordinator)
    device = TOTPDevice.objects.get(user=coordinator)
    response = browser.post(
        "/api/v1/auth/token/",
        {"username": coordinator.username, "password": TEST_PASSWORD, "otp": _code(device)},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api.get("/api/v1/users/me/").json()["username"] == coordinator.username


def test_a_technical_admin_without_her_code_does_not_reach_the_django_admin(admin_user):
    browser, _ = _half_signed_in(admin_user)
    for path in ("/admin/", "/admin/partners/organisation/"):
        response = browser.get(path, headers={"Authorization": "Bearer x"})
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("otp_verify"))


def test_the_verified_device_is_read_from_the_cache_and_deleting_it_ends_the_verification(
    client, coordinator, django_assert_max_num_queries
):
    """Issue 13: no device query per page once the code is passed; a lost device deleted (in /admin/) still ends the
    sessions it verified at their next request."""
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    _login(client, coordinator)
    assert client.post(reverse("otp_verify"), {"code": _code(device)}).status_code == 302
    assert client.get("/partenaires/organisations/").status_code == 200
    with django_assert_max_num_queries(20) as ctx:
        assert client.get("/partenaires/organisations/").status_code == 200
    device_queries = [q["sql"] for q in ctx.captured_queries if "otp_" in q["sql"]]
    session_queries = [q["sql"] for q in ctx.captured_queries if "django_session" in q["sql"]]
    assert not device_queries, "the session's device must come from the cache (partners.two_factor)"
    assert not session_queries, "the session must come from the cache (SESSION_ENGINE cached_db)"

    device.delete()
    response = client.get("/partenaires/organisations/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp_setup"))


def test_a_new_device_is_asked_for_at_once_although_the_answer_was_cached(client, advisor):
    """An advisor (code not mandatory) without a device: the answer is cached; once she confirms one, her next
    sign-in asks for the code."""
    client.force_login(advisor)
    assert client.get("/").status_code == 200
    TOTPDevice.objects.create(user=advisor, name="app", confirmed=True)
    client.post("/deconnexion/")
    _login(client, advisor)
    assert client.get("/")["Location"].startswith(reverse("otp_verify"))
