"""Meeting services: the bimonthly rhythm, invitations, the review of the previous meeting's decisions."""

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cite_emploi.dates import add_months
from partners import services
from partners.enums import AttendanceStatus, DecisionStatus, GroupKind
from partners.models import AuditEntry, Meeting
from partners.selectors import open_decisions_of, previous_meeting
from partners.services.meetings import bimonthly_dates
from tests.factories import OrganisationFactory, UserFactory
from tests.partners.factories import DecisionFactory, MeetingFactory, WorkingGroupFactory


def test_bimonthly_dates_are_two_months_apart_and_keep_month_ends():
    assert bimonthly_dates(datetime.date(2026, 1, 20)) == [
        datetime.date(2026, 1, 20),
        datetime.date(2026, 3, 20),
        datetime.date(2026, 5, 20),
        datetime.date(2026, 7, 20),
        datetime.date(2026, 9, 20),
        datetime.date(2026, 11, 20),
    ]
    assert add_months(datetime.date(2026, 12, 31), 2) == datetime.date(2027, 2, 28)


def test_planning_a_year_creates_six_technical_group_meetings_two_months_apart(coordinator):
    dates = bimonthly_dates(datetime.date(2027, 1, 19))
    meetings = services.meeting_plan_year(actor=coordinator, dates=dates, start_time=datetime.time(9, 30))
    assert len(meetings) == 6
    stored = list(Meeting.objects.for_user(coordinator).order_by("date"))
    assert [m.date for m in stored] == dates
    assert {m.kind for m in stored} == {GroupKind.TECHNICAL_GROUP}
    assert all(add_months(a.date, 2) == b.date for a, b in itertools.pairwise(stored))
    assert all(m.group.kind == GroupKind.TECHNICAL_GROUP for m in stored)
    assert AuditEntry.objects.filter(action="create", content_type__model="meeting").count() == 6


def test_planning_refuses_two_meetings_the_same_day(coordinator):
    day = datetime.date(2027, 1, 19)
    with pytest.raises(ValidationError, match="même jour"):
        services.meeting_plan_year(actor=coordinator, dates=[day, day])
    assert not Meeting.objects.exists()


def test_only_the_coordinator_creates_meetings(advisor, viewer, admin_user):
    for user in (advisor, viewer, admin_user):
        with pytest.raises(PermissionDenied):
            services.meeting_create(actor=user, kind=GroupKind.TECHNICAL_GROUP, date=datetime.date(2027, 1, 5))


def test_a_technical_group_meeting_invites_representatives_and_unrepresented_member_organisations(
    coordinator, territory
):
    represented = OrganisationFactory(territory=territory, technical_group_member=True, name="France Travail")
    unrepresented = OrganisationFactory(territory=territory, technical_group_member=True, name="Département")
    OrganisationFactory(territory=territory, technical_group_member=False, name="Association")
    representative = UserFactory(organisation=represented)
    group = services.group_create(actor=coordinator, kind=GroupKind.TECHNICAL_GROUP, name="Groupe technique")
    services.group_update(actor=coordinator, group=group, members=[representative])
    meeting = services.meeting_create(actor=coordinator, kind=GroupKind.TECHNICAL_GROUP, date=datetime.date(2027, 1, 5))
    people = set(meeting.attendees.filter(user__isnull=False).values_list("user", flat=True))
    organisations = set(meeting.attendees.filter(organisation__isnull=False).values_list("organisation", flat=True))
    assert people == {coordinator.pk, representative.pk}
    assert unrepresented.pk in organisations
    assert represented.pk not in organisations
    assert meeting.group == group


def test_a_follow_up_meeting_needs_its_group(coordinator, territory):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(actor=coordinator, kind=GroupKind.FOLLOW_UP_GROUP, date=datetime.date(2027, 1, 5))
    assert "groupe de suivi doit indiquer son groupe" in str(error.value)
    other_group = WorkingGroupFactory(territory=territory, committee=True)
    with pytest.raises(ValidationError, match="ne correspond pas"):
        services.meeting_create(
            actor=coordinator, kind=GroupKind.FOLLOW_UP_GROUP, date=datetime.date(2027, 1, 5), group=other_group
        )


def test_the_previous_meeting_of_the_same_kind_brings_its_open_decisions(territory):
    first = MeetingFactory(territory=territory, date=datetime.date(2026, 1, 20))
    MeetingFactory(territory=territory, committee=True, date=datetime.date(2026, 2, 10))
    second = MeetingFactory(territory=territory, date=datetime.date(2026, 3, 17))
    open_one = DecisionFactory(meeting=first)
    DecisionFactory(meeting=first, status=DecisionStatus.DONE)
    assert previous_meeting(second) == first
    assert list(open_decisions_of(previous_meeting(second))) == [open_one]
    assert previous_meeting(first) is None


def test_closing_a_decision_records_the_date_and_the_transition(coordinator, territory):
    decision = DecisionFactory(meeting__territory=territory)
    services.decision_update(actor=coordinator, decision=decision, status=DecisionStatus.DONE)
    decision.refresh_from_db()
    assert decision.status_changed_on is not None
    entry = AuditEntry.objects.get(content_type__model="decision", object_id=str(decision.pk))
    assert entry.fields == ["status"]
    assert entry.detail == "open → done"


def test_attendance_only_touches_the_meeting_s_attendees(coordinator, territory):
    meeting = services.meeting_create(actor=coordinator, kind=GroupKind.TECHNICAL_GROUP, date=datetime.date(2027, 1, 5))
    other = MeetingFactory(territory=territory)
    stranger = other.attendees.create(user=coordinator)
    mine = meeting.attendees.get(user=coordinator)
    changed = services.attendance_update(
        actor=coordinator,
        meeting=meeting,
        statuses={mine.pk: AttendanceStatus.PRESENT, stranger.pk: AttendanceStatus.ABSENT},
    )
    assert changed == 1
    stranger.refresh_from_db()
    assert stranger.status == AttendanceStatus.INVITED
