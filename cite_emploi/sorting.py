"""Sortable list columns, shared by the lists of every app: `?tri=key` ascending, `?tri=-key` descending.

A list view declares its columns — (label, key or None) — and, for each key, how to sort: a tuple of ORM fields
(the rows are a queryset, already scoped by `for_user`) or a function of a row (the rows are a list). Names sort
without regard to accents or case (`by_text`: « Émile » between « Dupont » and « Faure »). An unknown key is
ignored: the list keeps its usual order, never an error. `sort_rows` returns the rows and the template context
read by templates/includes/sortable_headers.html (`<th aria-sort>`, links keeping the other parameters).
"""

import re
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from .text import normalise

SORT_PARAM = "tri"


def sortable_headers(columns: list[tuple], sort: str) -> list[dict]:
    """Each column (label, key or None[, CSS class of the header, e.g. "text-end" for amounts]): the sort a click
    gives (ascending, or descending when already ascending) and the current direction, for aria-sort. Rendered by
    templates/includes/sortable_headers.html."""
    headers = []
    for label, key, *css in columns:
        direction = ""
        if key and sort.lstrip("-") == key:
            direction = "descending" if sort.startswith("-") else "ascending"
        headers.append(
            {
                "label": label,
                "key": key,
                "next": f"-{key}" if direction == "ascending" else key,
                "direction": direction,
                "class": css[0] if css else "",
            }
        )
    return headers


def query_without(get, *names) -> str:
    query = get.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def text_key(text: str) -> tuple:
    """The sort key of a name or a title: accents, case, hyphens and apostrophes ignored (cite_emploi.text), and
    numbers read as numbers (« n° 2 » before « n° 10 »). Text and numbers alternate, so keys always compare."""
    parts = re.split(r"(\d+)", normalise(text))
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


def by_text(getter: Callable[[Any], Any]) -> Callable[[Any], tuple]:
    """A sort key on a name or a title of a row (`text_key`)."""
    return lambda row: text_key(str(getter(row) or ""))


def _none_last(key: Callable[[Any], Any]) -> Callable[[Any], tuple]:
    def wrapped(row):
        value = key(row)
        return (value is None, value if value is not None else 0)

    return wrapped


def sort_rows(request, rows, columns: list[tuple], sorts: dict, *, default: str = ""):
    """(rows sorted by `?tri=`, context). A queryset sorts in the database (`sorts[key]` a tuple of fields, the
    primary key last for a stable order across pages); a list sorts in Python (`sorts[key]` a function, stable:
    rows keep their usual order among equals). `sort_query` keeps every other parameter but the page (a new sort
    starts at page 1); `page_query` keeps everything but the page, for the pagination links."""
    sort = request.GET.get(SORT_PARAM, default) or default
    key = sort.lstrip("-")
    if key not in sorts:
        sort, key = default, default.lstrip("-")
    descending = sort.startswith("-")
    if key:
        how = sorts[key]
        if isinstance(rows, QuerySet):
            fields = [f"-{field}" if descending else field for field in how]
            rows = rows.order_by(*fields, "-pk" if descending else "pk")
        else:
            rows = sorted(rows, key=_none_last(how), reverse=descending)
    context = {
        "sort": sort if sort != default else "",
        "sort_query": query_without(request.GET, SORT_PARAM, "page"),
        "page_query": query_without(request.GET, "page"),
        "sortable": sortable_headers(columns, sort),
    }
    return rows, context


# Logs (access logs of an account, of a person's file): newest first, or oldest first from the Date header.
LOG_COLUMNS_SORTS = {"date": ("created_at",)}
