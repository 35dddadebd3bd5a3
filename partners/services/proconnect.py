"""ProConnect sign-in: which account an identity may open, and the link by `sub` at the first sign-in.

No account is ever created from a ProConnect identity: accounts come from invitations (partners.services.accounts),
sent to the address the person now signs in with. The refusals carry a code (for the audit trail: never who) and
the account concerned when there is one (to say whom to ask: that territory's coordination).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ..enums import AuditAction
from ..models import Invitation, ProConnectDevice, User
from ..proconnect import Identity
from .access_log import auth_event_record
from .accounts import check_can_manage
from .audit import audit_record


class SignInRefused(Exception):
    """The identity is genuine but opens no account here; `reason` is one of REFUSAL_REASONS."""

    def __init__(self, reason: str, account: User | None = None):
        super().__init__(reason)
        self.reason = reason
        self.account = account


# Codes written in the audit trail (« ProConnect refusé : <code> »), and what the person reads.
REFUSAL_REASONS = {
    "unknown_email": "Aucun compte de la Cité de l'emploi ne correspond à l'adresse de votre identité ProConnect.",
    "invitation_pending": (
        "Une invitation vous attend à cette adresse, mais votre compte n'est pas encore créé : ouvrez le lien reçu "
        "par courriel pour le créer, puis revenez vous connecter avec ProConnect."
    ),
    "email_unverified": "ProConnect n'a pas pu garantir votre adresse électronique.",
    "ambiguous_email": "Plusieurs comptes portent l'adresse de votre identité ProConnect.",
    "other_identity": "Votre compte est déjà relié à une autre identité ProConnect.",
    "inactive": "Votre compte de la Cité de l'emploi est désactivé.",
    "no_organisation": "Ce compte technique n'est rattaché à aucune organisation : il se connecte par mot de passe.",
    "siret_mismatch": (
        "L'établissement (SIRET) de votre identité ProConnect n'est pas celui de l'organisation de votre compte."
    ),
}


def proconnect_account_for(*, identity: Identity) -> User:
    """The account this identity opens, or SignInRefused.

    1. An account already linked to this `sub` (ProConnect's stable identifier for the person).
    2. Otherwise the one account whose address is the identity's (case ignored) — the address the invitation was
       sent to, so proved by its acceptance — unless ProConnect says the address is not verified, or the account
       is already linked to another identity.
    Then: the account must be active and belong to an organisation; when both the organisation and ProConnect give
    a SIRET, they must be the same establishment.
    """
    accounts = User.objects.select_related("organisation__territory")
    user = accounts.filter(proconnect_sub=identity.sub).first()
    if user is None:
        if identity.email_verified is False:
            raise SignInRefused("email_unverified")
        candidates = list(accounts.filter(email__iexact=identity.email)[:2])
        if not candidates:
            pending = Invitation.objects.filter(email__iexact=identity.email, accepted_at__isnull=True)
            raise SignInRefused("invitation_pending" if pending.exists() else "unknown_email")
        if len(candidates) > 1:
            raise SignInRefused("ambiguous_email")
        user = candidates[0]
        if user.proconnect_sub and user.proconnect_sub != identity.sub:
            raise SignInRefused("other_identity", user)
    if not user.is_active:
        raise SignInRefused("inactive", user)
    if user.organisation_id is None:
        raise SignInRefused("no_organisation", user)
    expected_siret = user.organisation.siret
    if expected_siret and identity.siret and identity.siret != expected_siret:
        raise SignInRefused("siret_mismatch", user)
    return user


@transaction.atomic
def proconnect_link(*, user: User, sub: str) -> bool:
    """Link the account to the ProConnect identity at her first sign-in (the later ones find her by `sub`).
    Returns True when the link is new. Audited without the identifier itself."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.proconnect_sub == sub:
        return False
    if locked.proconnect_sub:
        raise SignInRefused("other_identity", user)
    locked.proconnect_sub = sub
    try:
        with transaction.atomic():
            locked.save(update_fields=["proconnect_sub"])
    except IntegrityError as exc:  # the same identity linked to another account in the meantime
        raise SignInRefused("other_identity", user) from exc
    user.proconnect_sub = sub
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=user, fields=["proconnect_sub"], detail="identité ProConnect reliée"
    )
    return True


def proconnect_refusal_record(*, refusal: SignInRefused | None = None, code: str = "") -> None:
    """A refused or failed ProConnect sign-in in the audit trail: the code, and the account when one was found."""
    reason = refusal.reason if refusal is not None else code
    auth_event_record(
        action=AuditAction.LOGIN_FAILED,
        account=refusal.account if refusal is not None else None,
        detail=f"ProConnect refusé : {reason}",
    )


def proconnect_second_factor_device(*, user: User) -> ProConnectDevice:
    """The django-otp device that marks a session whose second factor ProConnect asserted (one per account)."""
    device, _ = ProConnectDevice.objects.get_or_create(user=user, defaults={"name": "ProConnect", "confirmed": True})
    return device


@transaction.atomic
def proconnect_unlink(*, actor, user: User) -> None:
    """Undo the link (the person changed post, or the wrong identity was linked): her next ProConnect sign-in is
    matched by address again. By whoever manages the account (the coordination of her territory)."""
    check_can_manage(actor, user)
    if not user.proconnect_sub:
        raise ValidationError("Ce compte n'est relié à aucune identité ProConnect.")
    user.proconnect_sub = None
    user.save(update_fields=["proconnect_sub"])
    ProConnectDevice.objects.filter(user=user).delete()
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=user, fields=["proconnect_sub"], detail="identité ProConnect déliée"
    )
