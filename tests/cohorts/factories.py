"""Factories of the cohorts app (fake data only)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from cohorts.enums import BarrierCategory, FollowUpKind, Scheme, SituationKind
from cohorts.models import (
    QPV,
    Barrier,
    BarrierTransition,
    Candidate,
    CandidateTransition,
    Cohort,
    FollowUp,
    FollowUpTeamMember,
    JobSeeker,
    SchemeConnection,
    Situation,
)
from tests.factories import OrganisationFactory, TerritoryFactory


class QPVFactory(DjangoModelFactory):
    class Meta:
        model = QPV

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Quartier {n}")
    commune = "Angers"
    code = None


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ["territory", "year"]

    territory = factory.SubFactory(TerritoryFactory)
    year = 2026
    label = factory.LazyAttribute(lambda c: f"Cohorte {c.year}")
    start_date = factory.LazyAttribute(lambda c: datetime.date(c.year, 1, 5))


class JobSeekerFactory(DjangoModelFactory):
    class Meta:
        model = JobSeeker

    territory = factory.SubFactory(TerritoryFactory)
    cohort = factory.SubFactory(CohortFactory, territory=factory.SelfAttribute("..territory"))
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    birth_date = factory.Faker("date_of_birth", minimum_age=20, maximum_age=55)
    sex = "F"
    qpv = factory.SubFactory(QPVFactory, territory=factory.SelfAttribute("..territory"))
    referent_organisation = factory.SubFactory(OrganisationFactory, territory=factory.SelfAttribute("..territory"))
    referent = None
    entry_date = datetime.date(2026, 3, 2)
    consent_recorded_on = factory.SelfAttribute("entry_date")
    commune = "Angers"


class TeamMemberFactory(DjangoModelFactory):
    class Meta:
        model = FollowUpTeamMember

    job_seeker = factory.SubFactory(JobSeekerFactory)
    organisation = factory.SubFactory(OrganisationFactory, territory=factory.SelfAttribute("..job_seeker.territory"))


class BarrierFactory(DjangoModelFactory):
    class Meta:
        model = Barrier
        skip_postgeneration_save = True

    job_seeker = factory.SubFactory(JobSeekerFactory)
    category = BarrierCategory.MOBILITY
    identified_on = factory.SelfAttribute("job_seeker.entry_date")
    organisation = factory.SelfAttribute("job_seeker.referent_organisation")

    @factory.post_generation
    def log(obj, create, extracted, **kwargs):
        if create:
            BarrierTransition.objects.create(barrier=obj, from_status="", to_status=obj.status, on=obj.identified_on)


class FollowUpFactory(DjangoModelFactory):
    class Meta:
        model = FollowUp

    job_seeker = factory.SubFactory(JobSeekerFactory)
    date = factory.SelfAttribute("job_seeker.entry_date")
    kind = FollowUpKind.INDIVIDUAL_MEETING
    author = None
    organisation = factory.LazyAttribute(
        lambda f: f.author.organisation if f.author else f.job_seeker.referent_organisation
    )
    summary = "Point sur les démarches."


class SituationFactory(DjangoModelFactory):
    class Meta:
        model = Situation

    job_seeker = factory.SubFactory(JobSeekerFactory)
    date = factory.SelfAttribute("job_seeker.entry_date")
    situation = SituationKind.JOB_SEEKING


class CandidateFactory(DjangoModelFactory):
    """A person identified by a partner (fake data), at the `identified` stage unless told otherwise."""

    class Meta:
        model = Candidate
        skip_postgeneration_save = True

    territory = factory.SubFactory(TerritoryFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    birth_date = factory.Faker("date_of_birth", minimum_age=20, maximum_age=55)
    qpv = factory.SubFactory(QPVFactory, territory=factory.SelfAttribute("..territory"))
    identified_by = factory.SubFactory(OrganisationFactory, territory=factory.SelfAttribute("..territory"))
    identified_on = datetime.date(2026, 2, 2)
    consent_recorded_on = factory.SelfAttribute("identified_on")

    @factory.post_generation
    def log(obj, create, extracted, **kwargs):
        if create:
            CandidateTransition.objects.create(candidate=obj, from_stage="", to_stage=obj.stage, on=obj.identified_on)


class SchemeConnectionFactory(DjangoModelFactory):
    class Meta:
        model = SchemeConnection

    job_seeker = factory.SubFactory(JobSeekerFactory)
    scheme = Scheme.FRANCE_TRAVAIL
    date = factory.SelfAttribute("job_seeker.entry_date")
    organisation = factory.SelfAttribute("job_seeker.referent_organisation")
