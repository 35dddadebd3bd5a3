"""ProConnect sign-in against a real OpenID Connect provider run on 127.0.0.1 (tests/oidc_provider.py).

Nothing is mocked: the application sends the browser (here Django's test client) to the provider, the provider's
form signs the person in, and the application exchanges the code, checks the signed ID token and reads the user
info over HTTP.
"""

import html
import json
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from partners.enums import AuditAction
from partners.models import AuditEntry, ProConnectDevice, User
from partners.proconnect import SESSION_ID_TOKEN, ProConnectError, asserts_mfa, decode_userinfo
from partners.two_factor import has_code_device, two_factor_required
from tests.factories import UserFactory
from tests.oidc_provider import running

SIRET = "12345678900017"


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _start(client, next_url=None):
    response = client.get(reverse("proconnect_login") + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302
    return response["Location"]


def _sign_in(client, provider, sub, next_url=None):
    """The whole journey: to the provider, its form, back to the callback. Returns the callback's response."""
    callback = provider.authorize(_start(client, next_url), sub)
    return client.get(_local(callback))


def _signed_in_as(client):
    return client.session.get(SESSION_KEY)


def _audit(action, detail=""):
    return AuditEntry.objects.filter(action=action, detail__startswith=detail)


def _identity(provider, sub, email, **claims):
    provider.set_user(sub, email=email, given_name="Camille", usual_name="Agent", **claims)


# --- Configuration and the authorisation request ------------------------------------------------------------


def test_the_button_is_offered_only_when_proconnect_is_configured(client, db, settings):
    settings.PROCONNECT_ISSUER = ""
    response = client.get(reverse("login"))
    assert "S'identifier avec" not in _text(response)
    assert client.get(reverse("proconnect_login")).status_code == 404

    settings.PROCONNECT_ISSUER = "https://auth.example.org/api/v2"
    settings.PROCONNECT_CLIENT_ID = "id"
    settings.PROCONNECT_CLIENT_SECRET = "secret"
    page = _text(client.get(reverse("login")))
    assert "S'identifier avec <strong>ProConnect</strong>" in page
    assert reverse("proconnect_login") in page


def test_the_authorisation_request_has_pkce_state_nonce_and_the_level_asked(client, db, proconnect, settings):
    query = parse_qs(urlsplit(_start(client)).query)
    assert query["response_type"] == ["code"]
    assert query["client_id"] == ["cite-emploi-tests"]
    assert query["redirect_uri"] == [settings.SITE_URL + reverse("proconnect_callback")]
    assert query["scope"] == ["openid email given_name usual_name siret"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert len(query["state"][0]) >= 20 and len(query["nonce"][0]) >= 20
    assert query["acr_values"] == ["eidas1"]
    assert json.loads(query["claims"][0])["id_token"]["amr"] == {"essential": True}


# --- Account matching ----------------------------------------------------------------------------------------


def test_first_sign_in_opens_the_invited_account_and_links_it_by_sub(client, advisor, proconnect):
    _identity(proconnect, "agent-lien", advisor.email.upper(), siret=SIRET)
    users_before = User.objects.count()

    response = _sign_in(client, proconnect, "agent-lien")

    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert _signed_in_as(client) == str(advisor.pk)
    advisor.refresh_from_db()
    assert advisor.proconnect_sub == "agent-lien"
    assert User.objects.count() == users_before
    link = _audit(AuditAction.UPDATE, "identité ProConnect reliée").get()
    assert link.fields == ["proconnect_sub"] and link.actor == advisor
    assert _audit(AuditAction.LOGIN, "ProConnect").get().actor == advisor
    assert client.get(reverse("home")).status_code == 200

    # Later sign-ins find her by `sub`, even once her address at the provider has changed.
    client.logout()
    _identity(proconnect, "agent-lien", "nouvelle.adresse@example.org")
    response = _sign_in(client, proconnect, "agent-lien")
    assert response.status_code == 302 and _signed_in_as(client) == str(advisor.pk)
    assert _audit(AuditAction.UPDATE, "identité ProConnect reliée").count() == 1


def test_the_next_page_asked_before_signing_in_is_kept(client, advisor, proconnect):
    _identity(proconnect, "agent-suivant", advisor.email)
    response = _sign_in(client, proconnect, "agent-suivant", next_url=reverse("account_security"))
    assert response["Location"] == reverse("account_security")


def test_an_unknown_email_creates_no_account_and_says_whom_to_ask(client, advisor, proconnect):
    _identity(proconnect, "agent-inconnue", "personne.inconnue@example.org")
    users_before = User.objects.count()

    response = _sign_in(client, proconnect, "agent-inconnue")

    page = _text(response)
    assert response.status_code == 403
    assert "Aucun compte de la Cité de l'emploi ne correspond" in page
    assert "personne.inconnue@example.org" in page
    assert "À la coordination de la Cité de l'emploi de votre territoire" in page
    assert _signed_in_as(client) is None
    assert User.objects.count() == users_before
    refusal = _audit(AuditAction.LOGIN_FAILED, "ProConnect refusé").get()
    assert refusal.detail == "ProConnect refusé : unknown_email"
    assert refusal.object_id == "" and refusal.actor is None


def test_a_deactivated_account_is_refused(client, advisor, coordinator, proconnect):
    advisor.is_active = False
    advisor.save()
    _identity(proconnect, "agent-desactivee", advisor.email)

    response = _sign_in(client, proconnect, "agent-desactivee")

    page = _text(response)
    assert response.status_code == 403
    assert "Votre compte de la Cité de l'emploi est désactivé" in page
    assert coordinator.email in page  # whom to ask: the coordination of her territory
    assert _signed_in_as(client) is None
    refusal = _audit(AuditAction.LOGIN_FAILED, "ProConnect refusé").get()
    assert refusal.detail == "ProConnect refusé : inactive" and refusal.object_id == str(advisor.pk)
    advisor.refresh_from_db()
    assert advisor.proconnect_sub is None


def test_the_siret_must_be_the_organisations_when_both_are_known(client, advisor, proconnect):
    advisor.organisation.siret = SIRET
    advisor.organisation.save()
    _identity(proconnect, "agent-siret", advisor.email, siret="98765432100019")

    response = _sign_in(client, proconnect, "agent-siret")

    assert response.status_code == 403
    assert "L'établissement (SIRET) de votre identité ProConnect" in _text(response)
    assert _signed_in_as(client) is None
    assert _audit(AuditAction.LOGIN_FAILED, "ProConnect refusé : siret_mismatch").exists()

    _identity(proconnect, "agent-siret", advisor.email, siret=SIRET)
    assert _sign_in(client, proconnect, "agent-siret").status_code == 302
    assert _signed_in_as(client) == str(advisor.pk)


def test_an_account_linked_to_another_identity_is_refused(client, advisor, proconnect):
    advisor.proconnect_sub = "une-autre-identite"
    advisor.save()
    _identity(proconnect, "agent-usurpation", advisor.email)

    response = _sign_in(client, proconnect, "agent-usurpation")

    assert response.status_code == 403
    assert "déjà relié à une autre identité ProConnect" in _text(response)
    assert _signed_in_as(client) is None


def test_an_address_the_provider_says_is_unverified_is_refused(client, advisor, proconnect):
    _identity(proconnect, "agent-non-verifiee", advisor.email, email_verified=False)
    assert _sign_in(client, proconnect, "agent-non-verifiee").status_code == 403
    assert _signed_in_as(client) is None


# --- What the provider sends back must be genuine and fresh ----------------------------------------------------


def test_a_wrong_state_is_refused_before_the_code_is_used(client, advisor, proconnect):
    _identity(proconnect, "agent-state", advisor.email)
    callback = proconnect.authorize(_start(client), "agent-state")
    parts = urlsplit(callback)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    forged = urlencode({**query, "state": "etat-fabrique-par-un-tiers"})

    response = client.get(f"{parts.path}?{forged}", follow=True)

    assert _signed_in_as(client) is None
    assert "La connexion avec ProConnect n'a pas abouti" in _text(response)
    assert _audit(AuditAction.LOGIN_FAILED, "ProConnect refusé : state").exists()
    # The code was never sent to the provider: with the genuine state, it still works (once).
    assert client.get(_local(callback)).status_code == 302
    assert _signed_in_as(client) == str(advisor.pk)


def test_a_replayed_code_is_refused(client, advisor, proconnect):
    _identity(proconnect, "agent-rejeu", advisor.email)
    callback = proconnect.authorize(_start(client), "agent-rejeu")
    assert client.get(_local(callback)).status_code == 302
    assert _signed_in_as(client) == str(advisor.pk)

    # The same browser again: its state was used up.
    client.logout()
    client.get(_local(callback))
    assert _signed_in_as(client) is None
    assert _audit(AuditAction.LOGIN_FAILED, "ProConnect refusé : state").exists()

    # Another browser with a state of its own, replaying the code: the provider refuses it (used, and PKCE).
    attacker = type(client)()
    own_state = parse_qs(urlsplit(_start(attacker)).query)["state"][0]
    code = parse_qs(urlsplit(callback).query)["code"][0]
    attacker.get(reverse("proconnect_callback") + "?" + urlencode({"code": code, "state": own_state}))
    assert attacker.session.get(SESSION_KEY) is None
    assert _audit(AuditAction.LOGIN_FAILED, "ProConnect refusé : token").exists()


@pytest.fixture
def expiring_provider(settings):
    """A provider whose ID tokens have expired ten minutes before they are issued (beyond any clock leeway)."""
    with running(token_max_age=timedelta(minutes=-10)) as provider:
        settings.PROCONNECT_ISSUER = provider.issuer
        settings.PROCONNECT_CLIENT_ID = "cite-emploi-tests"
        settings.PROCONNECT_CLIENT_SECRET = "secret-de-test-proconnect"
        yield provider


def test_an_expired_id_token_is_refused(client, advisor, expiring_provider):
    _identity(expiring_provider, "agent-expire", advisor.email)

    response = _sign_in(client, expiring_provider, "agent-expire")

    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert _signed_in_as(client) is None
    assert _audit(AuditAction.LOGIN_FAILED, "ProConnect refusé : id_token").exists()
    advisor.refresh_from_db()
    assert advisor.proconnect_sub is None


def test_a_refusal_at_the_provider_says_so(client, db, proconnect):
    authorize = _start(client)
    response = requests.post(authorize, data={"action": "deny"}, allow_redirects=False, timeout=5)
    page = _text(client.get(_local(response.headers["location"]), follow=True))
    assert "annulée ou refusée par ProConnect" in page
    assert _audit(AuditAction.LOGIN_FAILED, "ProConnect refusé : provider_access_denied").exists()


# --- The second factor -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({}, False),
        ({"acr": "eidas1"}, False),
        ({"acr": "eidas1", "amr": ["pwd"]}, False),
        ({"acr": "eidas2"}, True),
        ({"acr": "eidas3"}, True),
        ({"acr": "https://proconnect.gouv.fr/assurance/consistency-checked-2fa"}, True),
        ({"acr": "eidas1", "amr": ["pwd", "mfa"]}, True),
        ({"amr": "pwd mfa"}, True),
        ({"acr": ["eidas2"]}, False),  # not a string: not a level
    ],
)
def test_the_rule_of_the_second_factor(claims, expected):
    assert asserts_mfa(claims) is expected


