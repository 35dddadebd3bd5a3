"""API tokens expire, end with a password change or reset, and are listed and revoked in « Sécurité du compte »
(issue 10, point 10)."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from partners.enums import AuditAction
from partners.models import AuditEntry
from tests.factories import TEST_PASSWORD

NEW_PASSWORD = "Un-nouveau-mot-de-passe-solide-42"


def _token(user, *, age_days=0):
    token = Token.objects.create(user=user)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(days=age_days))
    return token.key


def _me(key):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api.get("/api/v1/users/me/")


@pytest.mark.parametrize(("ttl_days", "age_days", "valid"), [(30, 29, True), (30, 31, False), (2, 3, False)])
def test_a_token_expires_after_api_token_ttl_days_with_a_french_401(advisor, settings, ttl_days, age_days, valid):
    settings.API_TOKEN_TTL_DAYS = ttl_days
    response = _me(_token(advisor, age_days=age_days))
    if valid:
        assert response.status_code == 200
    else:
        assert response.status_code == 401
        assert "Ce jeton d'API a expiré" in response.json()["detail"]


def test_the_token_endpoint_replaces_an_expired_token_and_keeps_a_valid_one(api_client, advisor):
    old = _token(advisor, age_days=31)
    response = api_client.post("/api/v1/auth/token/", {"username": advisor.username, "password": TEST_PASSWORD})
    assert response.status_code == 200
    new = response.json()["token"]
    assert new != old
    assert _me(old).status_code == 401
    assert _me(new).status_code == 200
    again = api_client.post("/api/v1/auth/token/", {"username": advisor.username, "password": TEST_PASSWORD})
    assert again.json() == {"token": new}


def test_changing_the_password_ends_the_api_token(client, advisor):
    key = _token(advisor)
    client.force_login(advisor)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _me(key).status_code == 401
    assert client.get(reverse("account_security")).status_code == 200  # her own session goes on


def test_resetting_the_password_by_email_ends_the_api_token(client, advisor):
    key = _token(advisor)
    client.post(reverse("password_reset"), {"email": advisor.email})
    link = re.search(r"/mot-de-passe/nouveau/\S+/\S+/", mail.outbox[0].body).group(0)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert _me(key).status_code == 401


def test_a_password_set_elsewhere_ends_the_token_but_other_saves_and_hash_upgrades_keep_it(client, advisor, settings):
    key = _token(advisor)
    advisor.first_name = "Autre"
    advisor.save()
    client.post("/connexion/", {"username": advisor.username, "password": TEST_PASSWORD})  # saves last_login
    assert _me(key).status_code == 200

    # A stronger hasher arrives: the hash is upgraded at the next sign-in, the password did not change.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    client.post("/deconnexion/")
    client.post("/connexion/", {"username": advisor.username, "password": TEST_PASSWORD})
    advisor.refresh_from_db()
    assert advisor.password.startswith("pbkdf2_")
    assert _me(key).status_code == 200

    advisor.set_password(NEW_PASSWORD)  # the admin's form and `changepassword` do this
    advisor.save()
    assert _me(key).status_code == 401


def test_account_security_lists_the_token_and_revokes_it(client, advisor, settings):
    settings.API_TOKEN_TTL_DAYS = 30
    key = _token(advisor, age_days=1)
    client.force_login(advisor)
    page = client.get(reverse("account_security")).content.decode()
    assert "Jetons d'API" in page
    assert "Actif" in page
    expires = timezone.localtime(Token.objects.get(key=key).created + datetime.timedelta(days=30))
    assert expires.strftime("%Y") in page
    assert key not in page  # the secret is never shown again

    response = client.post(reverse("account_security"), {"action": "revoke_api_token"}, follow=True)
    assert "est révoqué : les scripts qui l" in response.content.decode()
    assert "Aucun jeton d'API en cours" in response.content.decode()
    assert _me(key).status_code == 401
    assert AuditEntry.objects.filter(actor=advisor, action=AuditAction.DELETE, fields=["api_token"]).exists()


def test_one_person_cannot_revoke_another_persons_token(client, advisor, coordinator):
    key = _token(coordinator)
    client.force_login(advisor)
    client.post(reverse("account_security"), {"action": "revoke_api_token"})
    assert _me(key).status_code == 200
