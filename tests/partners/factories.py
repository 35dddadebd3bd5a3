"""Factories of the partners' groups and meetings (the shared ones are in tests.factories)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from partners.enums import AttendanceStatus, DecisionStatus, GroupKind
from partners.models import AgendaItem, Attendee, Decision, Meeting, WorkingGroup
from tests.factories import TerritoryFactory


class WorkingGroupFactory(DjangoModelFactory):
    class Meta:
        model = WorkingGroup
        skip_postgeneration_save = True

    territory = factory.SubFactory(TerritoryFactory)
    kind = GroupKind.FOLLOW_UP_GROUP
    name = factory.Sequence(lambda n: f"Groupe de suivi {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)

    class Params:
        technical = factory.Trait(kind=GroupKind.TECHNICAL_GROUP, name="Groupe technique")
        committee = factory.Trait(kind=GroupKind.STRATEGIC_COMMITTEE, name="Comité stratégique")


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    territory = factory.SubFactory(TerritoryFactory)
    kind = GroupKind.TECHNICAL_GROUP
    group = None
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 6) + datetime.timedelta(days=7 * n))
    start_time = datetime.time(14, 0)
    location = "Aldev, 1 place Kennedy, Angers"

    class Params:
        follow_up = factory.Trait(
            kind=GroupKind.FOLLOW_UP_GROUP,
            group=factory.SubFactory(WorkingGroupFactory, territory=factory.SelfAttribute("..territory")),
        )
        committee = factory.Trait(kind=GroupKind.STRATEGIC_COMMITTEE)


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Faker("sentence", nb_words=5)


class AttendeeFactory(DjangoModelFactory):
    class Meta:
        model = Attendee

    meeting = factory.SubFactory(MeetingFactory)
    status = AttendanceStatus.INVITED


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Faker("sentence", nb_words=8)
    status = DecisionStatus.OPEN

    @factory.post_generation
    def job_seeker(self, create, person, **kwargs):
        """`DecisionFactory(job_seeker=person)`: the decision is about this person (cohorts owns the link)."""
        if create and person is not None:
            from cohorts.models import JobSeekerDecision

            JobSeekerDecision.objects.create(decision=self, job_seeker=person)
