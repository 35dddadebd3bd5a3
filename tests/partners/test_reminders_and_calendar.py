"""Meeting reminders (idempotent) and the per-person iCalendar feed."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from icalendar import Calendar

from cite_emploi.celery import BEAT_SCHEDULE
from partners import services
from partners.enums import AttendanceStatus
from partners.models import CalendarToken, ReminderSent
from partners.tasks import send_meeting_reminders
from tests.factories import UserFactory
from tests.partners.factories import AttendeeFactory, MeetingFactory

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def upcoming(territory, coordinator, advisor):
    meeting = MeetingFactory(territory=territory, date=TODAY + datetime.timedelta(days=7), title="Groupe technique")
    AttendeeFactory(meeting=meeting, user=coordinator)
    AttendeeFactory(meeting=meeting, user=advisor)
    AttendeeFactory(
        meeting=meeting, user=UserFactory(organisation__territory=territory), status=AttendanceStatus.EXCUSED
    )
    return meeting


def test_running_the_reminder_job_twice_sends_each_reminder_once(upcoming, coordinator, advisor, settings):
    settings.MEETING_REMINDER_DAYS = 7
    far = MeetingFactory(territory=upcoming.territory, date=TODAY + datetime.timedelta(days=8))
    AttendeeFactory(meeting=far, user=coordinator)
    assert services.meeting_reminders_send(today=TODAY) == 2
    assert services.meeting_reminders_send(today=TODAY) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, advisor.email])
    assert ReminderSent.objects.count() == 2
    assert "Rappel : Groupe technique" in mail.outbox[0].subject
    assert f"/partenaires/reunions/{upcoming.pk}/" in mail.outbox[0].body
    # the next day the far meeting enters the window: only its reminder leaves
    assert services.meeting_reminders_send(today=TODAY + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 3


def test_the_celery_task_and_its_daily_schedule(upcoming):
    entry = BEAT_SCHEDULE["partners-meeting-reminders"]
    assert entry["task"] == send_meeting_reminders.name
    send_meeting_reminders.delay()
    send_meeting_reminders.delay()
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients))


def _feed(client, user):
    token = CalendarToken.objects.get(user=user)
    return client.get(f"/partenaires/agenda/{token.key}.ics")


def test_the_ics_feed_parses_and_lists_only_her_meetings(client, territory, advisor, coordinator, upcoming):
    hers = upcoming
    not_hers = MeetingFactory(territory=territory, title="Comité stratégique sans elle", committee=True)
    AttendeeFactory(meeting=not_hers, user=coordinator)
    by_organisation = MeetingFactory(territory=territory, title="Par organisation")
    AttendeeFactory(meeting=by_organisation, organisation=advisor.organisation)
    client.force_login(advisor)
    client.post("/partenaires/agenda/", {"action": "regenerate"})
    response = _feed(Client(), advisor)  # no session: a calendar app
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == [hers.title]
    start = events[0].decoded("DTSTART")
    assert start.date() == hers.date and start.hour == 14
    assert str(events[0]["UID"]).startswith(f"reunion-{hers.pk}@")


def test_the_feed_key_is_revocable_and_dies_with_the_account(client, advisor, coordinator, upcoming):
    client.force_login(advisor)
    client.post("/partenaires/agenda/", {"action": "regenerate"})
    old_key = CalendarToken.objects.get(user=advisor).key
    assert old_key in client.get("/partenaires/agenda/").content.decode()
    client.post("/partenaires/agenda/", {"action": "regenerate"})
    assert Client().get(f"/partenaires/agenda/{old_key}.ics").status_code == 404
    client.post("/partenaires/agenda/", {"action": "revoke"})
    assert not CalendarToken.objects.filter(user=advisor).exists()
    client.post("/partenaires/agenda/", {"action": "regenerate"})
    services.user_deactivate(actor=coordinator, user=advisor)
    assert not CalendarToken.objects.exists()


def test_a_viewer_s_feed_never_lists_a_follow_up_meeting(client, territory, viewer):
    follow_up = MeetingFactory(territory=territory, follow_up=True, title="Revue des situations")
    AttendeeFactory(meeting=follow_up, user=viewer)
    CalendarToken.objects.create(user=viewer, key="cle-observateur")
    calendar = Calendar.from_ical(Client().get("/partenaires/agenda/cle-observateur.ics").content)
    assert list(calendar.walk("VEVENT")) == []