@pytest.fixture
def two_factor_roles(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["coordinator", "admin"]


def test_a_coordinator_without_a_multi_factor_claim_gives_her_totp_code(
    client, coordinator, proconnect, two_factor_roles
):
    TOTPDevice.objects.create(user=coordinator, name="Téléphone", confirmed=True)
    _identity(proconnect, "coord-un-facteur", coordinator.email)  # no acr, no amr

    response = _sign_in(client, proconnect, "coord-un-facteur")

    assert _signed_in_as(client) == str(coordinator.pk)
    assert response["Location"].startswith(reverse("otp_verify"))
    # Nothing else opens until the code is given.
    assert client.get(reverse("home"))["Location"].startswith(reverse("otp_verify"))
    assert not ProConnectDevice.objects.filter(user=coordinator).exists()


def test_a_coordinator_without_any_device_sets_one_up(client, coordinator, proconnect, two_factor_roles):
    _identity(proconnect, "coord-sans-appareil", coordinator.email, acr="eidas1", amr=["pwd"])
    response = _sign_in(client, proconnect, "coord-sans-appareil")
    assert response["Location"].startswith(reverse("otp_setup"))


@pytest.mark.parametrize("claims", [{"acr": "eidas2"}, {"acr": "eidas1", "amr": ["pwd", "mfa"]}])
def test_a_coordinator_whose_sign_in_used_several_factors_skips_the_code(
    client, coordinator, proconnect, two_factor_roles, claims
):
    _identity(proconnect, "coord-mfa", coordinator.email, **claims)

    response = _sign_in(client, proconnect, "coord-mfa")

    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    device = ProConnectDevice.objects.get(user=coordinator)
    assert client.session["otp_device_id"] == device.persistent_id


def test_the_proconnect_device_never_stands_for_a_code(client, advisor, proconnect, two_factor_roles):
    """A ProConnect multi-factor sign-in leaves a device; a later password sign-in does not ask for a code she has
    no application for, and no code matches it."""
    _identity(proconnect, "agent-mfa", advisor.email, acr="eidas3")
    _sign_in(client, proconnect, "agent-mfa")
    assert ProConnectDevice.objects.filter(user=advisor).exists()
    assert not has_code_device(advisor) and not two_factor_required(advisor)
    assert not ProConnectDevice.objects.get(user=advisor).verify_token("123456")


# --- Logout ------------------------------------------------------------------------------------------------------


def test_logout_ends_both_sessions(client, advisor, proconnect, settings):
    _identity(proconnect, "agent-sortie", advisor.email)
    _sign_in(client, proconnect, "agent-sortie")
    id_token = client.session[SESSION_ID_TOKEN]

    response = client.post(reverse("logout"))

    assert _signed_in_as(client) is None
    end_session = urlsplit(response["Location"])
    query = parse_qs(end_session.query)
    assert f"{end_session.scheme}://{end_session.netloc}" == proconnect.issuer
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == [settings.SITE_URL + reverse("proconnect_logout")]
    logout = _audit(AuditAction.LOGOUT).get()
    assert logout.detail == "ProConnect" and logout.actor == advisor

    # The provider ends its session (its confirmation form) and sends the browser back with the state.
    back = requests.post(
        f"{proconnect.issuer}/oauth2/end_session/confirm",
        data={"redirect_uri": query["post_logout_redirect_uri"][0] + "?state=" + query["state"][0]},
        allow_redirects=False,
        timeout=5,
    ).headers["location"]
    page = _text(client.get(_local(back), follow=True))
    assert "Vous êtes déconnecté de la Cité de l'emploi et de ProConnect" in page


def test_a_password_session_logs_out_locally_only(client, advisor, proconnect):
    client.force_login(advisor)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


def test_a_refused_identity_can_end_its_proconnect_session(client, db, proconnect):
    _identity(proconnect, "agent-refusee", "refusee@example.org")
    _sign_in(client, proconnect, "agent-refusee")
    response = client.post(reverse("logout"))
    assert response["Location"].startswith(proconnect.issuer + "/oauth2/end_session?")
    assert "id_token_hint=" in response["Location"]


# --- ProConnect signs its user info ------------------------------------------------------------------------------


def _jwt_response(body: str) -> requests.Response:
    response = requests.Response()
    response.status_code = 200
    response.headers["Content-Type"] = "application/jwt; charset=utf-8"
    response._content = body.encode()
    return response


def test_signed_user_info_is_checked_against_the_providers_keys():
    key = RSAKey.generate_key(2048, parameters={"kid": "cle-fournisseur"})
    other = RSAKey.generate_key(2048, parameters={"kid": "cle-fournisseur"})
    keys = KeySet([key]).as_dict()
    claims = {"sub": "agent", "email": "agent@example.org", "siret": SIRET}

    signed = jwt.encode({"alg": "RS256", "kid": "cle-fournisseur"}, claims, key)
    assert decode_userinfo(_jwt_response(signed), keys) == claims

    forged = jwt.encode({"alg": "RS256", "kid": "cle-fournisseur"}, claims, other)
    with pytest.raises(ProConnectError):
        decode_userinfo(_jwt_response(forged), keys)

    elsewhere = jwt.encode({"alg": "RS256", "kid": "cle-fournisseur"}, {**claims, "iss": "https://autre.example"}, key)
    with pytest.raises(ProConnectError):
        decode_userinfo(_jwt_response(elsewhere), keys, "https://auth.example.org")


def test_a_new_account_never_comes_from_proconnect(client, db, proconnect):
    """Even a `sub` whose address matches no one and a SIRET of a known organisation: no account."""
    UserFactory(email="quelquun@example.org")
    _identity(proconnect, "agent-sans-compte", "autre@example.org", siret=SIRET)
    _sign_in(client, proconnect, "agent-sans-compte")
    assert not User.objects.filter(email__iexact="autre@example.org").exists()


# --- The coordination unlinks an identity ------------------------------------------------------------------------


def test_the_coordination_unlinks_an_identity(client, coordinator, advisor, proconnect):
    _identity(proconnect, "ancien-poste", advisor.email, acr="eidas2")
    _sign_in(client, proconnect, "ancien-poste")
    assert ProConnectDevice.objects.filter(user=advisor).exists()
    client.logout()

    client.force_login(coordinator)
    page = _text(client.get(reverse("partners:user_detail", args=[advisor.pk])))
    assert "Identité ProConnect reliée" in page
    response = client.post(reverse("partners:user_proconnect_unlink", args=[advisor.pk]), follow=True)
    assert "Identité ProConnect déliée" in _text(response)
    advisor.refresh_from_db()
    assert advisor.proconnect_sub is None
    assert not ProConnectDevice.objects.filter(user=advisor).exists()
    unlink = _audit(AuditAction.UPDATE, "identité ProConnect déliée").get()
    assert unlink.actor == coordinator and unlink.fields == ["proconnect_sub"]

    # Her new identity (new post, same address) is linked at its first sign-in.
    client.logout()
    _identity(proconnect, "nouveau-poste", advisor.email)
    _sign_in(client, proconnect, "nouveau-poste")
    advisor.refresh_from_db()
    assert advisor.proconnect_sub == "nouveau-poste"


def test_an_advisor_cannot_unlink_anyone(client, advisor, coordinator):
    coordinator.proconnect_sub = "coordinatrice"
    coordinator.save()
    client.force_login(advisor)
    assert client.post(reverse("partners:user_proconnect_unlink", args=[coordinator.pk])).status_code == 403
    coordinator.refresh_from_db()
    assert coordinator.proconnect_sub == "coordinatrice"


def test_an_invitee_who_has_not_accepted_yet_is_told_to_open_her_link(client, coordinator, organisation, proconnect):
    from partners.services import invitation_send

    invitation_send(
        actor=coordinator,
        email="invitee@example.org",
        first_name="Inès",
        last_name="Invitée",
        organisation=organisation,
        role="advisor",
    )
    _identity(proconnect, "agent-invitee", "INVITEE@example.org")

    response = _sign_in(client, proconnect, "agent-invitee")

    assert response.status_code == 403
    assert "Une invitation vous attend à cette adresse" in _text(response)
    assert not User.objects.filter(email__iexact="invitee@example.org").exists()
    assert _audit(AuditAction.LOGIN_FAILED, "ProConnect refusé : invitation_pending").exists()


def test_her_security_page_says_whether_proconnect_is_linked(client, advisor, proconnect):
    client.force_login(advisor)
    assert "la première connexion relie les deux" in _text(client.get(reverse("account_security")))
    advisor.proconnect_sub = "agent-securite"
    advisor.save()
    assert "Votre compte est relié à votre identité ProConnect" in _text(client.get(reverse("account_security")))


def test_a_provider_that_does_not_answer_leaves_the_password_sign_in(client, db, settings):
    """A port that accepts the connection and never answers: after PROCONNECT_TIMEOUT, a French message."""
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        settings.PROCONNECT_ISSUER = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.PROCONNECT_CLIENT_ID = "cite-emploi-tests"
        settings.PROCONNECT_CLIENT_SECRET = "secret"
        settings.PROCONNECT_TIMEOUT = 1
        response = client.get(reverse("proconnect_login"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "ProConnect ne répond pas pour le moment" in _text(response)
