"""The whole path with a REAL Celery worker on Redis: request through the API, poll, download, read the PDF."""

import io
import time

import pytest
from pypdf import PdfReader

from cite_emploi.formatting import format_date
from cohorts.models import JobSeeker
from reporting.metrics import compute_metrics
from reporting.metrics.tables import protected_figures
from tests.reporting.conftest import PERIOD


@pytest.fixture
def real_worker(settings):
    from celery.contrib.testing.worker import start_worker

    from cite_emploi.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = settings.REDIS_URL
    app.conf.result_backend = settings.REDIS_URL
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
            yield app
    finally:
        app.conf.task_always_eager = True


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_pack_requested_through_the_api_is_built_by_the_worker_with_the_metrics_figures(
    real_worker, api_as, coordinator, territory, cohort, scenario
):
    client = api_as(coordinator)
    response = client.post(
        "/api/v1/meeting-packs/",
        {"period_start": str(PERIOD.start), "period_end": str(PERIOD.end)},
        format="json",
    )
    assert response.status_code == 202, response.content
    pack_id = response.json()["id"]

    deadline = time.monotonic() + 60
    seen = set()
    while time.monotonic() < deadline:
        body = client.get(f"/api/v1/meeting-packs/{pack_id}/").json()
        seen.add(body["status"])
        if body["status"] in {"done", "failed"}:
            break
        time.sleep(0.3)
    assert body["status"] == "done", body["error"]
    assert body["download_url"].startswith("http://testserver/api/v1/meeting-packs/")

    download = client.get(body["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    data = b"".join(download.streaming_content)
    assert len(data) == body["file_size"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)

    metrics = compute_metrics(territory, PERIOD)  # the same period, all cohorts, as requested
    figures = protected_figures(metrics)  # what the pack prints: the figures with statistical secrecy applied once
    assert f"Personnes comptées {figures.shown('members')}" in text
    assert f"En suivi {figures.shown('in_follow_up')}" in text
    assert f"Sortie anticipée {figures.shown('left_early')}" in text
    for row in metrics.cohort.by_qpv:
        assert f"{row.label} {figures.shown(f'qpv:{row.code}')}" in text
    assert "Monplaisir < 5" in text  # 3 people
    mobility = metrics.barriers.rows[0]
    cells = ("identified", "in_progress", "lifted", "not_lifted", "total")
    assert f"{mobility.label} {' '.join(figures.shown(f'barrier:{mobility.code}:{n}') for n in cells)}" in text
    assert f"du {format_date(PERIOD.start)} au {format_date(PERIOD.end)}" in text
    for person in JobSeeker.objects.all():
        assert person.last_name not in text
        assert person.first_name not in text.split()
