"""Test settings: PostgreSQL and Redis when they answer, else SQLite and in-memory Celery.

`DATABASE_URL` / `REDIS_URL` win; otherwise the local servers on their standard ports are tried.
"""

import os
import socket
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


if "DATABASE_URL" not in os.environ and _answers("127.0.0.1", 5432):
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/cite_emploi"
if "REDIS_URL" not in os.environ and _answers("127.0.0.1", 6379):
    os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/15"


def _worker_redis_url(url: str, worker: int, workers: int) -> str:
    """The Redis database of pytest-xdist's worker `gw<worker>`: the URL's database plus `worker`, or minus it when
    the last worker would pass 15 (Redis has 16 databases): redis://…/4 gives 4, 5, 6…; redis://…/15 gives 15, 14…"""
    parsed = urlsplit(url)
    base = int(parsed.path.strip("/") or 0)
    if base + workers - 1 <= 15:
        database = base + worker
    elif base - (workers - 1) >= 0:
        database = base - worker
    else:
        raise ImproperlyConfigured(f"{workers} workers pytest-xdist : pas assez de bases Redis autour de {url}.")
    return urlunsplit(parsed._replace(path=f"/{database}"))


# pytest-xdist (`make test` runs the suite on several processes): each worker (PYTEST_XDIST_WORKER=gw0, gw1…) has its
# own Redis database — the broker and results of the tests' real Celery workers, which would otherwise take another
# process's tasks and run them against its test database — and its own media folder. pytest-django gives it its own
# test database (test_<name>_gw0…), pytest its own tmp_path, and the live server and the OpenID provider a free port.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _xdist_worker and os.environ.get("REDIS_URL"):
    # kept aside, so that a process a test starts with these settings (it inherits both) lands on the same database
    _base_redis_url = os.environ.setdefault("TEST_REDIS_URL_BEFORE_XDIST", os.environ["REDIS_URL"])
    os.environ["REDIS_URL"] = _worker_redis_url(
        _base_redis_url, int(_xdist_worker.removeprefix("gw")), int(os.environ["PYTEST_XDIST_WORKER_COUNT"])
    )
os.environ.setdefault("EMAIL_URL", "locmem://")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"  # tests about the queue start a real worker
os.environ["DEBUG"] = "false"

from .base import *  # noqa: E402,F403
from .base import DATABASES, STORAGES, TEMPLATES  # noqa: E402


class InvalidTemplateVariable(str):
    """Fail loudly on an unknown template variable (les-emplois does the same in tests)."""

    def __mod__(self, other):
        raise NameError(f"Variable de gabarit inconnue : {other!r}")


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as in production (one process: the cache is shared)
DATABASES["default"]["CONN_MAX_AGE"] = 0
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/cite-emploi-test-media"))  # noqa: F405
if _xdist_worker:  # each test has its own (tests/conftest.py); this one is for what runs outside a test
    MEDIA_ROOT = MEDIA_ROOT.with_name(f"{MEDIA_ROOT.name}-{_xdist_worker}")

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Two-factor authentication is enforced in dev and production; tests of other features sign in with
# force_login, so it is off by default here and switched on by the tests about it (tests/partners/test_two_factor.py).
TWO_FACTOR_REQUIRED_ROLES: list[str] = []
