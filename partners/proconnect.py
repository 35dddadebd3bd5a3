"""ProConnect, the State's OpenID Connect federation for public-sector agents: the client side.

Authorisation-code flow with PKCE (S256), `state` and `nonce`, through Authlib's Django client: Authlib keeps the
state, the nonce and the PKCE verifier in the session, exchanges the code, and validates the ID token (signature
against the provider's keys, issuer, audience, expiry, nonce). This module adds what ProConnect needs on top:
configuration from the environment only (settings PROCONNECT_*), the `acr_values` and `claims` asked, the user info
(a signed JWT at ProConnect, plain JSON at simpler providers) and the rule that says when the provider asserted a
second factor.
"""

import json
from dataclasses import dataclass

from authlib.integrations.django_client import OAuth
from django.conf import settings
from joserfc import jwt
from joserfc.jwk import KeySet

SESSION_ID_TOKEN = "proconnect_id_token"
NAME = "proconnect"


class ProConnectError(Exception):
    """The provider's answer cannot be trusted or used (logged as a code, never with the person's data)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def is_configured() -> bool:
    """ProConnect is offered only when the issuer, the client id and the secret are all set."""
    return bool(settings.PROCONNECT_ISSUER and settings.PROCONNECT_CLIENT_ID and settings.PROCONNECT_CLIENT_SECRET)


_clients: dict[tuple, object] = {}


def client():
    """Authlib's client for the configured provider; its discovery document and keys are fetched once and kept."""
    key = (
        settings.PROCONNECT_ISSUER,
        settings.PROCONNECT_CLIENT_ID,
        settings.PROCONNECT_CLIENT_SECRET,
        settings.PROCONNECT_SCOPES,
        settings.PROCONNECT_TIMEOUT,
    )
    if key not in _clients:
        oauth = OAuth()
        _clients[key] = oauth.register(
            NAME,
            client_id=settings.PROCONNECT_CLIENT_ID,
            client_secret=settings.PROCONNECT_CLIENT_SECRET,
            server_metadata_url=f"{settings.PROCONNECT_ISSUER}/.well-known/openid-configuration",
            client_kwargs={
                "scope": settings.PROCONNECT_SCOPES,
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "client_secret_post",
                "default_timeout": settings.PROCONNECT_TIMEOUT,  # every call: discovery, keys, token, user info
            },
        )
    return _clients[key]


def authorize_params() -> dict[str, str]:
    """What the authorisation request asks beyond Authlib's defaults: the level (`acr_values`), and the `amr` claim
    in the ID token (ProConnect sends it only when asked), so that a multi-factor sign-in can be recognised."""
    return {
        "acr_values": settings.PROCONNECT_ACR_VALUES,
        "claims": json.dumps({"id_token": {"amr": {"essential": True}}}),
    }


def asserts_mfa(id_token_claims) -> bool:
    """Did the identity provider assert a multi-factor sign-in? The rule, in one place:

    - the ID token's `acr` is one of PROCONNECT_MFA_ACR_VALUES (eidas2, eidas3, ProConnect's "…-2fa" level), or
    - its `amr` (authentication methods) lists "mfa".

    Only the ID token counts (signed, checked against the nonce): the user info does not. Anything else — no claim,
    eidas1, amr ["pwd"] — is a single factor, and a role that must use two-factor authentication gives her TOTP code.
    """
    acr = id_token_claims.get("acr")
    amr = id_token_claims.get("amr") or []
    if isinstance(amr, str):
        amr = amr.split()
    return (isinstance(acr, str) and acr in settings.PROCONNECT_MFA_ACR_VALUES) or "mfa" in amr


@dataclass(frozen=True)
class Identity:
    """What ProConnect says about the person, as far as this application uses it."""

    sub: str
    email: str
    email_verified: bool | None
    siret: str
    mfa: bool


def decode_userinfo(response, keys: dict, issuer: str = "") -> dict:
    """The user info: ProConnect signs it (`application/jwt`, checked against the provider's keys); a simpler
    provider answers plain JSON."""
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/jwt":
        try:
            token = jwt.decode(response.text.strip(), KeySet.import_key_set(keys))
        except Exception as exc:  # joserfc raises several kinds: all mean "not a token signed by the provider"
            raise ProConnectError("userinfo_signature") from exc
        if issuer and token.claims.get("iss", issuer) != issuer:
            raise ProConnectError("userinfo_issuer")
        return dict(token.claims)
    try:
        data = response.json()
    except ValueError as exc:
        raise ProConnectError("userinfo_format") from exc
    if not isinstance(data, dict):
        raise ProConnectError("userinfo_format")
    return data


def identity_from(token: dict) -> Identity:
    """Read the identity from a token response Authlib has validated (`token["userinfo"]` holds the ID token's
    claims), completed by the user info endpoint, whose `sub` must be the ID token's (OpenID Connect Core §5.3.2)."""
    app = client()
    claims = token.get("userinfo") or {}
    sub = claims.get("sub")
    if not sub:
        raise ProConnectError("id_token_sub")
    metadata = app.load_server_metadata()
    response = app.get(metadata["userinfo_endpoint"], token=token)
    if response.status_code != 200:
        raise ProConnectError("userinfo_status")
    info = decode_userinfo(response, app.fetch_jwk_set(), metadata.get("issuer", ""))
    if info.get("sub") != sub:
        raise ProConnectError("userinfo_sub")
    email = str(info.get("email") or claims.get("email") or "").strip()
    if not email:
        raise ProConnectError("email_missing")
    verified = info.get("email_verified", claims.get("email_verified"))
    return Identity(
        sub=str(sub),
        email=email,
        email_verified=None if verified is None else bool(verified),
        siret=str(info.get("siret") or "").strip(),
        mfa=asserts_mfa(claims),
    )
