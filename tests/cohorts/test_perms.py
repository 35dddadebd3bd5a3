"""Who sees whom, which notes and which health data — the rules one by one, then through the querysets."""

import pytest

from cohorts import perms
from cohorts.enums import BarrierCategory
from cohorts.models import Barrier, FollowUp, JobSeeker
from tests.factories import UserFactory

from .factories import BarrierFactory, FollowUpFactory, JobSeekerFactory, TeamMemberFactory


def test_coordinator_sees_the_whole_territory_and_nothing_else(coordinator, person, other_person):
    assert list(JobSeeker.objects.for_user(coordinator)) == [person]


def test_advisor_sees_people_whose_team_includes_her_organisation(advisor, ml_advisor, person, territory):
    elsewhere = JobSeekerFactory(territory=territory, cohort=person.cohort, qpv=person.qpv)
    assert list(JobSeeker.objects.for_user(advisor)) == [person]  # referent organisation
    assert list(JobSeeker.objects.for_user(ml_advisor)) == []
    TeamMemberFactory(job_seeker=person, organisation=ml_advisor.organisation)
    TeamMemberFactory(job_seeker=elsewhere, organisation=ml_advisor.organisation)
    assert set(JobSeeker.objects.for_user(ml_advisor)) == {person, elsewhere}
    assert JobSeeker.objects.for_user(ml_advisor).count() == 2  # no duplicate rows from the join


@pytest.mark.parametrize("role", ["viewer", "admin"])
def test_viewers_and_admins_see_no_one(role, territory, person):
    user = UserFactory(role=role, organisation__territory=territory)
    assert not JobSeeker.objects.for_user(user).exists()
    assert not perms.can_view_personal_data(user)


def test_confidential_note_stays_in_the_authors_organisation(advisor, ml_advisor, coordinator, person):
    follow_up = FollowUpFactory(job_seeker=person, author=advisor, confidential_note="Secret")
    colleague = UserFactory(advisor=True, organisation=advisor.organisation)
    assert perms.can_view_confidential_note(advisor, follow_up)
    assert perms.can_view_confidential_note(colleague, follow_up)
    assert not perms.can_view_confidential_note(ml_advisor, follow_up)
    assert not perms.can_view_confidential_note(coordinator, follow_up)


def test_health_data_for_the_referent_organisation_and_the_coordinator(advisor, ml_advisor, coordinator, person):
    TeamMemberFactory(job_seeker=person, organisation=ml_advisor.organisation)
    assert perms.can_view_health_data(advisor, person)
    assert perms.can_view_health_data(coordinator, person)
    assert not perms.can_view_health_data(ml_advisor, person)
    health = BarrierFactory(job_seeker=person, category=BarrierCategory.HEALTH)
    mobility = BarrierFactory(job_seeker=person, category=BarrierCategory.MOBILITY)
    assert set(Barrier.objects.for_user(advisor)) == {health, mobility}
    assert set(Barrier.objects.for_user(ml_advisor)) == {mobility}


def test_follow_ups_of_people_out_of_reach_are_out_of_reach(ml_advisor, person, other_coordinator):
    FollowUpFactory(job_seeker=person)
    assert not FollowUp.objects.for_user(ml_advisor).exists()
    assert not FollowUp.objects.for_user(other_coordinator).exists()


def test_only_the_author_edits_a_follow_up(advisor, coordinator, person):
    follow_up = FollowUpFactory(job_seeker=person, author=advisor)
    assert perms.can_edit_follow_up(advisor, follow_up)
    assert not perms.can_edit_follow_up(coordinator, follow_up)
