"""Organisation pages: the directory for everyone of the territory; creation and edition for coordinator and admin."""

import pytest

from partners.models import AuditEntry, Organisation
from tests.factories import OrganisationFactory, UserFactory
from tests.partners.factories import AttendeeFactory


@pytest.mark.parametrize(
    ("role", "manage"), [("coordinator", True), ("admin_user", True), ("advisor", False), ("viewer", False)]
)
def test_who_reads_and_who_edits_organisations(client, request, organisation, role, manage):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/partenaires/organisations/").status_code == 200
    detail = client.get(f"/partenaires/organisations/{organisation.pk}/")
    assert detail.status_code == 200
    assert organisation.name in detail.content.decode()
    expected = 200 if manage else 403
    assert client.get("/partenaires/organisations/nouvelle/").status_code == expected
    assert client.get(f"/partenaires/organisations/{organisation.pk}/modifier/").status_code == expected
    response = client.post(
        f"/partenaires/organisations/{organisation.pk}/modifier/",
        {"name": "Renommée", "kind": "association", "is_active": "on"},
    )
    organisation.refresh_from_db()
    assert (organisation.name == "Renommée") is manage
    assert response.status_code == (302 if manage else 403)


def test_another_territory_gets_404_on_organisation_pages(client, other_coordinator, organisation):
    client.force_login(other_coordinator)
    for url in ("", "modifier/"):
        assert client.get(f"/partenaires/organisations/{organisation.pk}/{url}").status_code == 404
    assert client.post(f"/partenaires/organisations/{organisation.pk}/supprimer/").status_code == 404
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_creating_an_organisation_sets_territory_and_audits(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/partenaires/organisations/nouvelle/",
        {
            "name": "Association Mobilité Solidaire Angers",
            "short_name": "Mobilité Solidaire",
            "kind": "association",
            "contact_email": "contact@mobilite.example.org",
            "website": "mobilite.example.org",
            "is_active": "on",
        },
    )
    organisation = Organisation.objects.get(short_name="Mobilité Solidaire")
    assert response["Location"] == f"/partenaires/organisations/{organisation.pk}/"
    assert organisation.territory_id == coordinator.territory_id
    assert organisation.website == "https://mobilite.example.org"
    assert AuditEntry.objects.filter(object_id=str(organisation.pk), action="create").exists()


def test_the_organisation_form_keeps_input_with_french_errors(client, coordinator, organisation):
    client.force_login(coordinator)
    response = client.post(
        "/partenaires/organisations/nouvelle/",
        {"name": organisation.name.upper(), "short_name": "Doublon", "kind": "association", "contact_email": "faux"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Une organisation porte déjà ce nom sur ce territoire." in html
    assert "Saisissez une adresse e-mail valide." in html
    assert 'value="Doublon"' in html


def test_an_organisation_with_records_is_only_deactivated_and_the_message_says_why(client, coordinator, territory):
    organisation = OrganisationFactory(territory=territory, name="Cap emploi")
    UserFactory(organisation=organisation)
    AttendeeFactory(meeting__territory=territory, organisation=organisation)
    client.force_login(coordinator)
    response = client.post(f"/partenaires/organisations/{organisation.pk}/supprimer/", follow=True)
    html = response.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert "ne peut pas être supprimée car des enregistrements y sont rattachés" in html
    assert "1 utilisateurs" in html and "1 participants" in html
    assert "Vous pouvez la désactiver" in html
    client.post(f"/partenaires/organisations/{organisation.pk}/modifier/", {"name": "Cap emploi", "kind": "cap_emploi"})
    organisation.refresh_from_db()
    assert not organisation.is_active


def test_an_organisation_without_records_can_be_deleted(client, coordinator, organisation):
    client.force_login(coordinator)
    response = client.post(f"/partenaires/organisations/{organisation.pk}/supprimer/")
    assert response["Location"] == "/partenaires/organisations/"
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


@pytest.mark.parametrize("role", ["advisor", "viewer"])
def test_advisors_and_viewers_cannot_delete(client, request, organisation, role):
    client.force_login(request.getfixturevalue(role))
    assert client.post(f"/partenaires/organisations/{organisation.pk}/supprimer/").status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_directory_and_detail_are_bounded(client, advisor, territory, django_assert_max_num_queries):
    organisations = OrganisationFactory.create_batch(12, territory=territory)
    for org in organisations:
        UserFactory.create_batch(2, organisation=org)
    client.force_login(advisor)
    with django_assert_max_num_queries(6, info="L'annuaire doit compter les comptes par annotation."):
        assert client.get("/partenaires/organisations/").status_code == 200
    with django_assert_max_num_queries(6, info="La fiche d'une organisation : une requête pour ses personnes."):
        assert client.get(f"/partenaires/organisations/{organisations[0].pk}/").status_code == 200


def test_the_siret_is_typed_as_printed_and_checked(client, coordinator, organisation):
    """The SIRET ProConnect sign-ins are checked against (partners.services.proconnect)."""
    client.force_login(coordinator)
    url = f"/partenaires/organisations/{organisation.pk}/modifier/"
    data = {"name": organisation.name, "kind": organisation.kind, "is_active": "on"}

    response = client.post(url, {**data, "siret": "123 456 789"})
    assert response.status_code == 200
    assert "Le SIRET compte 14 chiffres, sans espace." in response.content.decode()
    assert 'value="123 456 789"' in response.content.decode()

    response = client.post(url, {**data, "siret": "123 456 789 00017"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.siret == "12345678900017"
    assert "12345678900017" in client.get(f"/partenaires/organisations/{organisation.pk}/").content.decode()
