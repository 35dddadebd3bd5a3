"""The envelope and its commitments. The envelope can never be over-committed.

Every write that could raise the committed total (a new commitment, a larger amount, a cancelled commitment
made active again, a smaller envelope) locks the envelope row with SELECT … FOR UPDATE inside the transaction,
then sums the non-cancelled commitments: two people committing at the same moment are serialised, and the
second one sees the first one's amount. On PostgreSQL a trigger (migration 0002) enforces the same rule in the
database for any write that would bypass these services.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from partners.enums import AuditAction
from partners.services import audit_record

from ..enums import COMMITMENT_TRANSITIONS, CommitmentStatus
from ..exceptions import EnvelopeOverCommitted
from ..models import Commitment, Envelope

COMMITMENT_FIELDS = {"action", "category", "label", "amount", "committed_on", "cofunding_source"}


def _lock_envelope(envelope_id: int) -> Envelope:
    return Envelope.objects.select_for_update().get(pk=envelope_id)


def _committed_total(envelope: Envelope, *, exclude_pk=None) -> Decimal:
    qs = envelope.commitments.active()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


def _ensure_room(envelope: Envelope, amount: Decimal, *, exclude_pk=None) -> None:
    """`envelope` must be locked by the caller. Refuse when `amount` does not fit in what remains."""
    remaining = envelope.amount - _committed_total(envelope, exclude_pk=exclude_pk)
    if amount > remaining:
        raise EnvelopeOverCommitted(year=envelope.year, remaining=max(remaining, Decimal("0.00")), requested=amount)


def _check_territory(actor, envelope: Envelope) -> None:
    if envelope.territory_id != actor.territory_id:
        raise ValidationError({"envelope": "Cette enveloppe n'est pas celle de votre territoire."})


@transaction.atomic
def envelope_create(*, actor, year: int, amount: Decimal | None = None, funder: str | None = None) -> Envelope:
    envelope = Envelope(territory_id=actor.territory_id, year=year)
    if amount is not None:
        envelope.amount = amount
    if funder:
        envelope.funder = funder
    envelope.full_clean()
    envelope.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=envelope)
    return envelope


@transaction.atomic
def envelope_update(*, actor, envelope: Envelope, **data) -> Envelope:
    envelope = _lock_envelope(envelope.pk)
    _check_territory(actor, envelope)
    changed = [name for name, value in data.items() if getattr(envelope, name) != value]
    for name, value in data.items():
        setattr(envelope, name, value)
    envelope.full_clean()
    committed = _committed_total(envelope)
    if envelope.amount < committed:
        raise ValidationError(
            {"amount": f"Le montant ne peut pas être inférieur aux engagements en cours ({committed} €)."}
        )
    envelope.save()
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=envelope, fields=changed)
    return envelope


@transaction.atomic
def commitment_create(*, actor, envelope: Envelope, **data) -> Commitment:
    unknown = set(data) - COMMITMENT_FIELDS
    if unknown:
        raise TypeError(f"Champs inconnus : {sorted(unknown)}")
    envelope = _lock_envelope(envelope.pk)
    _check_territory(actor, envelope)
    data.setdefault("committed_on", timezone.localdate())
    commitment = Commitment(envelope=envelope, status=CommitmentStatus.COMMITTED, created_by=actor, **data)
    commitment.full_clean()
    _ensure_room(envelope, commitment.amount)
    commitment.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=commitment)
    return commitment


@transaction.atomic
def commitment_update(*, actor, commitment: Commitment, **data) -> Commitment:
    """Edit label, category, action, amount, dates. Status changes go through pay/cancel/reactivate."""
    unknown = set(data) - COMMITMENT_FIELDS
    if unknown:
        raise TypeError(f"Champs inconnus : {sorted(unknown)}")
    envelope = _lock_envelope(commitment.envelope_id)
    _check_territory(actor, envelope)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    changed = [name for name, value in data.items() if getattr(commitment, name) != value]
    for name, value in data.items():
        setattr(commitment, name, value)
    commitment.full_clean()
    if commitment.status != CommitmentStatus.CANCELLED:
        _ensure_room(envelope, commitment.amount, exclude_pk=commitment.pk)
    commitment.save()
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=commitment, fields=changed)
    return commitment


def _move(actor, commitment: Commitment, to_status: str, **extra) -> Commitment:
    envelope = _lock_envelope(commitment.envelope_id)
    _check_territory(actor, envelope)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if to_status not in COMMITMENT_TRANSITIONS[CommitmentStatus(commitment.status)]:
        raise ValidationError(
            {
                "status": f"Un engagement « {commitment.get_status_display()} » ne peut pas passer "
                f"au statut « {CommitmentStatus(to_status).label} »."
            }
        )
    if commitment.status == CommitmentStatus.CANCELLED:
        _ensure_room(envelope, commitment.amount, exclude_pk=commitment.pk)
    commitment.status = to_status
    commitment.paid_on = extra.get("paid_on")
    commitment.full_clean()
    commitment.save(update_fields=["status", "paid_on"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=commitment, fields=["status"], detail=f"statut → {to_status}"
    )
    return commitment


@transaction.atomic
def commitment_pay(*, actor, commitment: Commitment, paid_on: datetime.date | None = None) -> Commitment:
    return _move(actor, commitment, CommitmentStatus.PAID, paid_on=paid_on or timezone.localdate())


@transaction.atomic
def commitment_cancel(*, actor, commitment: Commitment) -> Commitment:
    return _move(actor, commitment, CommitmentStatus.CANCELLED)


@transaction.atomic
def commitment_reactivate(*, actor, commitment: Commitment) -> Commitment:
    """A cancelled commitment counts again, if the envelope still has room."""
    return _move(actor, commitment, CommitmentStatus.COMMITTED)
