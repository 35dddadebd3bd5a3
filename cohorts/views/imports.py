"""Import of job seekers (preview, then all or nothing) and the cohorts' own page."""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cite_emploi import tabular
from cite_emploi.forms import add_service_errors
from cite_emploi.sorting import by_text, sort_rows

from .. import perms, selectors, services
from ..forms import CohortForm, ImportForm
from ..imports import (
    TEMPLATE_HEADERS,
    ImportFileError,
    build_preview,
    job_seekers_import,
    read_rows,
    template_csv,
    template_xlsx,
)
from .helpers import require

SESSION_KEY = "cohorts_import"
COHORT_SESSION_KEY = "cohorts_import_cohort"  # the cohort chosen last, kept between checks and imports


def _stored_path(token: str, extension: str) -> str:
    return f"imports/{token}.{extension}"


@require_http_methods(["GET", "POST"])
def job_seeker_import(request):
    """Step 1: upload and preview (every bad row with its line). Step 2: confirm, all or nothing."""
    require(perms.can_import(request.user), "Seule la coordination importe des personnes.")
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm(request)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"cohort": request.session.get(COHORT_SESSION_KEY)},
    )
    context = {"form": form, "template_headers": TEMPLATE_HEADERS}
    if request.method == "POST" and form.is_valid():
        request.session[COHORT_SESSION_KEY] = form.cleaned_data["cohort"].pk
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            rows = read_rows(upload.name, content)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
            return render(request, "cohorts/import.html", context)
        preview = build_preview(actor=request.user, cohort=form.cleaned_data["cohort"], rows=rows)
        context.update(preview=preview, cohort=form.cleaned_data["cohort"], filename=upload.name)
        if preview.is_valid and preview.to_create:
            token = secrets.token_urlsafe(16)
            extension = upload.name.rsplit(".", 1)[-1].lower()
            default_storage.save(_stored_path(token, extension), ContentFile(content))
            request.session[SESSION_KEY] = {
                "token": token,
                "extension": extension,
                "cohort": form.cleaned_data["cohort"].pk,
                "name": upload.name,
            }
            context["token"] = token
    return render(request, "cohorts/import.html", context)


def _confirm(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["token"] != request.POST.get("confirm"):
        messages.error(request, "Cet import a expiré : déposez de nouveau le fichier.")
        return redirect("cohorts:job_seeker_import")
    path = _stored_path(pending["token"], pending["extension"])
    cohort = get_object_or_404(selectors.cohorts_for(request.user), pk=pending["cohort"])
    with default_storage.open(path, "rb") as stored:
        content = stored.read()
    try:
        result = job_seekers_import(actor=request.user, cohort=cohort, rows=read_rows(pending["name"], content))
    except (ValidationError, ImportFileError) as exc:
        messages.error(
            request, "Rien n'a été importé : le fichier a changé ou une personne a été inscrite entre-temps."
        )
        form = ImportForm(user=request.user, initial={"cohort": pending["cohort"]})
        errors = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        return render(
            request,
            "cohorts/import.html",
            {"form": form, "import_errors": errors, "template_headers": TEMPLATE_HEADERS},
        )
    finally:
        default_storage.delete(path)
        request.session.pop(SESSION_KEY, None)
    created, kept = len(result.to_create), len(result.already_enrolled)
    messages.success(
        request,
        f"Import terminé : {created} personne{'s' if created > 1 else ''} inscrite{'s' if created > 1 else ''} "
        f"dans {cohort.label}"
        + (
            f" ; {kept} déjà inscrite{'s' if kept > 1 else ''}, laissée{'s' if kept > 1 else ''} telle{'s' if kept > 1 else ''} quelle{'s' if kept > 1 else ''}"
            if kept
            else ""
        )
        + ".",
    )
    return redirect(f"{reverse('cohorts:job_seeker_list')}?cohort={cohort.pk}")


@require_GET
def import_template(request, extension="csv"):
    """The import template: the columns, an example line, and (XLSX) a sheet of allowed values."""
    require(perms.can_import(request.user), "Seule la coordination importe des personnes.")
    if extension == "xlsx":
        content = template_xlsx(request.user)
    else:
        extension, content = "csv", template_csv(request.user)
    return tabular.attachment(content, fmt=extension, filename=f"modele-import-cohorte.{extension}")


@require_GET
def cohort_list(request):
    require(perms.can_view_personal_data(request.user), "Votre rôle ne donne pas accès aux données personnelles.")
    can_manage = perms.can_manage_cohorts(request.user)
    columns = [("Cohorte", "nom"), ("Année", "annee"), ("Début", "debut"), ("Inscrites / visées", "inscrites")]
    if can_manage:
        columns.append(("Opérations", None))
    cohorts, sorting = sort_rows(request, list(selectors.cohorts_for(request.user)), columns, COHORT_SORTS)
    return render(
        request,
        "cohorts/cohort_list.html",
        {**sorting, "cohorts": cohorts, "can_manage": can_manage},
    )


COHORT_SORTS = {
    "nom": by_text(lambda cohort: cohort.label),
    "annee": lambda cohort: cohort.year,
    "debut": lambda cohort: cohort.start_date,
    "inscrites": lambda cohort: cohort.member_count,
}


@require_http_methods(["GET", "POST"])
def cohort_form(request, pk=None):
    require(perms.can_manage_cohorts(request.user), "Seule la coordination gère les cohortes.")
    cohort = get_object_or_404(selectors.cohorts_for(request.user), pk=pk) if pk else None
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            if cohort is None:
                services.cohort_create(actor=request.user, **data)
            else:
                services.cohort_update(actor=request.user, cohort=cohort, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Cohorte enregistrée.")
            return redirect("cohorts:cohort_list")
    title = "Nouvelle cohorte" if cohort is None else f"Modifier {cohort.label}"
    return render(request, "cohorts/cohort_form.html", {"form": form, "title": title})
