"""The people who take part in an action, the results they reach, and the collective workshops."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from cite_emploi import date_rules

from ..enums import ParticipationStatus
from ..querysets import ParticipationOutcomeQuerySet, ParticipationQuerySet, WorkshopQuerySet


class Participation(models.Model):
    """A cohort member, or a person outside the cohort recorded under a pseudonym, taking part in an action."""

    action = models.ForeignKey(
        "actions.Action", verbose_name="action", on_delete=models.CASCADE, related_name="participations"
    )
    job_seeker = models.ForeignKey(
        "cohorts.JobSeeker",
        verbose_name="personne de la cohorte",
        on_delete=models.PROTECT,
        related_name="participations",
        null=True,
        blank=True,
    )
    participant_label = models.CharField(
        "pseudonyme",
        max_length=60,
        blank=True,
        help_text="Pour une personne hors cohorte : un pseudonyme (ex. « Famille 12 »), jamais son nom.",
    )
    single_parent = models.BooleanField("parent isolé", default=False)
    children_count = models.PositiveSmallIntegerField("nombre d'enfants", default=0)
    enrolled_on = models.DateField("date d'inscription")
    left_on = models.DateField("date de sortie", null=True, blank=True)
    status = models.CharField(
        "inscription", max_length=20, choices=ParticipationStatus.choices, default=ParticipationStatus.ENROLLED
    )
    enrolled_by = models.ForeignKey(
        "partners.Organisation",
        verbose_name="inscrit par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("saisi le", auto_now_add=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = "participation"
        verbose_name_plural = "participations"
        ordering = ["enrolled_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(job_seeker__isnull=False) | ~Q(participant_label=""),
                name="participation_person_or_pseudonym",
                violation_error_message="Choisissez une personne de la cohorte ou saisissez un pseudonyme.",
            ),
            models.UniqueConstraint(
                fields=["action", "job_seeker"],
                condition=Q(job_seeker__isnull=False),
                name="participation_unique_job_seeker_per_action",
                violation_error_message="Cette personne participe déjà à cette action.",
            ),
            models.UniqueConstraint(
                fields=["action", "participant_label"],
                condition=Q(job_seeker__isnull=True),
                name="participation_unique_pseudonym_per_action",
                violation_error_message="Ce pseudonyme est déjà utilisé dans cette action.",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("enrolled_on")),
                name="participation_left_after_enrolled",
                violation_error_message="La date de sortie ne peut pas précéder la date d'inscription.",
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("actions:detail", args=[self.action_id])

    @property
    def display_name(self) -> str:
        if self.job_seeker_id:
            return self.job_seeker.full_name
        return self.participant_label

    def clean(self):
        super().clean()
        if self.job_seeker_id and self.participant_label:
            raise ValidationError({"participant_label": "Le pseudonyme est réservé aux personnes hors cohorte."})
        if self.job_seeker_id and self.action_id and self.job_seeker.territory_id != self.action.territory_id:
            raise ValidationError({"job_seeker": "Cette personne n'est pas du territoire de l'action."})


class ParticipationOutcome(models.Model):
    """A result reached by a participant, among the outcome types her action records."""

    participation = models.ForeignKey(
        Participation, verbose_name="participation", on_delete=models.CASCADE, related_name="outcomes"
    )
    outcome_type = models.ForeignKey(
        "actions.OutcomeType", verbose_name="résultat", on_delete=models.PROTECT, related_name="outcomes"
    )
    achieved_on = models.DateField("date")
    created_at = models.DateTimeField("saisi le", auto_now_add=True)

    objects = ParticipationOutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = "résultat d'un participant"
        verbose_name_plural = "résultats des participants"
        ordering = ["achieved_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "outcome_type"],
                name="participation_outcome_once",
                violation_error_message="Ce résultat est déjà enregistré pour ce participant.",
            )
        ]

    def __str__(self):
        return f"{self.outcome_type} ({self.achieved_on})"

    def audit_job_seeker_id(self):
        """The person whose file logs this outcome (`cohorts.file_log`)."""
        return self.participation.job_seeker_id

    def clean(self):
        super().clean()
        if self.participation_id and self.outcome_type_id:
            if self.outcome_type.action_id != self.participation.action_id:
                raise ValidationError({"code": "Ce type de résultat n'est pas un de ceux de l'action."})
            if self.achieved_on and self.achieved_on < self.participation.enrolled_on:
                raise ValidationError({"achieved_on": "Un résultat ne peut pas précéder l'inscription."})
        if message := date_rules.fact_date_error(self.achieved_on):
            raise ValidationError({"achieved_on": message})


class Workshop(models.Model):
    """A collective session of an action (e.g. a parenting workshop), with who attended."""

    action = models.ForeignKey(
        "actions.Action", verbose_name="action", on_delete=models.CASCADE, related_name="workshops"
    )
    date = models.DateField("date")
    topic = models.CharField("thème", max_length=200)
    attendees = models.ManyToManyField(Participation, verbose_name="présents", blank=True, related_name="workshops")

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = "atelier collectif"
        verbose_name_plural = "ateliers collectifs"
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.topic} ({self.date})"
