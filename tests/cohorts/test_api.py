import datetime

import pytest
from django.db import connection
from drf_spectacular.generators import SchemaGenerator

from cohorts.models import Barrier, FollowUp, Situation
from tests.factories import UserFactory

from .factories import (
    BarrierFactory,
    CohortFactory,
    FollowUpFactory,
    JobSeekerFactory,
    SituationFactory,
    TeamMemberFactory,
)

D = datetime.date
PERSONAL = ["job-seekers", "barriers", "follow-ups", "situations"]

JOB_SEEKER_FIELDS = {
    "id",
    "cohort",
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "address",
    "commune",
    "qpv",
    "qpv_exception_reason",
    "phone",
    "email",
    "france_travail_id",
    "referent_organisation",
    "referent",
    "entry_date",
    "follow_up_end_date",
    "status",
    "left_early_on",
    "left_early_reason",
    "consent_recorded_on",
    "current_situation",
    "labour_market_status",
    "education_level",
    "rsa_beneficiary",
    "single_parent",
    "disability_recognised",
}


@pytest.mark.parametrize("role", ["viewer", "admin"])
@pytest.mark.parametrize("resource", PERSONAL)
def test_viewers_get_403_on_personal_data(api_as, territory, person, role, resource):
    user = UserFactory(role=role, organisation__territory=territory)
    assert api_as(user).get(f"/api/v1/{resource}/").status_code == 403


def test_anonymous_gets_401(api_client, db):
    assert api_client.get("/api/v1/job-seekers/").status_code == 401


def test_qpvs_and_cohorts_are_readable_by_the_territory_only(api_as, viewer, person, other_coordinator):
    assert api_as(viewer).get("/api/v1/qpvs/").json()["results"] == [
        {"id": person.qpv_id, "code": None, "name": "Monplaisir", "commune": "Angers"}
    ]
    cohorts = api_as(viewer).get("/api/v1/cohorts/").json()["results"]
    assert cohorts[0]["member_count"] == 1 and cohorts[0]["target_size"] == 90
    assert api_as(other_coordinator).get(f"/api/v1/cohorts/{person.cohort_id}/").status_code == 404
    assert api_as(other_coordinator).get("/api/v1/qpvs/").json()["count"] == 0


def test_only_the_coordinator_writes_cohorts(api_as, coordinator, advisor):
    data = {"label": "Cohorte 2027", "year": 2027, "start_date": "2027-01-04"}
    assert api_as(advisor).post("/api/v1/cohorts/", data).status_code == 403
    response = api_as(coordinator).post("/api/v1/cohorts/", data)
    assert response.status_code == 201, response.json()
    assert response.json()["target_size"] == 90 and response.json()["member_count"] == 0
    assert api_as(coordinator).post("/api/v1/cohorts/", data).status_code == 400


def test_job_seeker_fields_and_health_data(api_as, person, advisor, ml_advisor, coordinator):
    TeamMemberFactory(job_seeker=person, organisation=ml_advisor.organisation)
    SituationFactory(job_seeker=person, date=D(2026, 6, 1), situation="cdi")
    data = api_as(advisor).get(f"/api/v1/job-seekers/{person.pk}/").json()
    assert set(data) == JOB_SEEKER_FIELDS
    assert data["status"] == "in_follow_up" and data["follow_up_end_date"] == "2027-03-01"
    assert data["current_situation"] == "cdi" and data["disability_recognised"] is True
    assert "disability_recognised" in api_as(coordinator).get(f"/api/v1/job-seekers/{person.pk}/").json()
    assert "disability_recognised" not in api_as(ml_advisor).get(f"/api/v1/job-seekers/{person.pk}/").json()


def test_people_outside_reach_are_404(api_as, person, ml_advisor, other_coordinator):
    follow_up = FollowUpFactory(job_seeker=person)
    for user in (ml_advisor, other_coordinator):
        assert api_as(user).get(f"/api/v1/job-seekers/{person.pk}/").status_code == 404
        assert api_as(user).get(f"/api/v1/follow-ups/{follow_up.pk}/").status_code == 404
        assert api_as(user).patch(f"/api/v1/job-seekers/{person.pk}/", {"phone": "0600"}).status_code == 404


