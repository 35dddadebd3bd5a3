from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cite_emploi.french import french_date

from ..enums import AttendanceStatus, DecisionStatus, GroupKind, MeetingKind
from ..querysets import DecisionQuerySet, MeetingQuerySet
from .core import Organisation, Territory, User
from .groups import WorkingGroup


class Meeting(models.Model):
    territory = models.ForeignKey(
        Territory, verbose_name="territoire", on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField("instance", max_length=30, choices=MeetingKind.choices)
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name="groupe",
        on_delete=models.PROTECT,
        related_name="meetings",
        null=True,
        blank=True,
        help_text="Obligatoire pour un groupe de suivi.",
    )
    title = models.CharField("titre", max_length=200, blank=True)
    date = models.DateField("date")
    start_time = models.TimeField("heure de début", null=True, blank=True)
    location = models.CharField("lieu", max_length=250, blank=True)
    video_link = models.URLField("lien de visioconférence", blank=True)
    minutes = models.TextField("compte rendu", blank=True)
    created_by = models.ForeignKey(
        User, verbose_name="créée par", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "réunion"
        verbose_name_plural = "réunions"
        ordering = ["date", "start_time", "id"]
        indexes = [models.Index(fields=["territory", "kind", "date"], name="meeting_kind_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=GroupKind.FOLLOW_UP_GROUP) | Q(group__isnull=False),
                name="meeting_follow_up_group_has_group",
                violation_error_message="Une réunion de groupe de suivi doit indiquer son groupe.",
            )
        ]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} du {french_date(self.date)}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.group_id is not None and self.territory_id is not None:
            if self.group.territory_id != self.territory_id:
                raise ValidationError({"group": "Ce groupe n'appartient pas au territoire de la réunion."})
            if self.group.kind != self.kind:
                raise ValidationError({"group": "Ce groupe ne correspond pas au type de réunion."})


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name="réunion", on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField("rang")
    title = models.CharField("point", max_length=250)

    class Meta:
        verbose_name = "point de l'ordre du jour"
        verbose_name_plural = "points de l'ordre du jour"
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                "meeting",
                "position",
                name="agenda_item_unique_position",
                violation_error_message="Deux points de l'ordre du jour ne peuvent pas avoir le même rang.",
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


class Attendee(models.Model):
    """A person or an organisation invited to a meeting, and whether she came."""

    meeting = models.ForeignKey(Meeting, verbose_name="réunion", on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        User, verbose_name="personne", on_delete=models.PROTECT, null=True, blank=True, related_name="attendances"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
    )
    status = models.CharField(
        "présence", max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED
    )

    class Meta:
        verbose_name = "participant"
        verbose_name_plural = "participants"
        ordering = ["meeting", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True, organisation__isnull=False)
                | Q(user__isnull=False, organisation__isnull=True),
                name="attendee_person_or_organisation",
                violation_error_message="Un participant est soit une personne, soit une organisation.",
            ),
            models.UniqueConstraint(
                "meeting",
                "user",
                condition=Q(user__isnull=False),
                name="attendee_unique_person",
                violation_error_message="Cette personne est déjà dans la liste des participants.",
            ),
            models.UniqueConstraint(
                "meeting",
                "organisation",
                condition=Q(organisation__isnull=False),
                name="attendee_unique_organisation",
                violation_error_message="Cette organisation est déjà dans la liste des participants.",
            ),
        ]

    def __str__(self):
        return f"Participant {self.pk}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name="réunion", on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField("décision")
    owner = models.ForeignKey(
        User, verbose_name="responsable", on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    due_date = models.DateField("échéance", null=True, blank=True)
    status = models.CharField("état", max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.OPEN)
    status_changed_on = models.DateField("état modifié le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "décision"
        verbose_name_plural = "décisions"
        ordering = ["meeting", "id"]

    def __str__(self):
        return f"Décision {self.pk}"

    def get_absolute_url(self):
        return reverse("partners:meeting_detail", args=[self.meeting_id])

    @property
    def is_overdue(self) -> bool:
        """Still open after its due date: flagged wherever decisions are listed."""
        return self.status == DecisionStatus.OPEN and self.due_date is not None and self.due_date < timezone.localdate()


class ReminderSent(models.Model):
    """One meeting reminder per meeting and person: the reminder job may run twice, the mail leaves once."""

    meeting = models.ForeignKey(Meeting, verbose_name="réunion", on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(User, verbose_name="personne", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField("envoyé le", auto_now_add=True)

    class Meta:
        verbose_name = "rappel envoyé"
        verbose_name_plural = "rappels envoyés"
        constraints = [
            models.UniqueConstraint(
                "meeting",
                "user",
                name="reminder_once_per_meeting_and_person",
                violation_error_message="Le rappel de cette réunion a déjà été envoyé à cette personne.",
            )
        ]

    def __str__(self):
        return f"Rappel {self.meeting_id}/{self.user_id}"
