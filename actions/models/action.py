"""Innovative actions, the outcome types each one records, its status log and its co-funding."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from cohorts.enums import OutcomeClass
from partners.models import Organisation, Territory

from ..enums import ActionStatus, BarrierCategory
from ..querysets import ActionQuerySet, CoFundingQuerySet, OutcomeTypeQuerySet


def validate_barrier_categories(value):
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError("Les freins visés doivent être une liste de codes.")
    unknown = sorted(set(value) - set(BarrierCategory.values))
    if unknown:
        raise ValidationError(f"Catégorie(s) de frein inconnue(s) : {', '.join(unknown)}.")
    if len(set(value)) != len(value):
        raise ValidationError("Une catégorie de frein est en double.")


class Action(models.Model):
    """An innovative action built or mobilised by the coordination to lift barriers (e.g. Par'Emploi)."""

    territory = models.ForeignKey(Territory, verbose_name="territoire", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    objectives = models.TextField("objectifs", blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, verbose_name="structure porteuse", on_delete=models.PROTECT, related_name="led_actions"
    )
    partner_organisations = models.ManyToManyField(
        Organisation, verbose_name="partenaires", blank=True, related_name="partner_actions"
    )
    barrier_categories = models.JSONField(
        "freins visés", default=list, blank=True, validators=[validate_barrier_categories]
    )
    status = models.CharField("statut", max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    start_date = models.DateField("date de début")
    end_date = models.DateField("date de fin", null=True, blank=True)
    capacity = models.PositiveIntegerField(
        "places", null=True, blank=True, help_text="Laisser vide si le nombre de places n'est pas limité."
    )
    fse_plus_cofunded = models.BooleanField("cofinancée par le FSE+", default=False)
    shared_nationally = models.BooleanField("partagée sur la plateforme nationale", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = "action"
        verbose_name_plural = "actions"
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="action_end_after_start",
                violation_error_message="La date de fin ne peut pas précéder la date de début.",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="action_capacity_positive",
                violation_error_message="Le nombre de places doit être positif.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.lead_organisation_id and self.territory_id and self.lead_organisation.territory_id != self.territory_id:
            raise ValidationError({"lead_organisation": "La structure porteuse doit être du territoire."})

    def barrier_category_labels(self) -> list[str]:
        labels = dict(BarrierCategory.choices)
        return [labels.get(code, code) for code in self.barrier_categories]


class ActionTransition(models.Model):
    """The log of an action's status changes (who, when, from, to)."""

    action = models.ForeignKey(Action, verbose_name="action", on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField("ancien statut", max_length=20, choices=ActionStatus.choices)
    to_status = models.CharField("nouveau statut", max_length=20, choices=ActionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("date", auto_now_add=True)

    class Meta:
        verbose_name = "changement de statut d'action"
        verbose_name_plural = "changements de statut d'action"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class OutcomeType(models.Model):
    """A result an action records for its participants (e.g. « solution de garde pérenne »)."""

    action = models.ForeignKey(Action, verbose_name="action", on_delete=models.CASCADE, related_name="outcome_types")
    code = models.SlugField("code", max_length=60)
    label = models.CharField("libellé", max_length=200)
    national_class = models.CharField(
        "compte comme",
        max_length=30,
        choices=OutcomeClass.choices,
        default=OutcomeClass.AUTRE,
        help_text="La classe nationale des sorties où ce résultat s'additionne à ceux de la cohorte (emploi durable : "
        "6 mois ou plus).",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    objects = OutcomeTypeQuerySet.as_manager()

    class Meta:
        verbose_name = "type de résultat"
        verbose_name_plural = "types de résultat"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "code"],
                name="outcome_type_unique_code_per_action",
                violation_error_message="Ce type de résultat existe déjà pour cette action.",
            )
        ]

    def __str__(self):
        return self.label


class CoFunding(models.Model):
    """Money from another funder than the State envelope for one action (FSE+, Département, CAF…)."""

    action = models.ForeignKey(Action, verbose_name="action", on_delete=models.CASCADE, related_name="cofundings")
    funder = models.CharField("financeur", max_length=120)
    amount = models.DecimalField("montant (€)", max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(
        "saisi le",
        auto_now_add=True,
        help_text="Un dossier de séance ne compte que les cofinancements saisis à la fin de sa période.",
    )

    objects = CoFundingQuerySet.as_manager()

    class Meta:
        verbose_name = "cofinancement"
        verbose_name_plural = "cofinancements"
        ordering = ["-amount", "funder"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="cofunding_amount_positive",
                violation_error_message="Le montant d'un cofinancement doit être positif.",
            ),
            models.UniqueConstraint(
                fields=["action", "funder"],
                name="cofunding_unique_funder_per_action",
                violation_error_message="Ce financeur figure déjà pour cette action : modifiez son montant.",
            ),
        ]

    def __str__(self):
        return f"{self.funder} : {self.amount} €"


class ActionDecision(models.Model):
    """A meeting decision about an action (launch, funding, review). Owned by actions: partners never points up."""

    decision = models.OneToOneField(
        "partners.Decision", verbose_name="décision", on_delete=models.CASCADE, related_name="action_link"
    )
    action = models.ForeignKey(
        Action, verbose_name="action concernée", on_delete=models.CASCADE, related_name="decisions"
    )

    class Meta:
        verbose_name = "décision concernant une action"
        verbose_name_plural = "décisions concernant une action"

    def __str__(self):
        return f"Décision {self.decision_id} → action {self.action_id}"
