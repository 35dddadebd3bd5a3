"""Authentication events: session timestamps, and a log line per event without password or personal data."""

import logging
import time

from axes.signals import user_locked_out
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_otp.models import Device

from cite_emploi.client_ip import client_ip

from .backends import PROCONNECT_BACKEND
from .enums import AuditAction
from .middleware import SESSION_LAST_SEEN, SESSION_LOGIN_AT

logger = logging.getLogger("cite_emploi.auth")


def _address(request) -> str:
    return (client_ip(request) or "?") if getattr(request, "META", None) is not None else "?"


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_LOGIN_AT] = now
        request.session[SESSION_LAST_SEEN] = now
    logger.info("connexion réussie user_id=%s ip=%s", user.pk, _address(request))
    _audit(AuditAction.LOGIN, user=user, detail=_method(user, request))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    logger.info("déconnexion user_id=%s ip=%s", getattr(user, "pk", None), _address(request))
    if user is not None:
        _audit(AuditAction.LOGOUT, user=user, detail=_method(user, request))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # The username typed may be a person's name: it is not logged.
    logger.warning("échec de connexion ip=%s", _address(request))
    _audit(AuditAction.LOGIN_FAILED, username=(credentials or {}).get("username"))


@receiver(user_locked_out)
def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    logger.warning("compte verrouillé après échecs répétés ip=%s", ip_address or _address(request))
    _audit(AuditAction.LOCKOUT, username=username)


def _method(user, request) -> str:
    """How the session was opened, as Django recorded it (`user.backend` at login, the session's backend at logout):
    only ProConnect is named."""
    backend = getattr(user, "backend", None)
    if backend is None and request is not None and hasattr(request, "session"):
        backend = request.session.get(BACKEND_SESSION_KEY)
    return "ProConnect" if backend == PROCONNECT_BACKEND else ""


def _audit(action, *, user=None, username=None, detail=""):
    """The same event in the audit trail (the access log the coordinator reads): no username, no password."""
    from .services import auth_event_record

    auth_event_record(action=action, user=user, username=username, detail=detail)


@receiver(post_save)
@receiver(post_delete)
def on_device_change(sender, instance, **kwargs):
    """A two-factor device was confirmed, throttled or deleted: forget what the cache says about it."""
    if isinstance(instance, Device):
        from .two_factor import forget_devices

        forget_devices(instance)
