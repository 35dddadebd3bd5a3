"""Two-factor authentication (TOTP with django-otp) and recovery codes.

Mandatory for the roles in ``TWO_FACTOR_REQUIRED_ROLES`` (coordinator and admin); available to everyone.
Once a person has a confirmed device, every sign-in asks for a code.
"""

import logging

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from . import perms, proconnect, services
from .tokens import api_token_expires_at, api_token_is_expired

logger = logging.getLogger("cite_emploi.auth")

RECOVERY_CODE_COUNT = 10
ISSUER = "Cité de l'emploi"


SECOND_FACTOR_REQUIRED_MESSAGE = "Double authentification requise : validez votre code dans l'application."


# Every request asks whether the person has a confirmed device (two queries: one per kind of device) and, once she
# has passed the code, loads the device her session names (one query). Both answers are cached (issue 13: three
# queries a page) and forgotten as soon as a device is saved or deleted (`forget_devices`, connected in
# partners.signals): deleting a lost device in /admin/ still ends the sessions it verified at their next request.
# With Redis (production) this holds across processes at once; the expiry bounds it with a per-process cache.
DEVICE_CACHE_TIMEOUT = 5 * 60
_HAS_DEVICE_KEY = "otp:has-confirmed-device:{user_id}"
_DEVICE_KEY = "otp:device:{persistent_id}"
_MISSING = object()


def has_code_device(user) -> bool:
    """Has she an authenticator application (or recovery codes) to type a code from? The ProConnect device
    (partners.models.ProConnectDevice) is not one: it marks a session, it never checks a code. Cached."""
    key = _HAS_DEVICE_KEY.format(user_id=user.pk)
    value = cache.get(key)
    if value is None:
        value = (
            TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            or StaticDevice.objects.filter(user=user, confirmed=True).exists()
        )
        cache.set(key, value, timeout=DEVICE_CACHE_TIMEOUT)
    return value


def device_from_persistent_id(persistent_id: str):
    """`Device.from_persistent_id`, cached (None too: a deleted device stays deleted)."""
    key = _DEVICE_KEY.format(persistent_id=persistent_id)
    device = cache.get(key, _MISSING)
    if device is _MISSING:
        device = Device.from_persistent_id(persistent_id)
        cache.set(key, device, timeout=DEVICE_CACHE_TIMEOUT)
    return device


def forget_devices(device) -> None:
    """A device was saved or deleted: the next request reads the database (now, and again after the commit)."""
    keys = [_HAS_DEVICE_KEY.format(user_id=device.user_id), _DEVICE_KEY.format(persistent_id=device.persistent_id)]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def two_factor_required(user) -> bool:
    """Must this person verify a second factor before anything else?"""
    if not user.is_authenticated:
        return False
    if perms.role_requires_two_factor(user):
        return True
    # Asked by the middleware and again by the API's session authentication: once per request.
    if not hasattr(user, "_has_confirmed_device"):
        user._has_confirmed_device = has_code_device(user)
    return user._has_confirmed_device


def session_awaits_second_factor(user) -> bool:
    """A session user who gave her password but not yet the code her account requires: she is nobody yet.

    `is_verified` is set by django_otp's OTPMiddleware; a user without it has not passed a code.
    """
    if not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return False
    return two_factor_required(user)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code à usage unique",
        max_length=16,
        help_text="Les 6 chiffres affichés par votre application d'authentification, ou un code de secours.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "").strip()


def _safe_next(request, default="home"):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse(default)


def _qr_svg(url: str) -> str:
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, title="QR code de configuration", dark="#000"))


def _pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Application d'authentification", confirmed=False)
    return device


def _new_recovery_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Codes de secours", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@require_http_methods(["GET", "POST"])
def verify(request):
    """Second step of the sign-in: a TOTP code or a recovery code."""
    user = request.user
    if request.user.is_verified():
        return redirect(_safe_next(request))
    if not has_code_device(user):
        return redirect(f"{reverse('otp_setup')}?next={_safe_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            logger.info("second facteur vérifié user_id=%s device=%s", user.pk, device.__class__.__name__)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, f"Vous avez utilisé un code de secours. Il vous en reste {left}.")
            return redirect(_safe_next(request))
        logger.warning("second facteur refusé user_id=%s", user.pk)
        if _all_throttled(user):
            form.add_error("code", "Trop de codes erronés : patientez une minute avant de réessayer.")
        else:
            form.add_error(
                "code", "Ce code n'est pas valide ou a expiré. Vérifiez l'heure de votre téléphone et réessayez."
            )
    return render(request, "registration/otp_verify.html", {"form": form, "next": _safe_next(request)})


def _devices(user):
    return [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user)]


