"""A follow-up group's decision may concern a person: the link is shown only to those who may see her."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cohorts.models import JobSeekerDecision
from partners import services
from partners.enums import AuditAction
from partners.models import AuditEntry
from tests.cohorts.factories import JobSeekerFactory
from tests.factories import UserFactory
from tests.partners.factories import DecisionFactory, MeetingFactory, WorkingGroupFactory


@pytest.fixture
def case(territory, advisor):
    other_advisor = UserFactory(advisor=True, organisation__territory=territory, organisation__name="Cap emploi")
    group = WorkingGroupFactory(territory=territory, members=[advisor, other_advisor])
    meeting = MeetingFactory(territory=territory, follow_up=True, group=group)
    person = JobSeekerFactory(
        territory=territory, first_name="Yasmine", last_name="Benali", referent_organisation=advisor.organisation
    )
    decision = DecisionFactory(meeting=meeting, text="Proposer l'atelier mobilité", job_seeker=person)
    return {"meeting": meeting, "person": person, "decision": decision, "other_advisor": other_advisor}


@pytest.mark.parametrize(
    ("role", "sees_name"),
    [("coordinator", True), ("advisor", True), ("other_advisor", False), ("admin_user", False)],
)
def test_the_person_is_shown_only_to_who_may_see_her(client, api_as, request, case, role, sees_name):
    user = case["other_advisor"] if role == "other_advisor" else request.getfixturevalue(role)
    client.force_login(user)
    html = client.get(f"/partenaires/reunions/{case['meeting'].pk}/").content.decode()
    body = api_as(user).get(f"/api/v1/meetings/{case['meeting'].pk}/").json()
    assert ("Yasmine Benali" in html) is sees_name
    if role == "admin_user":  # the technical admin reads no follow-up group decision at all (issue 10, point 2)
        assert "Proposer l&#x27;atelier mobilité" not in html and body["decisions"] == []
        return
    assert "Proposer l&#x27;atelier mobilité" in html  # every advisor who sees the meeting sees the decision
    assert body["decisions"][0]["job_seeker"] == (case["person"].pk if sees_name else None)


def test_a_person_is_linked_only_to_a_follow_up_group_decision(coordinator, territory):
    technical = MeetingFactory(territory=territory, date=datetime.date(2026, 5, 26))
    person = JobSeekerFactory(territory=territory)
    with pytest.raises(ValidationError, match="que dans un groupe de suivi"):
        services.decision_create(actor=coordinator, meeting=technical, text="x", job_seeker=person)


def test_a_person_of_another_territory_cannot_be_linked(coordinator, territory, other_territory):
    meeting = MeetingFactory(territory=territory, follow_up=True)
    stranger = JobSeekerFactory(territory=other_territory)
    with pytest.raises(ValidationError, match="pas dans votre périmètre"):
        services.decision_create(actor=coordinator, meeting=meeting, text="x", job_seeker=stranger)


def test_the_decision_form_offers_people_only_at_follow_up_meetings(client, coordinator, territory, case):
    client.force_login(coordinator)
    follow_up = client.get(f"/partenaires/reunions/{case['meeting'].pk}/").content.decode()
    assert 'name="job_seeker"' in follow_up
    technical = MeetingFactory(territory=territory)
    assert 'name="job_seeker"' not in client.get(f"/partenaires/reunions/{technical.pk}/").content.decode()


def test_editing_a_decision_shows_then_changes_its_person(client, coordinator, territory, case):
    """The link is cohorts' row (JobSeekerDecision): the edit form starts from it and the service rewrites it."""
    client.force_login(coordinator)
    page = client.get(f"/partenaires/decisions/{case['decision'].pk}/modifier/").content.decode()
    assert f'<option value="{case["person"].pk}" selected>' in page
    services.decision_update(actor=coordinator, decision=case["decision"], job_seeker=None)
    assert not JobSeekerDecision.objects.filter(decision=case["decision"]).exists()
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(case["decision"].pk)).latest("pk")
    assert entry.fields == ["job_seeker"]
