"""Shared fixtures, and the markers that need PostgreSQL, Redis or Chromium (skipped visibly elsewhere)."""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

from tests.factories import OrganisationFactory, TerritoryFactory, UserFactory

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _redis_answers() -> bool:
    if not settings.REDIS_URL:
        return False
    parsed = urlparse(settings.REDIS_URL)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=0.5):
            return True
    except OSError:
        return False


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    where = (
        database["NAME"] if database["ENGINE"].endswith("sqlite3") else f"{database.get('HOST')}:{database.get('PORT')}"
    )
    workers = config.getoption("numprocesses", None)
    each = (
        f" ; {workers} workers pytest-xdist : une base de test, une base Redis et un dossier media chacun"
        if workers
        else ""
    )
    return [
        f"base de données : {database['ENGINE'].rsplit('.', 1)[-1]} ({where})",
        f"redis : {settings.REDIS_URL or 'absent (tests marqués redis ignorés)'}{each}",
        f"chromium : {CHROMIUM if shutil.which(CHROMIUM) else 'absent (tests marqués browser ignorés)'}",
    ]


# The slow tests, by kind: `make test-fast` runs `-m "not slow"`, `make test` (and CI) runs everything.
SLOW_MODULES = {
    "test_api_fuzzing.py": "schemathesis",  # schemathesis over the whole OpenAPI schema
    "test_operations.py": "operations",  # backup and restore with pg_dump into a new database
    "test_seed_demo.py": "demo",  # the whole demo territory, twice
    "test_demo.py": "demo",
    "test_api_fast_read.py": "demo",  # the API read through the plan and through DRF, on the demo territory
    "test_migrations.py": "slow",  # migrates the database back and forth
    "test_permission_matrix.py": "slow",  # every URL with eight callers
    "test_filters_reveal_nothing.py": "slow",  # every filter of every list, twice per role
    "test_settings.py": "slow",  # starts manage.py in subprocesses
}
SLOW_KINDS = ("browser", "schemathesis", "operations", "demo", "redis")  # redis: a real Celery worker starts
SLOW_FIXTURES = ("transactional_db", "live_server")  # each one empties the whole database afterwards (seconds)


def _mark_slow(item) -> None:
    kind = SLOW_MODULES.get(item.path.name)
    if kind and kind != "slow":
        item.add_marker(getattr(pytest.mark, kind))
    fixtures = getattr(item, "fixturenames", ())
    database = item.get_closest_marker("django_db")
    flushes = any(name in fixtures for name in SLOW_FIXTURES) or bool(database and database.kwargs.get("transaction"))
    if kind or flushes or any(name in item.keywords for name in SLOW_KINDS):
        item.add_marker(pytest.mark.slow)


def pytest_collection_modifyitems(config, items):
    for item in items:
        _mark_slow(item)
    is_postgres = connection.vendor == "postgresql"
    has_redis = _redis_answers()
    has_chromium = shutil.which(CHROMIUM) is not None
    in_ci = os.environ.get("CI") == "true"
    for item in items:
        if "postgres" in item.keywords and not is_postgres:
            if in_ci:
                raise pytest.UsageError("CI doit tourner sur PostgreSQL : DATABASE_URL ne répond pas.")
            item.add_marker(pytest.mark.skip(reason="nécessite PostgreSQL (DATABASE_URL ou 127.0.0.1:5432)"))
        if "redis" in item.keywords and not has_redis:
            if in_ci:
                raise pytest.UsageError("CI doit avoir Redis : REDIS_URL ne répond pas.")
            item.add_marker(pytest.mark.skip(reason="nécessite Redis (REDIS_URL ou 127.0.0.1:6379)"))
        if "browser" in item.keywords and not has_chromium:
            if in_ci:
                raise pytest.UsageError(f"CI doit avoir Chromium ({CHROMIUM}).")
            item.add_marker(pytest.mark.skip(reason=f"nécessite Chromium ({CHROMIUM})"))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """API throttling counts live in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Angers Loire Métropole", slug="angers-loire-metropole")


@pytest.fixture
def other_territory(db):
    return TerritoryFactory(name="Saumur Val de Loire", slug="saumur-val-de-loire")


@pytest.fixture
def coordinator(territory):
    return UserFactory(coordinator=True, organisation__territory=territory, organisation__name="Aldev")


@pytest.fixture
def advisor(territory):
    return UserFactory(advisor=True, organisation__territory=territory, organisation__name="France Travail")


@pytest.fixture
def viewer(territory):
    return UserFactory(viewer=True, organisation__territory=territory, organisation__name="Préfecture")


@pytest.fixture
def admin_user(territory):
    return UserFactory(admin=True, organisation__territory=territory, organisation__name="Aldev technique")


@pytest.fixture
def other_coordinator(other_territory):
    return UserFactory(coordinator=True, organisation__territory=other_territory)


@pytest.fixture
def organisation(territory):
    return OrganisationFactory(territory=territory)


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_as():
    """`api_as(user)` → an APIClient authenticated as that user (session, as a browser would)."""

    def _make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return _make


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider on 127.0.0.1 for the whole session (tests/oidc_provider.py)."""
    from tests.oidc_provider import running

    with running() as provider:
        yield provider


@pytest.fixture
def proconnect(settings, oidc_provider):
    """ProConnect configured against the local provider: the fixture returns the provider (`set_user`, `authorize`)."""
    settings.PROCONNECT_ISSUER = oidc_provider.issuer
    settings.PROCONNECT_CLIENT_ID = "cite-emploi-tests"
    settings.PROCONNECT_CLIENT_SECRET = "secret-de-test-proconnect"
    return oidc_provider
