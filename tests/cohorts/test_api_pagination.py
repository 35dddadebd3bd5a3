"""The API's pages: count and rows in one query (cite_emploi.api.Pagination), DRF's answers everywhere (issue 13)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.pagination import PageNumberPagination

from cite_emploi.api import Pagination

from .factories import JobSeekerFactory


@pytest.fixture
def seven_people(person):
    return [person] + [
        JobSeekerFactory(
            territory=person.territory,
            cohort=person.cohort,
            qpv=person.qpv,
            referent_organisation=person.referent_organisation,
        )
        for _ in range(6)
    ]


QUERIES = [
    {"page_size": "3"},
    {"page_size": "3", "page": "2"},
    {"page_size": "3", "page": "3"},
    {"page_size": "3", "page": "4"},  # past the end: 404
    {"page_size": "3", "page": "last"},
    {"page_size": "3", "page": "abc"},
    {"page_size": "3", "page": "0"},
    {"page_size": "3", "page": "-1"},
    {"page_size": "3", "page": "1152921504606846975"},  # past a bigint once multiplied (found by schemathesis)
    {"page_size": "500"},  # capped at max_page_size
    {"page_size": "3", "status": "left_early"},  # nobody: count 0, page 1 still answers
    {"page_size": "3", "status": "left_early", "page": "2"},
    {"page_size": "3", "ordering": "-entry_date", "page": "2"},
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()))
def test_every_page_answers_what_drf_s_paginator_answers(api_as, coordinator, seven_people, query, monkeypatch):
    client = api_as(coordinator)
    ours = client.get("/api/v1/job-seekers/", query)
    monkeypatch.setattr(Pagination, "paginate_queryset", PageNumberPagination.paginate_queryset)
    drf = client.get("/api/v1/job-seekers/", query)
    assert (ours.status_code, ours.json()) == (drf.status_code, drf.json())


def test_the_count_comes_with_the_rows(api_as, coordinator, seven_people):
    client = api_as(coordinator)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/api/v1/job-seekers/", {"page_size": 3, "page": 2}).json()
    assert body["count"] == 7 and len(body["results"]) == 3 and body["next"] and body["previous"]
    selects = [q["sql"] for q in ctx.captured_queries if 'FROM "cohorts_jobseeker"' in q["sql"]]
    assert len(selects) == 1, selects
    assert "OVER ()" in selects[0]


def test_a_distinct_query_is_counted_by_drf_s_own_path(db, rf):
    """COUNT(*) OVER () counts before DISTINCT: a distinct queryset goes through DRF's count."""
    from rest_framework.request import Request

    from partners.models import Territory

    calls = []
    original = PageNumberPagination.paginate_queryset

    def spy(self, queryset, request, view=None):
        calls.append(queryset.query.distinct)
        return original(self, queryset, request, view)

    PageNumberPagination.paginate_queryset = spy
    try:
        Pagination().paginate_queryset(Territory.objects.distinct(), Request(rf.get("/")))
        Pagination().paginate_queryset(Territory.objects.all(), Request(rf.get("/")))
    finally:
        PageNumberPagination.paginate_queryset = original
    assert calls == [True]


@pytest.mark.parametrize("number", [None, "", "abc", "0", "-1", "1", "2", "3", "99", "1152921504606846975"])
def test_the_pages_answer_what_django_s_get_page_answers(db, seven_people, number):
    from django.core.paginator import Paginator

    from cite_emploi.pagination import get_page
    from cohorts.models import JobSeeker

    people = JobSeeker.objects.order_by("pk")
    ours, django = get_page(people, number, 3), Paginator(people, 3).get_page(number)
    assert (ours.number, ours.paginator.count, [p.pk for p in ours]) == (
        django.number,
        django.paginator.count,
        [p.pk for p in django],
    )


def test_the_cohort_list_far_past_its_end_shows_its_last_page(client, coordinator, seven_people):
    client.force_login(coordinator)
    response = client.get("/cohorte/", {"page": "1152921504606846975", "page_size": 25})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 7


def test_the_browsable_api_shows_its_page_links(client, coordinator, seven_people):
    client.force_login(coordinator)
    response = client.get("/api/v1/job-seekers/", {"page_size": 3, "page": 2}, HTTP_ACCEPT="text/html")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="pagination' in html  # DRF's page links (display_page_controls), as with its own paginator
