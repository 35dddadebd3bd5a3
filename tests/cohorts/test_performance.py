"""Lists at national scale: invalid filters never widen a list, database invariants, lean queries (issue 13)."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from rest_framework.authtoken.models import Token

from cohorts import services
from cohorts.models import JobSeeker
from tests.factories import OrganisationFactory

from .factories import CohortFactory, FollowUpFactory, JobSeekerFactory, QPVFactory, SituationFactory

D = datetime.date


@pytest.fixture
def cohort_of_five(person, coordinator):
    """The `person` (in follow-up) and four more: two in follow-up, two who completed their year."""
    people = [person]
    for entry in (D(2026, 1, 5), D(2026, 2, 2), D(2023, 1, 2), D(2023, 3, 6)):
        people.append(
            JobSeekerFactory(
                territory=person.territory,
                cohort=person.cohort,
                qpv=person.qpv,
                referent_organisation=person.referent_organisation,
                entry_date=entry,
            )
        )
    return people


@pytest.mark.parametrize(
    "query",
    [
        {"status": "in_follow_up", "page_size": "20"},  # 20 is not one of PAGE_SIZES: the bug of issue 13
        {"status": "in_follow_up", "cohort": "999999"},
        {"status": "in_follow_up", "referent": "abc"},
        {"status": "bogus"},
    ],
)
def test_an_invalid_filter_lists_nobody_and_says_so(client, coordinator, cohort_of_five, query):
    client.force_login(coordinator)
    response = client.get("/cohorte/", query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Les filtres saisis ne sont pas valides" in html, "the page must say the filters are invalid"
    for person in cohort_of_five:
        assert f"/personnes/{person.pk}/" not in html, "an invalid filter must never widen the list to everyone"
    assert "0 personnes." in html


def test_a_valid_status_filter_still_filters(client, coordinator, cohort_of_five):
    client.force_login(coordinator)
    html = client.get("/cohorte/", {"status": "in_follow_up", "page_size": "25"}).content.decode()
    assert "3 personnes." in html and "ne sont pas valides" not in html


def test_the_export_refuses_invalid_filters_instead_of_exporting_everyone(client, coordinator, cohort_of_five):
    client.force_login(coordinator)
    response = client.get("/cohorte/export.csv", {"status": "in_follow_up", "page_size": "20"})
    assert response.status_code == 400
    assert "ne sont pas valides" in response.content.decode()
    assert client.get("/cohorte/export.csv", {"status": "in_follow_up"}).content.decode().count("\n") == 1 + 3


def test_the_api_answers_400_to_an_invalid_filter(api_as, coordinator, cohort_of_five):
    response = api_as(coordinator).get("/api/v1/job-seekers/", {"status": "bogus"})
    assert response.status_code == 400 and "status" in response.json()
    page = api_as(coordinator).get("/api/v1/job-seekers/", {"status": "in_follow_up", "page_size": "20"}).json()
    assert page["count"] == 3


def test_the_action_list_says_when_a_filter_is_invalid(client, coordinator):
    client.force_login(coordinator)
    html = client.get("/actions/", {"year": "1900"}).content.decode()
    assert "Les filtres saisis ne sont pas valides" in html


# --- database invariants --------------------------------------------------------------------------
def _insert_raw(**fields):
    """An insert that bypasses the services and clean(), as a bulk import or SQL would."""
    with transaction.atomic():
        JobSeeker.objects.bulk_create([JobSeekerFactory.build(**fields)])


@pytest.mark.postgres
def test_the_database_refuses_a_person_whose_cohort_is_of_another_territory(person, other_territory):
    foreign = CohortFactory(territory=other_territory)
    with pytest.raises(IntegrityError, match="cohorte"):
        _insert_raw(
            territory=person.territory,
            cohort=foreign,
            qpv=person.qpv,
            referent_organisation_id=person.referent_organisation_id,
        )
    with pytest.raises(IntegrityError, match="cohorte"), transaction.atomic():
        JobSeeker.objects.filter(pk=person.pk).update(cohort=foreign)


@pytest.mark.postgres
def test_the_database_refuses_a_qpv_or_referent_organisation_of_another_territory(person, other_territory):
    with pytest.raises(IntegrityError, match="QPV"):
        _insert_raw(
            territory=person.territory,
            cohort=person.cohort,
            qpv=QPVFactory(territory=other_territory),
            referent_organisation_id=person.referent_organisation_id,
        )
    with pytest.raises(IntegrityError, match="organisation référente"):
        _insert_raw(
            territory=person.territory,
            cohort=person.cohort,
            qpv=person.qpv,
            referent_organisation=OrganisationFactory(territory=other_territory),
        )


@pytest.mark.postgres
def test_the_database_refuses_a_referent_outside_the_referent_organisation(person, ml_advisor):
    with pytest.raises(IntegrityError, match="personne référente"), transaction.atomic():
        JobSeeker.objects.filter(pk=person.pk).update(referent=ml_advisor)
    # a referent who later moved to another organisation does not make the file impossible to save
    advisor = person.referent
    advisor.organisation = ml_advisor.organisation
    advisor.save()
    person.address = "2 rue des Lices"
    person.save()


@pytest.mark.postgres
def test_a_cohort_with_people_cannot_move_to_another_territory(person, other_territory):
    with pytest.raises(IntegrityError, match="changer de territoire"), transaction.atomic():
        type(person.cohort).objects.filter(pk=person.cohort_id).update(territory=other_territory)


@pytest.mark.postgres
def test_latest_situation_and_follow_up_have_their_index(db):
    for table, name in [
        ("cohorts_situation", "situation_latest_per_person"),
        ("cohorts_followup", "follow_up_latest_per_person"),
    ]:
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, table)
        assert name in constraints, f"{table}: index on (job_seeker_id, date DESC, id DESC) missing"
        assert constraints[name]["columns"] == ["job_seeker_id", "date", "id"]
        assert constraints[name]["orders"] == ["ASC", "DESC", "DESC"]


# --- lean queries -----------------------------------------------------------------------------------
def test_a_token_call_loads_user_organisation_and_territory_in_one_query(
    api_client, advisor, django_assert_max_num_queries
):
    token = Token.objects.create(user=advisor)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    with django_assert_max_num_queries(
        1, info="users/me/ by token: select_related user__organisation__territory"
    ) as ctx:
        assert api_client.get("/api/v1/users/me/").json()["territory"]["id"] == advisor.organisation.territory_id
    assert "partners_territory" in ctx.captured_queries[0]["sql"]


def test_lists_never_load_password_hashes(client, api_as, person, advisor, django_assert_max_num_queries):
    FollowUpFactory(job_seeker=person, author=advisor, organisation=advisor.organisation)
    SituationFactory(job_seeker=person)
    client.force_login(advisor)
    for fetch in (
        lambda: client.get("/cohorte/"),
        lambda: client.get(f"/cohorte/personnes/{person.pk}/"),
        lambda: client.get("/cohorte/mes-personnes/"),
        lambda: client.get("/cohorte/export.csv"),
        lambda: api_as(advisor).get("/api/v1/job-seekers/"),
        lambda: api_as(advisor).get("/api/v1/follow-ups/"),
    ):
        with django_assert_max_num_queries(20) as ctx:
            assert fetch().status_code == 200
        sqls = [q["sql"] for q in ctx.captured_queries if "django_session" not in q["sql"]]
        leaking = [sql for sql in sqls if '"partners_user"."password"' in sql and 'partners_user"."id" = ' not in sql]
        assert not leaking, f"a list joins a user with her password hash: defer it (with_referents)\n{leaking}"


def test_the_filter_drop_downs_come_from_the_cache_and_follow_writes(
    client, coordinator, person, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get("/cohorte/")
    with django_assert_max_num_queries(
        3, info="cohort list: user, count, rows; session, two-factor device and drop-down choices from the cache"
    ) as ctx:
        client.get("/cohorte/")
    assert not any("cohorts_qpv" in q["sql"] and "cohorts_jobseeker" not in q["sql"] for q in ctx.captured_queries)
    services.cohort_create(actor=coordinator, label="Cohorte 2027", year=2027, start_date=D(2027, 1, 1))
    assert "Cohorte 2027" in client.get("/cohorte/").content.decode(), "a new cohort must appear at once"


@pytest.mark.postgres
def test_drop_downs_never_open_a_server_side_cursor(client, coordinator, person, django_assert_max_num_queries):
    client.force_login(coordinator)
    for path in ("/cohorte/inscrire/", "/pilotage/", "/"):
        with django_assert_max_num_queries(40) as ctx:
            assert client.get(path).status_code == 200
        declared = [q["sql"][:80] for q in ctx.captured_queries if q["sql"].startswith("DECLARE")]
        assert not declared, f"{path}: a small lookup opened a server-side cursor (DISABLE_SERVER_SIDE_CURSORS)"


def test_api_fields_are_built_once_and_scoped_to_each_caller(api_as, coordinator, other_coordinator, territory):
    """cite_emploi.api.BuiltFieldsOnce: DRF's model introspection runs once per serializer class; the copy each
    request gets is still scoped to its caller's territory (a cohort of another territory is refused)."""
    from cohorts.api.serializers import JobSeekerSerializer

    mine = CohortFactory(territory=territory)
    theirs = CohortFactory(territory=other_coordinator.territory)
    response = api_as(coordinator).post("/api/v1/job-seekers/", {"cohort": theirs.pk}, format="json")
    assert response.status_code == 400 and "cohort" in response.json()
    assert "_built_fields" in JobSeekerSerializer.__dict__
    response = api_as(other_coordinator).post("/api/v1/job-seekers/", {"cohort": mine.pk}, format="json")
    assert response.status_code == 400 and "cohort" in response.json()
    built = JobSeekerSerializer.__dict__["_built_fields"]["cohort"]
    assert "WHERE" not in str(built.queryset.all().query), "a caller's scoping leaked into the shared fields"
