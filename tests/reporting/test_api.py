import pytest

from reporting.models import MeetingPack
from tests.factories import UserFactory
from tests.reporting.conftest import PERIOD
from tests.reporting.factories import MeetingFactory, MeetingPackFactory

pytestmark = pytest.mark.django_db


def test_coordinator_posts_a_pack_and_gets_202(api_as, coordinator, territory):
    meeting = MeetingFactory(territory=territory)
    response = api_as(coordinator).post("/api/v1/meeting-packs/", {"meeting": meeting.pk}, format="json")
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "pending" and body["meeting"] == meeting.pk and body["download_url"] is None
    assert MeetingPack.objects.get().created_by == coordinator


def test_post_needs_a_meeting_or_a_period_in_french(api_as, coordinator):
    response = api_as(coordinator).post("/api/v1/meeting-packs/", {}, format="json")
    assert response.status_code == 400
    assert "période" in response.json()["period_start"][0]


def test_a_meeting_of_another_territory_is_refused(api_as, coordinator, other_territory):
    meeting = MeetingFactory(territory=other_territory)
    response = api_as(coordinator).post("/api/v1/meeting-packs/", {"meeting": meeting.pk}, format="json")
    assert response.status_code == 400


def test_viewer_lists_packs_but_cannot_request_one_and_gets_403_on_personal_data(api_as, viewer, territory):
    MeetingPackFactory(territory=territory)
    client = api_as(viewer)
    assert client.get("/api/v1/meeting-packs/").json()["count"] == 1
    response = client.post(
        "/api/v1/meeting-packs/", {"period_start": str(PERIOD.start), "period_end": str(PERIOD.end)}, format="json"
    )
    assert response.status_code == 403
    for path in ("job-seekers", "barriers", "follow-ups", "situations", "participations"):
        assert client.get(f"/api/v1/{path}/").status_code == 403, path


def test_filters_and_absolute_download_url(api_as, coordinator, territory):
    meeting = MeetingFactory(territory=territory)
    done = MeetingPackFactory(
        territory=territory, meeting=meeting, status="done", file="x.pdf", file_size=3, sha256="a" * 64
    )
    MeetingPackFactory(territory=territory)
    client = api_as(coordinator)
    rows = client.get("/api/v1/meeting-packs/", {"meeting": meeting.pk}).json()["results"]
    assert [row["id"] for row in rows] == [done.pk]
    assert rows[0]["download_url"] == f"http://testserver/api/v1/meeting-packs/{done.pk}/download/"
    assert client.get("/api/v1/meeting-packs/", {"status": "pending"}).json()["count"] == 1


def test_advisor_of_another_territory_gets_404_on_the_download(api_as, territory, other_territory):
    pack = MeetingPackFactory(territory=territory, status="done", file="x.pdf", file_size=3, sha256="a" * 64)
    stranger = UserFactory(advisor=True, organisation__territory=other_territory)
    assert api_as(stranger).get(f"/api/v1/meeting-packs/{pack.pk}/download/").status_code == 404
    assert api_as(stranger).get(f"/api/v1/meeting-packs/{pack.pk}/").status_code == 404


def test_list_query_count_does_not_grow(api_as, coordinator, territory, django_assert_max_num_queries):
    client = api_as(coordinator)
    MeetingPackFactory(territory=territory, meeting=MeetingFactory(territory=territory))
    with django_assert_max_num_queries(6, info="meeting-packs list") as small:
        first = client.get("/api/v1/meeting-packs/")
    assert first.status_code == 200 and first.json()["count"] == 1  # a refusal would also be cheap
    for _ in range(8):
        MeetingPackFactory(territory=territory, meeting=MeetingFactory(territory=territory))
    with django_assert_max_num_queries(len(small.captured_queries), info="meeting-packs list grows: N+1"):
        grown = client.get("/api/v1/meeting-packs/")
    assert grown.status_code == 200 and grown.json()["count"] == 9
