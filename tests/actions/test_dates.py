"""Outcomes and payments cannot be in the future; a commitment falls in its envelope's year (issue 10, point 5)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.actions.factories import CommitmentFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def test_an_outcome_cannot_be_in_the_future(api_as, coordinator, action):
    participation = ParticipationFactory(action=action)
    response = api_as(coordinator).post(
        "/api/v1/participation-outcomes/",
        {"participation": participation.pk, "code": "childminder", "achieved_on": "9999-12-31"},
    )
    assert response.status_code == 400 and "dans le futur" in str(response.json())


def test_a_commitment_falls_in_its_envelope_year(api_as, coordinator, envelope, action):
    payload = {
        "envelope": envelope.pk,
        "action": action.pk,
        "category": "childcare",
        "label": "Crèche",
        "amount": "100.00",
        "committed_on": "9999-05-01",
    }
    response = api_as(coordinator).post("/api/v1/commitments/", payload)
    assert response.status_code == 400 and "doit être en 2026" in " ".join(response.json()["committed_on"])


def test_a_payment_cannot_be_in_the_future(api_as, coordinator, envelope):
    commitment = CommitmentFactory(envelope=envelope, amount=Decimal("100.00"))
    response = api_as(coordinator).patch(
        f"/api/v1/commitments/{commitment.pk}/", {"status": "paid", "paid_on": TOMORROW.isoformat()}
    )
    assert response.status_code == 400 and "dans le futur" in str(response.json())
