"""The envelope and its commitments. The envelope can never be over-committed.

Every write that could raise the committed total (a new commitment, a larger amount, a cancelled commitment
made active again, a smaller envelope) locks the envelope row with SELECT … FOR UPDATE inside the transaction,
then sums the non-cancelled commitments: two people committing at the same moment are serialised, and the
second one sees the first one's amount. On PostgreSQL a trigger (migration 0002) enforces the same rule in the
database for any write that would bypass these services.

Once paid, a commitment is frozen (CommitmentFrozen): it is corrected by `commitment_correct`, which cancels it with
a reason and records the new commitment that replaces it, both audited. A trigger (migration 0003) backs it.
Every service checks that the caller manages the envelope (the coordinator of its territory).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from partners.enums import AuditAction
from partners.services import audit_record

from .. import perms
from ..enums import COMMITMENT_TRANSITIONS, CommitmentStatus
from ..exceptions import CommitmentFrozen, EnvelopeOverCommitted
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


def _check_can_manage(actor, envelope: Envelope) -> None:
    if not perms.can_manage_envelope(actor, envelope):
        raise PermissionDenied("Seule la coordination du territoire ouvre l'enveloppe et l'engage.")


@transaction.atomic
def envelope_create(*, actor, year: int, amount: Decimal | None = None, funder: str | None = None) -> Envelope:
    if not perms.can_manage_budget(actor):
        raise PermissionDenied("Seule la coordination ouvre l'enveloppe.")
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
    _check_can_manage(actor, envelope)
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
    _check_can_manage(actor, envelope)
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
    _check_can_manage(actor, envelope)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    changed = [name for name, value in data.items() if getattr(commitment, name) != value]
    if commitment.is_frozen and changed:
        raise CommitmentFrozen()
    for name, value in data.items():
        setattr(commitment, name, value)
    commitment.full_clean(exclude=["created_by"])  # seeded or imported commitments may have no author
    if commitment.status != CommitmentStatus.CANCELLED:
        _ensure_room(envelope, commitment.amount, exclude_pk=commitment.pk)
    commitment.save()
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=commitment, fields=changed)
    return commitment


def _move(actor, commitment: Commitment, to_status: str, *, paid_on=None, reason: str = "") -> Commitment:
    envelope = _lock_envelope(commitment.envelope_id)
    _check_can_manage(actor, envelope)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if to_status not in COMMITMENT_TRANSITIONS[CommitmentStatus(commitment.status)]:
        raise ValidationError(
            {
                "status": f"Un engagement « {commitment.get_status_display()} » ne peut pas passer "
                f"au statut « {CommitmentStatus(to_status).label} »."
            }
        )
    fields = ["status"]
    if commitment.status == CommitmentStatus.CANCELLED:
        if commitment.is_frozen:
            raise CommitmentFrozen(
                "Cet engagement avait été payé puis annulé pour correction : il ne peut pas être rétabli. "
                "Saisissez un nouvel engagement."
            )
        _ensure_room(envelope, commitment.amount, exclude_pk=commitment.pk)
    if to_status == CommitmentStatus.CANCELLED:
        reason = (reason or "").strip()
        if commitment.status == CommitmentStatus.PAID and not reason:
            raise ValidationError(
                {"cancellation_reason": "Indiquez le motif de l'annulation : cet engagement est déjà payé."}
            )
        commitment.cancellation_reason = reason
        fields.append("cancellation_reason")
    elif to_status == CommitmentStatus.PAID:
        commitment.paid_on = paid_on
        fields.append("paid_on")
    else:
        commitment.cancellation_reason = ""
        fields.append("cancellation_reason")
    commitment.status = to_status
    commitment.full_clean(exclude=["created_by"])  # seeded or imported commitments may have no author
    commitment.save(update_fields=fields)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=commitment, fields=fields, detail=f"statut → {to_status}")
    return commitment


@transaction.atomic
def commitment_pay(*, actor, commitment: Commitment, paid_on: datetime.date | None = None) -> Commitment:
    return _move(actor, commitment, CommitmentStatus.PAID, paid_on=paid_on or timezone.localdate())


@transaction.atomic
def commitment_cancel(*, actor, commitment: Commitment, reason: str = "") -> Commitment:
    """Cancel; a paid commitment is cancelled only with a reason (then it is frozen as cancelled)."""
    return _move(actor, commitment, CommitmentStatus.CANCELLED, reason=reason)


@transaction.atomic
def commitment_reactivate(*, actor, commitment: Commitment) -> Commitment:
    """A cancelled commitment counts again, if the envelope still has room and it was never paid."""
    return _move(actor, commitment, CommitmentStatus.COMMITTED)


@transaction.atomic
def commitment_correct(*, actor, commitment: Commitment, reason: str, **data) -> Commitment:
    """Correct a paid commitment: cancel it with `reason`, record the new commitment that replaces it (committed;
    pay it once the corrected amount is paid). Fields not given are copied from the old one. Both are audited."""
    unknown = set(data) - COMMITMENT_FIELDS
    if unknown:
        raise TypeError(f"Champs inconnus : {sorted(unknown)}")
    envelope = _lock_envelope(commitment.envelope_id)
    _check_can_manage(actor, envelope)
    old = Commitment.objects.get(pk=commitment.pk)
    if old.status != CommitmentStatus.PAID:
        raise ValidationError(
            {"status": "Seul un engagement payé se corrige ainsi ; un engagement en cours se modifie directement."}
        )
    cancelled = _move(actor, old, CommitmentStatus.CANCELLED, reason=reason)
    values = {name: getattr(old, name) for name in COMMITMENT_FIELDS} | data
    replacement = Commitment(
        envelope=envelope, status=CommitmentStatus.COMMITTED, created_by=actor, replaces=cancelled, **values
    )
    replacement.full_clean()
    _ensure_room(envelope, replacement.amount)
    replacement.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=replacement,
        fields=["replaces"],
        detail=f"correction de l'engagement {cancelled.pk}",
    )
    return replacement
