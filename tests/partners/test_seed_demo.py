import pytest
from django.core.management import CommandError, call_command

from partners.models import Organisation, Territory, User


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_builds_the_angers_partnership(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Territory.objects.count(), Organisation.objects.count(), User.objects.count())
    call_command("seed_demo")
    assert (Territory.objects.count(), Organisation.objects.count(), User.objects.count()) == counts

    angers = Territory.objects.get(slug="angers-loire-metropole")
    group = set(angers.organisations.filter(technical_group_member=True).values_list("short_name", flat=True))
    assert group == {
        "Préfecture",
        "Aldev",
        "DREETS",
        "France Travail",
        "Mission locale",
        "Département",
        "Cap emploi",
        "Mission emploi Trélazé",
    }
    assert angers.organisations.filter(kind="association").count() == 2
    roles = set(User.objects.filter(organisation__territory=angers).values_list("role", flat=True))
    assert roles == {"coordinator", "advisor", "viewer", "admin"}
    advisor_orgs = User.objects.filter(organisation__territory=angers, role="advisor").values("organisation").distinct()
    assert advisor_orgs.count() >= 2
    assert User.objects.filter(organisation__territory__slug="saumur-val-de-loire", role="coordinator").exists()
    assert User.objects.get(username="coordinatrice").check_password("demo-cite-emploi")


@pytest.mark.django_db
def test_seed_demo_builds_the_groups_and_the_year_s_meetings(settings):
    from partners.enums import DecisionStatus, GroupKind
    from partners.models import Decision, Meeting, WorkingGroup
    from partners.selectors import open_decisions_of, previous_meeting

    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Meeting.objects.count(), WorkingGroup.objects.count())
    call_command("seed_demo")
    assert (Meeting.objects.count(), WorkingGroup.objects.count()) == counts

    angers = Territory.objects.get(slug="angers-loire-metropole")
    technical = WorkingGroup.objects.get(territory=angers, kind=GroupKind.TECHNICAL_GROUP)
    represented = set(technical.members.values_list("organisation__short_name", flat=True))
    assert len(represented) == 8
    assert WorkingGroup.objects.filter(territory=angers, kind=GroupKind.FOLLOW_UP_GROUP).count() == 2
    meetings = list(Meeting.objects.filter(territory=angers, kind=GroupKind.TECHNICAL_GROUP, date__year=2026))
    assert len(meetings) == 6
    past = [m for m in meetings if m.date.isoformat() < "2026-11-25"]
    assert all(m.minutes and m.attendees.filter(status="present").exists() for m in past)
    assert all(m.decisions.exists() for m in past)
    upcoming = meetings[-1]
    assert open_decisions_of(previous_meeting(upcoming)).filter(status=DecisionStatus.OPEN).count() == 3
    # once the cohort exists, the follow-up groups' decisions concern a person of the cohort
    linked = Decision.objects.filter(meeting__territory=angers, job_seeker_link__isnull=False)
    assert linked.exists()
    assert {d.meeting.kind for d in linked} == {GroupKind.FOLLOW_UP_GROUP}


@pytest.mark.django_db
def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG est désactivé"):
        call_command("seed_demo")
    assert not User.objects.exists()
