"""Factories of the reporting tests: cohort objects with dates under control, and meeting packs. Fake data only."""

import datetime

import factory
from factory.django import DjangoModelFactory

from cohorts.models import QPV, Barrier, FollowUp, JobSeeker, Situation
from partners.models import Meeting
from reporting.models import MeetingPack
from tests.actions.factories import (  # noqa: F401  (re-exported for the reporting tests)
    ActionFactory,
    CohortFactory,
    CommitmentFactory,
    EnvelopeFactory,
    ParticipationFactory,
)
from tests.factories import OrganisationFactory, TerritoryFactory


class QPVFactory(DjangoModelFactory):
    class Meta:
        model = QPV

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Quartier {n}")
    commune = "Angers"


class PersonFactory(DjangoModelFactory):
    """A cohort member living in a QPV of the territory."""

    class Meta:
        model = JobSeeker

    cohort = factory.SubFactory(CohortFactory)
    territory = factory.SelfAttribute("cohort.territory")
    first_name = factory.Faker("first_name")
    last_name = factory.Sequence(lambda n: f"Nomdefamille{n}")
    birth_date = datetime.date(1990, 4, 2)
    sex = "F"
    address = factory.Faker("street_address")
    qpv = factory.SubFactory(QPVFactory, territory=factory.SelfAttribute("..territory"))
    referent_organisation = factory.SubFactory(OrganisationFactory, territory=factory.SelfAttribute("..territory"))
    entry_date = datetime.date(2025, 9, 1)
    consent_recorded_on = factory.SelfAttribute("entry_date")


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


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    territory = factory.SubFactory(TerritoryFactory)
    kind = "technical_group"
    date = datetime.date(2026, 3, 12)
    title = "Groupe technique de mars"


class MeetingPackFactory(DjangoModelFactory):
    class Meta:
        model = MeetingPack

    territory = factory.SubFactory(TerritoryFactory)
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 2, 28)
