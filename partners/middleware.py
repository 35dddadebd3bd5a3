import time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware

SESSION_LOGIN_AT = "login_at"
SESSION_LAST_SEEN = "last_seen"


class OTPMiddleware(DjangoOTPMiddleware):
    """django_otp's middleware (`request.user.is_verified()`), reading the session's device through the cache
    (partners.two_factor.device_from_persistent_id): no query per request once the code is passed."""

    def _device_from_persistent_id(self, persistent_id: str):
        from .two_factor import device_from_persistent_id

        return device_from_persistent_id(self._normalize_persistent_id(persistent_id))


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a login (Django 5.1's middleware), except views marked `login_not_required`.

    The REST API answers 401/403 itself (DRF `IsAuthenticated` by default) instead of redirecting
    to the login page, so API paths are left to DRF.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class CurrentTerritoryMiddleware:
    """Resolve the caller's territory once per request: `request.territory` (the role is read from `request.user`
    through the rules of partners.perms).

    The user is already loaded with her organisation and territory (partners.backends.UserBackend).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.territory = user.territory
        else:
            request.territory = None
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """End a session after ``SESSION_IDLE_TIMEOUT`` seconds without activity or ``SESSION_ABSOLUTE_TIMEOUT`` in all.

    The timestamps are written at login (partners.signals) and refreshed at most once a minute, so a page
    view does not cost a session write.
    """

    REFRESH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            session = request.session
            login_at = session.get(SESSION_LOGIN_AT, now)
            last_seen = session.get(SESSION_LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT or now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                messages.info(request, "Votre session a expiré. Reconnectez-vous pour continuer.")
                if request.path_info.startswith("/api/"):
                    return JsonResponse({"detail": "Session expirée."}, status=401)
                return redirect_to_login(request.get_full_path())
            if SESSION_LOGIN_AT not in session:
                session[SESSION_LOGIN_AT] = login_at
            if now - last_seen >= self.REFRESH_EVERY or SESSION_LAST_SEEN not in session:
                session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """Before anything else, the roles that must use two-factor authentication verify a code (or set one up).

    Runs after django_otp's OTPMiddleware. A session that has not passed the code authenticates nothing,
    whatever the request's headers: pages redirect to the code, the API answers 403 (and the API's own
    session authentication, partners.api.authentication, refuses it too). API tokens of two-factor
    accounts are only issued with the code (partners.api.views.TokenView), which is why that one
    endpoint stays reachable.
    """

    EXEMPT_URL_NAMES = {"otp_verify", "otp_setup", "otp_recovery_codes", "logout"}
    EXEMPT_API_URL_NAMES = {"auth-token"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from .two_factor import SECOND_FACTOR_REQUIRED_MESSAGE, has_code_device, session_awaits_second_factor

        user = getattr(request, "user", None)
        if user is None or not session_awaits_second_factor(user):
            return None
        match = request.resolver_match
        url_name = match.url_name if match is not None else None
        if request.path_info.startswith("/api/"):
            if url_name in self.EXEMPT_API_URL_NAMES:
                return None
            return JsonResponse({"detail": SECOND_FACTOR_REQUIRED_MESSAGE}, status=403)
        if not getattr(view_func, "login_required", True):  # public pages
            return None
        if url_name in self.EXEMPT_URL_NAMES:
            return None
        target = "otp_verify" if has_code_device(user) else "otp_setup"
        return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")


def national_page(view):
    """Mark a page a national account may open (the national layer's pages). See `NationalScopeMiddleware`."""
    view.national_page = True
    return view


class NationalScopeMiddleware:
    """A national account (ANCT, DGEFP, national administrator: no territory) opens the national pages, her own
    account's pages and the public pages, and nothing else: every territory page answers 403 before its view runs,
    whatever the method. One rule instead of a check in each of a hundred views; the API answers 403 on its own
    (`InTerritory`), the national endpoints have their own permissions.
    """

    ACCOUNT_URL_NAMES = {
        "home",
        "logout",
        "password_change",
        "password_change_done",
        "otp_verify",
        "otp_setup",
        "otp_recovery_codes",
        "account_security",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.core.exceptions import PermissionDenied

        from .perms import is_national

        user = getattr(request, "user", None)
        if user is None or not is_national(user) or request.path_info.startswith("/api/"):
            return None
        if not getattr(view_func, "login_required", True) or getattr(view_func, "national_page", False):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in self.ACCOUNT_URL_NAMES:
            return None
        raise PermissionDenied("Un compte national ne consulte pas les pages d'un territoire.")
