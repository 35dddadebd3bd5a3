"""Sign-in and sign-out, including ProConnect (the State's OpenID Connect federation for public-sector agents).

The flow (partners.proconnect for the protocol, partners.services.proconnect for the accounts):
1. `proconnect_login` sends the browser to the provider (Authlib: state, nonce and PKCE verifier in the session);
2. `proconnect_callback` exchanges the code, checks the ID token, reads the identity, opens the matching account
   (never creates one), links it by `sub`, and asks the TOTP code when the role needs a second factor that
   ProConnect did not assert;
3. `logout` ends the local session and, for a ProConnect session, the provider's one (RP-initiated logout with
   `id_token_hint`), which comes back to `proconnect_logout`.
"""

import logging
import re
from urllib.parse import quote

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from django_otp import login as otp_login
from joserfc.errors import JoseError

from .. import proconnect, services
from ..backends import PROCONNECT_BACKEND
from ..enums import Role
from ..models import User
from ..two_factor import has_code_device, two_factor_required

logger = logging.getLogger("cite_emploi.auth")

SESSION_NEXT = "proconnect_next"
# The ID token of an identity that was refused: the refusal page offers to end the ProConnect session with it.
SESSION_REFUSED_ID_TOKEN = "proconnect_refused_id_token"

FAILURE_MESSAGE = (
    "La connexion avec ProConnect n'a pas abouti : la réponse reçue n'est pas valable ou a expiré. "
    "Recommencez ; si cela se reproduit, connectez-vous avec votre identifiant et votre mot de passe."
)
CANCELLED_MESSAGE = "La connexion avec ProConnect a été annulée ou refusée par ProConnect. Vous pouvez recommencer."
UNAVAILABLE_MESSAGE = (
    "ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre "
    "identifiant et votre mot de passe."
)


class LoginView(auth_views.LoginView):
    """Django's sign-in page, with « S'identifier avec ProConnect » when ProConnect is configured."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "proconnect_enabled": proconnect.is_configured()}


@method_decorator(login_not_required, name="dispatch")
class LogoutView(auth_views.LogoutView):
    """Ends the session; a session opened through ProConnect (or a refused ProConnect identity) ends the
    provider's session too: the browser goes to its end-session endpoint and comes back to `proconnect_logout`.
    Open without a session: the refusal page of a ProConnect identity (no account here) uses it."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(proconnect.SESSION_ID_TOKEN) or request.session.get(SESSION_REFUSED_ID_TOKEN)
        response = super().post(request, *args, **kwargs)  # the session is flushed here
        if not id_token or not proconnect.is_configured():
            return response
        try:
            return proconnect.client().logout_redirect(
                request,
                post_logout_redirect_uri=settings.SITE_URL + reverse("proconnect_logout"),
                id_token_hint=id_token,
            )
        except (requests.RequestException, RuntimeError, AuthlibBaseError):
            logger.warning("déconnexion ProConnect impossible : fournisseur injoignable")
            messages.warning(
                request, "Vous êtes déconnecté de la Cité de l'emploi, mais ProConnect n'a pas pu être joint."
            )
            return response


def _safe_next(request) -> str:
    candidate = request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


@login_not_required
@require_GET
def proconnect_login(request):
    """Start the authorisation-code flow: to the provider, with state, nonce, PKCE and the level asked."""
    if not proconnect.is_configured():
        raise Http404
    request.session[SESSION_NEXT] = _safe_next(request)
    try:
        return proconnect.client().authorize_redirect(
            request, settings.SITE_URL + reverse("proconnect_callback"), **proconnect.authorize_params()
        )
    except (requests.RequestException, RuntimeError, AuthlibBaseError, ValueError):
        logger.warning("ProConnect injoignable au début de la connexion")
        messages.error(request, UNAVAILABLE_MESSAGE)
        return redirect("login")


def _failure(request, code: str, message: str = FAILURE_MESSAGE):
    logger.warning("connexion ProConnect refusée code=%s", code)
    services.proconnect_refusal_record(code=code)
    messages.error(request, message)
    return redirect("login")


@login_not_required
@require_GET
def proconnect_callback(request):
    """The provider sends the browser back here with a code (or an error)."""
    if not proconnect.is_configured():
        raise Http404
    if request.GET.get("error"):
        error = request.GET["error"]
        return _failure(
            request, "provider_" + (error if re.fullmatch(r"[a-z_]{1,40}", error) else "error"), CANCELLED_MESSAGE
        )
    try:
        token = proconnect.client().authorize_access_token(request)
        identity = proconnect.identity_from(token)
    except MismatchingStateError:
        return _failure(request, "state")
    except OAuthError:  # the token endpoint refused the code: replayed, expired, or not ours
        return _failure(request, "token")
    except (JoseError, AuthlibBaseError):  # the ID token: signature, issuer, audience, expiry or nonce
        return _failure(request, "id_token")
    except proconnect.ProConnectError as error:
        return _failure(request, error.code)
    except (requests.RequestException, ValueError, KeyError):
        return _failure(request, "unavailable", UNAVAILABLE_MESSAGE)

    try:
        user = services.proconnect_account_for(identity=identity)
        services.proconnect_link(user=user, sub=identity.sub)
    except services.SignInRefused as refusal:
        logger.warning("connexion ProConnect refusée code=%s", refusal.reason)
        services.proconnect_refusal_record(refusal=refusal)
        request.session[SESSION_REFUSED_ID_TOKEN] = token["id_token"]
        return render(
            request,
            "registration/proconnect_refused.html",
            {
                "reason": refusal.reason,
                "explanation": services.proconnect.REFUSAL_REASONS[refusal.reason],
                "email": identity.email,
                "territory": refusal.account.territory if refusal.account is not None else None,
                "coordinators": _coordinators(refusal.account),
            },
            status=403,
        )

    next_url = request.session.get(SESSION_NEXT) or reverse(settings.LOGIN_REDIRECT_URL)
    login(request, user, backend=PROCONNECT_BACKEND)
    request.session[proconnect.SESSION_ID_TOKEN] = token["id_token"]
    request.session.pop(SESSION_NEXT, None)
    if identity.mfa:
        # The provider asserted a multi-factor sign-in: it is her second factor (partners.proconnect.asserts_mfa).
        otp_login(request, services.proconnect_second_factor_device(user=user))
    elif two_factor_required(user):
        # A single factor at ProConnect: a role (or an account) that must use two-factor authentication gives its
        # TOTP code, or sets it up, before anything else — as after a password.
        target = "otp_verify" if has_code_device(user) else "otp_setup"
        return redirect(f"{reverse(target)}?next={quote(next_url)}")
    return redirect(next_url)


def _coordinators(account) -> list[User]:
    """Whom to ask: the active coordinators of the account's territory (none when no account was found)."""
    if account is None or account.territory_id is None:
        return []
    return list(
        User.objects.filter(
            organisation__territory_id=account.territory_id, role=Role.COORDINATOR, is_active=True
        ).order_by("last_name", "first_name")[:5]
    )


@login_not_required
@require_GET
def proconnect_logout(request):
    """Back from the provider's end-session endpoint (`post_logout_redirect_uri`)."""
    if not proconnect.is_configured():
        raise Http404
    try:
        proconnect.client().validate_logout_response(request)
    except OAuthError:
        messages.info(request, "Vous êtes déconnecté.")
    else:
        messages.success(request, "Vous êtes déconnecté de la Cité de l'emploi et de ProConnect.")
    return redirect("login")