def _all_throttled(user) -> bool:
    return not any(device.verify_is_allowed()[0] for device in _devices(user))


def match_code(user, code):
    for device in _devices(user):
        verify_is_allowed, _ = device.verify_is_allowed()
        if verify_is_allowed and device.verify_token(code):
            return device
    return None


@require_http_methods(["GET", "POST"])
def setup(request):
    """Add an authenticator application: QR code + secret, confirmed by a first code; then recovery codes."""
    user = request.user
    if has_code_device(user) and not user.is_verified():
        return redirect("otp_verify")
    device = _pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(user)
            otp_login(request, device)
            logger.info("double authentification activée user_id=%s", user.pk)
            request.session["otp_fresh_codes"] = codes
            messages.success(request, "La double authentification est activée sur votre compte.")
            return redirect(f"{reverse('otp_recovery_codes')}?next={_safe_next(request)}")
        form.add_error("code", "Ce code ne correspond pas. Scannez de nouveau le QR code et saisissez le code affiché.")
    url = device.config_url.replace("otpauth://totp/", f"otpauth://totp/{ISSUER.replace(' ', '%20')}:", 1)
    context = {
        "form": form,
        "qr_svg": _qr_svg(url),
        "secret": _readable_secret(device),
        "required": perms.role_requires_two_factor(user),
        "next": _safe_next(request),
    }
    return render(request, "registration/otp_setup.html", context)


def _readable_secret(device) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """Show freshly generated recovery codes once; POST generates a new set (the old ones stop working)."""
    if request.method == "POST":
        if not request.user.is_verified():
            return redirect("otp_verify")
        request.session["otp_fresh_codes"] = _new_recovery_codes(request.user)
        logger.info("codes de secours régénérés user_id=%s", request.user.pk)
        return redirect("otp_recovery_codes")
    codes = request.session.pop("otp_fresh_codes", None)
    return render(request, "registration/otp_recovery_codes.html", {"codes": codes, "next": _safe_next(request)})


@require_http_methods(["GET", "POST"])
def account_security(request):
    """« Sécurité du compte »: second factor, recovery codes, password, and her API tokens (list, revoke)."""
    user = request.user
    if request.method == "POST":
        if request.POST.get("action") == "revoke_api_token" and services.api_token_revoke(user=user):
            logger.info("jeton d'API révoqué user_id=%s", user.pk)
            messages.success(request, "Votre jeton d'API est révoqué : les scripts qui l'utilisent reçoivent un refus.")
        return redirect("account_security")
    api_tokens = [
        {"created": token.created, "expires": api_token_expires_at(token), "expired": api_token_is_expired(token)}
        for token in Token.objects.filter(user=user)
    ]
    context = {
        "has_totp": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "recovery_left": StaticToken.objects.filter(device__user=user).count(),
        "required": perms.role_requires_two_factor(user),
        "api_tokens": api_tokens,
        "api_token_ttl_days": settings.API_TOKEN_TTL_DAYS,
        "proconnect_enabled": proconnect.is_configured(),
    }
    return render(request, "registration/account_security.html", context)


# Demo only (seed_demo refuses to run without DEBUG): fixed TOTP keys so that `manage.py demo_otp USER`
# can print the current code of the demo accounts that must use two-factor authentication.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238 test key, never a real secret


def seed_demo_devices(stdout=None) -> None:
    from .models import User

    users = User.objects.filter(username__in=["coordinatrice", "admin", "coordinatrice.saumur", "admin.national"])
    for user in users:
        TOTPDevice.objects.update_or_create(
            user=user,
            name="Démonstration",
            defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
        )
    if stdout is not None:
        stdout.write(
            f"Double authentification : {users.count()} compte(s) de démonstration équipé(s) ; "
            "code du moment : python manage.py demo_otp <identifiant>."
        )


def current_code(user) -> str | None:
    from django_otp.oath import totp

    device = (
        TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.filter(user=user).first()
    )
    if device is None:
        return None
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"
