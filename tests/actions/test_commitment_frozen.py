"""A paid commitment is frozen. Correcting it is a motivated cancellation plus a new commitment, both audited."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from actions import services
from actions.exceptions import CommitmentFrozen
from actions.models import Commitment, Envelope
from partners.models import AuditEntry
from tests.actions.factories import CommitmentFactory

PAID_ON = datetime.date(2026, 3, 1)


@pytest.fixture
def paid(envelope, coordinator):
    return CommitmentFactory(
        envelope=envelope, amount=Decimal("5000.00"), status="paid", paid_on=PAID_ON, created_by=coordinator
    )


def _paid_total(envelope) -> Decimal:
    return Envelope.objects.with_totals().get(pk=envelope.pk).paid


def test_a_paid_commitment_cannot_be_edited_by_the_service(coordinator, envelope, paid):
    with pytest.raises(CommitmentFrozen, match="payé : il ne peut plus être modifié"):
        services.commitment_update(actor=coordinator, commitment=paid, amount=Decimal("1.00"))
    paid.refresh_from_db()
    assert paid.amount == Decimal("5000.00")
    assert _paid_total(envelope) == Decimal("5000.00")


def test_the_api_answers_409_to_a_change_of_a_paid_commitment(coordinator, envelope, paid, api_as):
    client = api_as(coordinator)
    for body in ({"amount": "1.00"}, {"label": "Autre"}, {"paid_on": "2026-03-05"}):
        response = client.patch(f"/api/v1/commitments/{paid.pk}/", body, format="json")
        assert response.status_code == 409, body
        assert "Pour le corriger, annulez-le" in response.json()["detail"]
    assert _paid_total(envelope) == Decimal("5000.00")
    response = client.patch(f"/api/v1/commitments/{paid.pk}/", {"status": "committed"}, format="json")
    assert response.status_code == 400


def test_the_api_cancels_a_paid_commitment_only_with_a_reason(coordinator, paid, api_as):
    client = api_as(coordinator)
    response = client.patch(f"/api/v1/commitments/{paid.pk}/", {"status": "cancelled"}, format="json")
    assert response.status_code == 400
    assert "motif" in response.json()["cancellation_reason"][0]
    response = client.patch(
        f"/api/v1/commitments/{paid.pk}/",
        {"status": "cancelled", "cancellation_reason": "Facture annulée par le prestataire"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["cancellation_reason"] == "Facture annulée par le prestataire"
    assert response.json()["paid_on"] == PAID_ON.isoformat()  # the payment stays on record
    response = client.patch(f"/api/v1/commitments/{paid.pk}/", {"status": "committed"}, format="json")
    assert response.status_code == 409  # paid then cancelled: never reactivated, a new commitment is entered


def test_correcting_cancels_with_the_reason_and_records_the_replacement_both_audited(coordinator, envelope, paid):
    replacement = services.commitment_correct(
        actor=coordinator, commitment=paid, reason="Montant saisi par erreur", amount=Decimal("4500.00")
    )
    paid.refresh_from_db()
    assert (paid.status, paid.cancellation_reason, paid.paid_on) == ("cancelled", "Montant saisi par erreur", PAID_ON)
    assert replacement.replaces == paid
    assert (replacement.status, replacement.amount, replacement.label) == ("committed", Decimal("4500.00"), paid.label)
    assert _paid_total(envelope) == Decimal("0.00")
    commitment_type = ContentType.objects.get_for_model(Commitment)
    entries = AuditEntry.objects.filter(content_type=commitment_type).order_by("pk")
    assert [(e.object_id, e.action) for e in entries] == [(str(paid.pk), "update"), (str(replacement.pk), "create")]
    assert "cancellation_reason" in entries[0].fields
    assert all("erreur" not in e.detail for e in entries)  # free text stays out of the audit trail
    with pytest.raises(CommitmentFrozen):
        services.commitment_reactivate(actor=coordinator, commitment=paid)


def test_the_api_corrects_a_paid_commitment(coordinator, paid, api_as):
    response = api_as(coordinator).post(
        f"/api/v1/commitments/{paid.pk}/correct/", {"reason": "Erreur de saisie", "amount": "4000.00"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["replaces"] == paid.pk
    assert response.json()["amount"] == "4000.00"
    response = api_as(coordinator).post(f"/api/v1/commitments/{paid.pk}/correct/", {"amount": "1.00"}, format="json")
    assert response.status_code == 400  # a reason is required (and the commitment is no longer paid)


def test_the_budget_page_corrects_a_paid_commitment(coordinator, envelope, paid, client):
    client.force_login(coordinator)
    page = client.get("/budget/2026/").content.decode()
    assert f"/budget/engagements/{paid.pk}/corriger/" in page
    form = client.get(f"/budget/engagements/{paid.pk}/corriger/")
    assert form.status_code == 200
    assert "Motif de la correction" in form.content.decode()
    missing = client.post(f"/budget/engagements/{paid.pk}/corriger/", {"label": "X"})
    assert missing.status_code == 400
    response = client.post(
        f"/budget/engagements/{paid.pk}/corriger/",
        {
            "reason": "Montant erroné",
            "label": paid.label,
            "category": paid.category,
            "amount": "4200.00",
            "committed_on": "2026-02-01",
        },
    )
    assert response.status_code == 302
    assert Commitment.objects.get(replaces=paid).amount == Decimal("4200.00")
    page = client.get("/budget/2026/").content.decode()
    assert "Motif : Montant erroné" in page


def test_a_seeded_commitment_without_author_can_be_paid_and_cancelled(coordinator, envelope):
    first = CommitmentFactory(envelope=envelope, created_by=None)
    second = CommitmentFactory(envelope=envelope, created_by=None)
    assert services.commitment_pay(actor=coordinator, commitment=first).status == "paid"
    assert services.commitment_cancel(actor=coordinator, commitment=second).status == "cancelled"


@pytest.mark.postgres
def test_the_database_refuses_to_change_or_delete_a_paid_commitment(paid):
    for change in ({"amount": Decimal("1.00")}, {"status": "committed", "paid_on": None}, {"label": "X"}):
        with pytest.raises(IntegrityError, match="payé"), transaction.atomic():
            Commitment.objects.filter(pk=paid.pk).update(**change)
    with pytest.raises(IntegrityError, match="payé"), transaction.atomic():
        Commitment.objects.filter(pk=paid.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=paid.pk).update(status="cancelled")  # without a reason
    Commitment.objects.filter(pk=paid.pk).update(status="cancelled", cancellation_reason="Erreur")
    with pytest.raises(IntegrityError, match="payé"), transaction.atomic():
        Commitment.objects.filter(pk=paid.pk).update(amount=Decimal("1.00"))
