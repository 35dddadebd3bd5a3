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


def test_the_lock_is_per_address_too(client, territory):
    from tests.factories import UserFactory

    users = UserFactory.create_batch(10, organisation__territory=territory)
    for user in users:
        client.post("/connexion/", {"username": user.username, "password": "mauvais"}, REMOTE_ADDR="203.0.113.9")
    fresh = UserFactory(organisation__territory=territory)
    response = client.post(
        "/connexion/", {"username": fresh.username, "password": TEST_PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429


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
