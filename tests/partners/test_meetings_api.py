"""`/api/v1/meetings/`: fields and filters of API.md, viewers read governance meetings only, the coordinator writes."""

import datetime

import pytest

from partners.enums import AttendanceStatus
from partners.models import Meeting
from tests.factories import UserFactory
from tests.partners.factories import AgendaItemFactory, AttendeeFactory, DecisionFactory, MeetingFactory

FIELDS = {"id", "kind", "date", "start_time", "title", "location", "agenda", "minutes", "attendees", "decisions"}


@pytest.fixture
def meetings(territory):
    technical = MeetingFactory(territory=territory, date=datetime.date(2026, 3, 17), title="GT mars")
    AgendaItemFactory(meeting=technical, position=2, title="Budget")
    AgendaItemFactory(meeting=technical, position=1, title="Revue des décisions")
    committee = MeetingFactory(territory=territory, committee=True, date=datetime.date(2026, 6, 30), title="COSTRAT")
    follow_up = MeetingFactory(territory=territory, follow_up=True, date=datetime.date(2026, 9, 8), title="Suivi")
    return {"technical": technical, "committee": committee, "follow_up": follow_up}


def test_fields_and_nested_read_only_lists(api_as, coordinator, meetings):
    meeting = meetings["technical"]
    AttendeeFactory(meeting=meeting, user=coordinator, status=AttendanceStatus.PRESENT)
    AttendeeFactory(meeting=meeting, organisation=coordinator.organisation, status=AttendanceStatus.EXCUSED)
    DecisionFactory(meeting=meeting, text="Lancer l'appel à projets mobilité", owner=coordinator)
    body = api_as(coordinator).get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert set(body) >= FIELDS
    assert body["date"] == "2026-03-17"
    assert body["start_time"] == "14:00"
    assert [item["title"] for item in body["agenda"]] == ["Revue des décisions", "Budget"]
    assert {(a["user"], a["organisation"], a["status"]) for a in body["attendees"]} == {
        (coordinator.pk, None, "present"),
        (None, coordinator.organisation_id, "excused"),
    }
    assert body["decisions"][0]["text"] == "Lancer l'appel à projets mobilité"
    assert body["decisions"][0]["status"] == "open"


def test_filters_kind_and_dates(api_as, coordinator, meetings):
    client = api_as(coordinator)
    titles = lambda url: [row["title"] for row in client.get(url).json()["results"]]  # noqa: E731
    assert titles("/api/v1/meetings/?kind=strategic_committee") == ["COSTRAT"]
    assert titles("/api/v1/meetings/?date_after=2026-04-01&date_before=2026-07-01") == ["COSTRAT"]
    assert titles("/api/v1/meetings/?date_after=2026-06-30") == ["COSTRAT", "Suivi"]


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("coordinator", {"technical", "committee", "follow_up"}),
        ("admin_user", {"technical", "committee", "follow_up"}),
        ("advisor", {"technical", "committee"}),
        ("viewer", {"technical", "committee"}),
    ],
)
def test_who_reads_which_meeting(api_as, request, meetings, role, visible):
    client = api_as(request.getfixturevalue(role))
    listed = {row["id"] for row in client.get("/api/v1/meetings/").json()["results"]}
    assert listed == {meetings[key].pk for key in visible}
    for key, meeting in meetings.items():
        assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == (200 if key in visible else 404)


@pytest.mark.parametrize("role", ["advisor", "viewer", "admin_user"])
def test_only_the_coordinator_creates_and_edits(api_as, request, meetings, role):
    client = api_as(request.getfixturevalue(role))
    response = client.post("/api/v1/meetings/", {"kind": "technical_group", "date": "2027-01-19"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Seule la coordination crée et modifie les réunions."
    assert client.patch(f"/api/v1/meetings/{meetings['technical'].pk}/", {"minutes": "x"}).status_code == 403


def test_the_coordinator_creates_and_edits(api_as, coordinator, meetings):
    client = api_as(coordinator)
    response = client.post(
        "/api/v1/meetings/",
        {
            "kind": "technical_group",
            "date": "2027-01-19",
            "start_time": "09:30",
            "title": "GT janvier",
            "location": "Aldev",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["start_time"] == "09:30"
    assert [a["user"] for a in body["attendees"]] == [coordinator.pk]  # the organiser is invited
    meeting = Meeting.objects.get(pk=body["id"])
    assert meeting.territory_id == coordinator.territory_id
    patched = client.patch(f"/api/v1/meetings/{meeting.pk}/", {"minutes": "Compte rendu validé."})
    assert patched.status_code == 200
    assert patched.json()["minutes"] == "Compte rendu validé."
    refused = client.patch(f"/api/v1/meetings/{meeting.pk}/", {"kind": "strategic_committee"})
    assert refused.status_code == 400
    assert refused.json() == {"kind": ["Le type d'une réunion ne se modifie pas."]}


def test_a_follow_up_meeting_without_group_gets_a_french_400(api_as, coordinator):
    response = api_as(coordinator).post("/api/v1/meetings/", {"kind": "follow_up_group", "date": "2027-01-19"})
    assert response.status_code == 400
    assert "Une réunion de groupe de suivi doit indiquer son groupe." in str(response.json())


def test_another_territory_gets_404(api_as, other_coordinator, meetings):
    client = api_as(other_coordinator)
    assert client.get("/api/v1/meetings/").json()["count"] == 0
    meeting = meetings["technical"]
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert client.patch(f"/api/v1/meetings/{meeting.pk}/", {"minutes": "piraté"}).status_code == 404


def test_the_list_runs_in_a_fixed_number_of_queries(api_as, coordinator, territory, django_assert_max_num_queries):
    for _ in range(10):
        meeting = MeetingFactory(territory=territory)
        AgendaItemFactory.create_batch(3, meeting=meeting)
        for _ in range(3):
            person = UserFactory(organisation__territory=territory)
            AttendeeFactory(meeting=meeting, user=person)
            DecisionFactory(meeting=meeting, owner=person)
    with django_assert_max_num_queries(8, info="La liste des réunions de l'API doit précharger les listes imbriquées."):
        response = api_as(coordinator).get("/api/v1/meetings/?page_size=200")
    assert response.json()["count"] == 10
