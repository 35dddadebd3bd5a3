"""Data protection pages of the coordinator: files due for anonymisation, the person's rights (complete file as
JSON and PDF, access log, erasure on request). Rectification is the file's own edit form (audited)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cite_emploi.forms import add_service_errors
from cite_emploi.pdf import render_pdf
from cite_emploi.sorting import LOG_COLUMNS_SORTS, by_text, sort_rows
from partners.enums import AuditAction
from partners.services import audit_record

from .. import file_log, perms, retention, rights
from ..forms import ErasureForm
from .helpers import get_job_seeker, require

RIGHTS_ONLY = "Seule la coordination répond aux demandes d'accès, de rectification et d'effacement."


def _rights_job_seeker(request, pk):
    job_seeker = get_job_seeker(request, pk)
    require(perms.can_exercise_rights(request.user, job_seeker), RIGHTS_ONLY)
    return job_seeker


@require_GET
def retention_due(request):
    require(perms.can_view_retention(request.user), "Seule la coordination suit la conservation des données.")
    today = timezone.localdate()
    related = ("cohort", "referent_organisation")
    overdue, sorting = sort_rows(
        request,
        list(retention.due_for_anonymisation(request.user.territory_id, today).select_related(*related)),
        RETENTION_COLUMNS,
        RETENTION_SORTS,
    )
    due_soon, _ = sort_rows(
        request,
        list(retention.due_soon(request.user.territory_id, today).select_related(*related)),
        RETENTION_COLUMNS,
        RETENTION_SORTS,
    )
    return render(
        request,
        "cohorts/retention_due.html",
        {**sorting, "overdue": overdue, "due_soon": due_soon, "today": today},
    )


RETENTION_COLUMNS = [
    ("Personne", "nom"),
    ("Cohorte", "cohorte"),
    ("Organisation référente", "organisation"),
    ("Dernier contact", "contact"),
    ("Anonymisation le", "anonymisation"),
]
RETENTION_SORTS = {
    "nom": by_text(lambda person: f"{person.last_name} {person.first_name}"),
    "cohorte": by_text(lambda person: person.cohort.label),
    "organisation": by_text(lambda person: person.referent_organisation),
    "contact": lambda person: person.last_contact,
    "anonymisation": lambda person: person.anonymise_on,
}


@require_GET
def job_seeker_rights(request, pk):
    job_seeker = _rights_job_seeker(request, pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=job_seeker, detail="page des droits")
    columns = [("Date", "date")] + [
        (label, None) for label in ("Action", "Objet", "Personne", "Organisation", "Précision")
    ]
    entries, sorting = sort_rows(
        request, file_log.access_log_for(job_seeker), columns, LOG_COLUMNS_SORTS, default="-date"
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    page.object_list = file_log.with_links(page.object_list)
    return render(
        request,
        "cohorts/rights.html",
        {
            **sorting,
            "job_seeker": job_seeker,
            "page": page,
            "can_edit": perms.can_edit_job_seeker(request.user, job_seeker),
        },
    )


@require_GET
def job_seeker_rights_export(request, pk, extension):
    if extension not in {"json", "pdf"}:
        raise Http404("Format inconnu.")
    job_seeker = _rights_job_seeker(request, pk)
    # recorded before the data is read, so the file shows this download in its own access log
    audit_record(
        actor=request.user, action=AuditAction.DOWNLOAD, obj=job_seeker, detail=f"dossier complet ({extension})"
    )
    data = rights.personal_file(job_seeker)
    if extension == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    else:
        response = HttpResponse(render_pdf("cohorts/personal_file_pdf.html", {"file": data}), "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{rights.filename(job_seeker, extension)}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def job_seeker_erase(request, pk):
    job_seeker = _rights_job_seeker(request, pk)
    if job_seeker.anonymised_on:
        messages.info(request, "Cette fiche est déjà anonymisée.")
        return redirect("cohorts:job_seeker_rights", pk=job_seeker.pk)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            retention.job_seeker_anonymise(
                job_seeker=job_seeker, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "La fiche est anonymisée : l'effacement est enregistré dans le journal.")
            return redirect(job_seeker)
    return render(request, "cohorts/erase_form.html", {"form": form, "job_seeker": job_seeker})
