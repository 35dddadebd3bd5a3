"""Writes of the FSE+ app: keyword-only, in a transaction, `full_clean()`, the caller's right checked here, an audit
entry (never a personal value: ids and field names only)."""

import datetime
import hashlib
import logging
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from actions.models import Action, CoFunding, Participation
from actions.services import cofunding_set
from partners.enums import AuditAction
from partners.services import audit_record

from . import perms
from .enums import COFUNDING_TRANSITIONS, Answer, ClaimStatus, CofundingStatus, ReportStatus
from .models import CostLine, ExecutionReport, Expense, FlatRate, Operation, Participant, PaymentClaim
from .selectors import operation_participations

logger = logging.getLogger(__name__)

FSE_FUNDER = "FSE+"
OPERATION_FIELDS = (
    "number",
    "title",
    "period_start",
    "period_end",
    "cofunding_rate",
    "requested_on",
    "amount_requested",
    "programmed_on",
    "amount_programmed",
)
ENTRY_FIELDS = (
    "sex",
    "labour_market_status",
    "education_level",
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
    "rural_area",
)
IDENTITY_FIELDS = ("last_name", "first_name", "birth_date")
RESULT_FIELDS = (
    "left_on",
    "leaving_job_searching",
    "leaving_in_education",
    "leaving_qualification",
    "leaving_employed",
    "six_months_checked_on",
    "six_months_employed",
    "six_months_improved",
)


def _check_manage(actor, operation):
    if not perms.can_manage_operation(actor, operation):
        raise PermissionDenied("Seule la coordination du territoire gère une opération FSE+.")


def _check_actions(actor, actions) -> list[Action]:
    actions = list(actions)
    if not actions:
        raise ValidationError({"actions": "Choisissez au moins une action cofinancée."})
    if any(a.territory_id != actor.territory_id for a in actions):
        raise ValidationError({"actions": "Ces actions ne sont pas toutes de votre territoire."})
    return actions


def _link_cofunding(*, actor, operation: Operation, actions: list[Action]) -> None:
    """The action keeps its funders (actions.CoFunding): the operation's FSE+ line is the first action's « FSE+ »
    row, created (requested amount) or updated (programmed amount) — the other funders are never touched."""
    action = actions[0]
    amount = operation.expected_fse
    if not amount:
        return
    current = operation.cofunding
    if current is not None and current.action_id in {a.pk for a in actions}:
        if current.amount != amount:
            cofunding_set(actor=actor, action=current.action, funder=current.funder, amount=amount)
        return
    existing = CoFunding.objects.filter(action=action, funder__iexact=FSE_FUNDER).first()
    cofunding = existing or cofunding_set(actor=actor, action=action, funder=FSE_FUNDER, amount=amount)
    operation.cofunding = cofunding
    operation.save(update_fields=["cofunding"])


@transaction.atomic
def operation_create(*, actor, actions, **data) -> Operation:
    if not perms.can_manage_operations(actor):
        raise PermissionDenied("Seule la coordination crée une opération FSE+.")
    actions = _check_actions(actor, actions)
    operation = Operation(territory_id=actor.territory_id, **{k: data[k] for k in OPERATION_FIELDS if k in data})
    if operation.programmed_on and operation.amount_programmed is not None:
        operation.status = CofundingStatus.PROGRAMMED
    operation.full_clean()
    operation.save()
    operation.actions.set(actions)
    Action.objects.filter(pk__in=[a.pk for a in actions], fse_plus_cofunded=False).update(fse_plus_cofunded=True)
    _link_cofunding(actor=actor, operation=operation, actions=actions)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=operation, fields=["number", "actions"])
    return operation


@transaction.atomic
def operation_update(*, actor, operation: Operation, actions=None, **data) -> Operation:
    _check_manage(actor, operation)
    operation = Operation.objects.select_for_update().get(pk=operation.pk)
    changed = [k for k in OPERATION_FIELDS if k in data and getattr(operation, k) != data[k]]
    for name in changed:
        setattr(operation, name, data[name])
    if operation.status == CofundingStatus.REQUESTED and operation.programmed_on and operation.amount_programmed:
        operation.status = CofundingStatus.PROGRAMMED
        changed.append("status")
    operation.full_clean()
    operation.save()
    if actions is not None:
        actions = _check_actions(actor, actions)
        if {a.pk for a in actions} != set(operation.actions.values_list("pk", flat=True)):
            operation.actions.set(actions)
            changed.append("actions")
    _link_cofunding(actor=actor, operation=operation, actions=list(operation.actions.order_by("pk")))
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=operation, fields=changed)
    return operation


