from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from rest_framework.authtoken.models import Token

from ..enums import AuditAction, OrganisationKind, Role
from ..querysets import AuditEntryQuerySet, OrganisationQuerySet, TerritoryQuerySet, UserManager


class Territory(models.Model):
    """A Cité de l'emploi's territory (e.g. Angers Loire Métropole): the first scope of every access."""

    name = models.CharField("nom", max_length=200, unique=True)
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    department = models.CharField("département", max_length=3, help_text="Ex. 49 pour le Maine-et-Loire.")
    publishes_benchmarks = models.BooleanField(
        "publie ses indicateurs aux autres Cités",
        default=False,
        db_default=False,  # rows inserted outside the ORM (bulk loads, older migrations' states) need no value
        help_text=(
            "Si coché, les coordinations des autres territoires voient le nom du territoire à côté de ses indicateurs "
            "de comparaison (toujours anonymisés, sous le secret statistique). Sinon, elles ne le voient que fondu "
            "dans la distribution (médiane, quartiles)."
        ),
    )

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = "territoire"
        verbose_name_plural = "territoires"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    territory = models.ForeignKey(
        Territory, verbose_name="territoire", on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField("nom", max_length=200)
    short_name = models.CharField("nom court", max_length=60, blank=True)
    kind = models.CharField("type", max_length=30, choices=OrganisationKind.choices)
    technical_group_member = models.BooleanField("membre du groupe technique", default=False)
    contact_email = models.EmailField("courriel de contact", blank=True)
    contact_phone = models.CharField("téléphone de contact", max_length=30, blank=True)
    address = models.CharField("adresse", max_length=250, blank=True)
    website = models.URLField("site internet", blank=True)
    siret = models.CharField(
        "SIRET",
        max_length=14,
        blank=True,
        db_default="",  # rows inserted outside the ORM (bulk loads, older migrations' states) need no value
        validators=[RegexValidator(r"^\d{14}$", "Le SIRET compte 14 chiffres, sans espace.")],
        help_text="14 chiffres. Quand il est renseigné, une connexion ProConnect doit venir de cet établissement.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Une organisation inactive reste dans l'historique mais n'est plus proposée."
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "territory",
                Lower("name"),
                name="organisation_unique_name_per_territory",
                violation_error_message="Une organisation porte déjà ce nom sur ce territoire.",
            )
        ]

    def __str__(self):
        return self.short_name or self.name


class User(AbstractUser):
    """A person who signs in. Her territory is her organisation's; her role says what she may do."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        help_text="Obligatoire sauf pour un super-utilisateur technique.",
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.ADVISOR)
    proconnect_sub = models.CharField(
        "identifiant ProConnect",
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="L'identifiant (« sub ») de l'identité ProConnect reliée à ce compte à sa première connexion.",
    )

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["last_name", "first_name", "username"]

    def save(self, *args, **kwargs):
        """A new password (changed, reset, set in the admin or by `changepassword`) ends her API token too,
        as Django's session hash ends her other sessions: whoever held the old secret loses the access.

        `_password` is Django's own marker of a password set since the last save (what drives
        `password_validation.password_changed`); a hash upgrade at login does not set it.
        """
        password_changed = self._password is not None
        super().save(*args, **kwargs)
        if password_changed:
            Token.objects.filter(user=self).delete()

    @property
    def territory(self):
        return self.organisation.territory if self.organisation_id else None

    @property
    def territory_id(self):
        return self.organisation.territory_id if self.organisation_id else None


class AuditEntry(models.Model):
    """Who did what to which object, and when. Free text never holds personal data: ids and field names only."""

    created_at = models.DateTimeField("date", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name="auteur", on_delete=models.SET_NULL, null=True, related_name="audit_entries"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    territory = models.ForeignKey(
        Territory, verbose_name="territoire", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField("action", max_length=20, choices=AuditAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, verbose_name="type d'objet")
    object_id = models.CharField("identifiant de l'objet", max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    fields = models.JSONField("champs concernés", default=list, blank=True)
    detail = models.CharField("précision", max_length=200, blank=True, help_text="Jamais de donnée personnelle.")

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "entrée du journal d'audit"
        verbose_name_plural = "journal d'audit"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"{self.get_action_display()} {self.content_type_id}:{self.object_id}"

    @property
    def target_url(self) -> str:
        """Where the entry's object lives (its `get_absolute_url`), or '' (deleted, or nowhere to go).
        Prefetch `target` on a list of entries: one query per kind of object, not one per entry."""
        target = self.target if self.content_type_id and self.object_id else None
        get_url = getattr(target, "get_absolute_url", None)
        return get_url() if get_url else ""
