"""Development and demo: `make demo`. SQLite and in-process Celery unless DATABASE_URL / REDIS_URL are set."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403
from .base import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
