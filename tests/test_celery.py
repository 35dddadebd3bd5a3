"""Celery is wired for real: a worker consumes Redis, tasks are queued after commit, schedules are code."""

import pytest
from django.db import transaction

from cite_emploi.celery import BEAT_SCHEDULE, app, ping


@pytest.fixture
def real_worker(settings):
    """A real Celery worker (in a thread) consuming the real Redis broker."""
    from celery.contrib.testing.worker import start_worker

    app.conf.task_always_eager = False
    app.conf.broker_url = settings.REDIS_URL
    app.conf.result_backend = settings.REDIS_URL
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
            yield app
    finally:
        app.conf.task_always_eager = True


@pytest.mark.redis
def test_a_real_worker_runs_a_task_sent_through_redis(real_worker):
    result = ping.delay("bonjour")
    assert result.get(timeout=20) == "bonjour"
    assert result.successful()


@pytest.mark.django_db(transaction=True)
def test_tasks_queued_on_commit_do_not_run_when_the_transaction_rolls_back():
    results = []

    class Rollback(Exception):
        pass

    def queue_then_roll_back():
        with transaction.atomic():
            transaction.on_commit(lambda: results.append(ping.delay("perdu").get()))
            raise Rollback

    with pytest.raises(Rollback):
        queue_then_roll_back()
    assert results == []

    with transaction.atomic():
        transaction.on_commit(lambda: results.append(ping.delay("envoyé").get()))
    assert results == ["envoyé"]


def test_every_periodic_schedule_names_a_registered_task():
    app.loader.import_default_modules()
    for name, entry in BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"La planification {name!r} vise une tâche inconnue : {entry['task']}"
    assert app.conf.beat_schedule == BEAT_SCHEDULE
