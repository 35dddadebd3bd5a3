"""Reads of the reporting app shared by pages and API: packs, and what is due on the territory."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, DateField, Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from cohorts.dates import NO_CONTACT_AFTER
from cohorts.enums import JobSeekerStatus
from cohorts.expressions import AddMonths, exit_date, window_end, window_start
from cohorts.models import FollowUp, JobSeeker, Situation
from cohorts.querysets import status_filter

from .models import MeetingPack, MeetingPackDownload


def packs_for(user):
    return MeetingPack.objects.for_user(user).select_related("meeting", "created_by", "cohort")


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


def _situation_around(milestone):
    """A situation recorded in the milestone's window (`milestone` is an expression on the outer person)."""
    return Exists(
        Situation.objects.filter(
            job_seeker=OuterRef("pk"), date__gte=window_start(milestone), date__lte=window_end(milestone)
        )
    )


def _outer_exit():
    return Coalesce(OuterRef("left_early_on"), OuterRef("follow_up_end_date"), output_field=DateField())


def whats_due(territory_id: int, today: datetime.date | None = None) -> Due:
    """Counts over the people in follow-up of the territory, in ONE query whatever their number."""
    today = today or timezone.localdate()
    latest_step = (
        FollowUp.objects.filter(job_seeker=OuterRef("pk"), next_step_due__isnull=False)
        .order_by("-date", "-id")
        .values("next_step_due")[:1]
    )
    people = (
        JobSeeker.objects.for_territory(territory_id)
        .filter(entry_date__lte=today)
        .annotate(
            m_exit=exit_date(),
            m_entry=F("entry_date"),
            m_six=AddMonths(F("entry_date"), 6),
            m_after=AddMonths(exit_date(), 6),
            step_due=latest_step,
            seen_entry=_situation_around(OuterRef("entry_date")),
            seen_six=_situation_around(AddMonths(OuterRef("entry_date"), 6)),
            seen_exit=_situation_around(_outer_exit()),
            seen_after=_situation_around(AddMonths(_outer_exit(), 6)),
            last_contact=Coalesce(
                FollowUp.objects.filter(job_seeker=OuterRef("pk")).order_by("-date").values("date")[:1],
                F("entry_date"),
            ),
        )
    )
    in_follow_up = status_filter(JobSeekerStatus.IN_FOLLOW_UP, today)
    missing = (
        Q(m_entry__lte=today, seen_entry=False)
        | Q(m_six__lte=today, m_six__lt=F("m_exit"), seen_six=False)
        | Q(m_exit__lte=today, seen_exit=False)
        | Q(m_after__lte=today, seen_after=False)
    )
    row = people.aggregate(
        late=Count("pk", filter=in_follow_up & Q(step_due__lt=today)),
        milestones=Count("pk", filter=missing & Q(m_after__gte=today - datetime.timedelta(days=200))),
        silent=Count("pk", filter=in_follow_up & Q(last_contact__lt=today - NO_CONTACT_AFTER)),
    )
    return Due(late_next_steps=row["late"], milestones_to_record=row["milestones"], no_recent_contact=row["silent"])
