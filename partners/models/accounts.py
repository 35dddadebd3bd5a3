from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django_otp.models import Device

from ..enums import Role
from ..querysets import InvitationQuerySet
from .core import Organisation, User


class Invitation(models.Model):
    """A single-use link sent by email: the invitee sets her own password and her account is created.

    Only a hash of the token is stored; the link itself is only in the email.
    """

    VALIDITY_DAYS = 7

    email = models.EmailField("courriel")
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.PROTECT,
        related_name="invitations",
        null=True,
        blank=True,
        help_text="Vide pour un compte national (observateur ou administrateur national), sans territoire.",
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.ADVISOR)
    token_hash = models.CharField("empreinte du jeton", max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, verbose_name="invitée par", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    expires_at = models.DateTimeField("expire le")
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    user = models.OneToOneField(
        User, verbose_name="compte créé", on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(accepted_at__isnull=True),
                name="invitation_one_pending_per_email",
                violation_error_message="Une invitation est déjà en attente pour cette adresse.",
            ),
            # a territory's roles with an organisation; the national roles without (no territory); never the
            # technical admin role, given in Django's admin
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, role__in=[Role.COORDINATOR, Role.ADVISOR, Role.VIEWER])
                | Q(organisation__isnull=True, role__in=[Role.NATIONAL_VIEWER, Role.NATIONAL_ADMIN]),
                name="invitation_role_matches_scope",
                violation_error_message=(
                    "Une invitation donne un rôle de territoire avec une organisation, ou un rôle national sans "
                    "organisation ; le rôle d'administrateur technique se donne dans l'administration."
                ),
            ),
        ]

    def __str__(self):
        return f"Invitation {self.pk}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class CalendarToken(models.Model):
    """The secret in a person's calendar feed URL (calendar apps cannot sign in). Revoked by deleting it."""

    user = models.OneToOneField(
        User, verbose_name="utilisateur", on_delete=models.CASCADE, related_name="calendar_token"
    )
    key = models.CharField("clé", max_length=64, unique=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "clé d'agenda"
        verbose_name_plural = "clés d'agenda"

    def __str__(self):
        return f"Agenda de l'utilisateur {self.user_id}"


class ProConnectDevice(Device):
    """The second factor asserted by ProConnect: the identity provider said the sign-in used several factors.

    django-otp marks a session verified through a device (`django_otp.login`); this one is that device for a
    ProConnect sign-in with a multi-factor level (partners.proconnect.asserts_mfa). It never checks a code
    (`verify_token` stays django-otp's default, False) and is not counted as a code device
    (partners.two_factor.has_code_device): a password sign-in still asks for the TOTP code.
    """

    class Meta:
        verbose_name = "second facteur ProConnect"
        verbose_name_plural = "seconds facteurs ProConnect"
