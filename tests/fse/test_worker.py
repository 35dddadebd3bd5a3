"""The bilan d'exécution built by a REAL Celery worker on Redis (the pack's worker fixture)."""

import time

import pytest

from fse.models import ExecutionReport
from tests.fse.conftest import build_scenario
from tests.reporting.test_worker import real_worker  # noqa: F401  (the fixture)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_bilan_is_built_by_the_worker(real_worker, client, territory, coordinator):  # noqa: F811
    scenario = build_scenario(territory, coordinator)
    client.force_login(coordinator)
    base = f"/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/"
    assert client.post(base + "bilan/").status_code == 302
    report = ExecutionReport.objects.get()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in {"done", "failed"}:
            break
        time.sleep(0.3)
    assert report.status == "done", report.error
    download = client.get(base + f"bilan/{report.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"
