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
def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG est désactivé"):
        call_command("seed_demo")
    assert not User.objects.exists()
