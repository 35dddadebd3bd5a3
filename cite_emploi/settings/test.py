"""Test settings: PostgreSQL and Redis when they answer, else SQLite and in-memory Celery.

`DATABASE_URL` / `REDIS_URL` win; otherwise the local servers on their standard ports are tried.
"""

import os
import socket


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

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Two-factor authentication is enforced in dev and production; tests of other features sign in with
# force_login, so it is off by default here and switched on by the tests about it (tests/partners/test_two_factor.py).
TWO_FACTOR_REQUIRED_ROLES: list[str] = []
