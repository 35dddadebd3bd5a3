"""`{% sortable_headers %}`: the `<th>` of a sortable table (cite_emploi.sorting), written in Python.

The template it replaces (templates/includes/sortable_headers.html, kept in tests/test_list_sorting.py as the
reference the output must equal) cost about 0.1 ms per column: a third of a list's template on a page of nine columns
(issue 13). It reads `sortable` (from `cite_emploi.sorting.sortable_headers`) and `sort_query` from the context;
`sort_anchor="id"` brings the reader back to a table lower on the page.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

ARROWS = {"ascending": ' <span aria-hidden="true">▲</span>', "descending": ' <span aria-hidden="true">▼</span>'}


@register.simple_tag(takes_context=True)
def sortable_headers(context, sort_anchor=None):
    if sort_anchor is None:
        sort_anchor = context.get("sort_anchor") or ""
    sort_query = conditional_escape(context.get("sort_query") or "")
    prefix = f"?{sort_query}&amp;" if sort_query else "?"
    anchor = f"#{conditional_escape(sort_anchor)}" if sort_anchor else ""
    cells = []
    for column in context.get("sortable") or ():
        css = f' class="{conditional_escape(column["class"])}"' if column.get("class") else ""
        direction = column.get("direction") or ""
        aria = f' aria-sort="{conditional_escape(direction)}"' if direction else ""
        label = conditional_escape(column["label"])
        if column.get("key"):
            content = (
                f'<a href="{prefix}tri={conditional_escape(column["next"])}{anchor}">{label}{ARROWS.get(direction, "")}'
                '<span class="visually-hidden"> (trier)</span></a>'
            )
        else:
            content = label
        cells.append(f'<th scope="col"{css}{aria}>{content}</th>')
    return mark_safe("".join(cells))  # every value above is escaped
