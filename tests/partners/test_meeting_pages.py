"""Meeting pages: who may list, read, create and edit; bounded queries; forms that keep what was typed."""

import datetime

import pytest

from partners.enums import AttendanceStatus, DecisionStatus
from partners.models import Decision, Meeting
from tests.factories import UserFactory
from tests.partners.factories import AgendaItemFactory, AttendeeFactory, DecisionFactory, MeetingFactory


@pytest.fixture
def meetings(territory, advisor):
    technical = MeetingFactory(territory=territory, title="Groupe technique de mars")
    follow_up = MeetingFactory(territory=territory, follow_up=True, title="Revue des situations Monplaisir")
    mine = MeetingFactory(
        territory=territory, follow_up=True, group__members=[advisor], title="Revue des situations Belle-Beille"
    )
    return {"technical": technical, "follow_up": follow_up, "mine": mine}


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("coordinator", {"technical", "follow_up", "mine"}),
        ("admin_user", {"technical", "follow_up"}),
        ("advisor", {"technical", "mine"}),
        ("viewer", {"technical"}),
    ],
)
def test_who_lists_and_reads_which_meeting(client, request, meetings, role, sees):
    user = request.getfixturevalue(role)
    client.force_login(user)
    html = client.get("/partenaires/reunions/").content.decode()
    for key, meeting in meetings.items():
        if key == "mine" and role == "admin_user":
            continue  # the admin reads every meeting; checked below
        assert (meeting.title in html) is (key in sees), (role, key)
        status = client.get(f"/partenaires/reunions/{meeting.pk}/").status_code
        assert status == (200 if key in sees else 404), (role, key)


def test_the_admin_reads_every_meeting_but_edits_none(client, admin_user, meetings):
    client.force_login(admin_user)
    for meeting in meetings.values():
        assert client.get(f"/partenaires/reunions/{meeting.pk}/").status_code == 200
        assert client.get(f"/partenaires/reunions/{meeting.pk}/modifier/").status_code == 403


@pytest.mark.parametrize("role", ["advisor", "viewer", "admin_user"])
def test_only_the_coordinator_creates_and_edits_meetings_and_decisions(client, request, meetings, role):
    client.force_login(request.getfixturevalue(role))
    meeting = meetings["technical"]
    decision = DecisionFactory(meeting=meeting)
    assert client.get("/partenaires/reunions/nouvelle/").status_code == 403
    assert client.get("/partenaires/reunions/planifier/").status_code == 403
    assert client.get(f"/partenaires/reunions/{meeting.pk}/modifier/").status_code == 403
    assert client.post(f"/partenaires/reunions/{meeting.pk}/decisions/", {"text": "x"}).status_code == 403
    assert client.post(f"/partenaires/reunions/{meeting.pk}/presences/", {}).status_code == 403
    assert client.get(f"/partenaires/decisions/{decision.pk}/modifier/").status_code == 403
    assert client.post(f"/partenaires/decisions/{decision.pk}/etat/", {"status": "done"}).status_code == 403
    assert Decision.objects.count() == 1
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.OPEN


def test_another_territory_gets_404_on_every_meeting_page(client, other_coordinator, meetings):
    client.force_login(other_coordinator)
    meeting = meetings["technical"]
    decision = DecisionFactory(meeting=meeting)
    for url in (
        f"/partenaires/reunions/{meeting.pk}/",
        f"/partenaires/reunions/{meeting.pk}/modifier/",
        f"/partenaires/decisions/{decision.pk}/modifier/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/partenaires/reunions/{meeting.pk}/decisions/",
        f"/partenaires/reunions/{meeting.pk}/presences/",
        f"/partenaires/reunions/{meeting.pk}/participants/",
        f"/partenaires/decisions/{decision.pk}/etat/",
    ):
        assert client.post(url, {"text": "x", "status": "done"}).status_code == 404, url
    assert meetings["technical"].title not in client.get("/partenaires/reunions/").content.decode()


def _populate(meeting, territory, n):
    for _ in range(n):
        person = UserFactory(organisation__territory=territory)
        AttendeeFactory(meeting=meeting, user=person, status=AttendanceStatus.PRESENT)
        DecisionFactory(meeting=meeting, owner=person)
        AgendaItemFactory(meeting=meeting)


