"""The rows of the cohort list, written in Python (issue 13).

Django's template engine spent about 0.4 ms per row of `job_seeker_list.html` (twenty variable lookups, filters and
a URL per person): on a page of 25 people it was more than half of the page's time, the query included. These rows
are the same HTML, built directly; `tests/cohorts/test_list_rows.py` renders the former template next to them and
requires the two to be identical, for people with and without QPV, referent, situation or open barrier, and for
names that need escaping.
"""

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .templatetags.cohorts_tags import SITUATION_LABELS, STATUS_BADGES, STATUS_LABELS

ROW = (
    '\n    <tr>\n      <th scope="row"><a href="{url}">{last_name} {first_name}</a></th>\n'
    "      <td>{cohort}</td>\n"
    "      <td>{qpv}</td>\n"
    "      <td>{organisation}{referent}</td>\n"
    "      <td>{entry}</td>\n"
    "      <td>{end}</td>\n"
    '      <td><span class="badge {badge}">{status}</span></td>\n'
    "      <td>{situation}</td>\n"
    "      <td>{barriers}</td>\n"
    "    </tr>\n    "
)
DEROGATION = '<span class="badge text-bg-warning">Dérogation</span>'
REFERENT = '<br><span class="small text-body-secondary">{}</span>'


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def rows_html(people) -> SafeString:
    """The `<tr>` of each person of a page of `cohorts.selectors.job_seeker_rows_for` (dicts of values)."""
    detail = reverse("cohorts:job_seeker_detail", args=[0])[: -len("0/")]  # one reverse per page, not per row
    rows = []
    for person in people:
        status = person["current_status"]
        situation = person["current_situation"]
        referent = f"{person['referent__first_name']} {person['referent__last_name']}".strip()
        rows.append(
            ROW.format(
                url=f"{detail}{person['pk']}/",
                last_name=escape(person["last_name"].upper()),
                first_name=escape(person["first_name"]),
                cohort=escape(person["cohort__label"]),
                qpv=escape(person["qpv__name"]) if person["qpv_id"] is not None else DEROGATION,
                # Organisation.__str__ and User.get_full_name, from the values
                organisation=escape(
                    person["referent_organisation__short_name"] or person["referent_organisation__name"]
                ),
                referent=REFERENT.format(escape(referent)) if person["referent_id"] is not None else "",
                entry=_date(person["entry_date"]),
                end=_date(person["follow_up_end_date"]),
                badge=STATUS_BADGES.get(status, "text-bg-light"),
                status=escape(STATUS_LABELS.get(status, "")),
                situation=escape(SITUATION_LABELS.get(situation, "")) if situation else "—",
                barriers=person["open_barrier_count"] or 0,
            )
        )
    return mark_safe("".join(rows))  # every value above is escaped
