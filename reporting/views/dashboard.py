"""The dashboards: the coordinator's (figures, what is due, packs), the viewer's (anonymised), the advisor's."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cite_emploi import figures_cache, tabular
from cohorts.selectors import my_people
from partners.enums import AuditAction
from partners.services import audit_record

from .. import perms
from ..exports import figures_workbook
from ..figures import due_for, due_key, figures_html, figures_html_key, metrics_for
from ..forms import FiguresFilterForm
from ..metrics import DEFINITIONS, default_period
from ..selectors import recent_packs, recent_packs_key, upcoming_meetings, upcoming_meetings_key

FIGURES_INVALID_MESSAGE = (
    "La période ou la cohorte choisie n'est pas valide (voir les champs signalés) : aucun indicateur n'est affiché "
    "tant qu'elle n'est pas corrigée."
)


def prefetch_panels(request, today, *, lazy_figures: bool, extra=()) -> None:
    """The cached panels of the dashboard or home page, read from the cache in one round trip (issue 13): the cohort
    choices, what is due, the last packs, the next meetings, the figures (default period only) and `extra`."""
    user = request.user
    if user.territory_id is None:
        return
    wanted = [FiguresFilterForm.CHOICES_KEY, *extra]
    if perms.can_view_dashboard(user):
        wanted.append(recent_packs_key())
        if not lazy_figures and not request.GET:
            wanted.append(figures_html_key(default_period(today)))
    if perms.can_view_whats_due(user):
        wanted += [due_key(today), upcoming_meetings_key(user, today, 5)]
    figures_cache.prefetch(user.territory_id, wanted)


def dashboard_for(request, *, lazy_figures: bool = False) -> dict:
    """The context of the dashboard for the user's role (used by the home page and the dashboard page).

    With `lazy_figures` (the home page), the figures and charts are not computed here: the page loads them from the
    dashboard's htmx fragment, so its own counts never wait for the charts.
    """
    user = request.user
    today = timezone.localdate()
    prefetch_panels(request, today, lazy_figures=lazy_figures)
    context = {"dashboard_role": user.role, "can_request_pack": perms.can_request_pack(user)}
    if perms.can_view_dashboard(user):
        form = FiguresFilterForm(request.GET or None, user=user)
        invalid = form.is_bound and not form.is_valid()
        context |= {
            "filter_form": form,
            "figures_error": FIGURES_INVALID_MESSAGE if invalid else "",
            "lazy_figures": lazy_figures,
            "definitions": DEFINITIONS,
            "packs": recent_packs(user),
            "query_string": request.GET.urlencode(),
        }
        if not lazy_figures and not invalid:
            context["figures_html"] = figures_html(request.territory, form.period(today), form.chosen_cohort())
    if perms.can_view_whats_due(user):
        context |= {
            "due": due_for(user.territory_id, today),
            "upcoming_meetings": upcoming_meetings(user, today, 5),
        }
    if perms.can_view_personal_data(user) and not perms.can_view_dashboard(user):
        context["people"] = my_people(user, today=today)
    return context


@require_GET
def dashboard(request):
    if not perms.can_view_dashboard(request.user):
        raise PermissionDenied("Le tableau de bord du territoire est réservé à la coordination et aux observateurs.")
    if request.htmx:
        # The fragment only: the figures (cached HTML), none of the page's other panels.
        form = FiguresFilterForm(request.GET or None, user=request.user)
        if form.is_bound and not form.is_valid():
            return render(
                request,
                "reporting/includes/dashboard_figures.html",
                {
                    "figures_error": FIGURES_INVALID_MESSAGE,
                    "filter_form": form,
                    "lazy_figures": False,
                    "query_string": "",
                },
            )
        return HttpResponse(figures_html(request.territory, form.period(), form.chosen_cohort()))
    return render(request, "reporting/dashboard.html", dashboard_for(request))


@require_GET
def figures_export(request):
    """The dashboard's figures for a period, as XLSX (recorded in the audit trail)."""
    user = request.user
    if not perms.can_export_figures(user):
        raise PermissionDenied("Export réservé à la coordination et aux observateurs.")
    form = FiguresFilterForm(request.GET or None, user=user)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(FIGURES_INVALID_MESSAGE, content_type="text/plain; charset=utf-8")
    metrics = metrics_for(request.territory, form.period(), form.chosen_cohort())
    data = figures_workbook(metrics)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        detail=f"indicateurs {metrics.period.start:%Y-%m-%d} → {metrics.period.end:%Y-%m-%d}",
    )
    filename = f"indicateurs-{metrics.period.start:%Y%m%d}-{metrics.period.end:%Y%m%d}.xlsx"
    return tabular.attachment(data, fmt="xlsx", filename=filename)
