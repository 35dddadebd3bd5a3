"""The OpenAPI schema is generated from the code, validates, and lists the endpoints of API.md."""

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema


def _schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_validates_against_openapi_3(db):
    validate_schema(_schema())


def test_schema_lists_the_foundation_endpoints(db):
    paths = _schema()["paths"]
    for expected in (
        "/api/v1/auth/token/",
        "/api/v1/users/me/",
        "/api/v1/organisations/",
        "/api/v1/organisations/{id}/",
    ):
        assert expected in paths, expected
    assert set(paths["/api/v1/organisations/{id}/"]) >= {"get", "patch"}
    assert "put" not in paths["/api/v1/organisations/{id}/"]
    assert "delete" not in paths["/api/v1/organisations/{id}/"]


def test_schema_and_docs_are_served_to_a_signed_in_user(client, coordinator):
    client.force_login(coordinator)
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/v1/users/me/" in schema.json()["paths"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()
