"""Retention of the FSE+ evidence (Regulation (EU) 2021/1060, art. 82): the FSE+ fields of a participant are kept
until 31 December of the year of the operation's last payment + 5 years, then anonymised. Nothing else is kept.

- A cohort person's file follows the two-year rule (cohorts.retention). When it is anonymised, `keep_evidence` — a
  hook cohorts.retention calls before erasing, registered at fse's ready() — makes sure each of her FSE+
  participations has its record (entry data snapshot: sex, age at entry, labour-market status, education, RQTH) and,
  while the evidence must still be kept, copies her last name, first name and birth date into it: exactly the FSE+
  fields, and nothing else of her file (no address, contact, follow-up, note, barrier).
- `anonymise_expired` (daily, fse.tasks) erases that identity — and the identity typed for a person outside the
  cohort — once the evidence delay is over. The Annex I values stay: the counts are identical before and after.
"""

import datetime

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from actions.enums import ParticipationStatus
from actions.models import Participation
from partners.enums import AuditAction
from partners.services import audit_record

from .enums import Answer, ClaimStatus
from .models import Operation, Participant
from .selectors import evidence_until

ERASED_FIELDS = ("last_name", "first_name", "birth_date")


def evidence_dates(operation_ids) -> dict[int, datetime.date | None]:
    """operation id → the last day its evidence is kept (None: no payment yet, the evidence is kept)."""
    last = dict(
        Operation.objects.filter(pk__in=list(operation_ids))
        .annotate(last=Max("claims__paid_on", filter=Q(claims__status=ClaimStatus.PAID)))
        .values_list("pk", "last")
    )
    return {pk: evidence_until(day) for pk, day in last.items()}


def _operation_of(participation, operations) -> Operation | None:
    for operation in operations:
        if (
            participation.action_id in operation.action_ids
            and operation.period_start <= participation.enrolled_on <= operation.period_end
        ):
            return operation
    return None


def keep_evidence(job_seeker_ids) -> int:
    """cohorts.retention's hook: before these files are anonymised, keep their FSE+ fields. Returns records touched."""
    today = timezone.localdate()
    participations = list(
        Participation.objects.filter(
            job_seeker_id__in=list(job_seeker_ids),
            action__fse_operations__isnull=False,
            status=ParticipationStatus.ENROLLED,
        )
        .select_related("job_seeker")
        .distinct()
    )
    if not participations:
        return 0
    operations = list(
        Operation.objects.filter(actions__in={p.action_id for p in participations})
        .distinct()
        .prefetch_related("actions")
    )
    for operation in operations:
        operation.action_ids = {a.pk for a in operation.actions.all()}
    until = evidence_dates(o.pk for o in operations)
    existing = {r.participation_id: r for r in Participant.objects.filter(participation__in=participations)}
    touched = 0
    for participation in participations:
        person = participation.job_seeker
        record = existing.get(participation.pk)
        if record is None:
            operation = _operation_of(participation, operations)
            if operation is None:
                continue
            record = Participant(
                operation=operation,
                participation=participation,
                entered_on=participation.enrolled_on,
                left_on=participation.left_on,
                sex=person.sex,
                labour_market_status=person.labour_market_status,
                education_level=person.education_level,
                disability=Answer.YES if person.disability_recognised else "",
            )
        end = until.get(record.operation_id)
        if record.identity_erased_on is None and (end is None or end >= today):
            record.last_name, record.first_name = person.last_name, person.first_name
            record.birth_date = person.birth_date
        elif record.identity_erased_on is None:
            record.identity_erased_on = today
        record.save()
        touched += 1
    return touched


def due_for_anonymisation(on: datetime.date | None = None):
    """Participants whose operation's evidence delay is over on `on`, identity not yet erased."""
    on = on or timezone.localdate()
    over = [
        pk for pk, end in evidence_dates(Operation.objects.values_list("pk", flat=True)).items() if end and end < on
    ]
    return Participant.objects.filter(operation_id__in=over, identity_erased_on__isnull=True)


@transaction.atomic
def anonymise_expired(*, on: datetime.date | None = None) -> int:
    """Erase the identity kept for the FSE+ evidence once its delay is over (idempotent). One audit entry each."""
    on = on or timezone.localdate()
    records = list(due_for_anonymisation(on).select_for_update().select_related("operation"))
    for record in records:
        record.refresh_age()  # the age at entry is kept: the counts do not change
        Participant.objects.filter(pk=record.pk).update(
            last_name="", first_name="", birth_date=None, identity_erased_on=on, age_at_entry=record.age_at_entry
        )
        audit_record(
            actor=None,
            action=AuditAction.ANONYMISE,
            obj=record,
            fields=list(ERASED_FIELDS),
            detail="fin de la conservation des preuves FSE+",
            territory_id=record.operation.territory_id,
        )
    return len(records)
