"""The person's consent to the sharing of her file, recorded before it is shared (issue 15: referrals)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from cite_emploi import date_rules

from ..enums import ConsentPurpose
from ..querysets import ConsentQuerySet
from .job_seeker import JobSeeker


class Consent(models.Model):
    """She agreed, on `given_on`, that her file be shared with `organisation` for `purpose`; she may withdraw it.

    A referral to an organisation can only be sent while such a consent is in force (referrals.services). The
    consent itself is not a document the software keeps: the advisor records that it was given and when.
    """

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField("objet", max_length=20, choices=ConsentPurpose.choices)
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name="organisation concernée",
        on_delete=models.PROTECT,
        related_name="+",
    )
    given_on = models.DateField("recueilli le")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField("enregistré le", auto_now_add=True)
    withdrawn_on = models.DateField("retiré le", null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = "consentement au partage"
        verbose_name_plural = "consentements au partage"
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_seeker", "purpose", "organisation"],
                condition=Q(withdrawn_on__isnull=True),
                name="consent_one_in_force",
                violation_error_message="Un consentement au même partage est déjà en vigueur.",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
                violation_error_message="Le retrait ne peut précéder le recueil du consentement.",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} — {self.organisation}"

    def get_absolute_url(self):
        return reverse("cohorts:job_seeker_detail", args=[self.job_seeker_id])

    def clean(self):
        errors = {}
        if message := date_rules.fact_date_error(self.given_on):
            errors["given_on"] = message
        if message := date_rules.fact_date_error(self.withdrawn_on):
            errors["withdrawn_on"] = message
        elif self.withdrawn_on and self.given_on and self.withdrawn_on < self.given_on:
            errors["withdrawn_on"] = "Le retrait ne peut précéder le recueil du consentement."
        if (
            self.organisation_id
            and self.job_seeker_id
            and self.organisation.territory_id != self.job_seeker.territory_id
        ):
            errors["organisation"] = "Cette organisation n'appartient pas au territoire."
        if errors:
            raise ValidationError(errors)

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None
