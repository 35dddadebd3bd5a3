"""The bilan d'exécution: requested by the coordinator, built by the Celery task (eager in tests; the real worker is
the meeting pack's, same task pattern), anonymised, downloadable by the territory."""

import io
import os

import pytest
from pypdf import PdfReader

from fse.models import ExecutionReport

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_report_is_built_after_the_commit_and_shows_the_protected_counts(
    client, coordinator, viewer, scenario, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    base = f"/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(base + "bilan/")
    assert response.status_code == 302
    report = ExecutionReport.objects.get(operation=scenario.operation)
    assert report.status == "done", report.error
    assert report.page_count >= 3 and len(report.sha256) == 64
    client.force_login(viewer)
    download = client.get(base + f"bilan/{report.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    content = b"".join(download.streaming_content)
    text = _text(content)
    if out := os.environ.get("FSE_REPORT_OUT"):  # to look at it: pdftoppm -r 60 -png
        with open(out, "wb") as handle:
            handle.write(content)
    assert "Bilan d'exécution" in text and "EECO11" in text and "EECR05" in text
    assert "< 5" in text  # 3 participants counted: statistical secrecy
    for name in ("Martin", "Leroy", "Garnier", "Famille 12"):
        assert name not in text
    assert "24000,00" in text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")  # the FSE+ amount requested


def test_only_the_coordinator_requests_it(client, viewer, scenario):
    client.force_login(viewer)
    assert client.post(f"/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/bilan/").status_code == 403
    assert not ExecutionReport.objects.exists()
