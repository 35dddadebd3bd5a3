"""Budget exports: no formula from a label, closed list of formats."""

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.actions.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def test_commitment_exports_neutralise_formulas(client, coordinator, envelope, action):
    action.title = "+CMD|' /C calc'!A0"
    action.save()
    CommitmentFactory(envelope=envelope, action=action, label="=1+1", amount=Decimal("10.00"))
    client.force_login(coordinator)
    text = client.get("/budget/2026/engagements.csv").content.decode("utf-8-sig")
    assert ";'=1+1;" in text and "'+CMD|" in text
    content = client.get("/budget/2026/engagements.xlsx").content
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    row = load_workbook(io.BytesIO(content)).active[2]
    assert row[1].value == "=1+1" and row[1].data_type == "s" and row[1].quotePrefix
    assert row[0].is_date and row[4].value == 10


@pytest.mark.parametrize("suffix", ["html", "pdf", 'csv";filename="x.exe'])
def test_commitment_export_format_is_whitelisted(client, coordinator, envelope, suffix):
    client.force_login(coordinator)
    assert client.get(f"/budget/2026/engagements.{suffix}").status_code == 404
