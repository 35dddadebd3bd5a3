"""Reads of the reporting app shared by pages and API: packs, and what is due on the territory."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from cite_emploi import figures_cache
from cohorts.models import JobSeeker
from cohorts.selectors import due_conditions, with_due
from partners import perms as partner_perms
from partners.selectors import meetings_for, organisations_for

from .models import MeetingPack, MeetingPackDownload


def packs_for(user):
    return MeetingPack.objects.for_user(user).select_related("meeting", "created_by", "cohort", "territory")


def recent_packs_key(count: int = 5) -> tuple[str, tuple]:
    return "recent-packs", (count,)


def recent_packs(user, count: int = 5) -> list:
    """The territory's last packs (dashboard, home), from the cache under the territory's data version: the write
    services bump it, and so does the worker at each state of a build (`services.meeting_pack_build`)."""
    if user.territory_id is None:
        return list(packs_for(user)[:count])
    return figures_cache.get_or_compute(
        user.territory_id, *recent_packs_key(count), lambda: list(packs_for(user)[:count])
    )


def upcoming_meetings_key(user, on: datetime.date, count: int) -> tuple[str, tuple]:
    whose = user.pk if partner_perms.is_advisor(user) else None
    return "upcoming-meetings", (user.role, whose, on, count)


def upcoming_meetings(user, on: datetime.date, count: int) -> list:
    """The next meetings the user sees (dashboard, home), cached like `recent_packs`. An advisor sees her own groups'
    and invitations, so her list is hers; every other role sees the territory's list for its role."""
    if user.territory_id is None:
        return list(meetings_for(user).upcoming(on)[:count])
    return figures_cache.get_or_compute(
        user.territory_id,
        *upcoming_meetings_key(user, on, count),
        lambda: list(meetings_for(user).upcoming(on)[:count]),
    )


TECHNICAL_GROUP_KEY = ("technical-group-names", ())


def technical_group_names(user) -> list[str]:
    """The names of the technical group's organisations, cached under the territory's version (organisations change
    through audited services)."""

    def compute():
        members = organisations_for(user).filter(technical_group_member=True, is_active=True)
        return list(members.values_list("name", flat=True))

    if user.territory_id is None:
        return compute()
    return figures_cache.get_or_compute(user.territory_id, *TECHNICAL_GROUP_KEY, compute)


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
