"""Factories of the reporting tests: cohort objects with dates under control, and meeting packs. Fake data only."""

import datetime

import factory
from factory.django import DjangoModelFactory

from cohorts.models import Barrier, FollowUp, Situation
from reporting.models import MeetingPack
from tests.actions.factories import (  # noqa: F401  (re-exported for the reporting tests)
    ActionFactory,
    CohortFactory,
    CommitmentFactory,
    EnvelopeFactory,
    ParticipationFactory,
)
from tests.cohorts import factories as cohorts_factories
from tests.factories import TerritoryFactory
from tests.partners import factories as partners_factories

QPVFactory = cohorts_factories.QPVFactory


class PersonFactory(cohorts_factories.JobSeekerFactory):
    """A cohort member living in a QPV of the territory, with an address (to prove the pack never prints it)."""

    cohort = factory.SubFactory(CohortFactory)
    territory = factory.SelfAttribute("cohort.territory")
    last_name = factory.Sequence(lambda n: f"Nomdefamille{n}")
    birth_date = datetime.date(1990, 4, 2)
    address = factory.Faker("street_address")
    entry_date = datetime.date(2025, 9, 1)


class BarrierFactory(DjangoModelFactory):
    class Meta:
        model = Barrier

    job_seeker = factory.SubFactory(PersonFactory)
    category = "mobility"
    identified_on = datetime.date(2025, 9, 15)


class FollowUpFactory(DjangoModelFactory):
    class Meta:
        model = FollowUp

    job_seeker = factory.SubFactory(PersonFactory)
    date = datetime.date(2026, 2, 10)
    kind = "individual_meeting"
    organisation = factory.SelfAttribute("job_seeker.referent_organisation")
    summary = "Point d'étape."


class SituationFactory(DjangoModelFactory):
    class Meta:
        model = Situation

    job_seeker = factory.SubFactory(PersonFactory)
    date = factory.SelfAttribute("job_seeker.entry_date")
    situation = "job_seeking"


class MeetingFactory(partners_factories.MeetingFactory):
    date = datetime.date(2026, 3, 12)
    title = "Groupe technique de mars"


class MeetingPackFactory(DjangoModelFactory):
    class Meta:
        model = MeetingPack

    territory = factory.SubFactory(TerritoryFactory)
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 2, 28)