def test_list_and_detail_queries_do_not_grow_with_meetings_attendees_decisions(
    client, coordinator, territory, django_assert_max_num_queries
):
    client.force_login(coordinator)
    first = MeetingFactory(territory=territory, date=datetime.date(2026, 1, 20))
    second = MeetingFactory(territory=territory, date=datetime.date(2026, 3, 17))
    _populate(first, territory, 1)
    _populate(second, territory, 1)

    def measure(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small_list, small_detail = measure("/partenaires/reunions/"), measure(f"/partenaires/reunions/{second.pk}/")
    for _ in range(10):
        _populate(MeetingFactory(territory=territory), territory, 2)
    _populate(first, territory, 8)
    _populate(second, territory, 8)
    with django_assert_max_num_queries(
        small_list, info="La liste des réunions ne doit pas faire une requête par réunion."
    ):
        assert client.get("/partenaires/reunions/").status_code == 200
    with django_assert_max_num_queries(
        small_detail, info="La page d'une réunion doit précharger ordre du jour, participants et décisions."
    ):
        assert client.get(f"/partenaires/reunions/{second.pk}/").status_code == 200
    assert small_list <= 8 and small_detail <= 16, (small_list, small_detail)


def test_viewer_list_and_detail_are_bounded_too(client, viewer, territory, django_assert_max_num_queries):
    meeting = MeetingFactory(territory=territory)
    _populate(meeting, territory, 5)
    client.force_login(viewer)
    with django_assert_max_num_queries(8, info="Liste des réunions de l'observateur : une requête par réunion ?"):
        assert client.get("/partenaires/reunions/").status_code == 200
    with django_assert_max_num_queries(10, info="Réunion vue par l'observateur : préchargements manquants ?"):
        assert client.get(f"/partenaires/reunions/{meeting.pk}/").status_code == 200


def test_the_meeting_page_shows_the_previous_meeting_s_open_decisions(client, coordinator, territory):
    previous = MeetingFactory(territory=territory, date=datetime.date(2026, 1, 20))
    DecisionFactory(meeting=previous, text="Organiser une visite d'entreprise aux Hauts-de-Saint-Aubin")
    DecisionFactory(meeting=previous, text="Décision déjà réalisée", status=DecisionStatus.DONE)
    meeting = MeetingFactory(territory=territory, date=datetime.date(2026, 3, 17))
    client.force_login(coordinator)
    html = client.get(f"/partenaires/reunions/{meeting.pk}/").content.decode()
    assert "Organiser une visite d&#x27;entreprise aux Hauts-de-Saint-Aubin" in html
    assert "Décision déjà réalisée" not in html
    assert "Revue des décisions en cours de la réunion précédente" in html


def test_recording_a_decision_and_attendance(client, coordinator, territory):
    meeting = MeetingFactory(territory=territory)
    attendee = AttendeeFactory(meeting=meeting, user=coordinator)
    client.force_login(coordinator)
    response = client.post(
        f"/partenaires/reunions/{meeting.pk}/presences/", {f"status_{attendee.pk}": AttendanceStatus.EXCUSED}
    )
    assert response.status_code == 302
    attendee.refresh_from_db()
    assert attendee.status == AttendanceStatus.EXCUSED
    response = client.post(
        f"/partenaires/reunions/{meeting.pk}/decisions/",
        {"text": "Mobiliser le garage solidaire", "owner": coordinator.pk, "due_date": "2026-05-01", "status": "open"},
    )
    assert response.status_code == 302
    decision = meeting.decisions.get()
    assert decision.owner == coordinator
    assert decision.due_date == datetime.date(2026, 5, 1)


def test_decision_form_keeps_what_was_typed_on_error(client, coordinator, territory):
    meeting = MeetingFactory(territory=territory)
    client.force_login(coordinator)
    response = client.post(
        f"/partenaires/reunions/{meeting.pk}/decisions/",
        {"text": "Relancer la Mission locale", "due_date": "pas une date", "status": "open"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Relancer la Mission locale" in html
    assert "Saisissez une date valide." in html
    assert not Decision.objects.exists()


def test_meeting_form_keeps_what_was_typed_on_error(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/partenaires/reunions/nouvelle/",
        {
            "kind": "follow_up_group",
            "title": "Revue des situations",
            "date": "2027-02-02",
            "agenda": "Point 1\nPoint 2",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choisissez le groupe de suivi qui se réunit." in html
    assert 'value="Revue des situations"' in html
    assert "Point 1\nPoint 2" in html
    assert not Meeting.objects.exists()


def test_creating_a_meeting_with_its_ordered_agenda(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/partenaires/reunions/nouvelle/",
        {"kind": "technical_group", "date": "2027-02-02", "start_time": "14:00", "agenda": "Bilan\n\nActions\nBudget"},
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == f"/partenaires/reunions/{meeting.pk}/"
    assert list(meeting.agenda_items.values_list("position", "title")) == [(1, "Bilan"), (2, "Actions"), (3, "Budget")]


def test_plan_year_proposes_six_dates_then_saves_the_adjusted_ones(client, coordinator):
    client.force_login(coordinator)
    base = {"first_date": "2027-01-19", "start_time": "09:30", "location": "Aldev"}
    proposal = client.post("/partenaires/reunions/planifier/", {**base, "propose": "1"})
    html = proposal.content.decode()
    assert "Enregistrer les 6 réunions" in html
    for day in ("2027-01-19", "2027-03-19", "2027-05-19", "2027-07-19", "2027-09-19", "2027-11-19"):
        assert f'value="{day}"' in html
    assert not Meeting.objects.exists()
    dates = ["2027-01-19", "2027-03-16", "2027-05-18", "2027-07-06", "2027-09-21", "2027-11-16"]
    data = {**base, "save": "1", "dates-TOTAL_FORMS": "6", "dates-INITIAL_FORMS": "6"}
    data.update({f"dates-{i}-date": day for i, day in enumerate(dates)})
    response = client.post("/partenaires/reunions/planifier/", data)
    assert response.status_code == 302
    assert [d.isoformat() for d in Meeting.objects.order_by("date").values_list("date", flat=True)] == dates


def test_plan_year_keeps_dates_on_error(client, coordinator):
    client.force_login(coordinator)
    data = {"first_date": "2027-01-19", "location": "Salle du conseil", "save": "1"}
    data.update(
        {"dates-TOTAL_FORMS": "2", "dates-INITIAL_FORMS": "2", "dates-0-date": "2027-01-19", "dates-1-date": "31/02"}
    )
    html = client.post("/partenaires/reunions/planifier/", data).content.decode()
    assert "Saisissez une date valide." in html
    assert 'value="Salle du conseil"' in html
    assert 'value="2027-01-19"' in html
    assert not Meeting.objects.exists()


def test_a_meeting_without_author_saves(client, coordinator, territory):
    """Seeded, imported or old meetings have no author: editing them must save, not fail with a 500."""
    meeting = MeetingFactory(territory=territory, title="Groupe technique n° 6", created_by=None)
    client.force_login(coordinator)
    response = client.post(
        f"/partenaires/reunions/{meeting.pk}/modifier/",
        {
            "group": "",
            "title": "Groupe technique n° 6",
            "date": "2026-03-10",
            "start_time": "14:00",
            "location": "Aldev",
            "video_link": "",
            "agenda": "Situations\nBudget",
            "minutes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2026, 3, 10)
    assert meeting.created_by is None


def test_overdue_decisions_are_flagged_and_marking_one_asks_first(client, coordinator, territory):
    meeting = MeetingFactory(territory=territory, date=datetime.date(2026, 1, 6))
    DecisionFactory(meeting=meeting, text="Relancer le bailleur", due_date=datetime.date(2020, 1, 1))
    DecisionFactory(meeting=meeting, text="Préparer le bilan", due_date=datetime.date(2099, 1, 1))
    client.force_login(coordinator)
    html = client.get(f"/partenaires/reunions/{meeting.pk}/").content.decode()
    assert html.count(">en retard</span>") == 1
    assert html.index("Relancer le bailleur") < html.index("en retard") < html.index("Préparer le bilan")
