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
