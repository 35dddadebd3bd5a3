"""Meeting packs: list and request, status polled by htmx, retry, download (recorded)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from cite_emploi.forms import add_service_errors
from cite_emploi.sorting import by_text, sort_rows
from partners.middleware import national_page
from partners.selectors import meetings_for

from .. import perms, services
from ..forms import PackRequestForm
from ..selectors import downloads_of, packs_for


def _pack(request, pk):
    return get_object_or_404(packs_for(request.user), pk=pk)


PACK_COLUMNS = [
    ("Dossier", "numero"),
    ("Réunion", "reunion"),
    ("Période", "periode"),
    ("État", "etat"),
    ("Fichier", None),
]
PACK_SORTS = {
    "numero": lambda pack: pack.pk,
    "reunion": lambda pack: pack.meeting.date if pack.meeting_id else None,
    "periode": lambda pack: (pack.period_start, pack.period_end),
    "etat": by_text(lambda pack: pack.get_status_display()),
    "territoire": by_text(lambda pack: pack.territory.name),
}


def _list_context(request, form) -> dict:
    """The territory's packs (every territory's for a national viewer) by pages of 50, sorted by `?tri=` (newest
    first by default)."""
    national = perms.can_read_national_figures(request.user)
    columns = [*PACK_COLUMNS[:1], ("Territoire", "territoire"), *PACK_COLUMNS[1:]] if national else PACK_COLUMNS
    packs = packs_for(request.user).select_related("territory") if national else packs_for(request.user)
    packs, sorting = sort_rows(request, list(packs), columns, PACK_SORTS)
    page = Paginator(packs, 50).get_page(request.GET.get("page"))
    return {
        **sorting,
        "packs": page,
        "page": page,
        "form": form,
        "can_request_pack": perms.can_request_pack(request.user),
        "national": national,
    }


@national_page
@require_GET
def pack_list(request):
    user = request.user
    if not perms.can_view_packs(user):
        raise PermissionDenied("Les dossiers de séance sont ceux d'un territoire ou de l'observatoire national.")
    initial = {}
    if perms.can_request_pack(user) and request.GET.get("meeting"):
        meeting = (
            meetings_for(user).filter(pk=request.GET["meeting"]).first() if request.GET["meeting"].isdigit() else None
        )
        if meeting is not None:
            initial["meeting"] = meeting
    form = PackRequestForm(user=user, initial=initial) if perms.can_request_pack(user) else None
    return render(request, "reporting/pack_list.html", _list_context(request, form))


@require_POST
def pack_request(request):
    user = request.user
    if not perms.can_request_pack(user):
        raise PermissionDenied("Seule la coordination demande un dossier de séance.")
    form = PackRequestForm(request.POST, user=user)
    if form.is_valid():
        try:
            pack = services.meeting_pack_request(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Dossier de séance demandé : il se fabrique, cette page suit son avancement.")
            return redirect(pack)
    return render(request, "reporting/pack_list.html", _list_context(request, form), status=400)


@national_page
@require_GET
def pack_detail(request, pk):
    pack = _pack(request, pk)
    context = {
        "pack": pack,
        "downloads": None,
        "can_request_pack": perms.can_request_pack(request.user),
        "national": perms.can_read_national_figures(request.user),
    }
    if perms.can_view_pack_downloads(request.user):
        rows, sorting = sort_rows(
            request, list(downloads_of(request.user, pack)), DOWNLOAD_COLUMNS, DOWNLOAD_SORTS, default="-date"
        )
        page = Paginator(rows, 50).get_page(request.GET.get("page"))
        context |= {**sorting, "downloads": page, "page": page}
    return render(request, "reporting/pack_detail.html", context)


DOWNLOAD_COLUMNS = [("Date", "date"), ("Personne", "personne"), ("Organisation", "organisation")]
DOWNLOAD_SORTS = {
    "date": lambda download: download.downloaded_at,
    "personne": by_text(
        lambda download: download.user.get_full_name() or download.user.username if download.user else ""
    ),
    "organisation": by_text(lambda download: download.organisation.name if download.organisation else ""),
}


@national_page
@require_GET
def pack_status(request, pk):
    """The htmx fragment polled while the pack is pending or running; it stops polling once finished."""
    pack = _pack(request, pk)
    return render(
        request,
        "reporting/includes/pack_status.html",
        {"pack": pack, "can_request_pack": perms.can_request_pack(request.user)},
    )


@require_POST
def pack_retry(request, pk):
    pack = _pack(request, pk)
    try:
        services.meeting_pack_retry(actor=request.user, pack=pack)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Dossier relancé.")
    return redirect(pack)


@national_page
@require_GET
def pack_download(request, pk):
    pack = _pack(request, pk)
    if not pack.file or pack.status != "done":
        raise Http404("Ce dossier n'est pas encore prêt.")
    services.meeting_pack_record_download(actor=request.user, pack=pack)
    return FileResponse(
        pack.file.open("rb"), as_attachment=True, filename=pack.filename(), content_type="application/pdf"
    )
