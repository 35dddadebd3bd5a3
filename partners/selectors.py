"""Reads of the partners app shared by pages and API."""

from django.db.models import Count, Prefetch, Q

from . import perms
from .enums import DecisionStatus
from .models import AgendaItem, Attendee, Decision, Invitation, Meeting, Organisation, User, WorkingGroup


def organisations_for(user):
    return Organisation.objects.for_user(user).order_by("name")


def users_for(user):
    return User.objects.for_user(user).select_related("organisation").order_by("last_name", "first_name")


def national_accounts_for(user):
    """The national accounts, for the national administrator only (nobody else lists them)."""
    if not perms.can_manage_national_accounts(user):
        return User.objects.none()
    return User.objects.national()


def national_invitations_for(user):
    """The national invitations still waiting for their answer (no organisation: a national role)."""
    if not perms.can_manage_national_accounts(user):
        return Invitation.objects.none()
    return Invitation.objects.pending().filter(organisation__isnull=True)


def groups_for(user):
    return (
        WorkingGroup.objects.for_user(user)
        .annotate(member_count=Count("members", distinct=True))
        .order_by("kind", "name")
    )


def meetings_for(user):
    """Meetings the user may see, with what a list shows (group, counts of attendees and open decisions)."""
    return (
        Meeting.objects.for_user(user)
        .select_related("group")
        .annotate(
            attendee_count=Count("attendees", distinct=True),
            open_decision_count=Count("decisions", filter=Q(decisions__status=DecisionStatus.OPEN), distinct=True),
        )
    )


def meeting_detail_queryset(user):
    """One meeting with its agenda, attendees and decisions in a fixed number of queries."""
    return (
        Meeting.objects.for_user(user)
        .select_related("group", "territory")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position")),
            Prefetch(
                "attendees",
                queryset=Attendee.objects.select_related("user__organisation", "organisation").order_by(
                    "organisation__name", "user__organisation__name", "user__last_name", "pk"
                ),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("owner__organisation").order_by("pk"),
            ),
        )
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The meeting of the same kind (and group) just before this one: its open decisions open this one."""
    earlier = Q(date__lt=meeting.date) | Q(date=meeting.date, pk__lt=meeting.pk)
    return (
        Meeting.objects.filter(territory_id=meeting.territory_id, kind=meeting.kind, group_id=meeting.group_id)
        .filter(earlier)
        .order_by("-date", "-start_time", "-pk")
        .first()
    )


def open_decisions_of(meeting: Meeting | None):
    if meeting is None:
        return Decision.objects.none()
    return Decision.objects.filter(meeting=meeting).open().select_related("owner__organisation").order_by("pk")