def test_enrol_through_the_api_with_french_errors(api_as, advisor, cohort, qpv):
    data = {
        "cohort": cohort.pk,
        "first_name": "Yasmine",
        "last_name": "Haddad",
        "birth_date": "1995-05-05",
        "sex": "F",
        "qpv": qpv.pk,
        "entry_date": "2026-05-04",
        "consent_recorded_on": "2026-05-04",
        "referent_organisation": 999999,
    }
    client = api_as(advisor)
    data.pop("referent_organisation")
    response = client.post("/api/v1/job-seekers/", data)
    assert response.status_code == 201, response.json()
    assert response.json()["referent_organisation"] == advisor.organisation_id
    assert response.json()["status"] == "in_follow_up"
    again = client.post("/api/v1/job-seekers/", data)
    assert again.status_code == 400 and "déjà inscrite" in again.json()["non_field_errors"][0]
    no_qpv = client.post("/api/v1/job-seekers/", {**data, "first_name": "Autre", "qpv": None})
    assert no_qpv.status_code == 400 and "QPV" in no_qpv.json()["qpv"][0]


def test_early_exit_through_patch(api_as, person, advisor):
    response = api_as(advisor).patch(
        f"/api/v1/job-seekers/{person.pk}/", {"left_early_on": "2026-05-01", "left_early_reason": "lost_contact"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "left_early"


def test_job_seeker_filters(api_as, person, coordinator, territory):
    other = JobSeekerFactory(
        territory=territory, cohort=CohortFactory(territory=territory, year=2025), entry_date=D(2025, 1, 6)
    )
    BarrierFactory(job_seeker=person, category="housing")
    client = api_as(coordinator)

    def ids(**params):
        return {row["id"] for row in client.get("/api/v1/job-seekers/", params).json()["results"]}

    assert ids() == {person.pk, other.pk}
    assert ids(search="helene lefevre") == {person.pk}
    assert ids(status="completed") == {other.pk}
    assert ids(cohort=person.cohort_id) == {person.pk}
    assert ids(barrier_category="housing") == {person.pk}
    assert ids(qpv=person.qpv_id) == {person.pk}
    assert ids(referent_organisation=person.referent_organisation_id) == {person.pk}


def test_confidential_note_omitted_for_other_organisations(api_as, person, advisor, ml_advisor, coordinator):
    TeamMemberFactory(job_seeker=person, organisation=ml_advisor.organisation)
    FollowUpFactory(job_seeker=person, author=advisor, confidential_note="Secret")
    assert api_as(advisor).get("/api/v1/follow-ups/").json()["results"][0]["confidential_note"] == "Secret"
    for user in (ml_advisor, coordinator):
        row = api_as(user).get("/api/v1/follow-ups/").json()["results"][0]
        assert "confidential_note" not in row and row["summary"] == "Point sur les démarches."


def test_follow_up_author_set_by_server_and_patch_by_author_only(api_as, person, advisor, coordinator):
    response = api_as(advisor).post(
        "/api/v1/follow-ups/",
        {
            "job_seeker": person.pk,
            "date": "2026-04-01",
            "kind": "phone_call",
            "summary": "Appel",
            "author": coordinator.pk,
            "organisation": coordinator.organisation_id,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["author"], body["organisation"]) == (advisor.pk, advisor.organisation_id)
    url = f"/api/v1/follow-ups/{body['id']}/"
    assert api_as(coordinator).patch(url, {"summary": "Réécrit"}).status_code == 403
    assert api_as(advisor).patch(url, {"summary": "Corrigé"}).json()["summary"] == "Corrigé"
    assert api_as(advisor).put(url, {"summary": "x"}).status_code == 405
    assert api_as(advisor).delete(url).status_code == 405


def test_follow_up_filters(api_as, person, advisor):
    FollowUpFactory(job_seeker=person, date=D(2026, 3, 10), kind="phone_call")
    FollowUpFactory(job_seeker=person, date=D(2026, 5, 10))
    client = api_as(advisor)
    assert client.get("/api/v1/follow-ups/", {"date_after": "2026-04-01"}).json()["count"] == 1
    assert client.get("/api/v1/follow-ups/", {"date_before": "2026-04-01", "kind": "phone_call"}).json()["count"] == 1
    assert client.get("/api/v1/follow-ups/", {"job_seeker": person.pk}).json()["count"] == 2


def test_barrier_lifecycle_through_the_api(api_as, person, advisor):
    client = api_as(advisor)
    response = client.post(
        "/api/v1/barriers/", {"job_seeker": person.pk, "category": "mobility", "identified_on": "2026-03-05"}
    )
    assert response.status_code == 201, response.json()
    assert set(response.json()) == {
        "id",
        "job_seeker",
        "category",
        "status",
        "identified_on",
        "lifted_on",
        "action",
        "comment",
    }
    url = f"/api/v1/barriers/{response.json()['id']}/"
    lifted = client.patch(url, {"status": "lifted", "lifted_on": "2026-05-02"})
    assert lifted.status_code == 200 and lifted.json()["lifted_on"] == "2026-05-02"
    back = client.patch(url, {"status": "identified"})
    assert back.status_code == 400 and "ne peut passer" in back.json()["status"][0]
    assert Barrier.objects.get().transitions.count() == 2


def test_situations_with_outcome_class(api_as, person, advisor):
    client = api_as(advisor)
    response = client.post("/api/v1/situations/", {"job_seeker": person.pk, "date": "2026-06-01", "situation": "cdi"})
    assert response.status_code == 201, response.json()
    assert response.json()["outcome_class"] == "emploi_durable"
    assert client.get("/api/v1/situations/", {"situation": "cdi"}).json()["count"] == 1
    assert Situation.objects.get().author == advisor


def test_a_contracts_class_is_derived_from_its_dates(api_as, person, advisor):
    client = api_as(advisor)
    body = {"job_seeker": person.pk, "date": "2026-06-01", "situation": "apprenticeship"}
    missing = client.post("/api/v1/situations/", body)
    assert missing.status_code == 400 and "fin du contrat" in missing.json()["contract_end"][0]
    short = client.post("/api/v1/situations/", {**body, "contract_end": "2026-09-30", "weekly_hours": "35"})
    assert short.status_code == 201, short.json()
    assert short.json()["outcome_class"] == "emploi_de_transition"
    assert short.json()["contract_start"] == "2026-06-01" and short.json()["weekly_hours"] == "35.0"
    long = client.post("/api/v1/situations/", {**body, "date": "2026-07-01", "contract_end": "2028-06-30"})
    assert long.json()["outcome_class"] == "emploi_durable"


def test_former_length_codes_are_still_accepted_with_estimated_dates(api_as, person, advisor):
    response = api_as(advisor).post(
        "/api/v1/situations/", {"job_seeker": person.pk, "date": "2026-06-01", "situation": "cdd_6m_plus"}
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["situation"], data["contract_end"], data["outcome_class"]) == ("cdd", "2026-11-30", "emploi_durable")
    assert Situation.objects.get().contract_dates_estimated


def test_writing_on_someone_out_of_reach_is_refused(api_as, person, ml_advisor):
    response = api_as(ml_advisor).post(
        "/api/v1/follow-ups/", {"job_seeker": person.pk, "date": "2026-04-01", "kind": "other", "summary": "x"}
    )
    assert response.status_code == 400 and "job_seeker" in response.json()
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("resource", ["job-seekers", "follow-ups", "barriers", "situations"])
def test_list_api_runs_in_bounded_queries(api_as, person, advisor, django_assert_max_num_queries, resource):
    client = api_as(advisor)

    def populate(n):
        for _ in range(n):
            other = JobSeekerFactory(
                territory=person.territory,
                cohort=person.cohort,
                qpv=person.qpv,
                referent_organisation=person.referent_organisation,
            )
            FollowUpFactory(job_seeker=other, author=advisor)
            BarrierFactory(job_seeker=other)
            SituationFactory(job_seeker=other)

    # the user, the page with its count (COUNT(*) OVER ()), the access log entry with its filing (one statement on
    # PostgreSQL, two elsewhere)
    budget = 3 if connection.vendor == "postgresql" else 4
    populate(3)
    with django_assert_max_num_queries(
        budget, info=f"{resource} : une page et son compte, sans jointure inutile ni requête par ligne."
    ):
        client.get(f"/api/v1/{resource}/", {"page_size": 200})
    populate(20)
    with django_assert_max_num_queries(budget, info=f"{resource} : le nombre de requêtes ne doit pas croître."):
        assert client.get(f"/api/v1/{resource}/", {"page_size": 200}).json()["count"] >= 20


def test_schema_describes_the_cohorts_resources(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    for resource in ["qpvs", "cohorts", "job-seekers", "barriers", "follow-ups", "situations"]:
        assert f"/api/v1/{resource}/" in paths, resource
    assert "patch" not in paths["/api/v1/situations/{id}/"]
    assert "put" not in paths["/api/v1/job-seekers/{id}/"]
    props = schema["components"]["schemas"]["JobSeeker"]["properties"]
    assert set(props) == JOB_SEEKER_FIELDS
    assert props["status"]["readOnly"]
    params = {p["name"] for p in paths["/api/v1/job-seekers/"]["get"]["parameters"]}
    assert {"cohort", "status", "qpv", "referent_organisation", "barrier_category", "search", "page_size"} <= params
    params = {p["name"] for p in paths["/api/v1/follow-ups/"]["get"]["parameters"]}
    assert {"job_seeker", "kind", "organisation", "date_after", "date_before"} <= params
