"""Every write service of the actions app checks the caller's right itself, whatever page or endpoint calls it.

Each case is called by each kind of caller that may not write: it must raise PermissionDenied (which pages turn into
403 and the API into 403). The coordinator of the territory is called too, so a service that refused everyone would
fail here as well.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from actions import services
from actions.models import CoFunding, OutcomeType
from tests.actions.factories import (
    ActionFactory,
    CoFundingFactory,
    CommitmentFactory,
    EnvelopeFactory,
    JobSeekerFactory,
    ParticipationFactory,
)
from tests.factories import OrganisationFactory, UserFactory

UNAUTHORISED_FOR_BUDGET = ["viewer", "admin", "advisor_ref", "other_coord"]
UNAUTHORISED_FOR_PEOPLE = ["viewer", "admin", "advisor_out", "other_coord", "other_advisor"]


@pytest.fixture
def world(territory, other_territory):
    aldev = OrganisationFactory(territory=territory, kind="coordinator")
    ref_org = OrganisationFactory(territory=territory)
    out_org = OrganisationFactory(territory=territory, kind="cap_emploi")
    users = {
        "coordinator": UserFactory(role="coordinator", organisation=aldev),
        "admin": UserFactory(role="admin", organisation=aldev),
        "advisor_ref": UserFactory(role="advisor", organisation=ref_org),
        "advisor_out": UserFactory(role="advisor", organisation=out_org),
        "viewer": UserFactory(viewer=True, organisation__territory=territory),
        "other_coord": UserFactory(role="coordinator", organisation__territory=other_territory),
        "other_advisor": UserFactory(role="advisor", organisation__territory=other_territory),
    }
    action = ActionFactory(territory=territory, lead_organisation=aldev, outcome_types=[("job", "Emploi")])
    person = JobSeekerFactory(cohort__territory=territory, referent_organisation=ref_org)
    participation = ParticipationFactory(action=action, job_seeker=person, participant_label="")
    envelope = EnvelopeFactory(territory=territory, year=2026)
    return {
        "users": users,
        "action": action,
        "participation": participation,
        "envelope": envelope,
        "committed": CommitmentFactory(envelope=envelope, amount=Decimal("500.00")),
        "paid": CommitmentFactory(
            envelope=envelope, amount=Decimal("700.00"), status="paid", paid_on=datetime.date(2026, 3, 1)
        ),
        "cancelled": CommitmentFactory(envelope=envelope, amount=Decimal("300.00"), status="cancelled"),
        "cofunding": CoFundingFactory(action=action),
    }


BUDGET_CALLS = {
    "action_create": lambda w, u: services.action_create(
        actor=u, title="Nouvelle", lead_organisation=u.organisation, start_date=datetime.date(2026, 1, 1)
    ),
    "action_update": lambda w, u: services.action_update(actor=u, action=w["action"], title="Autre titre"),
    "action_transition": lambda w, u: services.action_transition(actor=u, action=w["action"], to_status="closed"),
    "cofunding_set": lambda w, u: services.cofunding_set(
        actor=u, action=w["action"], funder="Département", amount=Decimal("50.00")
    ),
    "cofunding_delete": lambda w, u: services.cofunding_delete(actor=u, cofunding=w["cofunding"]),
    "envelope_create": lambda w, u: services.envelope_create(actor=u, year=2027),
    "envelope_update": lambda w, u: services.envelope_update(
        actor=u, envelope=w["envelope"], amount=Decimal("90000.00")
    ),
    "commitment_create": lambda w, u: services.commitment_create(
        actor=u, envelope=w["envelope"], category="training", label="Formation", amount=Decimal("10.00")
    ),
    "commitment_update": lambda w, u: services.commitment_update(
        actor=u, commitment=w["committed"], amount=Decimal("400.00")
    ),
    "commitment_pay": lambda w, u: services.commitment_pay(actor=u, commitment=w["committed"]),
    "commitment_cancel": lambda w, u: services.commitment_cancel(actor=u, commitment=w["committed"]),
    "commitment_reactivate": lambda w, u: services.commitment_reactivate(actor=u, commitment=w["cancelled"]),
    "commitment_correct": lambda w, u: services.commitment_correct(
        actor=u, commitment=w["paid"], reason="Montant saisi par erreur", amount=Decimal("650.00")
    ),
}

PEOPLE_CALLS = {
    "participation_enrol": lambda w, u: services.participation_enrol(
        actor=u, action=w["action"], participant_label="Famille B"
    ),
    "participation_update": lambda w, u: services.participation_update(
        actor=u, participation=w["participation"], children_count=3
    ),
    "participation_outcome_record": lambda w, u: services.participation_outcome_record(
        actor=u, participation=w["participation"], code="job"
    ),
    "workshop_create": lambda w, u: services.workshop_create(
        actor=u, action=w["action"], date=datetime.date(2026, 3, 2), topic="Atelier parentalité"
    ),
}


# A coordinator of another territory creates actions and envelopes, in her own territory: not a refusal.
CREATES_IN_OWN_TERRITORY = {"action_create", "envelope_create"}
# Any advisor of the territory records a workshop of an action (attendees: only the participants she sees).
OPEN_TO_ADVISORS = {"workshop_create"}


@pytest.mark.parametrize("caller", UNAUTHORISED_FOR_BUDGET)
@pytest.mark.parametrize("name", sorted(BUDGET_CALLS))
def test_action_and_budget_services_refuse_who_may_not_write(name, caller, world):
    if caller == "other_coord" and name in CREATES_IN_OWN_TERRITORY:
        created = BUDGET_CALLS[name](world, world["users"][caller])
        assert created.territory_id == world["users"][caller].territory_id
        return
    with pytest.raises(PermissionDenied):
        BUDGET_CALLS[name](world, world["users"][caller])


@pytest.mark.parametrize("name", sorted(BUDGET_CALLS))
def test_action_and_budget_services_accept_the_coordinator_of_the_territory(name, world):
    BUDGET_CALLS[name](world, world["users"]["coordinator"])


@pytest.mark.parametrize("caller", UNAUTHORISED_FOR_PEOPLE)
@pytest.mark.parametrize("name", sorted(PEOPLE_CALLS))
def test_participation_services_refuse_who_may_not_see_the_participant(name, caller, world):
    if caller == "advisor_out" and name in OPEN_TO_ADVISORS:
        return
    with pytest.raises(PermissionDenied):
        PEOPLE_CALLS[name](world, world["users"][caller])


@pytest.mark.parametrize(
    ("name", "caller"),
    [(name, "coordinator") for name in sorted(PEOPLE_CALLS)]
    # advisors enrol cohort members only (people outside the cohort: coordinator and the action's organisations)
    + [(name, "advisor_ref") for name in sorted(PEOPLE_CALLS) if name != "participation_enrol"],
)
def test_participation_services_accept_the_coordinator_and_the_referent_advisor(name, caller, world):
    PEOPLE_CALLS[name](world, world["users"][caller])


def test_a_workshop_cannot_list_a_participant_the_caller_does_not_see(world):
    hidden = ParticipationFactory(action=world["action"], job_seeker=None, participant_label="Famille C")
    with pytest.raises(Exception, match="participants"):
        services.workshop_create(
            actor=world["users"]["advisor_ref"],
            action=world["action"],
            date=datetime.date(2026, 3, 2),
            topic="Atelier",
            attendees=[hidden],
        )


def test_refusals_write_nothing(world):
    before = (CoFunding.objects.count(), OutcomeType.objects.count())
    with pytest.raises(PermissionDenied):
        services.cofunding_set(
            actor=world["users"]["advisor_ref"], action=world["action"], funder="FSE+", amount=Decimal("1.00")
        )
    assert (CoFunding.objects.count(), OutcomeType.objects.count()) == before
