from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from ..enums import GroupKind
from ..querysets import WorkingGroupQuerySet
from .core import Territory, User


class WorkingGroup(models.Model):
    """A body of the partnership: the technical group, a follow-up group (groupe de suivi), the strategic committee.

    The technical group's member organisations are those marked `technical_group_member`; its `members` are their
    representatives. A follow-up group's members are front-line advisors.
    """

    territory = models.ForeignKey(Territory, verbose_name="territoire", on_delete=models.PROTECT, related_name="groups")
    kind = models.CharField("type", max_length=30, choices=GroupKind.choices)
    name = models.CharField("nom", max_length=200)
    description = models.TextField("description", blank=True)
    members = models.ManyToManyField(User, verbose_name="membres", related_name="working_groups", blank=True)
    is_active = models.BooleanField("actif", default=True)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "groupe"
        verbose_name_plural = "groupes"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                "territory",
                "kind",
                condition=Q(kind__in=[GroupKind.TECHNICAL_GROUP, GroupKind.STRATEGIC_COMMITTEE]),
                name="group_one_technical_group_and_committee_per_territory",
                violation_error_message="Ce territoire a déjà un groupe technique ou un comité stratégique de ce type.",
            ),
            models.UniqueConstraint(
                "territory",
                Lower("name"),
                name="group_unique_name_per_territory",
                violation_error_message="Un groupe porte déjà ce nom sur ce territoire.",
            ),
        ]

    def __str__(self):
        return self.name
