"""The figures workbook is written by cite_emploi.tabular: an action title never becomes a formula."""

import io
import zipfile

import pytest

from tests.reporting.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_figures_workbook_writes_no_formula(client, coordinator, territory):
    ActionFactory(territory=territory, title='=HYPERLINK("http://evil.example","clic")')
    client.force_login(coordinator)
    response = client.get("/pilotage/indicateurs.xlsx", {"period_start": "2026-01-01", "period_end": "2026-12-31"})
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
    xml = "".join(archive.read(name).decode() for name in sheets)
    assert "HYPERLINK" in xml and "<f>" not in xml
