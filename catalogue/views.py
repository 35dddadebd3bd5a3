"""Pages of the catalogue: search, one sheet, publish, withdraw, copy in one click, export and import (JSON)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.models import Action
from cite_emploi.forms import add_service_errors
from partners.enums import AuditAction
from partners.middleware import national_page
from partners.services import audit_record

from . import perms, schema, selectors, services
from .enums import OutcomeClass, TargetPublic
from .forms import CatalogueFilterForm, ImportForm, PublishForm
from .models import PublishedSheet, SheetCopy
from .sheet import editorial_of, exchange_file

PAGE_SIZE = 20


def _filters(form: CatalogueFilterForm) -> dict:
    data = form.cleaned_data
    return {
        "barrier_category": data.get("barrier_category") or None,
        "public": data.get("public") or None,
        "result_class": data.get("result_class") or None,
        "cost_min": data.get("cost_min"),
        "cost_max": data.get("cost_max"),
        "search": data.get("q") or None,
        "mine": data.get("mine") == "1",
    }


def _sheet_or_404(request, pk) -> PublishedSheet:
    if not perms.can_read_catalogue(request.user):
        raise PermissionDenied
    sheet = selectors.sheet_for(request.user, pk)
    if sheet is None:
        raise Http404
    return sheet


def _json_download(document: dict, filename: str) -> JsonResponse:
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@national_page
@require_GET
def catalogue_list(request):
    if not perms.can_read_catalogue(request.user):
        raise PermissionDenied
    form = CatalogueFilterForm(request.GET or None)
    invalid = form.is_bound and not form.is_valid()
    sheets = [] if invalid else selectors.catalogue_for(request.user, **(_filters(form) if form.is_bound else {}))
    page = Paginator(sheets, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "catalogue/catalogue_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "invalid_filters": CatalogueFilterForm.INVALID_MESSAGE if invalid else "",
            "can_import": perms.can_import(request.user),
            "public_labels": dict(TargetPublic.choices),
        },
    )


@national_page
@require_GET
def catalogue_export(request):
    """The sheets listed with these filters, in one exchange file (schema v1, checked before it leaves)."""
    if not perms.can_read_catalogue(request.user):
        raise PermissionDenied
    form = CatalogueFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.error(request, CatalogueFilterForm.INVALID_MESSAGE)
        return redirect("catalogue:list")
    # only published sheets leave: a withdrawn sheet of one's own territory is never exported
    listed = selectors.catalogue_for(request.user, **(_filters(form) if form.is_bound else {}))
    sheets = list(listed.filter(is_published=True)[:500])
    if not sheets:
        messages.warning(request, "Aucune fiche ne correspond : rien à exporter.")
        return redirect("catalogue:list")
    document = schema.check(exchange_file([sheet.data for sheet in sheets]))
    audit_record(actor=request.user, action=AuditAction.EXPORT, detail=f"catalogue : {len(sheets)} fiche(s) (json)")
    return _json_download(document, "fiches-action.json")


@national_page
@require_GET
def sheet_detail(request, pk):
    sheet = _sheet_or_404(request, pk)
    user = request.user
    own_local = sheet.origin == "local" and sheet.territory_id == user.territory_id
    context = {
        "sheet": sheet,
        "data": sheet.data,
        "public_labels": [dict(TargetPublic.choices).get(c, c) for c in sheet.data["public"]["categories"]],
        "class_labels": dict(OutcomeClass.choices),
        "can_copy": perms.can_copy(user) and sheet.is_published and not own_local,
        "can_manage": perms.can_manage_sheet(user, sheet),
        "can_republish": sheet.action_id is not None and perms.can_publish(user, sheet.action),
        "can_see_copies": perms.can_see_copies(user, sheet),
        "copied_here": list(
            SheetCopy.objects.for_user(user)
            .filter(sheet=sheet, territory_id=user.territory_id)
            .select_related("action")
        ),
    }
    if context["can_see_copies"]:
        context["copies"] = list(selectors.copies_of(user, sheet))
        context["versions"] = list(selectors.versions_of(sheet))
    return render(request, "catalogue/sheet_detail.html", context)


@national_page
@require_GET
def sheet_export(request, pk):
    sheet = _sheet_or_404(request, pk)
    document = schema.check(exchange_file([sheet.data]))
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=sheet, detail="fiche du catalogue (json)")
    return _json_download(document, f"fiche-{sheet.uid}-v{sheet.current_version}.json")


@require_http_methods(["GET", "POST"])
def sheet_publish(request, action_pk):
    """Publish (or republish) the sheet of one of the territory's actions: its figures are frozen today."""
    action = get_object_or_404(Action.objects.for_user(request.user).select_related("lead_organisation"), pk=action_pk)
    if not perms.can_publish(request.user, action):
        raise PermissionDenied
    current = PublishedSheet.objects.for_user(request.user).filter(action=action).first()
    initial = {"contact_organisation": action.lead_organisation.name, "contact_email": request.user.email}
    if current is not None:
        initial = editorial_of(services.current_data(current))
    form = PublishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.sheet_publish(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"La fiche « {action.title} » est publiée dans le catalogue national (version {version.number}). "
                "Ses chiffres sont ceux d'aujourd'hui : ils ne changeront plus pour cette version.",
            )
            return redirect("catalogue:detail", pk=version.sheet_id)
    return render(request, "catalogue/publish_form.html", {"form": form, "action": action, "current": current})


@require_POST
def sheet_unpublish(request, pk):
    sheet = _sheet_or_404(request, pk)
    if not perms.can_manage_sheet(request.user, sheet):
        raise PermissionDenied
    try:
        services.sheet_unpublish(actor=request.user, sheet=sheet)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "La fiche est retirée du catalogue : les autres Cités ne la voient plus.")
    return redirect("catalogue:detail", pk=pk)


@require_POST
def sheet_copy(request, pk):
    """One click: the sheet becomes a draft action of the caller's territory, then her action page opens."""
    if not perms.can_copy(request.user):
        raise PermissionDenied
    sheet = _sheet_or_404(request, pk)
    try:
        copy = services.sheet_copy(actor=request.user, sheet=sheet)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("catalogue:detail", pk=pk)
    messages.success(
        request,
        f"L'action « {copy.action.title} » est créée dans votre territoire, en préparation, sans participant. "
        "Complétez sa date de début, son porteur et ses partenaires ; le budget d'origine est rappelé à titre indicatif.",
    )
    return redirect("actions:detail", pk=copy.action_id)


@require_http_methods(["GET", "POST"])
def sheets_import(request):
    if not perms.can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        document, errors = schema.parse(form.cleaned_data["file"].read())
        if document is not None:
            try:
                imported = services.sheets_import(actor=request.user, document=document)
            except ValidationError as exc:
                errors = exc.message_dict.get("file", exc.messages) if hasattr(exc, "error_dict") else exc.messages
            else:
                messages.success(request, f"{len(imported)} fiche(s) importée(s) dans le catalogue.")
                return redirect("catalogue:list")
    return render(request, "catalogue/import_form.html", {"form": form, "errors": errors})


@national_page
@require_GET
def schema_download(request):
    """The JSON Schema itself, for the teams of another deployment."""
    return _json_download(schema.schema(), "action-sheet-v1.schema.json")
