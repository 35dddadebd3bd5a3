"""The national layer's pages: benchmarks across Cités, and the quarterly national report (issue 16).

The national viewer sees every territory's anonymised figures by name; a coordinator sees her territory against the
distribution (median, quartiles) and only the names of the territories that chose to publish. No page here reads a
person: the figures come from `reporting.metrics.national` through statistical secrecy.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from cite_emploi.forms import add_service_errors
from partners.middleware import national_page
from partners.services import territory_publication_set

from .. import perms, services
from ..benchmarks import MIN_TERRITORIES, benchmarks
from ..forms import QuarterForm
from ..metrics.national import last_complete_quarter, quarter_label, quarter_period
from ..models import QuarterlyReport


def _quarter(request) -> tuple[QuarterForm, int, int]:
    year, quarter = last_complete_quarter(timezone.localdate())
    form = QuarterForm(request.GET or None, initial={"year": year, "quarter": quarter})
    if request.GET and form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    return form, year, quarter


@national_page
@require_GET
def benchmarks_page(request):
    user = request.user
    if not perms.can_view_benchmarks(user):
        raise PermissionDenied("Les comparaisons entre Cités sont pour la coordination et l'observatoire national.")
    form, year, quarter = _quarter(request)
    national = perms.can_read_national_figures(user)
    result = benchmarks(
        quarter_period(year, quarter),
        own_territory_id=None if national else user.territory_id,
        named="all" if national else "published",
    )
    return render(
        request,
        "reporting/benchmarks.html",
        {
            "form": form,
            "year": year,
            "quarter": quarter,
            "quarter_label": quarter_label(quarter),
            "benchmarks": result,
            "national": national,
            "min_territories": MIN_TERRITORIES,
            "territory": request.territory,
            "can_publish": perms.can_publish_benchmarks(user),
        },
    )


@national_page
@require_POST
def benchmarks_publication(request):
    if not perms.can_publish_benchmarks(request.user):
        raise PermissionDenied("Seule la coordination décide de publier les indicateurs du territoire.")
    publish = request.POST.get("publish") == "1"
    territory_publication_set(actor=request.user, publish=publish)
    messages.success(
        request,
        "Le nom du territoire apparaît désormais à côté de ses indicateurs pour les autres Cités."
        if publish
        else "Les autres Cités ne voient plus le territoire que fondu dans la distribution.",
    )
    return redirect("reporting:benchmarks")


def _require_national_viewer(user):
    if not perms.can_read_national_figures(user):
        raise PermissionDenied("Le rapport national est réservé à l'observatoire national (ANCT, DGEFP).")


@national_page
@require_GET
def quarterly_list(request):
    _require_national_viewer(request.user)
    year, quarter = last_complete_quarter(timezone.localdate())
    return render(
        request,
        "reporting/quarterly_list.html",
        {
            "reports": QuarterlyReport.objects.for_user(request.user)[:40],
            "form": QuarterForm(initial={"year": year, "quarter": quarter}),
        },
    )


@national_page
@require_POST
def quarterly_request(request):
    _require_national_viewer(request.user)
    form = QuarterForm(request.POST)
    if form.is_valid():
        try:
            report = services.quarterly_report_request(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Rapport demandé : il se fabrique, cette page suit son avancement.")
            return redirect(report)
    return render(
        request,
        "reporting/quarterly_list.html",
        {"reports": QuarterlyReport.objects.for_user(request.user)[:40], "form": form},
        status=400,
    )


@national_page
@require_GET
def quarterly_detail(request, pk):
    report = get_object_or_404(QuarterlyReport.objects.for_user(request.user), pk=pk)
    return render(request, "reporting/quarterly_detail.html", {"report": report})


@national_page
@require_GET
def quarterly_download(request, pk, fmt):
    report = get_object_or_404(QuarterlyReport.objects.for_user(request.user), pk=pk)
    if report.status != "done":
        raise Http404("Ce rapport n'est pas encore prêt.")
    services.quarterly_report_record_download(actor=request.user, report=report, fmt=fmt)
    file = report.pdf if fmt == "pdf" else report.xlsx
    content_type = (
        "application/pdf" if fmt == "pdf" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return FileResponse(file.open("rb"), as_attachment=True, filename=report.filename(fmt), content_type=content_type)
