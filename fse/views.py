"""The FSE+ pages, under the action: /actions/<id>/fse/…"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.models import Action, Participation
from cite_emploi import secrecy, tabular
from cite_emploi.forms import add_service_errors
from partners.enums import AuditAction
from partners.services import audit_record

from . import perms, services
from .enums import (
    COFUNDING_TRANSITIONS,
    SENSITIVE_FIELDS,
    AgeBand,
    Answer,
    CofundingStatus,
    EducationLevel,
    LabourMarketStatus,
    ReportStatus,
    Sex,
)
from .exports import INDICATOR_HEADER, PARTICIPANT_HEADER, indicator_rows, participant_rows_for
from .forms import FINANCE_FORMS, OperationForm, ParticipantForm, PeriodForm
from .models import ExecutionReport, Operation, PaymentClaim
from .selectors import (
    MISSING_LABELS,
    SEX_COLUMNS,
    SITUATION_RULES,
    indicator_table,
    operation_finance,
    participant_rows,
    protected_indicators,
    six_month_checks_due,
)


def _action(request, pk) -> Action:
    if not perms.can_view_operations(request.user):
        raise PermissionDenied
    return get_object_or_404(Action.objects.for_user(request.user), pk=pk)


def _operation(request, pk, operation_pk) -> tuple[Action, Operation]:
    action = _action(request, pk)
    operation = get_object_or_404(Operation.objects.for_user(request.user).filter(actions=action), pk=operation_pk)
    return action, operation


def _visible_rows(request, operation):
    return participant_rows(operation, participations=Participation.objects.for_user(request.user))


@require_GET
def action_operations(request, pk):
    action = _action(request, pk)
    operations = list(Operation.objects.for_user(request.user).filter(actions=action).order_by("-period_start"))
    return render(
        request,
        "fse/action_operations.html",
        {"action": action, "operations": operations, "can_manage": perms.can_manage_operations(request.user)},
    )


@require_http_methods(["GET", "POST"])
def operation_create(request, pk):
    if not perms.can_manage_operations(request.user):
        raise PermissionDenied
    action = _action(request, pk)
    form = OperationForm(request.POST or None, user=request.user, initial={"actions": [action], "title": action.title})
    if request.method == "POST" and form.is_valid():
        try:
            operation = services.operation_create(actor=request.user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"L'{operation} est créée.")
            return redirect("fse:operation_detail", pk=action.pk, operation_pk=operation.pk)
    return render(request, "fse/operation_form.html", {"form": form, "action": action, "operation": None})


@require_http_methods(["GET", "POST"])
def operation_edit(request, pk, operation_pk):
    if not perms.can_manage_operations(request.user):
        raise PermissionDenied
    action, operation = _operation(request, pk, operation_pk)
    form = OperationForm(request.POST or None, instance=operation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.operation_update(
                actor=request.user, operation=Operation.objects.get(pk=operation.pk), **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'opération est enregistrée.")
            return redirect("fse:operation_detail", pk=action.pk, operation_pk=operation.pk)
    return render(request, "fse/operation_form.html", {"form": form, "action": action, "operation": operation})


@require_POST
def operation_transition(request, pk, operation_pk):
    if not perms.can_manage_operations(request.user):
        raise PermissionDenied
    action, operation = _operation(request, pk, operation_pk)
    try:
        services.operation_transition(actor=request.user, operation=operation, to_status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "L'état du cofinancement est enregistré.")
    return redirect("fse:operation_detail", pk=action.pk, operation_pk=operation.pk)


def _period(request, operation):
    form = PeriodForm(request.GET or None)
    start, end = operation.period_start, operation.period_end
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["period_start"] or start
        end = form.cleaned_data["period_end"] or end
    return form, start, end


def _indicators(request, operation, start, end):
    """Exact for the coordinator (over every participant); under secrecy for everyone else."""
    table = indicator_table(participant_rows(operation), start, end)
    return table if perms.sees_exact_counts(request.user) else protected_indicators(table)


@require_GET
def operation_detail(request, pk, operation_pk):
    action, operation = _operation(request, pk, operation_pk)
    return _detail_page(request, action, operation)


def _detail_page(request, action, operation, forms=None, status=200):
    user = request.user
    period_form, start, end = _period(request, operation)
    context = {
        "action": action,
        "operation": operation,
        "actions": list(operation.actions.order_by("title")),
        "period_form": period_form,
        "table": _indicators(request, operation, start, end),
        "sex_columns": SEX_COLUMNS,
        "can_manage": perms.can_manage_operation(user, operation),
        "can_view_finance": perms.can_view_finance(user),
        "can_view_participants": perms.can_view_participants(user),
        "next_statuses": [CofundingStatus(s) for s in COFUNDING_TRANSITIONS[CofundingStatus(operation.status)]],
        "reports": list(operation.reports.all()[:5]),
        "secrecy_legend": secrecy.LEGEND,
        "exact": perms.sees_exact_counts(user),
    }
    if context["can_view_finance"]:
        context["finance"] = operation_finance(operation)
        context["cost_lines"] = list(operation.cost_lines.all())
        context["expenses"] = list(operation.expenses.select_related("claim"))
        context["claims"] = list(operation.claims.all())
        context["forms"] = forms or {kind: form_class(prefix=kind) for kind, form_class in FINANCE_FORMS.items()}
    if context["can_view_participants"]:
        rows = _visible_rows(request, operation)
        context["checks_due"] = len(six_month_checks_due(rows))
        context["incomplete"] = sum(1 for r in rows if r.missing)
    return render(request, "fse/operation_detail.html", context, status=status)


@require_POST
def finance_add(request, pk, operation_pk, kind):
    if not perms.can_manage_operations(request.user):
        raise PermissionDenied
    action, operation = _operation(request, pk, operation_pk)
    if kind not in FINANCE_FORMS:
        raise Http404
    form = FINANCE_FORMS[kind](request.POST, prefix=kind)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if kind == "ligne":
                services.cost_line_add(actor=request.user, operation=operation, **data)
            elif kind == "forfait":
                services.flat_rate_set(actor=request.user, operation=operation, **data)
            elif kind == "depense":
                services.expense_add(actor=request.user, operation=operation, **data)
            elif kind == "demande":
                services.claim_create(actor=request.user, operation=operation, **data)
            else:
                claim = get_object_or_404(
                    PaymentClaim.objects.for_user(request.user), pk=data.pop("claim"), operation=operation
                )
                services.claim_record_payment(actor=request.user, claim=claim, **data)
        except (ValidationError, IntegrityError) as exc:
            if isinstance(exc, IntegrityError):
                exc = ValidationError("Cet enregistrement est en conflit avec un enregistrement existant.")
            add_service_errors(form, exc)
        else:
            messages.success(request, "C'est enregistré.")
            url = reverse("fse:operation_detail", kwargs={"pk": action.pk, "operation_pk": operation.pk})
            return redirect(f"{url}#financement")
    forms = {k: form_class(prefix=k) for k, form_class in FINANCE_FORMS.items()} | {kind: form}
    messages.error(request, "Rien n'est enregistré : corrigez le formulaire signalé.")
    return _detail_page(request, action, operation, forms=forms, status=400)


@require_GET
def participants(request, pk, operation_pk):
    if not perms.can_view_participants(request.user):
        raise PermissionDenied
    action, operation = _operation(request, pk, operation_pk)
    rows = _visible_rows(request, operation)
    return render(
        request,
        "fse/participants.html",
        {
            "action": action,
            "operation": operation,
            "rows": rows,
            "missing_labels": MISSING_LABELS,
            "pseudonymous": sum(1 for r in rows if r.pseudonymous),
            "situation_rules": SITUATION_RULES,
        },
    )


@require_GET
def completeness(request, pk, operation_pk):
    """Who is missing what before the declaration, each with a link to her form."""
    if not perms.can_view_participants(request.user):
        raise PermissionDenied
    action, operation = _operation(request, pk, operation_pk)
    rows = _visible_rows(request, operation)
    by_missing = {key: [r for r in rows if key in r.missing] for key in MISSING_LABELS}
    return render(
        request,
        "fse/completeness.html",
        {
            "action": action,
            "operation": operation,
            "rows": rows,
            "by_missing": [(MISSING_LABELS[k], k, v) for k, v in by_missing.items() if v],
            "complete": sum(1 for r in rows if not r.missing),
            "checks_due": six_month_checks_due(rows),
        },
    )


@require_http_methods(["GET", "POST"])
def participant_edit(request, pk, operation_pk, participation_pk):
    if not perms.can_view_participants(request.user):
        raise PermissionDenied
    action, operation = _operation(request, pk, operation_pk)
    participation = get_object_or_404(
        Participation.objects.for_user(request.user).select_related("job_seeker", "action"), pk=participation_pk
    )
    rows = participant_rows(operation, participations=Participation.objects.filter(pk=participation.pk))
    if not rows:
        raise Http404
    if not perms.can_edit_participant(request.user, participation):
        raise PermissionDenied
    row = rows[0]
    record = row.record
    sensitive = perms.can_view_sensitive(request.user, participation)
    provided = services.file_provided_fields(participation)
    initial = {}
    if record is not None:
        initial = {name: getattr(record, name) for name in ParticipantForm.base_fields if hasattr(record, name)}
        initial |= {name: getattr(record, name) for name in SENSITIVE_FIELDS}
        for name, value in list(initial.items()):
            if isinstance(value, bool):
                initial[name] = "true" if value else "false"
    else:
        initial["left_on"] = participation.left_on
    form = ParticipantForm(
        request.POST if request.method == "POST" else None, initial=initial, provided=provided, sensitive=sensitive
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_save(
                actor=request.user, operation=operation, participation=participation, **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Les données FSE+ du participant sont enregistrées.")
            return redirect("fse:participants", pk=action.pk, operation_pk=operation.pk)
    return render(
        request,
        "fse/participant_form.html",
        {
            "action": action,
            "operation": operation,
            "row": row,
            "form": form,
            "sensitive": sensitive,
            "file_values": _file_values(row, provided),
            "situation_rules": SITUATION_RULES,
        },
    )


FILE_LABELS = {
    "sex": ("Sexe", Sex),
    "age_band": ("Âge à l'entrée", AgeBand),
    "labour_market_status": ("Situation à l'entrée", LabourMarketStatus),
    "education_level": ("Niveau d'études", EducationLevel),
    "disability": ("Personne handicapée (RQTH)", Answer),
}


def _file_values(row, provided) -> list[tuple[str, str]]:
    """What the person's file answers, as read on the form (labels, never codes)."""
    shown = []
    for name, (label, choices) in FILE_LABELS.items():
        value = row.values.get(name)
        if (name in provided or (name == "age_band" and row.participation.job_seeker_id)) and value:
            shown.append((label, choices(value).label))
    return shown


