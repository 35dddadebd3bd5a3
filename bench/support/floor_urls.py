"""The project's URLs, plus the floor of the list rows of bench/national.py: "a bare select_related view" (issue 13).

`/banc/plancher/` is a plain Django view, behind the same middleware as every page (session, authentication,
security headers), doing only the list's query: the page of people with cohort, QPV and referent organisation joined,
the count, and the rows as JSON. Loaded by the benchmark only (`ROOT_URLCONF` is set there), never by the site.
"""

import datetime

from django.http import JsonResponse
from django.urls import include, path
from django.utils import timezone

from cohorts.models import JobSeeker
from cohorts.querysets import status_filter


def list_rows(territory_id: int, today: datetime.date, page_size: int) -> dict:
    qs = (
        JobSeeker.objects.filter(territory_id=territory_id)
        .filter(status_filter("in_follow_up", today))
        .select_related("cohort", "qpv", "referent_organisation")
        .order_by("last_name", "first_name", "id")
    )
    count = qs.count()
    rows = [
        {
            "id": p.pk,
            "last_name": p.last_name,
            "first_name": p.first_name,
            "cohort": p.cohort.label,
            "qpv": p.qpv.name if p.qpv else None,
            "referent_organisation": p.referent_organisation.name,
            "entry_date": p.entry_date.isoformat(),
        }
        for p in qs[:page_size]
    ]
    return {"count": count, "results": rows}


def floor_view(request):
    page_size = int(request.GET.get("page_size", 20))
    return JsonResponse(list_rows(request.user.organisation.territory_id, timezone.localdate(), page_size))


urlpatterns = [path("banc/plancher/", floor_view), path("", include("cite_emploi.urls"))]

handler404 = "cite_emploi.errors.page_not_found"
handler500 = "cite_emploi.errors.server_error"
