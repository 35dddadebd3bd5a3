from decimal import Decimal

import pytest

from actions.models import Action, Participation
from partners.models import AuditEntry
from tests.actions.factories import (
    ActionFactory,
    CommitmentFactory,
    JobSeekerFactory,
    ParticipationFactory,
    ParticipationOutcomeFactory,
)
from tests.factories import OrganisationFactory, UserFactory


def test_coordinator_creates_an_action_with_outcome_types(api_as, coordinator, territory):
    partner = OrganisationFactory(territory=territory)
    response = api_as(coordinator).post(
        "/api/v1/actions/",
        {
            "title": "Mobilité vers l'emploi",
            "description": "Location de scooters",
            "lead_organisation": coordinator.organisation_id,
            "partner_organisations": [partner.pk],
            "barrier_categories": ["mobility"],
            "start_date": "2026-03-01",
            "capacity": 12,
            "outcome_types": [
                {"label": "Permis obtenu"},
                {"code": "job", "label": "Emploi", "national_class": "emploi_durable"},
            ],
            "status": "closed",  # ignored at creation: always planned
            "territory": 999,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "planned"
    assert body["outcome_types"] == [
        {"code": "permis_obtenu", "label": "Permis obtenu", "national_class": "autre"},
        {"code": "job", "label": "Emploi", "national_class": "emploi_durable"},
    ]
    assert Action.objects.get(pk=body["id"]).territory_id == territory.pk
    assert AuditEntry.objects.filter(object_id=str(body["id"]), action="create").exists()


def test_status_moves_forward_only(api_as, coordinator, action):
    client = api_as(coordinator)
    assert client.patch(f"/api/v1/actions/{action.pk}/", {"status": "closed"}).status_code == 200
    response = client.patch(f"/api/v1/actions/{action.pk}/", {"status": "running"})
    assert response.status_code == 400
    assert "ne peut pas passer" in response.json()["status"][0]


def test_unknown_barrier_category_is_a_french_400(api_as, coordinator):
    response = api_as(coordinator).post(
        "/api/v1/actions/",
        {
            "title": "X",
            "lead_organisation": coordinator.organisation_id,
            "barrier_categories": ["ovni"],
            "start_date": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert "n'est pas un choix valide" in response.json()["barrier_categories"]["0"][0]


def test_filters_by_barrier_category_status_and_year(api_as, coordinator, territory):
    ActionFactory(territory=territory, barrier_categories=["mobility", "language"], status="planned")
    ActionFactory(territory=territory, barrier_categories=["childcare"], start_date="2024-01-01", end_date="2024-12-31")
    client = api_as(coordinator)
    assert client.get("/api/v1/actions/?barrier_category=language").json()["count"] == 1
    assert client.get("/api/v1/actions/?status=planned").json()["count"] == 1
    assert client.get("/api/v1/actions/?year=2024").json()["count"] == 1
    assert client.get("/api/v1/actions/?year=2026").json()["count"] == 1


def test_indicators_endpoint_gives_the_selector_figures_as_decimal_strings(api_as, coordinator, action, envelope):
    ps = [ParticipationFactory(action=action, single_parent=i < 2) for i in range(3)]
    ParticipationOutcomeFactory(participation=ps[0])
    CommitmentFactory(envelope=envelope, action=action, amount=Decimal("1234.50"))
    response = api_as(coordinator).get(f"/api/v1/actions/{action.pk}/indicators/")
    assert response.status_code == 200
    body = response.json()
    assert body["participant_count"] == 3
    assert body["single_parent_count"] == 2
    assert body["single_parent_rate"] == "66.7"
    assert body["outcomes"]["temporary_childcare"] == 1
    assert body["committed"] == "1234.50"
    assert body["paid"] == "0.00"
    assert body["cost_per_participant"] == "411.50"


@pytest.mark.parametrize(
    ("role", "actions", "participations", "budget", "write_action"),
    [
        ("coordinator", 200, 200, 200, 201),
        ("advisor", 200, 200, 200, 403),
        ("viewer", 200, 403, 403, 403),
        ("admin", 200, 403, 200, 403),
    ],
)
def test_access_per_role(api_as, territory, action, role, actions, participations, budget, write_action):
    user = UserFactory(role=role, organisation__territory=territory)
    client = api_as(user)
    assert client.get("/api/v1/actions/").status_code == actions
    assert client.get(f"/api/v1/actions/{action.pk}/indicators/").status_code == 200
    assert client.get("/api/v1/participations/").status_code == participations
    assert client.get("/api/v1/participation-outcomes/").status_code == participations
    assert client.get("/api/v1/envelopes/").status_code == budget
    assert client.get("/api/v1/commitments/").status_code == budget
    created = client.post(
        "/api/v1/actions/", {"title": "T", "lead_organisation": action.lead_organisation_id, "start_date": "2026-01-01"}
    )
    assert created.status_code == write_action
    assert client.post("/api/v1/envelopes/", {"year": 2027}).status_code == (201 if role == "coordinator" else 403)


def test_another_territory_gets_404(api_as, other_coordinator, action, envelope):
    client = api_as(other_coordinator)
    assert client.get(f"/api/v1/actions/{action.pk}/").status_code == 404
    assert client.get(f"/api/v1/actions/{action.pk}/indicators/").status_code == 404
    assert client.get(f"/api/v1/envelopes/{envelope.pk}/").status_code == 404
    assert client.get("/api/v1/actions/").json()["count"] == 0


def test_advisors_see_participations_only_for_people_they_may_see(api_as, territory, action):
    advisor = UserFactory(advisor=True, organisation__territory=territory)
    mine = JobSeekerFactory(cohort__territory=territory, referent_organisation=advisor.organisation)
    theirs = JobSeekerFactory(cohort__territory=territory)
    visible = ParticipationFactory(action=action, job_seeker=mine, participant_label="")
    hidden = ParticipationFactory(action=action, job_seeker=theirs, participant_label="")
    pseudonymous = ParticipationFactory(action=action, participant_label="Famille 3")
    client = api_as(advisor)
    ids = {row["id"] for row in client.get("/api/v1/participations/").json()["results"]}
    assert ids == {visible.pk}  # not a partner of the action: no pseudonymous participant either
    assert client.get(f"/api/v1/participations/{hidden.pk}/").status_code == 404
    action.partner_organisations.add(advisor.organisation)
    ids = {row["id"] for row in client.get("/api/v1/participations/").json()["results"]}
    assert ids == {visible.pk, pseudonymous.pk}


def test_enrolment_by_api_and_waiting_list(api_as, coordinator, action):
    action.capacity = 1
    action.save()
    client = api_as(coordinator)
    first = client.post(
        "/api/v1/participations/",
        {"action": action.pk, "participant_label": "Famille 1", "single_parent": True, "enrolled_on": "2026-02-01"},
    )
    second = client.post("/api/v1/participations/", {"action": action.pk, "participant_label": "Famille 2"})
    assert first.status_code == 201 and first.json()["status"] == "enrolled"
    assert second.status_code == 201 and second.json()["status"] == "waiting"
    # the first leaves: the second takes her place
    left = client.patch(f"/api/v1/participations/{first.json()['id']}/", {"left_on": "2026-05-01"})
    assert left.status_code == 200, left.json()
    assert Participation.objects.get(pk=second.json()["id"]).status == "enrolled"


def test_advisor_cannot_enrol_a_person_she_does_not_follow(api_as, territory, action):
    advisor = UserFactory(advisor=True, organisation__territory=territory)
    stranger = JobSeekerFactory(cohort__territory=territory)
    response = api_as(advisor).post("/api/v1/participations/", {"action": action.pk, "job_seeker": stranger.pk})
    assert response.status_code == 400
    assert "job_seeker" in response.json()


def test_outcome_codes_must_be_the_action_ones(api_as, coordinator, action):
    participation = ParticipationFactory(action=action)
    client = api_as(coordinator)
    ok = client.post(
        "/api/v1/participation-outcomes/",
        {"participation": participation.pk, "code": "childminder", "achieved_on": "2026-03-02"},
    )
    assert ok.status_code == 201, ok.json()
    assert ok.json()["code"] == "childminder"
    bad = client.post("/api/v1/participation-outcomes/", {"participation": participation.pk, "code": "moon_landing"})
    assert bad.status_code == 400
    assert client.get(f"/api/v1/participation-outcomes/?action={action.pk}&code=childminder").json()["count"] == 1


def test_commitment_past_the_envelope_is_a_409_saying_what_remains(api_as, coordinator, envelope, action):
    CommitmentFactory(envelope=envelope, amount=Decimal("99500.00"))
    client = api_as(coordinator)
    payload = {
        "envelope": envelope.pk,
        "action": action.pk,
        "category": "childcare",
        "label": "Crèche",
        "amount": "600.00",
        "committed_on": "2026-05-01",
    }
    response = client.post("/api/v1/commitments/", payload)
    assert response.status_code == 409
    assert "il reste 500,00" in response.json()["detail"]
    payload["amount"] = "500.00"
    created = client.post("/api/v1/commitments/", payload)
    assert created.status_code == 201
    assert created.json()["amount"] == "500.00"
    envelope_body = client.get(f"/api/v1/envelopes/{envelope.pk}/").json()
    assert envelope_body == {
        "id": envelope.pk,
        "year": 2026,
        "amount": "100000.00",
        "funder": "État — crédits politique de la ville",
        "committed": "100000.00",
        "paid": "0.00",
        "remaining": "0.00",
    }
    paid = client.patch(f"/api/v1/commitments/{created.json()['id']}/", {"status": "paid", "paid_on": "2026-06-01"})
    assert paid.status_code == 200 and paid.json()["paid_on"] == "2026-06-01"
    assert client.get(f"/api/v1/commitments/?status=paid&envelope={envelope.pk}").json()["count"] == 1


def test_advisor_reads_the_budget_but_cannot_commit(api_as, advisor, envelope):
    client = api_as(advisor)
    assert client.get("/api/v1/envelopes/?year=2026").json()["count"] == 1
    response = client.post(
        "/api/v1/commitments/", {"envelope": envelope.pk, "category": "other", "label": "X", "amount": "1.00"}
    )
    assert response.status_code == 403


def test_lists_run_in_a_bounded_number_of_queries(
    api_as, coordinator, territory, envelope, django_assert_max_num_queries
):
    for _ in range(15):
        action = ActionFactory(territory=territory, outcome_types=[("a", "A")])
        ParticipationOutcomeFactory(participation=ParticipationFactory(action=action))
        CommitmentFactory(envelope=envelope, action=action, amount=Decimal("10.00"))
    client = api_as(coordinator)
    for url in (
        "/api/v1/actions/",
        "/api/v1/participations/",
        "/api/v1/participation-outcomes/",
        "/api/v1/commitments/",
        "/api/v1/envelopes/",
    ):
        with django_assert_max_num_queries(5, info=f"{url} ne doit pas faire une requête par ligne."):
            assert client.get(url + "?page_size=200").status_code == 200


def test_viewers_read_small_counts_of_the_indicators_as_less_than_five(api_as, territory):
    from tests.actions.factories import ActionFactory, ParticipationFactory, ParticipationOutcomeFactory
    from tests.factories import UserFactory

    action = ActionFactory(territory=territory, outcome_types=[("garde", "Solution de garde")])
    for single_parent in (True, True, False, False, False, False):
        participation = ParticipationFactory(action=action, single_parent=single_parent)
    ParticipationOutcomeFactory(participation=participation)
    url = f"/api/v1/actions/{action.pk}/indicators/"
    viewer = UserFactory(role="viewer", organisation__territory=territory, organisation__kind="prefecture")
    body = api_as(viewer).get(url).json()
    assert body["outcomes"] == {"garde": "< 5"}
    assert body["single_parent_count"] == "< 5"
    assert body["single_parent_rate"] is None  # 33.3 % of 6 would give the masked count away
    assert body["participant_count"] == 6
    coordinator = UserFactory(role="coordinator", organisation__territory=territory)
    body = api_as(coordinator).get(url).json()
    assert body["outcomes"] == {"garde": 1}
    assert body["single_parent_count"] == 2


def test_viewers_cannot_subtract_their_way_to_a_masked_count(api_as, territory):
    """12 participants, 10 single parents: the 2 others would follow from 12 − 10 (secondary secrecy)."""
    from tests.actions.factories import ActionFactory, ParticipationFactory
    from tests.factories import UserFactory

    action = ActionFactory(territory=territory)
    for index in range(12):
        ParticipationFactory(action=action, single_parent=index < 10)
    url = f"/api/v1/actions/{action.pk}/indicators/"
    viewer = UserFactory(role="viewer", organisation__territory=territory, organisation__kind="prefecture")
    body = api_as(viewer).get(url).json()
    assert body["participant_count"] == 12
    assert body["single_parent_count"] == "s"  # masked: 12 − 10 = 2 people
    assert body["single_parent_rate"] is None
    coordinator = UserFactory(role="coordinator", organisation__territory=territory)
    body = api_as(coordinator).get(url).json()
    assert (body["single_parent_count"], body["single_parent_rate"]) == (10, "83.3")