@require_GET
def participants_export(request, pk, operation_pk, fmt):
    if not perms.can_view_participants(request.user):
        raise PermissionDenied
    _, operation = _operation(request, pk, operation_pk)
    rows = _visible_rows(request, operation)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=operation,
        detail=f"participants FSE+ ({fmt})",
        about=[r.participation.job_seeker_id for r in rows if r.participation.job_seeker_id],
    )
    lines = participant_rows_for(rows, lambda p: perms.can_view_sensitive(request.user, p))
    content = tabular.table_bytes(fmt, PARTICIPANT_HEADER, lines, title="Participants FSE+", autofilter=True)
    return tabular.attachment(content, fmt=fmt, filename=f"fse-{operation.number}-participants.{fmt}")


@require_GET
def indicators_export(request, pk, operation_pk, fmt):
    _, operation = _operation(request, pk, operation_pk)
    _form, start, end = _period(request, operation)
    table = _indicators(request, operation, start, end)
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=operation, detail=f"indicateurs FSE+ ({fmt})")
    content = tabular.table_bytes(fmt, INDICATOR_HEADER, indicator_rows(table), title="Indicateurs annexe I")
    return tabular.attachment(
        content, fmt=fmt, filename=f"fse-{operation.number}-indicateurs-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"
    )


@require_POST
def report_request(request, pk, operation_pk):
    if not perms.can_manage_operations(request.user):
        raise PermissionDenied
    action, operation = _operation(request, pk, operation_pk)
    services.report_request(actor=request.user, operation=operation)
    messages.success(request, "Le bilan d'exécution est demandé : il sera prêt dans quelques instants.")
    return redirect("fse:operation_detail", pk=action.pk, operation_pk=operation.pk)


@require_GET
def report_download(request, pk, operation_pk, report_pk):
    if not perms.can_view_reports(request.user):
        raise PermissionDenied
    _, operation = _operation(request, pk, operation_pk)
    report = get_object_or_404(
        ExecutionReport.objects.for_user(request.user), pk=report_pk, operation=operation, status=ReportStatus.DONE
    )
    services.report_record_download(actor=request.user, report=report)
    return FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report.filename(), content_type="application/pdf"
    )
