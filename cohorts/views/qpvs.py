"""The territory's QPVs, and the national file loaded from the interface by a technical administrator."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cite_emploi.sorting import by_text, sort_rows
from partners.enums import Role
from partners.middleware import national_page
from partners.models import Territory, User

from .. import perms
from ..forms import NationalQPVImportForm, QPVImportForm
from ..models import QPV
from ..qpv_import import qpvs_import_file, qpvs_import_national_file
from .helpers import require

QPV_COLUMNS = [("Code", "code"), ("Quartier", "quartier"), ("Commune", "commune")]
QPV_SORTS = {
    "code": lambda qpv: qpv.code,
    "quartier": by_text(lambda qpv: qpv.name),
    "commune": by_text(lambda qpv: f"{qpv.commune} {qpv.name}"),
}


@require_GET
def qpv_list(request):
    require(perms.can_view_qpvs(request.user), "Seules la coordination et l'administration voient cette liste.")
    qpvs, sorting = sort_rows(
        request, list(QPV.objects.for_user(request.user).order_by("commune", "name")), QPV_COLUMNS, QPV_SORTS
    )
    admins = User.objects.filter(
        organisation__territory_id=request.user.territory_id, role=Role.ADMIN, is_active=True
    ).order_by("last_name", "first_name")
    return render(
        request,
        "cohorts/qpv_list.html",
        {**sorting, "qpvs": qpvs, "can_import": perms.can_import_qpvs(request.user), "admins": admins},
    )


@require_http_methods(["GET", "POST"])
def qpv_import(request):
    """All or nothing: every bad line is listed with its number, and then nothing is written."""
    require(perms.can_import_qpvs(request.user), "Seul un administrateur technique charge la liste des QPV.")
    form = QPVImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        dry_run = form.cleaned_data["dry_run"]
        try:
            report = qpvs_import_file(
                actor=request.user,
                content=form.cleaned_data["file"].read(),
                communes=form.commune_list() or None,
                dry_run=dry_run,
            )
        except ValueError as exc:
            form.add_error("file", str(exc))
            return render(request, "cohorts/qpv_import.html", context)
        if not dry_run and not report.errors:
            messages.success(
                request,
                f"Liste des QPV chargée : {len(report.created)} créé(s), {len(report.updated)} mis à jour, "
                f"{report.unchanged} inchangé(s), {report.skipped_other_area} ligne(s) hors territoire ignorée(s).",
            )
            return redirect("cohorts:qpv_list")
        context.update(report=report, dry_run=dry_run, filename=form.cleaned_data["file"].name)
    return render(request, "cohorts/qpv_import.html", context)


@national_page
@require_http_methods(["GET", "POST"])
def qpv_national_import(request):
    """The national administrator loads the official file: every territory at once, or one territory with its
    communes. All or nothing, with the same line-by-line errors as the territory's own upload."""
    require(perms.can_import_national_qpvs(request.user), "Seule l'administration nationale charge ce fichier.")
    form = NationalQPVImportForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form, "national": True}
    if request.method == "POST" and form.is_valid():
        dry_run = form.cleaned_data["dry_run"]
        territory = form.cleaned_data["territory"]
        content = form.cleaned_data["file"].read()
        try:
            if territory is not None:
                report = qpvs_import_file(
                    actor=request.user,
                    content=content,
                    communes=form.commune_list() or None,
                    dry_run=dry_run,
                    territory=territory,
                )
                created, updated = len(report.created), len(report.updated)
            else:
                report = qpvs_import_national_file(
                    actor=request.user,
                    content=content,
                    territories=Territory.objects.for_user(request.user).order_by("name"),
                    dry_run=dry_run,
                )
                created, updated = report.created, report.updated
        except ValueError as exc:
            form.add_error("file", str(exc))
            return render(request, "cohorts/qpv_national_import.html", context)
        if not dry_run and not report.errors:
            messages.success(request, f"Liste nationale des QPV chargée : {created} créé(s), {updated} mis à jour.")
            return redirect("partners:territory_list")
        context.update(
            report=report,
            dry_run=dry_run,
            created=created,
            updated=updated,
            territory=territory,
            filename=form.cleaned_data["file"].name,
        )
    return render(request, "cohorts/qpv_national_import.html", context)
