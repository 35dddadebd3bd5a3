"""Lockout, session lifetime, security headers and API throttling."""

import logging
import time

import pytest

from partners.middleware import SESSION_LAST_SEEN, SESSION_LOGIN_AT
from tests.factories import TEST_PASSWORD


def test_ten_failed_logins_lock_the_account_with_a_french_message_and_a_log_line(client, advisor, caplog):
    caplog.set_level(logging.INFO, logger="cite_emploi.auth")
    for _ in range(9):
        response = client.post("/connexion/", {"username": advisor.username, "password": "mauvais-mot-de-passe"})
        assert response.status_code == 200
    response = client.post("/connexion/", {"username": advisor.username, "password": "mauvais-mot-de-passe"})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    # even the right password is refused now
    locked = client.post("/connexion/", {"username": advisor.username, "password": TEST_PASSWORD})
    assert locked.status_code == 429
    messages = [record.getMessage() for record in caplog.records]
    assert any("verrouillé" in message for message in messages)
    assert all(advisor.username not in message and TEST_PASSWORD not in message for message in messages)


def test_failures_with_random_usernames_from_one_address_do_not_lock_out_real_users(client, advisor, faker):
    """Issue 10, point 8: the lock is on the account (and account + address), never on an address alone."""
    for _ in range(12):
        response = client.post(
            "/connexion/",
            {"username": faker.user_name() + faker.pystr(4, 8), "password": "mauvais"},
            REMOTE_ADDR="203.0.113.9",
        )
        assert response.status_code == 200
    response = client.post(
        "/connexion/", {"username": advisor.username, "password": TEST_PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 302


def test_behind_the_reverse_proxy_one_attacker_does_not_lock_out_the_colleagues_sharing_its_address(
    client, advisor, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(12):
        client.post(
            "/connexion/",
            {"username": f"inconnu{n}", "password": "mauvais"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    response = client.post(
        "/connexion/",
        {"username": advisor.username, "password": TEST_PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302


def test_the_account_stays_locked_whatever_address_the_attacker_moves_to(client, advisor):
    for n in range(10):
        client.post(
            "/connexion/", {"username": advisor.username, "password": "mauvais"}, REMOTE_ADDR=f"203.0.113.{n + 1}"
        )
    response = client.post(
        "/connexion/", {"username": advisor.username, "password": TEST_PASSWORD}, REMOTE_ADDR="198.51.100.200"
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("trusted_proxies", "remote_addr", "forwarded_for", "recorded"),
    [
        (0, "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # no proxy: a client-written header is ignored
        (1, "10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the proxy appended the real client
        (2, "10.0.0.3", "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (1, "10.0.0.2", None, "10.0.0.2"),
    ],
)
def test_the_lockout_records_the_client_address_configured_by_trusted_proxy_count(
    db, client, settings, trusted_proxies, remote_addr, forwarded_for, recorded
):
    from axes.models import AccessAttempt

    settings.TRUSTED_PROXY_COUNT = trusted_proxies
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    client.post("/connexion/", {"username": "inconnu", "password": "mauvais"}, **extra)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [recorded]


def test_api_throttles_ignore_an_x_forwarded_for_written_by_the_client(api_client, advisor):
    """Issue 10, point 8: with no trusted proxy, changing X-Forwarded-For does not give a fresh quota."""
    statuses = [
        api_client.post(
            "/api/v1/auth/token/",
            {"username": advisor.username, "password": "non"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


def test_behind_a_trusted_proxy_api_throttles_count_per_client(api_client, advisor, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def ask(client_address, spoofed):
        return api_client.post(
            "/api/v1/auth/token/",
            {"username": advisor.username, "password": "non"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_address}",
        ).status_code

    assert [ask("198.51.100.1", f"6.6.6.{n}") for n in range(11)][10] == 429  # spoofing the left part: same client
    assert ask("198.51.100.2", "6.6.6.6") == 400  # a colleague behind the same proxy keeps her quota


@pytest.mark.parametrize("trusted_proxies", [0, 1, 2, 3])
@pytest.mark.parametrize(
    "forwarded_for", [None, "198.51.100.1", "6.6.6.6, 198.51.100.1", "6.6.6.6,198.51.100.1 , 10.0.0.9"]
)
def test_throttles_and_lockout_read_the_same_address(rf, settings, trusted_proxies, forwarded_for):
    """One setting, one rule: DRF's own NUM_PROXIES reading agrees with cite_emploi.client_ip."""
    from axes.helpers import get_client_ip_address
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    from cite_emploi.throttling import AnonRateThrottle

    settings.TRUSTED_PROXY_COUNT = trusted_proxies
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": trusted_proxies}
    assert trusted_proxies == api_settings.NUM_PROXIES
    extra = {"REMOTE_ADDR": "10.0.0.2"}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    request = rf.get("/", **extra)
    drf = SimpleRateThrottle.get_ident(AnonRateThrottle(), request)
    assert get_client_ip_address(request) == AnonRateThrottle().get_ident(request) == drf


def test_successful_login_is_logged_without_personal_data(client, advisor, caplog):
    caplog.set_level(logging.INFO, logger="cite_emploi.auth")
    client.post("/connexion/", {"username": advisor.username, "password": TEST_PASSWORD})
    client.post("/deconnexion/")
    messages = [r.getMessage() for r in caplog.records if r.name == "cite_emploi.auth"]
    assert any(m.startswith("connexion réussie") for m in messages)
    assert any(m.startswith("déconnexion") for m in messages)
    assert all(advisor.username not in m and advisor.last_name not in m for m in messages)


@pytest.mark.parametrize(
    ("idle", "since_login", "signed_in"),
    [(60, 60, True), (31 * 60, 40 * 60, False), (60, 13 * 3600, False)],
    ids=["active", "idle-31-min", "over-12-hours"],
)
def test_session_ends_after_30_minutes_idle_or_12_hours(client, advisor, idle, since_login, signed_in):
    client.force_login(advisor)
    session = client.session
    now = int(time.time())
    session[SESSION_LAST_SEEN] = now - idle
    session[SESSION_LOGIN_AT] = now - since_login
    session.save()
    response = client.get("/")
    assert (response.status_code == 200) is signed_in
    if not signed_in:
        assert response["Location"].startswith("/connexion/")


def test_security_headers(client, advisor):
    client.force_login(advisor)
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_token_endpoint_is_throttled(api_client, advisor):
    statuses = [
        api_client.post("/api/v1/auth/token/", {"username": advisor.username, "password": "non"}).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
