"""A page of a list and the list's count in one query (`COUNT(*) OVER ()`), for the pages and the API (issue 13).

Django's paginator asks the database twice: `SELECT COUNT(*)`, then the page's rows. A window count computed with the
rows gives both at once; PostgreSQL still computes the page's subqueries for its rows only. The one case where the
rows cannot tell the count — a page past the end, which has no row — falls back to the paginator.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

TOTAL = "_page_total"
MAX_OFFSET = 2**63 - 1  # OFFSET and LIMIT are bigints: a page number beyond them goes to the paginator (its 404)


def page_with_count(queryset, number: int, per_page: int) -> Page | None:
    """Page `number` (from 1) of `queryset` with the whole list's count, in one query; None when this cannot say it:
    a page past the end (or past what SQL can count), a number below 1, or a queryset that is not plain (DISTINCT,
    which the window count would ignore; a union; a slice) — the caller then asks Django's paginator."""
    if not isinstance(queryset, QuerySet) or number < 1:
        return None
    query = queryset.query
    if query.distinct or query.combinator or query.is_sliced:
        return None
    start = (number - 1) * per_page
    if start + per_page > MAX_OFFSET:
        return None
    rows = list(queryset.annotate(**{TOTAL: Window(Count("*"))})[start : start + per_page])
    if not rows and number > 1:
        return None
    paginator = Paginator(queryset, per_page)
    if rows:
        first = rows[0]
        paginator.count = first[TOTAL] if isinstance(first, dict) else getattr(first, TOTAL)  # a cached property
    else:
        paginator.count = 0
    return Page(rows, number, paginator)


def get_page(queryset, number, per_page: int) -> Page:
    """What `Paginator(queryset, per_page).get_page(number)` answers — the first page for a number that is not one,
    the last for one past the end — with the count in the page's query."""
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    return page_with_count(queryset, wanted, per_page) or Paginator(queryset, per_page).get_page(number)
