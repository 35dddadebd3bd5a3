"""Barriers and meeting decisions can point at the action that addresses them."""

from partners.models import Decision
from tests.actions.factories import ActionFactory, JobSeekerFactory
from tests.factories import UserFactory


def test_a_barrier_links_to_an_action_of_the_territory_only(api_as, territory, other_territory, action):
    advisor = UserFactory(advisor=True, organisation__territory=territory)
    person = JobSeekerFactory(cohort__territory=territory, referent_organisation=advisor.organisation)
    foreign = ActionFactory(territory=other_territory)
    client = api_as(advisor)
    payload = {"job_seeker": person.pk, "category": "childcare", "identified_on": "2026-03-05"}
    refused = client.post("/api/v1/barriers/", {**payload, "action": foreign.pk})
    assert refused.status_code == 400
    assert "action" in refused.json()
    created = client.post("/api/v1/barriers/", {**payload, "action": action.pk})
    assert created.status_code == 201, created.json()
    assert created.json()["action"] == action.pk
    assert list(action.barriers.values_list("pk", flat=True)) == [created.json()["id"]]


def test_a_decision_may_name_an_action(action):
    assert Decision._meta.get_field("action").related_model is type(action)
    assert action.decisions.count() == 0
