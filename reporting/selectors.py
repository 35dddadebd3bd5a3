"""Reads of the reporting app shared by pages and API: packs, and what is due on the territory."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from cohorts.models import JobSeeker
from cohorts.selectors import due_conditions, with_due

from .models import MeetingPack, MeetingPackDownload


def packs_for(user):
    return MeetingPack.objects.for_user(user).select_related("meeting", "created_by", "cohort", "territory")


def downloads_of(user, pack):
    return (
        MeetingPackDownload.objects.for_user(user)
        .filter(pack=pack)
        .select_related("user", "organisation")
        .order_by("-downloaded_at")
    )


@dataclass(frozen=True)
class Due:
    late_next_steps: int
    milestones_to_record: int
    no_recent_contact: int


def whats_due(territory_id: int, today: datetime.date | None = None) -> Due:
    """Counts over the people of the territory, in ONE query whatever their number. The conditions are the cohort
    list's `?due=` filters (cohorts.selectors.due_conditions): each count equals the list it links to."""
    today = today or timezone.localdate()
    conditions = due_conditions(today)
    people = with_due(JobSeeker.objects.for_territory(territory_id), today)
    row = people.aggregate(**{name: Count("pk", filter=condition) for name, condition in conditions.items()})
    return Due(
        late_next_steps=row["next_step_late"],
        milestones_to_record=row["milestone_to_record"],
        no_recent_contact=row["no_recent_contact"],
    )
