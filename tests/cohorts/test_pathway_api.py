"""candidates/ and scheme-connections/: scoping, each state change per role, 409 on a stage conflict."""

import datetime

import pytest

from cohorts.enums import CandidateStage
from cohorts.models import Candidate, JobSeeker, SchemeConnection
from partners.models import AuditEntry

from .factories import CandidateFactory, SchemeConnectionFactory

D = datetime.date


@pytest.fixture
def candidate(territory, qpv, advisor):
    return CandidateFactory(territory=territory, qpv=qpv, identified_by=advisor.organisation, last_name="Martin")


def test_an_advisor_identifies_through_the_api_and_the_server_sets_who(api_as, advisor, qpv, organisation):
    response = api_as(advisor).post(
        "/api/v1/candidates/",
        {
            "first_name": "Inès",
            "last_name": "Martin",
            "qpv": qpv.pk,
            "consent_recorded_on": "2026-02-01",
            "identified_on": "2026-02-02",
            "identified_by": organisation.pk,  # ignored: the server sets it
            "stage": "enrolled",  # ignored: read-only
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["identified_by"] == advisor.organisation_id
    assert data["consent_recorded_by"] == advisor.pk
    assert data["stage"] == "identified" and data["job_seeker"] is None


def test_bad_input_is_a_400_in_french(api_as, advisor):
    response = api_as(advisor).post(
        "/api/v1/candidates/",
        {"first_name": "Inès", "last_name": "Martin", "consent_recorded_on": "2999-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "futur" in str(response.json()["consent_recorded_on"])


def test_scoping(api_as, candidate, ml_advisor, coordinator, other_coordinator, viewer):
    assert api_as(coordinator).get("/api/v1/candidates/").json()["count"] == 1
    assert api_as(ml_advisor).get("/api/v1/candidates/").json()["count"] == 0
    assert api_as(ml_advisor).get(f"/api/v1/candidates/{candidate.pk}/").status_code == 404
    assert api_as(other_coordinator).get(f"/api/v1/candidates/{candidate.pk}/").status_code == 404
    assert api_as(viewer).get("/api/v1/candidates/").status_code == 403


def test_the_path_through_the_api_with_a_409_on_a_conflict(api_as, candidate, advisor, coordinator, cohort):
    client = api_as(advisor)
    assert (
        client.post(f"/api/v1/candidates/{candidate.pk}/contact/", {"on": "2026-02-10"}).json()["stage"] == "contacted"
    )
    assert client.post(f"/api/v1/candidates/{candidate.pk}/propose/", {}).json()["stage"] == "proposed"
    assert client.post(f"/api/v1/candidates/{candidate.pk}/contact/", {}).status_code == 409
    body = {"cohort": cohort.pk, "sex": "F", "entry_date": "2026-03-02", "consent_recorded_on": "2026-03-02"}
    assert client.post(f"/api/v1/candidates/{candidate.pk}/enrol/", body, format="json").status_code == 403
    response = api_as(coordinator).post(f"/api/v1/candidates/{candidate.pk}/enrol/", body, format="json")
    assert response.status_code == 201, response.json()
    job_seeker = JobSeeker.objects.get()
    assert response.json()["job_seeker"] == job_seeker.pk and response.json()["stage"] == "enrolled"
    again = api_as(coordinator).post(f"/api/v1/candidates/{candidate.pk}/enrol/", body, format="json")
    assert again.status_code == 409


def test_not_enrol_needs_a_reason(api_as, candidate, advisor):
    client = api_as(advisor)
    assert client.post(f"/api/v1/candidates/{candidate.pk}/not-enrol/", {}).status_code == 400
    response = client.post(f"/api/v1/candidates/{candidate.pk}/not-enrol/", {"reason": "declined"})
    assert response.status_code == 200 and response.json()["stage"] == CandidateStage.NOT_ENROLLED


def test_filters_by_stage_and_organisation(api_as, candidate, coordinator, territory):
    CandidateFactory(territory=territory, stage=CandidateStage.CONTACTED, contacted_on=D(2026, 2, 3))
    client = api_as(coordinator)
    assert client.get("/api/v1/candidates/?stage=contacted").json()["count"] == 1
    assert client.get(f"/api/v1/candidates/?identified_by={candidate.identified_by_id}").json()["count"] == 1


def test_scheme_connections_are_recorded_and_scoped(api_as, person, advisor, ml_advisor, viewer, organisation):
    response = api_as(advisor).post(
        "/api/v1/scheme-connections/",
        {"job_seeker": person.pk, "scheme": "cej", "date": "2026-04-01", "organisation": organisation.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["recorded_by"] == advisor.organisation_id
    assert api_as(ml_advisor).get("/api/v1/scheme-connections/").json()["count"] == 0
    assert api_as(viewer).get("/api/v1/scheme-connections/").status_code == 403
    denied = api_as(ml_advisor).post(
        "/api/v1/scheme-connections/",
        {"job_seeker": person.pk, "scheme": "plie", "date": "2026-04-01", "organisation": organisation.pk},
        format="json",
    )
    assert denied.status_code == 400  # the person is not hers: "not found" in the field
    assert SchemeConnection.objects.count() == 1
    assert AuditEntry.objects.filter(object_id=str(SchemeConnection.objects.get().pk)).exists()


def test_scheme_connection_on_the_file_page(client, person, advisor):
    SchemeConnectionFactory(job_seeker=person, scheme="pass_iae", date=D(2026, 5, 4))
    client.force_login(advisor)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "PASS IAE" in page
    response = client.post(
        f"/cohorte/personnes/{person.pk}/dispositifs/nouveau/",
        {"scheme": "rsa_support", "date": "2099-01-01", "organisation": advisor.organisation_id},
    )
    assert response.status_code == 200 and "futur" in response.content.decode()
    assert 'value="2099-01-01"' in response.content.decode()
    assert Candidate.objects.count() == 0