@transaction.atomic
def operation_transition(*, actor, operation: Operation, to_status: str) -> Operation:
    """requested → programmed (date and amount given) → received (at least one claim paid)."""
    _check_manage(actor, operation)
    operation = Operation.objects.select_for_update().get(pk=operation.pk)
    if to_status not in COFUNDING_TRANSITIONS[CofundingStatus(operation.status)]:
        raise ValidationError({"status": "Ce changement d'état n'est pas possible."})
    if to_status == CofundingStatus.RECEIVED and not operation.claims.filter(status=ClaimStatus.PAID).exists():
        raise ValidationError({"status": "Le cofinancement est reçu quand une demande de paiement est payée."})
    operation.status = to_status
    operation.full_clean()
    operation.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=operation, fields=["status"])
    return operation


def _flat_covered(operation, category) -> bool:
    return operation.flat_rates.filter(covers=category).exists()


@transaction.atomic
def cost_line_add(*, actor, operation: Operation, category: str, label: str, amount: Decimal) -> CostLine:
    _check_manage(actor, operation)
    if _flat_covered(operation, category):
        raise ValidationError({"category": "Cette catégorie est payée au taux forfaitaire : pas de ligne réelle."})
    line = CostLine(operation=operation, category=category, label=label, amount=amount)
    line.full_clean()
    line.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=line)
    return line


@transaction.atomic
def flat_rate_set(*, actor, operation: Operation, covers: str, base: str, rate: Decimal) -> FlatRate:
    """A simplified cost option: the category `covers` is paid at `rate` % of `base` (it has no real costs then)."""
    _check_manage(actor, operation)
    if operation.cost_lines.filter(category=covers).exists() or operation.expenses.filter(category=covers).exists():
        raise ValidationError(
            {"covers": "Cette catégorie a déjà des dépenses réelles : un taux forfaitaire les remplacerait."}
        )
    flat = FlatRate.objects.filter(operation=operation, covers=covers).first() or FlatRate(
        operation=operation, covers=covers
    )
    is_new = flat.pk is None
    flat.base, flat.rate = base, rate
    flat.full_clean()
    if flat.base_categories() and covers in flat.base_categories():
        raise ValidationError({"base": "Une catégorie ne peut pas être calculée sur elle-même."})
    flat.save()
    audit_record(actor=actor, action=AuditAction.CREATE if is_new else AuditAction.UPDATE, obj=flat)
    return flat


@transaction.atomic
def expense_add(
    *, actor, operation: Operation, category: str, label: str, amount: Decimal, incurred_on: datetime.date
) -> Expense:
    _check_manage(actor, operation)
    if _flat_covered(operation, category):
        raise ValidationError({"category": "Cette catégorie est payée au taux forfaitaire : pas de dépense réelle."})
    expense = Expense(operation=operation, category=category, label=label, amount=amount, incurred_on=incurred_on)
    expense.full_clean()
    expense.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=expense)
    return expense


@transaction.atomic
def claim_create(
    *, actor, operation: Operation, amount_claimed: Decimal, submitted_on: datetime.date | None = None
) -> PaymentClaim:
    """A claim for payment: the expenses not yet declared go into it."""
    _check_manage(actor, operation)
    Operation.objects.select_for_update().filter(pk=operation.pk).first()
    number = (operation.claims.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    claim = PaymentClaim(
        operation=operation,
        number=number,
        amount_claimed=amount_claimed,
        submitted_on=submitted_on,
        status=ClaimStatus.SUBMITTED if submitted_on else ClaimStatus.DRAFT,
    )
    claim.full_clean()
    claim.save()
    operation.expenses.filter(claim__isnull=True).update(claim=claim)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=claim)
    return claim


@transaction.atomic
def claim_record_payment(
    *, actor, claim: PaymentClaim, paid_on: datetime.date, amount_received: Decimal
) -> PaymentClaim:
    _check_manage(actor, claim.operation)
    claim = PaymentClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status == ClaimStatus.PAID:
        raise ValidationError({"paid_on": "Ce paiement est déjà enregistré."})
    claim.status, claim.paid_on, claim.amount_received = ClaimStatus.PAID, paid_on, amount_received
    if claim.submitted_on is None:
        claim.submitted_on = paid_on
    claim.full_clean()
    claim.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=claim, fields=["status", "paid_on", "amount_received"])
    return claim


# --- participants ------------------------------------------------------------------------------------------------
def _file_entry_values(person) -> dict:
    """What the person's file gives at entry: never asked again in the FSE+ form."""
    if person is None:
        return {}
    values = {"sex": person.sex}
    if person.labour_market_status:
        values["labour_market_status"] = person.labour_market_status
    if person.education_level:
        values["education_level"] = person.education_level
    if person.disability_recognised:
        values["disability"] = Answer.YES
    return values


