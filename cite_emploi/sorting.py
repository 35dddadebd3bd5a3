"""Sortable list columns, shared by the lists of every app: `?tri=key` ascending, `?tri=-key` descending."""


def sortable_headers(columns: list[tuple[str, str | None]], sort: str) -> list[dict]:
    """Each column (label, key or None): the sort a click gives (ascending, or descending when already
    ascending) and the current direction, for aria-sort. Rendered by templates/includes/sortable_headers.html."""
    headers = []
    for label, key in columns:
        direction = ""
        if key and sort.lstrip("-") == key:
            direction = "descending" if sort.startswith("-") else "ascending"
        headers.append(
            {"label": label, "key": key, "next": f"-{key}" if direction == "ascending" else key, "direction": direction}
        )
    return headers


def query_without(get, *names) -> str:
    query = get.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
