"""Pieces of the list pages written in Python, each the very HTML of the template it replaces (issue 13).

`{% sortable_headers %}`: the `<th>` of a sortable table (cite_emploi.sorting).

The template it replaces (templates/includes/sortable_headers.html, kept in tests/test_list_sorting.py as the
reference the output must equal) cost about 0.1 ms per column: a third of a list's template on a page of nine columns
(issue 13). It reads `sortable` (from `cite_emploi.sorting.sortable_headers`) and `sort_query` from the context;
`sort_anchor="id"` brings the reader back to a table lower on the page.

`{% filter_fields form "col-sm-6 col-lg-3" %}`: a list's filter form, each field in its column with its label and
errors (the loop it replaces is kept in tests/test_list_sorting.py too).
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


FIELD = (
    '\n    <div class="{column}">\n      <label class="form-label" for="{id}">{label}</label>\n      {widget}\n      '
    "{errors}\n    </div>\n    "
)


@register.simple_tag
def filter_fields(form, column_class):
    column = conditional_escape(column_class)
    return mark_safe(  # every value is escaped, the widgets are Django's (or cite_emploi.forms.FastSelect's) HTML
        "".join(
            FIELD.format(
                column=column,
                id=conditional_escape(field.id_for_label),
                label=conditional_escape(field.label),
                widget=str(field),
                errors="".join(
                    f'<div class="text-danger small">{conditional_escape(error)}</div>' for error in field.errors
                ),
            )
            for field in form
        )
    )
