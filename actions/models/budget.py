"""The State's yearly envelope and what is committed on it."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from cite_emploi import date_rules
from partners.models import Territory

from ..enums import BudgetCategory, CommitmentStatus
from ..querysets import CommitmentQuerySet, EnvelopeQuerySet

DEFAULT_ENVELOPE_AMOUNT = Decimal("100000.00")
DEFAULT_FUNDER = "État — crédits politique de la ville"


class Envelope(models.Model):
    """One per year and territory. The sum of its non-cancelled commitments never exceeds its amount."""

    territory = models.ForeignKey(Territory, verbose_name="territoire", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("année")
    amount = models.DecimalField("montant (€)", max_digits=12, decimal_places=2, default=DEFAULT_ENVELOPE_AMOUNT)
    funder = models.CharField("financeur", max_length=120, default=DEFAULT_FUNDER)

    objects = EnvelopeQuerySet.as_manager()

    class Meta:
        verbose_name = "enveloppe"
        verbose_name_plural = "enveloppes"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year"],
                name="envelope_one_per_year_and_territory",
                violation_error_message="Une enveloppe existe déjà pour cette année sur ce territoire.",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="envelope_amount_not_negative",
                violation_error_message="Le montant de l'enveloppe ne peut pas être négatif.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2020) & Q(year__lte=2100),
                name="envelope_year_plausible",
                violation_error_message="L'année doit être comprise entre 2020 et 2100.",
            ),
        ]

    def __str__(self):
        return f"Enveloppe {self.year}"


class Commitment(models.Model):
    """Money committed on an envelope, for an action or for running costs: committed → paid | cancelled.

    Once paid, a commitment is frozen: a mistake is corrected by cancelling it with a reason and recording a new
    commitment that `replaces` it (services.commitment_correct). On PostgreSQL a trigger (migration 0003) refuses
    any other change of a paid commitment, whatever the path (admin, shell, SQL).
    """

    envelope = models.ForeignKey(
        Envelope, verbose_name="enveloppe", on_delete=models.PROTECT, related_name="commitments"
    )
    action = models.ForeignKey(
        "actions.Action",
        verbose_name="action",
        on_delete=models.PROTECT,
        related_name="commitments",
        null=True,
        blank=True,
    )
    category = models.CharField("catégorie", max_length=30, choices=BudgetCategory.choices)
    label = models.CharField("libellé", max_length=200)
    amount = models.DecimalField("montant (€)", max_digits=12, decimal_places=2)
    committed_on = models.DateField("date d'engagement")
    status = models.CharField(
        "statut", max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.COMMITTED
    )
    paid_on = models.DateField("date de paiement", null=True, blank=True)
    cofunding_source = models.CharField(
        "cofinancement associé",
        max_length=120,
        null=True,
        blank=True,
        help_text="Ex. FSE+ quand la dépense est cofinancée.",
    )
    cancellation_reason = models.TextField("motif d'annulation", blank=True, default="")
    replaces = models.ForeignKey(
        "self",
        verbose_name="remplace l'engagement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="L'engagement payé, annulé pour correction, que celui-ci remplace.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("saisi le", auto_now_add=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = "engagement"
        verbose_name_plural = "engagements"
        ordering = ["-committed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="commitment_amount_positive",
                violation_error_message="Le montant d'un engagement doit être positif.",
            ),
            models.CheckConstraint(
                condition=(Q(status=CommitmentStatus.PAID) & Q(paid_on__isnull=False))
                | (Q(status=CommitmentStatus.COMMITTED) & Q(paid_on__isnull=True))
                | Q(status=CommitmentStatus.CANCELLED),
                name="commitment_paid_on_when_paid",
                violation_error_message="La date de paiement est requise pour un engagement payé, "
                "et interdite pour un engagement en cours.",
            ),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | ~Q(status=CommitmentStatus.CANCELLED) | ~Q(cancellation_reason=""),
                name="commitment_paid_then_cancelled_has_reason",
                violation_error_message="L'annulation d'un engagement payé doit être motivée.",
            ),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | Q(paid_on__gte=F("committed_on")),
                name="commitment_paid_after_committed",
                violation_error_message="Le paiement ne peut pas précéder l'engagement.",
            ),
        ]
        indexes = [models.Index(fields=["envelope", "status"], name="commitment_envelope_status_idx")]

    def __str__(self):
        return f"{self.label} ({self.amount} €)"

    @property
    def is_frozen(self) -> bool:
        """Paid (or paid then cancelled for correction): nothing of it changes any more."""
        return self.paid_on is not None

    def clean(self):
        super().clean()
        if self.action_id and self.envelope_id and self.action.territory_id != self.envelope.territory_id:
            raise ValidationError({"action": "L'action doit être du territoire de l'enveloppe."})
        errors = {}
        if self.envelope_id and (
            message := date_rules.within_year_error(
                self.committed_on, self.envelope.year, what="La date d'engagement", owner="de l'enveloppe"
            )
        ):
            errors["committed_on"] = message
        if message := date_rules.fact_date_error(self.paid_on):
            errors["paid_on"] = message
        if errors:
            raise ValidationError(errors)
