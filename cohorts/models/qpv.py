"""The quartiers prioritaires de la politique de la ville (QPV)."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower

from ..querysets import (
    QPVQuerySet,
)

QPV_CODE_RE = r"^QN(\d{3}|02A|02B)\d{2}[A-Z]$"
qpv_code_validator = RegexValidator(
    QPV_CODE_RE,
    "Code QPV invalide : il s'écrit QN, le département sur 3 caractères, 2 chiffres et une lettre (ex. QN04901M).",
)


class QPV(models.Model):
    """A priority neighbourhood (quartier prioritaire de la politique de la ville) of the territory."""

    territory = models.ForeignKey(
        "partners.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="qpvs"
    )
    code = models.CharField(
        "code officiel",
        max_length=8,
        null=True,
        blank=True,
        unique=True,
        validators=[qpv_code_validator],
        help_text="Vide tant que la liste nationale n'est pas importée.",
    )
    name = models.CharField("nom", max_length=200)
    commune = models.CharField("commune", max_length=120)

    objects = QPVQuerySet.as_manager()

    class Meta:
        verbose_name = "QPV"
        verbose_name_plural = "QPV"
        ordering = ["commune", "name"]
        constraints = [
            models.UniqueConstraint(
                "territory",
                Lower("commune"),
                Lower("name"),
                name="qpv_unique_name_per_commune",
                violation_error_message="Ce QPV existe déjà pour cette commune.",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.commune})"
