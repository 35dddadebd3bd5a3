"""The catalogue of action sheets shared between Cités.

A `PublishedSheet` is one action's entry in the catalogue; each publication is a `SheetVersion` whose `data` is the
whole sheet (schema v1, docs/action-sheet.md) frozen at that moment: later changes of the action never change it.
Republishing adds a version. A `SheetCopy` records that a territory copied a sheet into a new action of its own
(the provenance: which sheet, which version, from which territory). The links point down (catalogue → actions):
actions never imports the catalogue.
"""

import uuid

from django.conf import settings
from django.db import models

from actions.models import Action
from partners.models import Territory

from .enums import SheetOrigin
from .querysets import PublishedSheetQuerySet, SheetCopyQuerySet

SCHEMA_VERSION = "1"


class PublishedSheet(models.Model):
    """One action in the catalogue. The columns under « current version » repeat the latest version's data for
    searching and filtering; the version's JSON is what is shown and exported."""

    uid = models.UUIDField("identifiant d'échange", default=uuid.uuid4, unique=True, editable=False)
    territory = models.ForeignKey(
        Territory,
        verbose_name="territoire qui la publie",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Le territoire qui a publié la fiche sur ce déploiement, ou qui l'a importée.",
    )
    action = models.OneToOneField(
        Action,
        verbose_name="action d'origine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalogue_sheet",
    )
    origin = models.CharField("origine", max_length=20, choices=SheetOrigin.choices, default=SheetOrigin.LOCAL)
    is_published = models.BooleanField("publiée", default=True)
    unpublished_at = models.DateTimeField("retirée le", null=True, blank=True)
    # current version, repeated for the catalogue's filters and search
    current_version = models.PositiveIntegerField("version en cours", default=1)
    published_at = models.DateTimeField("publiée le")
    title = models.CharField("intitulé", max_length=200)
    origin_territory = models.CharField("Cité d'origine", max_length=200)
    barrier_categories = models.JSONField("freins visés", default=list, blank=True)
    public_categories = models.JSONField("publics", default=list, blank=True)
    result_classes = models.JSONField("classes de résultats publiées", default=list, blank=True)
    total_cost = models.DecimalField("coût total (€)", max_digits=12, decimal_places=2, default=0)
    search_text = models.TextField("texte de recherche (normalisé)", blank=True, editable=False)

    objects = PublishedSheetQuerySet.as_manager()

    class Meta:
        verbose_name = "fiche publiée"
        verbose_name_plural = "fiches publiées"
        ordering = ["-published_at", "title"]

    def __str__(self):
        return f"{self.title} ({self.origin_territory}, v{self.current_version})"


class SheetVersion(models.Model):
    """One publication of a sheet: the whole document, frozen."""

    sheet = models.ForeignKey(PublishedSheet, verbose_name="fiche", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("version")
    schema_version = models.CharField("version du schéma", max_length=10, default=SCHEMA_VERSION)
    data = models.JSONField("fiche (schéma v1)")
    published_at = models.DateTimeField("publiée le")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="publiée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "version de fiche"
        verbose_name_plural = "versions de fiche"
        ordering = ["sheet", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "number"],
                name="catalogue_one_version_number_per_sheet",
                violation_error_message="Cette version de la fiche existe déjà.",
            ),
        ]

    def __str__(self):
        return f"{self.sheet_id} v{self.number}"


class SheetCopy(models.Model):
    """A territory copied a sheet into a new draft action of its own: the provenance, read by both sides."""

    sheet = models.ForeignKey(PublishedSheet, verbose_name="fiche", on_delete=models.PROTECT, related_name="copies")
    version = models.PositiveIntegerField("version copiée")
    source_title = models.CharField("intitulé de la fiche", max_length=200)
    source_territory = models.CharField("Cité d'origine", max_length=200)
    action = models.OneToOneField(
        Action, verbose_name="action créée", on_delete=models.CASCADE, related_name="catalogue_copy"
    )
    territory = models.ForeignKey(
        Territory, verbose_name="territoire qui l'a copiée", on_delete=models.PROTECT, related_name="+"
    )
    suggested_budget = models.JSONField("budget de l'action d'origine (suggestion)", default=dict, blank=True)
    copied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="copiée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    copied_at = models.DateTimeField("copiée le", auto_now_add=True)

    objects = SheetCopyQuerySet.as_manager()

    class Meta:
        verbose_name = "copie d'une fiche"
        verbose_name_plural = "copies de fiches"
        ordering = ["-copied_at", "-id"]

    def __str__(self):
        return f"{self.source_title} v{self.version} → action {self.action_id}"
