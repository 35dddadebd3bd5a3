"""The access log: authentication events in the audit trail, and its purge after ACCESS_LOG_RETENTION_DAYS
(django-axes' own records of attempts included).

Nothing typed at the login form is stored: no username, no password. A failed login or a lockout is attached to
the account it targeted when that account exists (as the entry's object, not its author), so the coordinator sees
it in the account's log; otherwise the entry has no object and no territory (visible in Django's admin only).
The IP address stays out of the audit trail: it goes to the `cite_emploi.auth` log lines only (docs/data-protection.md).
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..enums import ACCESS_LOG_PURGED_ACTIONS, AUTH_ACTIONS
from ..models import AuditEntry, User
from .audit import audit_record

logger = logging.getLogger(__name__)


def _account(username):
    if not username:
        return None
    return User.objects.select_related("organisation").filter(username=username).first()


def auth_event_record(
    *, action: str, user=None, username: str | None = None, account=None, detail: str = ""
) -> AuditEntry:
    """Record a login, logout, failed login or lockout. `username` is only used to find the account, never stored;
    `account` is the account a failed attempt targeted when the caller already knows it (a ProConnect identity
    matched to a deactivated account); `detail` says how (« ProConnect », a refusal code), never who."""
    if action not in AUTH_ACTIONS:
        raise ValueError(f"Événement d'authentification inconnu : {action}")
    if user is not None and getattr(user, "is_authenticated", False):
        return audit_record(actor=user, action=action, detail=detail)
    if account is None:
        account = _account(username)
    return audit_record(
        actor=None,
        action=action,
        obj=account,
        territory_id=account.territory_id if account is not None else None,
        detail=detail,
    )


def access_log_purge(*, now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Delete the access traces older than `days` (ACCESS_LOG_RETENTION_DAYS). Anonymisation entries are kept."""
    days = settings.ACCESS_LOG_RETENTION_DAYS if days is None else days
    before = (now or timezone.now()) - datetime.timedelta(days=days)
    with transaction.atomic():
        deleted, _ = AuditEntry.objects.filter(created_at__lt=before, action__in=ACCESS_LOG_PURGED_ACTIONS).delete()
        axes_deleted = _axes_records_purge(before)
    logger.info(
        "Journal des accès : %s entrée(s) de plus de %s jours supprimée(s), %s trace(s) django-axes",
        deleted,
        days,
        axes_deleted,
    )
    return deleted


def _axes_records_purge(before) -> int:
    """django-axes keeps the username and address of each attempt (AccessAttempt, AccessLog, AccessFailureLog):
    the same delay applies to them."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return sum(
        model.objects.filter(attempt_time__lt=before).delete()[0]
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    )
