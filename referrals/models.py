"""Referrals (orientations) from one partner organisation to another, for a person, with their lifecycle."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from cohorts.enums import BarrierCategory

from .enums import ReferralStatus
from .querysets import ReferralQuerySet, ReferralTransitionQuerySet


class Referral(models.Model):
    """`from_organisation` asks `to_organisation` to take a person on, for a reason and a barrier it addresses.

    sent → accepted (the receiving organisation joins the person's follow-up team) | declined (with a reason) |
    expired (no answer by `expires_at`, REFERRAL_EXPIRY_DAYS after sending; the beat task `referrals.expire`).
    Sent only while the person's consent to the sharing with the receiving organisation is in force (`consent`).
    """

    territory = models.ForeignKey(
        "partners.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="+"
    )
    job_seeker = models.ForeignKey(
        "cohorts.JobSeeker", verbose_name="personne", on_delete=models.CASCADE, related_name="referrals"
    )
    from_organisation = models.ForeignKey(
        "partners.Organisation", verbose_name="orientée par", on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "partners.Organisation", verbose_name="orientée vers", on_delete=models.PROTECT, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="envoyée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField("motif de l'orientation", max_length=2000)
    barrier = models.ForeignKey(
        "cohorts.Barrier",
        verbose_name="frein visé",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    barrier_category = models.CharField(
        "catégorie de frein visée", max_length=30, choices=BarrierCategory.choices, blank=True
    )
    consent = models.ForeignKey(
        "cohorts.Consent",
        verbose_name="consentement au partage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    status = models.CharField("état", max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    sent_at = models.DateTimeField("envoyée le", default=timezone.now)
    expires_at = models.DateTimeField("expire le")
    answered_at = models.DateTimeField("réponse le", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="réponse de",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decline_reason = models.TextField("motif du refus", max_length=2000, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = "orientation"
        verbose_name_plural = "orientations"
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["status", "expires_at"], name="referral_pending_expiry")]
        constraints = [
            models.UniqueConstraint(
                fields=["job_seeker", "to_organisation"],
                condition=Q(status=ReferralStatus.SENT),
                name="referral_one_pending_per_receiver",
                violation_error_message="Une orientation de cette personne vers cette organisation attend déjà sa "
                "réponse.",
            ),
            models.CheckConstraint(
                condition=~Q(from_organisation=F("to_organisation")),
                name="referral_between_two_organisations",
                violation_error_message="Une organisation ne s'oriente pas une personne à elle-même.",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.DECLINED) | ~Q(decline_reason=""),
                name="referral_decline_has_reason",
                violation_error_message="Un refus s'enregistre avec son motif.",
            ),
            models.CheckConstraint(
                condition=Q(status=ReferralStatus.SENT, answered_at__isnull=True)
                | (~Q(status=ReferralStatus.SENT) & Q(answered_at__isnull=False)),
                name="referral_answered_at_once_closed",
                violation_error_message="Une orientation close porte la date de sa réponse ou de son expiration.",
            ),
        ]

    def __str__(self):
        return f"Orientation n° {self.pk} vers {self.to_organisation}"

    def get_absolute_url(self):
        return reverse("referrals:detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == ReferralStatus.SENT

    @property
    def days_to_answer(self) -> int | None:
        if self.answered_at is None or self.status == ReferralStatus.EXPIRED:
            return None
        return (self.answered_at - self.sent_at).days


class ReferralTransition(models.Model):
    """The log of a referral's lifecycle (who moved it, when); `actor` is empty for an expiry by the beat task."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReferralTransitionQuerySet.as_manager()

    class Meta:
        verbose_name = "étape d'une orientation"
        verbose_name_plural = "étapes des orientations"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_from_status_display() or 'création'} → {self.get_to_status_display()}"
