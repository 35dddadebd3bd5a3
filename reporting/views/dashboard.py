"""The dashboards: the coordinator's (figures, what is due, packs), the viewer's (anonymised), the advisor's."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cohorts.selectors import my_people
from partners.enums import AuditAction
from partners.selectors import meetings_for
from partners.services import audit_record

from .. import perms
from ..charts import metrics_charts
from ..exports import figures_workbook
from ..forms import FiguresFilterForm
from ..metrics import DEFINITIONS, compute_metrics
from ..selectors import packs_for, whats_due


def dashboard_for(request) -> dict:
    """The context of the dashboard for the user's role (used by the home page and the dashboard page)."""
    user = request.user
    today = timezone.localdate()
    context = {"dashboard_role": user.role, "can_request_pack": perms.can_request_pack(user)}
    if perms.can_view_dashboard(user):
        form = FiguresFilterForm(request.GET or None, user=user)
        metrics = compute_metrics(request.territory, form.period(today), form.chosen_cohort())
        context |= {
            "filter_form": form,
            "metrics": metrics,
            "charts": metrics_charts(metrics),
            "definitions": DEFINITIONS,
            "packs": list(packs_for(user)[:5]),
            "query_string": request.GET.urlencode(),
        }
    if perms.can_view_whats_due(user):
        context |= {
            "due": whats_due(user.territory_id, today),
            "upcoming_meetings": list(meetings_for(user).upcoming(today)[:5]),
        }
    if perms.can_view_personal_data(user) and not perms.can_view_dashboard(user):
        context["people"] = my_people(user, today=today)
    return context


@require_GET
def dashboard(request):
    if not perms.can_view_dashboard(request.user):
        raise PermissionDenied("Le tableau de bord du territoire est réservé à la coordination et aux observateurs.")
    context = dashboard_for(request)
    if request.htmx:
        return render(request, "reporting/includes/dashboard_figures.html", context)
    return render(request, "reporting/dashboard.html", context)


@require_GET
def figures_export(request):
    """The dashboard's figures for a period, as XLSX (recorded in the audit trail)."""
    user = request.user
    if not perms.can_export_figures(user):
        raise PermissionDenied("Export réservé à la coordination et aux observateurs.")
    form = FiguresFilterForm(request.GET or None, user=user)
    if form.is_bound and not form.is_valid():
        messages = " ".join(error for errors in form.errors.values() for error in errors)
        return HttpResponse(f"Période non valide : {messages}", status=400, content_type="text/plain; charset=utf-8")
    metrics = compute_metrics(request.territory, form.period(), form.chosen_cohort())
    data = figures_workbook(metrics)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        detail=f"indicateurs {metrics.period.start:%Y-%m-%d} → {metrics.period.end:%Y-%m-%d}",
    )
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"indicateurs-{metrics.period.start:%Y%m%d}-{metrics.period.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
