"""The yearly cohorts of a territory."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cite_emploi import date_rules

from ..querysets import (
    CohortQuerySet,
)


class Cohort(models.Model):
    territory = models.ForeignKey(
        "partners.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="cohorts"
    )
    label = models.CharField("libellé", max_length=120)
    year = models.PositiveSmallIntegerField("année")
    start_date = models.DateField("date de début")
    target_size = models.PositiveSmallIntegerField("effectif visé", default=90)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = "cohorte"
        verbose_name_plural = "cohortes"
        ordering = ["-year", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year"],
                name="cohort_unique_year_per_territory",
                violation_error_message="Une cohorte existe déjà pour cette année sur ce territoire.",
            ),
            models.CheckConstraint(
                condition=Q(target_size__gte=1),
                name="cohort_target_size_positive",
                violation_error_message="L'effectif visé doit être d'au moins une personne.",
            ),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        errors = {}
        latest = timezone.localdate().year + 1
        if self.year is not None and not date_rules.EARLIEST.year <= self.year <= latest:
            errors["year"] = f"Année invraisemblable : entre {date_rules.EARLIEST.year} et {latest}."
        elif self.year is not None and self.start_date and self.start_date.year != self.year:
            errors["start_date"] = f"La cohorte {self.year} commence en {self.year}."
        if errors:
            raise ValidationError(errors)
