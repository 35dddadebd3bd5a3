"""A user of one territory can never see an organisation or a user of another."""

import pytest

from partners.models import Organisation, User
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def two_territories(coordinator, other_coordinator):
    mine = OrganisationFactory(territory=coordinator.organisation.territory, name="Mission locale angevine")
    theirs = OrganisationFactory(territory=other_coordinator.organisation.territory, name="Mission locale du Saumurois")
    return mine, theirs


def test_organisations_for_user_stay_in_her_territory(coordinator, two_territories):
    mine, theirs = two_territories
    visible = set(Organisation.objects.for_user(coordinator))
    assert mine in visible
    assert theirs not in visible
    assert all(org.territory_id == coordinator.territory_id for org in visible)


def test_users_for_user_stay_in_her_territory(coordinator, other_coordinator, advisor):
    visible = set(User.objects.for_user(coordinator))
    assert advisor in visible
    assert other_coordinator not in visible


def test_a_user_without_territory_or_anonymous_reaches_nothing(db, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    OrganisationFactory()
    superuser = UserFactory(organisation=None, role="admin")
    assert not Organisation.objects.for_user(superuser).exists()
    assert not Organisation.objects.for_user(AnonymousUser()).exists()


def test_directory_page_lists_only_her_territory(client, coordinator, two_territories):
    mine, theirs = two_territories
    client.force_login(coordinator)
    response = client.get("/partenaires/organisations/")
    assert response.status_code == 200
    assert mine.name in response.content.decode()
    assert theirs.name not in response.content.decode()


def test_api_lists_only_her_territory_and_404s_on_the_other(api_as, coordinator, two_territories):
    mine, theirs = two_territories
    client = api_as(coordinator)
    names = {row["name"] for row in client.get("/api/v1/organisations/?page_size=200").json()["results"]}
    assert mine.name in names
    assert theirs.name not in names
    assert client.get(f"/api/v1/organisations/{theirs.pk}/").status_code == 404
    assert client.patch(f"/api/v1/organisations/{theirs.pk}/", {"name": "Piratée"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Mission locale du Saumurois"
