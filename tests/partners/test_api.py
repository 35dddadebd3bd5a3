import pytest

from partners.models import AuditEntry, Organisation


def test_token_then_me(api_client, coordinator):
    from tests.factories import TEST_PASSWORD

    response = api_client.post(
        "/api/v1/auth/token/", {"username": coordinator.username, "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api_client.get("/api/v1/users/me/")
    assert me.status_code == 200
    body = me.json()
    assert body["username"] == coordinator.username
    assert body["role"] == "coordinator"
    assert body["organisation"]["id"] == coordinator.organisation_id
    assert body["territory"]["id"] == coordinator.territory_id


def test_bad_password_gets_a_french_400(api_client, coordinator):
    response = api_client.post("/api/v1/auth/token/", {"username": coordinator.username, "password": "faux"})
    assert response.status_code == 400
    assert "Impossible de se connecter" in response.json()["non_field_errors"][0]


def test_without_credentials_the_api_answers_401(api_client, db):
    response = api_client.get("/api/v1/users/me/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Informations d'authentification non fournies."


def test_organisations_are_paginated_and_filtered(api_as, coordinator, territory):
    from tests.factories import OrganisationFactory

    OrganisationFactory.create_batch(3, territory=territory, kind="association")
    client = api_as(coordinator)
    body = client.get("/api/v1/organisations/?kind=association&page_size=2").json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"] is not None
    # the fields of API.md, plus the directory's contact details and state
    assert set(body["results"][0]) == {"id", "name", "short_name", "kind", "technical_group_member"} | {
        "contact_email",
        "contact_phone",
        "address",
        "website",
        "siret",
        "is_active",
    }


@pytest.mark.parametrize(("role", "status"), [("coordinator", 201), ("admin", 201), ("advisor", 403), ("viewer", 403)])
def test_who_may_create_an_organisation(api_as, territory, role, status):
    from tests.factories import UserFactory

    user = UserFactory(role=role, organisation__territory=territory)
    response = api_as(user).post(
        "/api/v1/organisations/", {"name": "Régie de quartier", "kind": "association", "short_name": "Régie"}
    )
    assert response.status_code == status
    if status == 201:
        created = Organisation.objects.get(pk=response.json()["id"])
        assert created.territory_id == territory.pk  # set by the server, never from the body
        assert AuditEntry.objects.filter(object_id=str(created.pk), action="create", actor=user).exists()


def test_territory_in_the_body_is_ignored(api_as, coordinator, other_territory):
    response = api_as(coordinator).post(
        "/api/v1/organisations/", {"name": "Nouvelle", "kind": "other", "territory": other_territory.pk}
    )
    assert response.status_code == 201
    assert Organisation.objects.get(pk=response.json()["id"]).territory_id == coordinator.territory_id


def test_invalid_organisation_gets_field_errors_in_french(api_as, coordinator):
    response = api_as(coordinator).post("/api/v1/organisations/", {"name": "", "kind": "ovni"})
    assert response.status_code == 400
    body = response.json()
    assert body["name"] == ["Ce champ ne peut être vide."]
    assert "n'est pas un choix valide" in body["kind"][0]


def test_duplicate_name_is_refused_with_a_clear_message(api_as, coordinator):
    client = api_as(coordinator)
    assert client.post("/api/v1/organisations/", {"name": "Régie", "kind": "other"}).status_code == 201
    response = client.post("/api/v1/organisations/", {"name": "RÉGIE".lower(), "kind": "other"})
    assert response.status_code == 400
    assert "Une organisation porte déjà ce nom sur ce territoire." in str(response.json())


def test_patch_records_changed_fields_in_the_audit_trail(api_as, coordinator, organisation):
    response = api_as(coordinator).patch(f"/api/v1/organisations/{organisation.pk}/", {"technical_group_member": True})
    assert response.status_code == 200
    entry = AuditEntry.objects.get(object_id=str(organisation.pk), action="update")
    assert entry.fields == ["technical_group_member"]
    assert entry.organisation_id == coordinator.organisation_id


def test_list_runs_in_a_bounded_number_of_queries(api_as, coordinator, territory, django_assert_max_num_queries):
    from tests.factories import OrganisationFactory

    OrganisationFactory.create_batch(30, territory=territory)
    client = api_as(coordinator)
    with django_assert_max_num_queries(3, info="La liste des organisations ne doit pas faire une requête par ligne."):
        response = client.get("/api/v1/organisations/?page_size=200")
    assert response.json()["count"] == 31
