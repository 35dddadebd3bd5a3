"""Barriers and meeting decisions can point at the action that addresses them."""

from actions.models import ActionDecision
from partners.models import Decision
from tests.actions.factories import ActionFactory, JobSeekerFactory
from tests.factories import UserFactory
from tests.partners.factories import DecisionFactory


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
    """The link belongs to actions (partners' Decision never points up): deleting the action drops the link only."""
    decision = DecisionFactory(meeting__territory=action.territory)
    ActionDecision.objects.create(decision=decision, action=action)
    assert [link.decision for link in action.decisions.all()] == [decision]
    assert decision.action_link.action == action
    action.delete()
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert not ActionDecision.objects.exists()
