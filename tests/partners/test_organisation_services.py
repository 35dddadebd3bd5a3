"""The organisation services check the caller's right themselves (not only the pages and the API)."""

import pytest
from django.core.exceptions import PermissionDenied

from partners import services
from partners.models import Organisation
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.parametrize("role", ["advisor", "viewer"])
def test_only_the_coordinator_and_the_admin_create_organisations(role, territory):
    user = UserFactory(role=role, organisation__territory=territory)
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=user, name="Association Relais", kind="association")
    assert not Organisation.objects.filter(name="Association Relais").exists()


@pytest.mark.parametrize("role", ["advisor", "viewer"])
def test_only_the_coordinator_and_the_admin_edit_or_delete_organisations(role, territory, organisation):
    user = UserFactory(role=role, organisation__territory=territory)
    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=user, organisation=organisation, name="Autre nom")
    with pytest.raises(PermissionDenied):
        services.organisation_delete(actor=user, organisation=organisation)


def test_no_one_edits_or_deletes_another_territory_s_organisation(other_coordinator, organisation):
    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=other_coordinator, organisation=organisation, name="Autre nom")
    with pytest.raises(PermissionDenied):
        services.organisation_delete(actor=other_coordinator, organisation=organisation)
    organisation.refresh_from_db()
    assert organisation.name != "Autre nom"


def test_the_coordinator_and_the_admin_of_the_territory_manage_them(coordinator, admin_user, territory):
    created = services.organisation_create(actor=coordinator, name="Association Relais", kind="association")
    services.organisation_update(actor=admin_user, organisation=created, name="Association Relais 49")
    services.organisation_delete(actor=coordinator, organisation=OrganisationFactory(territory=territory))
    assert Organisation.objects.get(pk=created.pk).name == "Association Relais 49"
