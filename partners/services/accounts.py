"""People and roles: invitations, role changes, deactivation; the calendar feed's secret; API tokens."""

import hashlib
import secrets
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from .. import perms
from ..enums import AuditAction, Role
from ..models import CalendarToken, Invitation, Organisation, User
from ..tokens import api_token_is_expired
from .audit import audit_record


def personal_data_grant_notify(*, territory, what: str) -> None:
    """Tell every active coordinator of the territory that a role reading personal data was granted: a link to
    the people page, never a name or an address (the e-mail may be read outside the tool)."""
    recipients = list(
        User.objects.filter(organisation__territory=territory, role=Role.COORDINATOR, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    context = {"territory": territory, "what": what, "link": settings.SITE_URL + reverse("partners:user_list")}
    send_mail(
        subject="Cité de l'emploi : accès aux données personnelles accordé",
        message=render_to_string("partners/emails/personal_data_grant.txt", context),
        from_email=None,
        recipient_list=recipients,
    )


def _check_can_grant(actor, role: str) -> None:
    if role not in perms.assignable_roles(actor):
        if perms.grants_personal_data(role):
            raise ValidationError(
                {
                    "role": "Seule la coordination du territoire attribue un rôle qui donne accès aux données personnelles."
                }
            )
        raise ValidationError({"role": "Ce rôle ne peut pas être attribué ici."})


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_send(
    *, actor, email: str, first_name: str, last_name: str, organisation: Organisation, role: str
) -> tuple[Invitation, str]:
    """Invite a person of a partner organisation: email a single-use link valid 7 days. Returns (invitation, link)."""
    if not perms.can_manage_users(actor) or organisation.territory_id != actor.territory_id:
        raise ValidationError("Vous ne pouvez pas inviter de personne dans cette organisation.")
    _check_can_grant(actor, role)
    return _invite(
        actor=actor, email=email, first_name=first_name, last_name=last_name, organisation=organisation, role=role
    )


@transaction.atomic
def first_coordinator_invite(
    *, actor, email: str, first_name: str, last_name: str, organisation: Organisation
) -> tuple[Invitation, str]:
    """A territory's first coordinator, invited by the national administrator (from the interface) or by a superuser
    (`invite_first_coordinator`, the bootstrap path after `createsuperuser`).

    Refused once the territory has an active coordinator: from then on, its coordinators grant the roles.
    Audited in the territory's trail like any grant.
    """
    by_superuser = actor.is_authenticated and actor.is_superuser
    if not (by_superuser or perms.can_manage_territories(actor)):
        raise ValidationError("Seule l'administration nationale crée la première coordination d'un territoire.")
    if User.objects.filter(
        organisation__territory_id=organisation.territory_id, role=Role.COORDINATOR, is_active=True
    ).exists():
        raise ValidationError(
            "Ce territoire a déjà une coordination : c'est elle qui invite les autres coordinatrices et coordinateurs."
        )
    return _invite(
        actor=actor,
        email=email,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        role=Role.COORDINATOR,
        detail="première coordination du territoire, par "
        + ("un super-utilisateur" if by_superuser else "l'administration nationale"),
    )


def _invite(
    *,
    actor,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None,
    role: str,
    detail: str = "",
) -> tuple[Invitation, str]:
    """The one invitation path: a single-use link by e-mail (never a password), a hash of its token stored, an audit
    entry without personal data. `organisation` None: a national account (no territory, services.national_accounts)."""
    email = email.strip()
    if User.objects.filter(email__iexact=email).exists() or User.objects.filter(username__iexact=email).exists():
        raise ValidationError({"email": "Un compte existe déjà avec cette adresse."})
    # A new invitation replaces the one still pending for the same address in this territory (or nationally).
    same_scope = (
        Invitation.objects.filter(organisation__isnull=True)
        if organisation is None
        else Invitation.objects.for_territory(organisation.territory_id)
    )
    same_scope.filter(email__iexact=email, accepted_at__isnull=True).delete()
    territory = organisation.territory if organisation is not None else None
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        role=role,
        token_hash=token_hash(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=Invitation.VALIDITY_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    link = settings.SITE_URL + reverse("partners:invitation_accept", kwargs={"token": token})
    context = {
        "invitation": invitation,
        "link": link,
        "territory": territory,
        "days": Invitation.VALIDITY_DAYS,
    }
    send_mail(
        subject="Cité de l'emploi : votre invitation",
        message=render_to_string("partners/emails/invitation.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    grant = perms.grants_personal_data(role)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=invitation,
        fields=["organisation", "role"],
        detail=detail or (f"invitation {role}" + (" : accès aux données personnelles" if grant else "")),
        territory_id=territory.pk if territory is not None else None,
    )
    if grant:
        personal_data_grant_notify(territory=territory, what=f"invitation, rôle {Role(role).label}")
    return invitation, link


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation behind a link, if it can still be used (not accepted, not expired)."""
    invitation = (
        Invitation.objects.select_related("organisation__territory").filter(token_hash=token_hash(token)).first()
    )
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


def user_from_invitation(invitation: Invitation) -> User:
    """The account the invitation will create (unsaved): used to check the password against her own attributes."""
    return User(
        username=invitation.email.lower(),
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        organisation=invitation.organisation,
        role=invitation.role,
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    invitation = invitation_from_token(token)
    if invitation is None:
        raise ValidationError("Ce lien d'invitation n'est plus valable (déjà utilisé ou expiré).")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError("Ce lien d'invitation n'est plus valable (déjà utilisé ou expiré).")
    user = user_from_invitation(invitation)
    if User.objects.filter(username__iexact=user.username).exists():
        raise ValidationError("Un compte existe déjà avec cette adresse.")
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    audit_record(actor=user, action=AuditAction.CREATE, obj=user, detail=f"invitation {invitation.pk} acceptée")
    return user


def check_can_manage(actor, user: User) -> None:
    if not perms.can_manage_users(actor) or user.territory_id != actor.territory_id:
        raise ValidationError("Vous ne pouvez pas modifier ce compte.")
    if user.pk == actor.pk:
        raise ValidationError("Vous ne pouvez pas modifier votre propre compte ici.")
    if user.role == Role.ADMIN and actor.role != Role.ADMIN:
        raise ValidationError("Le compte d'un administrateur technique se gère dans l'administration.")


@transaction.atomic
def user_change_role(*, actor, user: User, role: str) -> User:
    check_can_manage(actor, user)
    _check_can_grant(actor, role)
    previous = user.role
    if previous == role:
        return user
    user.role = role
    user.save(update_fields=["role"])
    grant = perms.grants_personal_data(role)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=user,
        fields=["role"],
        detail=f"{previous} → {role}" + (" : accès aux données personnelles" if grant else ""),
    )
    if grant:
        personal_data_grant_notify(territory=user.territory, what=f"changement de rôle : {Role(role).label}")
    return user


def _delete_sessions_of(user: User) -> int:
    """Through the session engine, which also forgets the cached copy (SESSION_ENGINE cached_db)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    deleted = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()
            deleted += 1
    return deleted


def close_access(user: User) -> int:
    """She can no longer sign in: the account is inactive, her API token, calendar secret and sessions are deleted
    (the number of sessions is returned, for the audit entry). The caller has checked the right and audits."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    Token.objects.filter(user=user).delete()
    CalendarToken.objects.filter(user=user).delete()
    return _delete_sessions_of(user)


@transaction.atomic
def user_deactivate(*, actor, user: User) -> User:
    """Deactivate an account: she can no longer sign in, her API token, calendar secret and sessions are deleted."""
    check_can_manage(actor, user)
    sessions = close_access(user)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=user,
        fields=["is_active"],
        detail=f"compte désactivé ; jeton d'API, agenda et {sessions} session(s) supprimés",
    )
    return user


@transaction.atomic
def user_reactivate(*, actor, user: User) -> User:
    """Reactivating an account that reads personal data grants that access again: the coordination only."""
    check_can_manage(actor, user)
    grant = perms.grants_personal_data(user.role)
    if grant:
        _check_can_grant(actor, user.role)
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=user,
        fields=["is_active"],
        detail="compte réactivé" + (" : accès aux données personnelles" if grant else ""),
    )
    if grant:
        personal_data_grant_notify(territory=user.territory, what=f"compte réactivé, rôle {Role(user.role).label}")
    return user


@transaction.atomic
def calendar_token_regenerate(*, user: User) -> CalendarToken:
    """A new secret address for her calendar feed; the previous one stops working."""
    CalendarToken.objects.filter(user=user).delete()
    calendar = CalendarToken.objects.create(user=user, key=secrets.token_urlsafe(32))
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=user, fields=["calendar_token"], detail="agenda : nouvelle clé"
    )
    return calendar


@transaction.atomic
def calendar_token_revoke(*, user: User) -> None:
    deleted, _ = CalendarToken.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            actor=user, action=AuditAction.DELETE, obj=user, fields=["calendar_token"], detail="agenda : clé révoquée"
        )


@transaction.atomic
def api_token_issue(*, user: User) -> Token:
    """Her API token: the current one while it is valid, a new one once it has expired (API_TOKEN_TTL_DAYS)."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and not api_token_is_expired(token):
        return token
    if token is not None:
        token.delete()
    token = Token.objects.create(user=user)
    audit_record(actor=user, action=AuditAction.CREATE, obj=user, fields=["api_token"], detail="jeton d'API délivré")
    return token


@transaction.atomic
def api_token_revoke(*, user: User) -> bool:
    """She revokes her own API token (« Sécurité du compte »): scripts using it get 401 from now on."""
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            actor=user, action=AuditAction.DELETE, obj=user, fields=["api_token"], detail="jeton d'API révoqué"
        )
    return bool(deleted)
