"""Scaling out (issue 13): two real Celery workers on one PostgreSQL and one Redis never build one pack twice.

Each pack's task is delivered twice (as Redis may do after a worker crash with `acks_late`), to a queue both
workers consume. The claim (`reporting.services._claim`, one conditional UPDATE) lets exactly one delivery build
it: every pack ends `done` with `attempts == 1`, and the workers' logs say the other delivery found it taken.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from reporting.enums import PackStatus
from reporting.models import MeetingPack
from tests.reporting.factories import MeetingPackFactory

ROOT = Path(__file__).resolve().parents[2]
PACKS = 4


def _start_worker(name: str, queue: str, settings, media_root: Path, log) -> subprocess.Popen:
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cite_emploi.settings.base",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(media_root),
        "DEBUG": "false",
    }
    command = [sys.executable, "-m", "celery", "-A", "cite_emploi", "worker", "--pool=solo", "-Q", queue]
    command += ["-n", f"{name}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_two_real_workers_never_build_one_pack_twice(settings, territory, tmp_path):
    from cite_emploi.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    packs = [MeetingPackFactory(territory=territory) for _ in range(PACKS)]
    queue = f"test-scaling-{uuid.uuid4().hex[:8]}"
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    handles = [log.open("w") for log in logs]
    workers = [_start_worker(f"w{i + 1}", queue, settings, settings.MEDIA_ROOT, handles[i]) for i in range(2)]
    app.conf.broker_url = settings.REDIS_URL
    app.conf.task_always_eager = False
    try:
        for pack in packs:
            for _ in range(2):  # a duplicate delivery of each task
                app.send_task("reporting.build_meeting_pack", args=[pack.pk], queue=queue)
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            statuses = set(MeetingPack.objects.filter(pk__in=[p.pk for p in packs]).values_list("status", flat=True))
            if statuses <= {PackStatus.DONE, PackStatus.FAILED}:
                break
            time.sleep(0.5)
        time.sleep(2)  # let the duplicate deliveries run to the end too
    finally:
        app.conf.task_always_eager = True
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        for handle in handles:
            handle.close()
    output = [log.read_text() for log in logs]
    rows = list(MeetingPack.objects.filter(pk__in=[p.pk for p in packs]).values_list("status", "attempts", "error"))
    assert all(status == PackStatus.DONE for status, _, _ in rows), (rows, output)
    assert [attempts for _, attempts, _ in rows] == [1] * PACKS, "a pack was built twice"
    assert all("succeeded" in text for text in output), "both workers must have taken tasks:\n" + "\n".join(output)
    assert sum(text.count("déjà pris ou terminé") for text in output) == PACKS, output
