"""How an API request proves who it comes from: an API token that expires, or a browser session that has
passed the second factor.

A session of a two-factor account that has only given its password authenticates nothing here, whatever
the other headers say (issue 10, point 1). A token of such an account was only issued with the code
(`TokenView`), so it needs no further check.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular import authentication as drf_spectacular_authentication
from rest_framework import authentication, exceptions

from ..tokens import api_token_is_expired
from ..two_factor import SECOND_FACTOR_REQUIRED_MESSAGE, session_awaits_second_factor
from ..user_loading import token_with_user


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication (CSRF enforced), refusing a session still waiting for its one-time code."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and session_awaits_second_factor(result[0]):
            raise exceptions.AuthenticationFailed(SECOND_FACTOR_REQUIRED_MESSAGE)
        return result


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`; a token older than `API_TOKEN_TTL_DAYS` is refused with 401. The user is loaded
    with her organisation and territory in the same query as the token, a prepared statement (one query per API
    call, `partners.user_loading`)."""

    def authenticate_credentials(self, key):
        token = token_with_user(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if api_token_is_expired(token):
            raise exceptions.AuthenticationFailed(
                "Ce jeton d'API a expiré : demandez-en un nouveau (POST /api/v1/auth/token/)."
            )
        return user, token


class TwoFactorSessionScheme(drf_spectacular_authentication.SessionScheme):
    """OpenAPI: the session cookie, described as for DRF's class (the token class is matched as a subclass)."""

    target_class = SessionAuthentication
    priority = 0
