"""Factories of the actions app (and the few cohort objects its tests need). Fake data only."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from actions.enums import BudgetCategory
from actions.models import Action, CoFunding, Commitment, Envelope, OutcomeType, Participation, ParticipationOutcome
from tests.cohorts import factories as cohorts_factories
from tests.factories import OrganisationFactory, TerritoryFactory


class CohortFactory(cohorts_factories.CohortFactory):
    start_date = datetime.date(2026, 1, 5)


class JobSeekerFactory(cohorts_factories.JobSeekerFactory):
    """A cohort member outside any QPV (recorded exception): the actions tests do not need QPVs."""

    cohort = factory.SubFactory(CohortFactory)
    territory = factory.SelfAttribute("cohort.territory")
    birth_date = datetime.date(1990, 4, 2)
    qpv = None
    qpv_exception_reason = "Cas de test"
    entry_date = datetime.date(2026, 1, 15)
    consent_recorded_on = datetime.date(2026, 1, 15)


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    territory = factory.SubFactory(TerritoryFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    description = "Accompagnement de test."
    objectives = "Lever un frein."
    lead_organisation = factory.SubFactory(OrganisationFactory, territory=factory.SelfAttribute("..territory"))
    barrier_categories = factory.LazyFunction(lambda: ["childcare"])
    status = "running"
    start_date = datetime.date(2026, 1, 1)

    @factory.post_generation
    def outcome_types(self, create, extracted, **kwargs):
        if create:
            for position, (code, label) in enumerate(extracted or []):
                OutcomeType.objects.create(action=self, code=code, label=label, position=position)


class CoFundingFactory(DjangoModelFactory):
    class Meta:
        model = CoFunding

    action = factory.SubFactory(ActionFactory)
    funder = "FSE+"
    amount = Decimal("1000.00")


class EnvelopeFactory(DjangoModelFactory):
    class Meta:
        model = Envelope

    territory = factory.SubFactory(TerritoryFactory)
    year = 2026


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    envelope = factory.SubFactory(EnvelopeFactory)
    category = BudgetCategory.CHILDCARE
    label = factory.Sequence(lambda n: f"Dépense {n}")
    amount = Decimal("1000.00")
    committed_on = datetime.date(2026, 2, 1)


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    action = factory.SubFactory(ActionFactory)
    participant_label = factory.Sequence(lambda n: f"Famille {n}")
    enrolled_on = datetime.date(2026, 2, 1)
    children_count = 1


class ParticipationOutcomeFactory(DjangoModelFactory):
    class Meta:
        model = ParticipationOutcome

    participation = factory.SubFactory(ParticipationFactory)
    outcome_type = factory.LazyAttribute(lambda o: o.participation.action.outcome_types.first())
    achieved_on = datetime.date(2026, 3, 1)
