"""Reconnection to mainstream schemes (droit commun), recorded as results for a person of the cohort."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from cite_emploi import date_rules

from ..enums import Scheme
from ..querysets import SchemeConnectionQuerySet
from .job_seeker import JobSeeker, file_url


class SchemeConnection(models.Model):
    """The person was registered with, or reconnected to, a mainstream scheme on a date, with an organisation."""

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="scheme_connections"
    )
    scheme = models.CharField("dispositif", max_length=20, choices=Scheme.choices)
    date = models.DateField("date")
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name="organisme du dispositif",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="L'organisation qui porte le dispositif (France Travail, Mission locale, PLIE, Département…).",
    )
    comment = models.CharField("précision", max_length=250, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisie par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        "partners.Organisation",
        verbose_name="saisie par l'organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    objects = SchemeConnectionQuerySet.as_manager()

    class Meta:
        verbose_name = "raccrochage à un dispositif"
        verbose_name_plural = "raccrochages aux dispositifs de droit commun"
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_seeker", "scheme", "date"],
                name="scheme_connection_once_per_day",
                violation_error_message="Ce raccrochage est déjà enregistré à cette date.",
            )
        ]

    def __str__(self):
        return f"{self.get_scheme_display()} le {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return file_url(self.job_seeker_id, "dispositifs-titre")

    def clean(self):
        errors = {}
        if message := date_rules.fact_date_error(self.date):
            errors["date"] = message
        if (
            self.organisation_id
            and self.job_seeker_id
            and self.organisation.territory_id != self.job_seeker.territory_id
        ):
            errors["organisation"] = "Cette organisation n'appartient pas au territoire."
        if errors:
            raise ValidationError(errors)
