"""FSE+ operations (Regulation (EU) 2021/1057 and 2021/1060): the operation and its money, the participants' Annex I
data, and the end-of-operation report (bilan d'exécution).

An operation groups one or more co-funded actions (`actions.Action`) for a period. Its participants are the
participations of those actions (`actions.Participation`): for a person of the cohort, what her file holds (sex, birth
date, labour-market status, education, RQTH) is copied at entry and only the missing FSE+ fields are asked; for a
person outside the cohort, a short participant form gives her identity and the same fields. A participation recorded
only under a pseudonym (« Famille 12 ») cannot be declared: it is counted as such.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from cite_emploi import date_rules
from cite_emploi.dates import add_months

from .enums import (
    AgeBand,
    Answer,
    ClaimStatus,
    CofundingStatus,
    CostCategory,
    EducationLevel,
    FlatRateBase,
    LabourMarketStatus,
    ReportStatus,
    Sex,
    age_band,
)
from .querysets import OperationChildQuerySet, OperationQuerySet, ParticipantQuerySet, ReportQuerySet

CENT = Decimal("0.01")
EVIDENCE_YEARS = 5  # Regulation (EU) 2021/1060, art. 82: 31 December of the year of the last payment + 5 years
SIX_MONTHS = 6


def money_field(label, **kwargs):
    return models.DecimalField(label, max_digits=12, decimal_places=2, **kwargs)


class Operation(models.Model):
    """An FSE+ operation as programmed by the managing authority (« Ma Démarche FSE+ »)."""

    territory = models.ForeignKey(
        "partners.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(
        "numéro de l'opération", max_length=40, help_text="Le numéro donné par Ma Démarche FSE+, ex. « 202400123 »."
    )
    title = models.CharField("intitulé", max_length=200)
    actions = models.ManyToManyField(
        "actions.Action", verbose_name="actions cofinancées", related_name="fse_operations", blank=True
    )
    cofunding = models.ForeignKey(
        "actions.CoFunding",
        verbose_name="cofinancement de l'action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="La ligne « FSE+ » des cofinancements de l'action, que l'opération détaille (les autres financeurs "
        "restent sur l'action).",
    )
    period_start = models.DateField("début de la période de réalisation")
    period_end = models.DateField("fin de la période de réalisation")
    cofunding_rate = models.DecimalField(
        "taux de cofinancement FSE+ (%)", max_digits=5, decimal_places=2, default=Decimal("60.00")
    )
    status = models.CharField(
        "état du cofinancement", max_length=20, choices=CofundingStatus.choices, default=CofundingStatus.REQUESTED
    )
    requested_on = models.DateField("demandé le")
    amount_requested = money_field("montant FSE+ demandé (€)")
    programmed_on = models.DateField("programmé le", null=True, blank=True)
    amount_programmed = money_field("montant FSE+ programmé (€)", null=True, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = OperationQuerySet.as_manager()

    class Meta:
        verbose_name = "opération FSE+"
        verbose_name_plural = "opérations FSE+"
        ordering = ["-period_start", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "number"],
                name="fse_operation_unique_number",
                violation_error_message="Une opération porte déjà ce numéro sur le territoire.",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="fse_operation_period_order",
                violation_error_message="La fin de la période ne peut pas précéder son début.",
            ),
            models.CheckConstraint(
                condition=Q(cofunding_rate__gt=0) & Q(cofunding_rate__lte=100),
                name="fse_operation_rate_range",
                violation_error_message="Le taux de cofinancement est compris entre 0 et 100 %.",
            ),
            models.CheckConstraint(
                condition=Q(amount_requested__gte=0)
                & (Q(amount_programmed__isnull=True) | Q(amount_programmed__gte=0)),
                name="fse_operation_amounts_not_negative",
                violation_error_message="Les montants ne peuvent pas être négatifs.",
            ),
            models.CheckConstraint(
                condition=Q(status="requested") | (Q(programmed_on__isnull=False) & Q(amount_programmed__isnull=False)),
                name="fse_operation_programmed_has_date_and_amount",
                violation_error_message="Une opération programmée a une date et un montant programmé.",
            ),
        ]

    def __str__(self):
        return f"Opération FSE+ n° {self.number}"

    def get_absolute_url(self):
        action = self.actions.order_by("pk").first()
        return reverse("fse:operation_detail", args=[action.pk if action else 0, self.pk])

    def clean(self):
        errors = {}
        for name in ("requested_on", "programmed_on"):
            if message := date_rules.fact_date_error(getattr(self, name)):
                errors[name] = message
        if self.programmed_on and self.requested_on and self.programmed_on < self.requested_on:
            errors["programmed_on"] = "La programmation ne peut pas précéder la demande."
        if errors:
            raise ValidationError(errors)

    @property
    def expected_fse(self) -> Decimal:
        """What the FSE+ should pay: the programmed amount, else the requested one."""
        return self.amount_programmed if self.amount_programmed is not None else self.amount_requested


class CostLine(models.Model):
    """A line of the eligible cost plan (plan de financement), by category."""

    operation = models.ForeignKey(
        Operation, verbose_name="opération", on_delete=models.CASCADE, related_name="cost_lines"
    )
    category = models.CharField("catégorie", max_length=30, choices=CostCategory.choices)
    label = models.CharField("libellé", max_length=200)
    amount = money_field("montant éligible prévu (€)")

    objects = OperationChildQuerySet.as_manager()

    class Meta:
        verbose_name = "ligne du plan de financement"
        verbose_name_plural = "lignes du plan de financement"
        ordering = ["category", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="fse_cost_line_amount_positive",
                violation_error_message="Le montant d'une ligne doit être positif.",
            )
        ]

    def __str__(self):
        return f"{self.get_category_display()} — {self.label}"


class FlatRate(models.Model):
    """A simplified cost option of the operation: a category paid at a flat rate of a base (art. 54 to 56 RPDC),
    e.g. indirect costs at 15 % of direct staff costs, or the remaining costs at 40 % of them."""

    operation = models.ForeignKey(
        Operation, verbose_name="opération", on_delete=models.CASCADE, related_name="flat_rates"
    )
    covers = models.CharField("catégorie couverte", max_length=30, choices=CostCategory.choices)
    base = models.CharField("assiette", max_length=30, choices=FlatRateBase.choices)
    rate = models.DecimalField("taux (%)", max_digits=5, decimal_places=2)

    objects = OperationChildQuerySet.as_manager()

    class Meta:
        verbose_name = "taux forfaitaire"
        verbose_name_plural = "taux forfaitaires"
        ordering = ["covers"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "covers"],
                name="fse_flat_rate_once_per_category",
                violation_error_message="Cette catégorie a déjà un taux forfaitaire.",
            ),
            models.CheckConstraint(
                condition=Q(rate__gt=0) & Q(rate__lte=100),
                name="fse_flat_rate_range",
                violation_error_message="Le taux forfaitaire est compris entre 0 et 100 %.",
            ),
        ]

    def __str__(self):
        return f"{self.get_covers_display()} : {self.rate} % de {self.get_base_display().lower()}"

    def base_categories(self) -> tuple[str, ...]:
        if self.base == FlatRateBase.DIRECT_STAFF:
            return (CostCategory.DIRECT_STAFF,)
        return tuple(c for c in CostCategory.values if c != CostCategory.INDIRECT and c != self.covers)

    def amount_on(self, by_category: dict[str, Decimal]) -> Decimal:
        base = sum((by_category.get(c, Decimal(0)) for c in self.base_categories()), Decimal(0))
        return (base * self.rate / 100).quantize(CENT, ROUND_HALF_UP)


class PaymentClaim(models.Model):
    """A claim for payment (demande de paiement) sent to the managing authority, and what it paid."""

    operation = models.ForeignKey(Operation, verbose_name="opération", on_delete=models.CASCADE, related_name="claims")
    number = models.PositiveSmallIntegerField("numéro")
    submitted_on = models.DateField("déposée le", null=True, blank=True)
    status = models.CharField("état", max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    amount_claimed = money_field("FSE+ demandé (€)")
    paid_on = models.DateField("payée le", null=True, blank=True)
    amount_received = money_field("FSE+ reçu (€)", null=True, blank=True)

    objects = OperationChildQuerySet.as_manager()

    class Meta:
        verbose_name = "demande de paiement"
        verbose_name_plural = "demandes de paiement"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "number"],
                name="fse_claim_unique_number",
                violation_error_message="Une demande de paiement porte déjà ce numéro.",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | (Q(paid_on__isnull=False) & Q(amount_received__isnull=False)),
                name="fse_claim_paid_has_date_and_amount",
                violation_error_message="Une demande payée a une date de paiement et un montant reçu.",
            ),
            models.CheckConstraint(
                condition=Q(amount_claimed__gte=0) & (Q(amount_received__isnull=True) | Q(amount_received__gte=0)),
                name="fse_claim_amounts_not_negative",
                violation_error_message="Les montants ne peuvent pas être négatifs.",
            ),
        ]

    def __str__(self):
        return f"Demande de paiement n° {self.number}"

    def clean(self):
        errors = {}
        for name in ("submitted_on", "paid_on"):
            if message := date_rules.fact_date_error(getattr(self, name)):
                errors[name] = message
        if self.paid_on and self.submitted_on and self.paid_on < self.submitted_on:
            errors["paid_on"] = "Le paiement ne peut pas précéder le dépôt de la demande."
        if self.status == ClaimStatus.PAID and (self.paid_on is None or self.amount_received is None):
            errors["paid_on"] = "Indiquez la date du paiement et le montant reçu."
        if errors:
            raise ValidationError(errors)


class Expense(models.Model):
    """A real expense of the operation (not of a category paid at a flat rate), possibly declared in a claim."""

    operation = models.ForeignKey(
        Operation, verbose_name="opération", on_delete=models.CASCADE, related_name="expenses"
    )
    category = models.CharField("catégorie", max_length=30, choices=CostCategory.choices)
    label = models.CharField("libellé", max_length=200)
    amount = money_field("montant (€)")
    incurred_on = models.DateField("date de la dépense")
    claim = models.ForeignKey(
        PaymentClaim,
        verbose_name="déclarée dans",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenses",
    )

    objects = OperationChildQuerySet.as_manager()

    class Meta:
        verbose_name = "dépense"
        verbose_name_plural = "dépenses"
        ordering = ["incurred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="fse_expense_amount_positive",
                violation_error_message="Le montant d'une dépense doit être positif.",
            )
        ]

    def __str__(self):
        return f"{self.label} ({self.amount} €)"

    def clean(self):
        if message := date_rules.fact_date_error(self.incurred_on):
            raise ValidationError({"incurred_on": message})


class Participant(models.Model):
    """A participant of an operation: the Annex I data at entry, upon leaving and six months after leaving.

    The entry data is a snapshot taken when the participant is recorded (Annex I counts the situation *at entry*):
    for a person of the cohort, copied from her file; the identity of a person outside the cohort is typed once in
    the participant form. The identity of a cohort person is read from her file, and copied here only when her file
    is anonymised while the FSE+ evidence must still be kept (fse.retention).
    """

    operation = models.ForeignKey(
        Operation, verbose_name="opération", on_delete=models.PROTECT, related_name="participants"
    )
    participation = models.OneToOneField(
        "actions.Participation", verbose_name="participation", on_delete=models.PROTECT, related_name="fse_participant"
    )
    # identity: outside the cohort (participant form), or kept from the file when it is anonymised (fse.retention)
    last_name = models.CharField("nom", max_length=100, blank=True)
    first_name = models.CharField("prénom", max_length=100, blank=True)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    # at entry
    entered_on = models.DateField("entrée dans l'opération")
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices, blank=True)
    age_at_entry = models.PositiveSmallIntegerField("âge à l'entrée", null=True, blank=True, editable=False)
    labour_market_status = models.CharField(
        "situation sur le marché du travail à l'entrée", max_length=30, choices=LabourMarketStatus.choices, blank=True
    )
    education_level = models.CharField(
        "niveau d'études (CITE)", max_length=20, choices=EducationLevel.choices, blank=True
    )
    # sensitive characteristics (RGPD art. 9): "" = not asked yet
    disability = models.CharField("personne handicapée", max_length=10, choices=Answer.choices, blank=True)
    third_country_national = models.CharField(
        "ressortissant de pays tiers", max_length=10, choices=Answer.choices, blank=True
    )
    foreign_background = models.CharField(
        "personne d'origine étrangère", max_length=10, choices=Answer.choices, blank=True
    )
    minority = models.CharField("minorité", max_length=10, choices=Answer.choices, blank=True)
    homeless = models.CharField(
        "sans domicile ou exclue du logement", max_length=10, choices=Answer.choices, blank=True
    )
    rural_area = models.CharField("habitant en zone rurale", max_length=10, choices=Answer.choices, blank=True)
    # upon leaving (within four weeks): None = not recorded (the cohort's situation history is read then)
    left_on = models.DateField("sortie de l'opération", null=True, blank=True)
    leaving_job_searching = models.BooleanField("en recherche d'emploi à la sortie", null=True, blank=True)
    leaving_in_education = models.BooleanField("en études ou en formation à la sortie", null=True, blank=True)
    leaving_qualification = models.BooleanField("a obtenu une qualification à la sortie", null=True, blank=True)
    leaving_employed = models.BooleanField("en emploi (y compris indépendant) à la sortie", null=True, blank=True)
    # six months after leaving
    six_months_checked_on = models.DateField("situation à 6 mois vérifiée le", null=True, blank=True)
    six_months_employed = models.BooleanField("en emploi (y compris indépendant) 6 mois après", null=True, blank=True)
    six_months_improved = models.BooleanField(
        "situation sur le marché du travail améliorée 6 mois après", null=True, blank=True
    )
    six_months_reminded_on = models.DateField("rappel de la vérification à 6 mois envoyé le", null=True, blank=True)
    identity_erased_on = models.DateField(
        "preuves anonymisées le",
        null=True,
        blank=True,
        editable=False,
        help_text="Fin de la conservation des preuves FSE+ : identité effacée, indicateurs gardés (fse.retention).",
    )
    created_at = models.DateTimeField("saisi le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = "participant FSE+"
        verbose_name_plural = "participants FSE+"
        ordering = ["entered_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("entered_on")),
                name="fse_participant_left_after_entry",
                violation_error_message="La sortie ne peut pas précéder l'entrée dans l'opération.",
            ),
            models.CheckConstraint(
                condition=Q(six_months_checked_on__isnull=True) | Q(left_on__isnull=False),
                name="fse_participant_six_months_after_leaving",
                violation_error_message="La situation à 6 mois se vérifie après la sortie.",
            ),
        ]

    def __str__(self):
        return f"Participant FSE+ n° {self.pk}"

    def save(self, *args, **kwargs):
        self.refresh_age()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "age_at_entry"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "fse:participant_edit", args=[self.participation.action_id, self.operation_id, self.participation_id]
        )

    def audit_job_seeker_id(self):
        """The person whose file logs this record (`cohorts.file_log`)."""
        return self.participation.job_seeker_id

    @property
    def job_seeker(self):
        return self.participation.job_seeker if self.participation.job_seeker_id else None

    @property
    def identity_birth_date(self) -> datetime.date | None:
        if self.birth_date is not None:
            return self.birth_date
        person = self.job_seeker
        return person.birth_date if person is not None and person.anonymised_on is None else None

    def refresh_age(self) -> None:
        born = self.identity_birth_date
        if born is None or self.entered_on is None:
            return
        self.age_at_entry = (
            self.entered_on.year - born.year - ((self.entered_on.month, self.entered_on.day) < (born.month, born.day))
        )

    @property
    def age_band(self) -> str:
        return age_band(self.age_at_entry)

    @property
    def age_band_label(self) -> str:
        return AgeBand(self.age_band).label if self.age_band else ""

    @property
    def six_months_due_on(self) -> datetime.date | None:
        return add_months(self.left_on, SIX_MONTHS) if self.left_on else None

    def clean(self):
        errors = {}
        for name in ("entered_on", "left_on", "six_months_checked_on"):
            if message := date_rules.fact_date_error(getattr(self, name)):
                errors[name] = message
        if self.six_months_checked_on and self.left_on and self.six_months_checked_on < self.left_on:
            errors["six_months_checked_on"] = "La vérification à 6 mois se fait après la sortie."
        if self.birth_date and self.entered_on and self.birth_date >= self.entered_on:
            errors["birth_date"] = "La date de naissance doit précéder l'entrée dans l'opération."
        elif message := date_rules.birth_date_error(self.birth_date, self.entered_on):
            errors["birth_date"] = message
        if errors:
            raise ValidationError(errors)


def report_upload_to(instance, filename):
    return f"fse/bilans/{instance.operation.territory_id}/{filename}"


class ExecutionReport(models.Model):
    """The end-of-operation report (bilan d'exécution), an anonymised PDF built by a Celery worker."""

    operation = models.ForeignKey(Operation, verbose_name="opération", on_delete=models.CASCADE, related_name="reports")
    status = models.CharField("état", max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    error = models.TextField("erreur", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="demandé par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    file = models.FileField("fichier", upload_to=report_upload_to, blank=True)
    file_size = models.PositiveIntegerField("taille (octets)", null=True, blank=True)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True)
    page_count = models.PositiveSmallIntegerField("pages", null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "bilan d'exécution"
        verbose_name_plural = "bilans d'exécution"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Bilan d'exécution n° {self.pk}"

    def filename(self) -> str:
        return f"bilan-execution-{self.operation.number}-{self.pk}.pdf"