def file_provided_fields(participation) -> set[str]:
    """The FSE+ fields the person's file already answers (the form does not ask them)."""
    person = participation.job_seeker if participation.job_seeker_id else None
    provided = set(_file_entry_values(person))
    if person is not None:
        provided |= set(IDENTITY_FIELDS)
    return provided


@transaction.atomic
def participant_save(*, actor, operation: Operation, participation: Participation, **data) -> Participant:
    """Create or complete the FSE+ record of a participation of the operation.

    At creation the entry data of a cohort person is copied from her file (a snapshot at entry); `data` carries the
    missing fields only. The sensitive characteristics are written only by whom may read them (fse.perms).
    """
    if not perms.can_edit_participant(actor, participation):
        raise PermissionDenied("Vous ne pouvez pas renseigner ce participant.")
    if not operation_participations(operation).filter(pk=participation.pk).exists():
        raise ValidationError("Cette participation n'appartient pas à l'opération (action ou période).")
    sensitive = {"disability", "third_country_national", "foreign_background", "minority", "homeless", "rural_area"}
    if sensitive & {k for k, v in data.items() if v} and not perms.can_view_sensitive(actor, participation):
        raise PermissionDenied("Seules la structure référente et la coordination renseignent ces caractéristiques.")
    record = Participant.objects.select_for_update().filter(participation=participation).first()
    is_new = record is None
    person = participation.job_seeker if participation.job_seeker_id else None
    if record is None:
        record = Participant(
            operation=operation,
            participation=participation,
            entered_on=max(participation.enrolled_on, operation.period_start),
            left_on=participation.left_on,
            **_file_entry_values(person),
        )
    if person is not None and any(data.get(k) for k in IDENTITY_FIELDS):
        raise ValidationError({"last_name": "L'identité d'une personne de la cohorte se lit dans sa fiche."})
    changed = []
    for name in (*IDENTITY_FIELDS, *ENTRY_FIELDS, *RESULT_FIELDS, "entered_on"):
        if name in data and getattr(record, name) != data[name]:
            if name in ENTRY_FIELDS and name in _file_entry_values(person) and not is_new:
                continue  # read from the file, never asked again
            setattr(record, name, data[name])
            changed.append(name)
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if is_new else AuditAction.UPDATE,
        obj=record,
        fields=sorted(changed),
    )
    return record


# --- the bilan d'exécution ---------------------------------------------------------------------------------------
def _queue_report(report: ExecutionReport) -> None:
    from .tasks import build_execution_report

    transaction.on_commit(lambda: build_execution_report.delay(report.pk))


@transaction.atomic
def report_request(*, actor, operation: Operation) -> ExecutionReport:
    if not perms.can_request_report(actor, operation):
        raise PermissionDenied("Seule la coordination du territoire demande le bilan d'exécution.")
    report = ExecutionReport.objects.create(operation=operation, created_by=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=report)
    _queue_report(report)
    return report


def report_build(*, report_id: int) -> ExecutionReport | None:
    """Build the PDF of a pending report; a done or running one is left alone (idempotent, conditional UPDATE)."""
    from .report import render_report

    now = timezone.now()
    stale = now - datetime.timedelta(minutes=10)
    claimed = ExecutionReport.objects.filter(
        Q(status=ReportStatus.PENDING) | Q(status=ReportStatus.RUNNING, started_at__lt=stale), pk=report_id
    ).update(status=ReportStatus.RUNNING, started_at=now, error="")
    if not claimed:
        return None
    report = ExecutionReport.objects.select_related("operation__territory").get(pk=report_id)
    try:
        data, pages = render_report(report)
    except Exception as exc:
        logger.exception("Bilan d'exécution %s : échec (%s).", report_id, type(exc).__name__)
        ExecutionReport.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED,
            error=f"La fabrication du PDF a échoué ({type(exc).__name__}). Demandez un nouveau bilan.",
            finished_at=timezone.now(),
        )
        report.refresh_from_db()
        return report
    report.file.save(report.filename(), ContentFile(data), save=False)
    ExecutionReport.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        status=ReportStatus.DONE,
        file=report.file.name,
        file_size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=pages,
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


@transaction.atomic
def report_record_download(*, actor, report: ExecutionReport) -> None:
    if not perms.can_view_reports(actor) or not perms.partner_perms.is_in_territory(
        actor, report.operation.territory_id
    ):
        raise PermissionDenied("Ce bilan n'est pas celui de votre territoire.")
    audit_record(actor=actor, action=AuditAction.DOWNLOAD, obj=report)
