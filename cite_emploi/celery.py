"""The Celery application: Redis broker from REDIS_URL, configuration from Django settings.

Periodic schedules are code: each app declares its own in `BEAT_SCHEDULE` below (tested in
tests/test_celery.py), so nothing edited by hand can be wiped by a deployment.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cite_emploi.settings.dev")

app = Celery("cite_emploi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

BEAT_SCHEDULE: dict = {}
app.conf.beat_schedule = BEAT_SCHEDULE


@app.task(name="cite_emploi.ping")
def ping(value: str = "pong") -> str:
    """A task that only answers: lets operators and tests check that a worker consumes the queue."""
    return value
