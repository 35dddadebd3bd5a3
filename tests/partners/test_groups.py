"""Groups: the technical group, follow-up groups, the strategic committee. Read per role; the coordinator edits."""

import pytest

from partners.enums import GroupKind
from partners.models import AuditEntry, WorkingGroup
from tests.factories import UserFactory
from tests.partners.factories import WorkingGroupFactory


@pytest.fixture
def groups(territory, advisor):
    return {
        "technical": WorkingGroupFactory(territory=territory, technical=True),
        "committee": WorkingGroupFactory(territory=territory, committee=True),
        "follow_up": WorkingGroupFactory(territory=territory, name="Groupe de suivi Monplaisir", members=[advisor]),
    }


@pytest.mark.parametrize(
    ("role", "sees", "manage"),
    [
        ("coordinator", {"technical", "committee", "follow_up"}, True),
        ("admin_user", {"technical", "committee", "follow_up"}, False),
        ("advisor", {"technical", "committee", "follow_up"}, False),
        ("viewer", {"technical", "committee"}, False),
    ],
)
def test_who_reads_and_edits_groups(client, request, groups, role, sees, manage):
    client.force_login(request.getfixturevalue(role))
    html = client.get("/partenaires/groupes/").content.decode()
    for key, group in groups.items():
        assert (group.name in html) is (key in sees)
        assert client.get(f"/partenaires/groupes/{group.pk}/").status_code == (200 if key in sees else 404)
    expected = 200 if manage else 403
    assert client.get("/partenaires/groupes/nouveau/").status_code == expected
    assert client.get(f"/partenaires/groupes/{groups['technical'].pk}/modifier/").status_code == expected


def test_another_territory_gets_404_on_groups(client, other_coordinator, groups):
    client.force_login(other_coordinator)
    for group in groups.values():
        assert client.get(f"/partenaires/groupes/{group.pk}/").status_code == 404
        assert client.post(f"/partenaires/groupes/{group.pk}/modifier/", {"name": "x"}).status_code == 404


def test_the_coordinator_creates_a_follow_up_group_of_advisors(client, coordinator, advisor, territory):
    viewer = UserFactory(viewer=True, organisation__territory=territory)
    client.force_login(coordinator)
    refused = client.post(
        "/partenaires/groupes/nouveau/",
        {"kind": "follow_up_group", "name": "Groupe de suivi Belle-Beille", "members": [advisor.pk, viewer.pk]},
    )
    html = refused.content.decode()
    assert "Un groupe de suivi réunit des conseillers et la coordination." in html
    assert 'value="Groupe de suivi Belle-Beille"' in html
    response = client.post(
        "/partenaires/groupes/nouveau/",
        {"kind": "follow_up_group", "name": "Groupe de suivi Belle-Beille", "members": [advisor.pk], "is_active": "on"},
    )
    group = WorkingGroup.objects.get(name="Groupe de suivi Belle-Beille")
    assert response["Location"] == f"/partenaires/groupes/{group.pk}/"
    assert list(group.members.all()) == [advisor]
    assert AuditEntry.objects.filter(content_type__model="workinggroup", object_id=str(group.pk)).exists()


def test_one_technical_group_per_territory(client, coordinator, groups):
    client.force_login(coordinator)
    response = client.post("/partenaires/groupes/nouveau/", {"kind": GroupKind.TECHNICAL_GROUP, "name": "Second GT"})
    assert "Ce territoire a déjà un groupe technique" in response.content.decode()


def test_group_pages_are_bounded(client, coordinator, territory, django_assert_max_num_queries):
    for _ in range(6):
        WorkingGroupFactory(territory=territory, members=UserFactory.create_batch(3, organisation__territory=territory))
    client.force_login(coordinator)
    with django_assert_max_num_queries(6, info="La liste des groupes compte les membres par annotation."):
        assert client.get("/partenaires/groupes/").status_code == 200
    group = WorkingGroup.objects.first()
    with django_assert_max_num_queries(6, info="La page d'un groupe charge les membres avec leur organisation."):
        assert client.get(f"/partenaires/groupes/{group.pk}/").status_code == 200
