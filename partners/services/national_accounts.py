"""The national accounts (ANCT, DGEFP, the national administration), managed by a national administrator from the
pages instead of a superuser in Django's admin: invited by the territories' invitation path (`accounts._invite`: a
single-use link, she sets her own password), deactivated and reactivated, each change audited without personal
data. The last active national administrator is never deactivated: someone must still open the territories.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .. import perms
from ..enums import AuditAction, Role
from ..models import Invitation, User
from .accounts import _invite, close_access
from .audit import audit_record

LAST_ADMIN_MESSAGE = (
    "C'est le dernier compte d'administration nationale actif : il ne peut pas être désactivé. "
    "Invitez d'abord une autre administratrice ou un autre administrateur national."
)


def _check_actor(actor) -> None:
    if not perms.can_manage_national_accounts(actor):
        raise PermissionDenied("Seule l'administration nationale gère les comptes nationaux.")


@transaction.atomic
def national_account_invite(*, actor, email: str, first_name: str, last_name: str, role: str) -> tuple[Invitation, str]:
    """Invite a national viewer or a national administrator: the invitation link, valid 7 days, used once."""
    _check_actor(actor)
    if role not in perms.NATIONAL_ROLES:
        raise ValidationError({"role": "Choisissez un rôle national."})
    return _invite(
        actor=actor,
        email=email,
        first_name=first_name,
        last_name=last_name,
        organisation=None,
        role=role,
        detail=f"invitation {role} : compte national, par l'administration nationale",
    )


def _check_target(actor, user: User) -> None:
    _check_actor(actor)
    if not perms.is_national(user):
        raise ValidationError("Ce compte n'est pas un compte national.")
    if user.pk == actor.pk:
        raise ValidationError("Vous ne pouvez pas modifier votre propre compte ici.")


@transaction.atomic
def national_account_deactivate(*, actor, user: User) -> User:
    """She can no longer sign in; her API token, calendar secret and sessions are deleted.

    The active national administrators are locked first: two administrators deactivating each other at the same
    time leave one of them active (the second transaction re-reads the rows the first one changed).
    """
    _check_target(actor, user)
    active_admins = list(
        User.objects.national()
        .select_for_update()
        .filter(role=Role.NATIONAL_ADMIN, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if user.role == Role.NATIONAL_ADMIN and not [pk for pk in active_admins if pk != user.pk]:
        raise ValidationError(LAST_ADMIN_MESSAGE)
    sessions = close_access(user)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=user,
        fields=["is_active"],
        detail=f"compte national désactivé ; jeton d'API, agenda et {sessions} session(s) supprimés",
    )
    return user


@transaction.atomic
def national_account_reactivate(*, actor, user: User) -> User:
    _check_target(actor, user)
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=user, fields=["is_active"], detail="compte national réactivé"
    )
    return user
