"""The access log of one account, for the coordinator: what she opened, changed, exported or downloaded, and her
authentication events (logins, logouts, failed logins and lockouts of her account)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cite_emploi.sorting import LOG_COLUMNS_SORTS, sort_rows

from .. import perms
from ..models import AuditEntry, User
from ..selectors import users_for


def entries_for_account(viewer, account):
    """Entries written by the account, or about it (failed logins, lockouts, role changes), in the viewer's scope."""
    about = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(account.pk))
    return (
        AuditEntry.objects.for_user(viewer)
        .filter(Q(actor=account) | about)
        .select_related("actor", "organisation", "content_type")
        .prefetch_related("target")
        .order_by("-created_at", "-id")
    )


@require_GET
def user_access_log(request, pk):
    account = get_object_or_404(users_for(request.user), pk=pk)
    if not perms.can_view_audit_log(request.user):
        raise PermissionDenied("Seule la coordination consulte le journal des accès.")
    columns = [("Date", "date"), ("Action", None), ("Objet", None), ("Organisation", None), ("Précision", None)]
    entries, sorting = sort_rows(
        request, entries_for_account(request.user, account), columns, LOG_COLUMNS_SORTS, default="-date"
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/user_access_log.html",
        {**sorting, "person": account, "page": page},
    )
