"""The coordinator's "À faire" counts link to the cohort list filtered on exactly those people (issue 11, point 10):
the counts and the `?due=` filter of the list page and of the API come from one selector (cohorts.selectors)."""

import datetime

import pytest
from django.utils import timezone

from reporting.selectors import whats_due
from tests.cohorts.factories import CohortFactory, FollowUpFactory, JobSeekerFactory, SituationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(territory):
    today = timezone.localdate()
    cohort = CohortFactory(territory=territory, year=today.year - 1, start_date=today - datetime.timedelta(days=300))

    def person(days_ago, **kwargs):
        return JobSeekerFactory(
            territory=territory, cohort=cohort, entry_date=today - datetime.timedelta(days=days_ago), **kwargs
        )

    late = person(20)  # a next step due yesterday; situation at entry recorded
    SituationFactory(job_seeker=late)
    FollowUpFactory(
        job_seeker=late,
        date=today - datetime.timedelta(days=2),
        next_step="Rappeler",
        next_step_due=today - datetime.timedelta(days=1),
    )
    silent = person(45)  # no follow-up, no situation: silent for 45 days and the entry situation is missing
    fine = person(10)  # seen today, situation recorded, next step ahead
    SituationFactory(job_seeker=fine)
    FollowUpFactory(job_seeker=fine, date=today, next_step="Atelier", next_step_due=today + datetime.timedelta(days=5))
    six = person(200)  # 6-month milestone passed without a situation; seen last week
    SituationFactory(job_seeker=six)
    FollowUpFactory(job_seeker=six, date=today - datetime.timedelta(days=7))
    return {"late": late, "silent": silent, "fine": fine, "six": six}


def test_each_count_equals_the_filtered_list_on_the_page_and_in_the_api(client, api_as, coordinator, people):
    due = whats_due(coordinator.territory_id)
    expected = {
        "next_step_late": (due.late_next_steps, {people["late"].pk}),
        "milestone_to_record": (due.milestones_to_record, {people["silent"].pk, people["six"].pk}),
        "no_recent_contact": (due.no_recent_contact, {people["silent"].pk}),
    }
    client.force_login(coordinator)
    home = client.get("/").content.decode()
    for code, (count, pks) in expected.items():
        assert count == len(pks), code
        assert f"/cohorte/?due={code}" in home  # the count links to its list
        page = client.get("/cohorte/", {"due": code}).context["page"]
        assert {p["pk"] for p in page.object_list} == pks and page.paginator.count == count, code
        body = api_as(coordinator).get("/api/v1/job-seekers/", {"due": code}).json()
        assert body["count"] == count and {r["id"] for r in body["results"]} == pks, code


def test_the_due_filter_is_documented_in_the_openapi_schema(api_as, coordinator):
    schema = api_as(coordinator).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/job-seekers/"]["get"]["parameters"]}
    assert parameters["due"]["schema"]["enum"] == ["milestone_to_record", "next_step_late", "no_recent_contact"]
    assert "sans contact depuis 30 jours" in parameters["due"]["description"]


def test_an_unknown_due_value_is_refused_by_the_api(api_as, coordinator, people):
    assert api_as(coordinator).get("/api/v1/job-seekers/", {"due": "everything"}).status_code == 400
