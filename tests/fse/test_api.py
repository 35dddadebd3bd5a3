"""The FSE+ API: operations (create, read, money for the budget's readers), participants as JSON and CSV."""

import csv
import io

import pytest

from fse.models import Operation

pytestmark = pytest.mark.django_db


def test_the_coordinator_creates_an_operation_and_errors_are_french(api_as, coordinator, scenario):
    client = api_as(coordinator)
    body = {
        "number": "202500099",
        "title": "Mobilité 2025",
        "actions": [scenario.action.pk],
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "cofunding_rate": "50.00",
        "requested_on": "2024-12-01",
        "amount_requested": "8000.00",
    }
    response = client.post("/api/v1/fse-operations/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "requested" and response.json()["eligible_cost"] == "0.00"
    assert Operation.objects.get(number="202500099").territory_id == coordinator.territory_id
    bad = client.post("/api/v1/fse-operations/", body | {"period_end": "2024-01-01"}, format="json")
    assert bad.status_code == 400
    assert "précéder" in str(bad.json())


def test_viewers_read_the_operation_without_its_money(api_as, viewer, scenario):
    body = api_as(viewer).get(f"/api/v1/fse-operations/{scenario.operation.pk}/").json()
    assert body["number"] == "202500042"
    assert "amount_received" not in body and "eligible_cost" not in body


def test_participants_as_csv_through_the_api(api_as, coordinator, scenario):
    response = api_as(coordinator).get(f"/api/v1/fse-operations/{scenario.operation.pk}/participants/?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["id_participation", "id_personne", "nom"]
    assert len(rows) == 6  # header + 5 participations of the period
