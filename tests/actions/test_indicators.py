"""One selector computes every figure of an action, for one action or many, in a fixed number of queries."""

from decimal import Decimal

from actions.selectors import action_indicators, indicators_for_actions
from tests.actions.factories import (
    ActionFactory,
    CoFundingFactory,
    CommitmentFactory,
    ParticipationFactory,
    ParticipationOutcomeFactory,
)


def _populate(action, envelope):
    """7 enrolled (5 single parents), 1 on the waiting list; outcomes 3/2/1/0; 3 commitments; co-funding."""
    enrolled = [ParticipationFactory(action=action, single_parent=i < 5) for i in range(7)]
    ParticipationFactory(action=action, status="waiting", single_parent=True)
    types = {ot.code: ot for ot in action.outcome_types.all()}
    for p in enrolled[:3]:
        ParticipationOutcomeFactory(participation=p, outcome_type=types["temporary_childcare"])
    for p in enrolled[3:5]:
        ParticipationOutcomeFactory(participation=p, outcome_type=types["permanent_childcare"])
    ParticipationOutcomeFactory(participation=enrolled[6], outcome_type=types["childminder"])
    CommitmentFactory(envelope=envelope, action=action, amount=Decimal("4000.00"))
    CommitmentFactory(envelope=envelope, action=action, amount=Decimal("1500.50"), status="paid", paid_on="2026-03-01")
    CommitmentFactory(envelope=envelope, action=action, amount=Decimal("900.00"), status="cancelled")
    CommitmentFactory(envelope=envelope, action=None, amount=Decimal("700.00"))  # not this action's
    CoFundingFactory(action=action, funder="FSE+", amount=Decimal("2100.00"))
    CoFundingFactory(action=action, funder="CAF", amount=Decimal("350.00"))


def test_every_figure_comes_from_the_recorded_data(action, envelope):
    _populate(action, envelope)
    ind = action_indicators(action)
    assert ind.participant_count == 7
    assert ind.waiting_count == 1
    assert ind.single_parent_count == 5
    assert ind.single_parent_rate == Decimal("71.4")
    assert ind.outcomes == {
        "temporary_childcare": 3,
        "permanent_childcare": 2,
        "childminder": 1,
        "employment_or_training": 0,
    }
    assert ind.committed == Decimal("5500.50")  # committed + paid, cancelled excluded
    assert ind.paid == Decimal("1500.50")
    assert ind.cofunded == Decimal("2450.00")
    assert ind.total_cost == Decimal("7950.50")
    assert ind.cost_per_participant == Decimal("1135.79")


def test_an_action_without_anything_has_zeros_and_no_rate(action):
    ind = action_indicators(action)
    assert (ind.participant_count, ind.single_parent_count, ind.committed) == (0, 0, Decimal("0.00"))
    assert ind.single_parent_rate is None
    assert ind.cost_per_participant is None


def test_many_actions_in_a_fixed_number_of_queries(territory, envelope, django_assert_num_queries):
    actions = [ActionFactory(territory=territory, outcome_types=[("a", "A")]) for _ in range(3)]
    for action in actions:
        ParticipationFactory.create_batch(2, action=action)
        CommitmentFactory(envelope=envelope, action=action)
    with django_assert_num_queries(2, info="indicators: one aggregate over the actions, one over their outcome types"):
        result = indicators_for_actions(actions)
    assert {ind.participant_count for ind in result.values()} == {2}
    more = [ActionFactory(territory=territory, outcome_types=[("a", "A")]) for _ in range(10)]
    with django_assert_num_queries(2, info="indicators must not grow with the number of actions"):
        result = indicators_for_actions(actions + more)
    assert len(result) == 13
