"""What the team records about a person: barriers (and their transitions), follow-ups and situations."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from cite_emploi import date_rules
from cite_emploi.formatting import format_number

from ..enums import (
    BARRIER_TRANSITIONS,
    EMPLOYMENT_SITUATIONS,
    FIXED_TERM_SITUATIONS,
    BarrierCategory,
    BarrierStatus,
    FollowUpKind,
    OutcomeClass,
    SituationKind,
    outcome_class_for,
)
from ..querysets import (
    BarrierQuerySet,
    BarrierTransitionQuerySet,
    FollowUpQuerySet,
    SituationQuerySet,
)
from .job_seeker import JobSeeker, file_url


class Barrier(models.Model):
    """A barrier to employment (frein périphérique) with a dated lifecycle.

    `action` links it to the action of the Cité that addresses it (actions app), when there is one.
    """

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="barriers"
    )
    category = models.CharField("catégorie", max_length=20, choices=BarrierCategory.choices)
    status = models.CharField("état", max_length=20, choices=BarrierStatus.choices, default=BarrierStatus.IDENTIFIED)
    identified_on = models.DateField("identifié le")
    started_on = models.DateField("levée engagée le", null=True, blank=True)
    lifted_on = models.DateField("levé le", null=True, blank=True)
    closed_on = models.DateField("clos le", null=True, blank=True, help_text="Levé, non levé ou abandonné.")
    comment = models.TextField("commentaire", blank=True)
    action = models.ForeignKey(
        "actions.Action",
        verbose_name="action mobilisée",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="barriers",
        help_text="L'action de la Cité qui aide à lever ce frein, le cas échéant.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name="organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    objects = BarrierQuerySet.as_manager()

    class Meta:
        verbose_name = "frein"
        verbose_name_plural = "freins"
        ordering = ["identified_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=BarrierStatus.LIFTED) & Q(lifted_on__isnull=False))
                | (~Q(status=BarrierStatus.LIFTED) & Q(lifted_on__isnull=True)),
                name="barrier_lifted_on_iff_lifted",
                violation_error_message="La date de levée se renseigne quand, et seulement quand, le frein est levé.",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("identified_on")),
                name="barrier_closed_after_identified",
                violation_error_message="Un frein ne peut être clos avant d'avoir été identifié.",
            ),
        ]

    def __str__(self):
        return self.get_category_display()

    def get_absolute_url(self):
        return file_url(self.job_seeker_id, "freins")

    @property
    def can_be_lifted(self) -> bool:
        """Offered as a one-click "Levé" on the file when the lifecycle allows it from the current state."""
        return BarrierStatus.LIFTED in BARRIER_TRANSITIONS[BarrierStatus(self.status)]

    def clean(self):
        errors = {}
        for name in ("identified_on", "started_on", "lifted_on", "closed_on"):
            if message := date_rules.fact_date_error(getattr(self, name)):
                errors[name] = message
        if errors:
            raise ValidationError(errors)


class BarrierTransition(models.Model):
    """The log of a barrier's status changes: from, to, on which date, by whom."""

    barrier = models.ForeignKey(Barrier, verbose_name="frein", on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField("état précédent", max_length=20, choices=BarrierStatus.choices, blank=True)
    to_status = models.CharField("nouvel état", max_length=20, choices=BarrierStatus.choices)
    on = models.DateField("date")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("enregistré le", auto_now_add=True)

    objects = BarrierTransitionQuerySet.as_manager()

    class Meta:
        verbose_name = "changement d'état d'un frein"
        verbose_name_plural = "changements d'état des freins"
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


class FollowUp(models.Model):
    """An entry of the journal: the summary is shared with the team, the confidential note is not."""

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="follow_ups"
    )
    date = models.DateField("date")
    kind = models.CharField("type", max_length=30, choices=FollowUpKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "partners.Organisation", verbose_name="organisation", on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField("synthèse partagée", help_text="Visible par les partenaires de l'équipe de suivi.")
    confidential_note = models.TextField(
        "note confidentielle", blank=True, help_text="Visible seulement dans votre organisation."
    )
    next_step = models.CharField("prochaine étape", max_length=250, blank=True)
    next_step_due = models.DateField("échéance de la prochaine étape", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = "suivi"
        verbose_name_plural = "suivis"
        ordering = ["-date", "-id"]
        indexes = [
            # "The latest follow-up of each person" (file, lists, what is due) reads this index backwards.
            models.Index(F("job_seeker"), F("date").desc(), F("id").desc(), name="follow_up_latest_per_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_step_due__isnull=True) | ~Q(next_step=""),
                name="follow_up_due_date_needs_next_step",
                violation_error_message="Une échéance accompagne une prochaine étape : décrivez l'étape.",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return file_url(self.job_seeker_id, "journal")

    def clean(self):
        if message := date_rules.fact_date_error(self.date):
            raise ValidationError({"date": message})


class Situation(models.Model):
    """The person's employment situation on a date. Its outcome class is derived (from the kind and, for a
    fixed-term contract, from the contract's dates), stored for the reports, never typed."""

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="situations"
    )
    date = models.DateField("date")
    situation = models.CharField("situation", max_length=30, choices=SituationKind.choices)
    contract_start = models.DateField(
        "début du contrat", null=True, blank=True, help_text="Pour un emploi : date de début du contrat."
    )
    contract_end = models.DateField(
        "fin du contrat",
        null=True,
        blank=True,
        help_text="Obligatoire pour un CDD, une mission d'intérim, un contrat d'apprentissage ou de professionnalisation "
        "(6 mois ou plus : emploi durable).",
    )
    weekly_hours = models.DecimalField(
        "heures par semaine",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("48"))],
        help_text="Durée hebdomadaire du travail (48 heures au plus).",
    )
    contract_dates_estimated = models.BooleanField(
        "dates du contrat estimées",
        default=False,
        editable=False,
        help_text="Dates reprises d'une ancienne saisie par durée (« 6 mois ou plus », « moins de 6 mois »).",
    )
    outcome_class = models.CharField(
        "classe de sortie", max_length=30, choices=OutcomeClass.choices, editable=False, default=OutcomeClass.AUTRE
    )
    employer = models.CharField("employeur ou organisme", max_length=200, blank=True)
    comment = models.TextField("commentaire", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisie par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name="organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    objects = SituationQuerySet.as_manager()

    class Meta:
        verbose_name = "situation"
        verbose_name_plural = "situations"
        ordering = ["date", "id"]
        indexes = [
            # "The current situation of each person" (lists, API, milestones) is one index probe per person.
            models.Index(F("job_seeker"), F("date").desc(), F("id").desc(), name="situation_latest_per_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_start__isnull=True)
                | Q(contract_end__isnull=True)
                | Q(contract_end__gte=F("contract_start")),
                name="situation_contract_ends_after_start",
                violation_error_message="La fin du contrat ne peut précéder son début.",
            ),
        ]

    def __str__(self):
        return f"{self.get_situation_display()} au {self.date:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.refresh_outcome_class()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "outcome_class"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return file_url(self.job_seeker_id, "situations-titre")

    def refresh_outcome_class(self) -> None:
        self.outcome_class = outcome_class_for(self.situation, self.contract_start, self.contract_end)

    def clean(self):
        errors = {}
        for name in ("date",):
            if message := date_rules.fact_date_error(getattr(self, name)):
                errors[name] = message
        if self.situation in FIXED_TERM_SITUATIONS:
            if self.contract_end is None:
                errors["contract_end"] = (
                    "Indiquez la date de fin du contrat : la classe (emploi durable à partir de 6 mois) en dépend."
                )
        elif self.situation not in EMPLOYMENT_SITUATIONS and (
            self.contract_start or self.contract_end or self.weekly_hours is not None
        ):
            errors["situation"] = "Les dates du contrat et les heures par semaine se renseignent pour un emploi."
        if self.contract_end and self.contract_start is None and self.date:
            self.contract_start = self.date
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            errors["contract_end"] = "La fin du contrat ne peut précéder son début."
        if errors:
            raise ValidationError(errors)
        self.refresh_outcome_class()

    @property
    def weekly_hours_label(self) -> str:
        """« 35 h par semaine », « 17,5 h par semaine »; empty when unknown."""
        if self.weekly_hours is None:
            return ""
        decimals = 0 if self.weekly_hours == self.weekly_hours.to_integral_value() else 1
        return f"{format_number(self.weekly_hours, decimals)} h par semaine"

    @property
    def lasts_label(self) -> str:
        """« du 01/02/2026 au 31/07/2026 » for the file; empty when no date is known."""
        if self.contract_start and self.contract_end:
            return f"du {self.contract_start:%d/%m/%Y} au {self.contract_end:%d/%m/%Y}"
        if self.contract_start:
            return f"depuis le {self.contract_start:%d/%m/%Y}"
        return ""
