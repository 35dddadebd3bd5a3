"""The API's rows written through `BuiltFieldsOnce`'s read plan are DRF's rows, byte for byte (issue 13).

On the whole demo territory, for four roles, every list endpoint (200 rows a page) and the first object of each:
the JSON with the plan, then with DRF's own path (the plan switched off), must be identical.
"""

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from cite_emploi.api import BuiltFieldsOnce
from partners.models import User

LISTS = [
    "job-seekers",
    "barriers",
    "follow-ups",
    "situations",
    "cohorts",
    "qpvs",
    "team-memberships",
    "actions",
    "participations",
    "participation-outcomes",
    "envelopes",
    "commitments",
    "organisations",
    "meeting-packs",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from django.test import override_settings

    with django_db_blocker.unblock():
        with override_settings(DEBUG=True):  # the demo refuses to run elsewhere than on a development instance
            call_command("seed_demo", stdout=io.StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


def _read_everything(client) -> dict:
    answers = {}
    for name in LISTS:
        response = client.get(f"/api/v1/{name}/", {"page_size": 200})
        answers[name] = (response.status_code, response.content)
        if response.status_code == 200 and response.json()["results"]:
            first = response.json()["results"][0]["id"]
            detail = client.get(f"/api/v1/{name}/{first}/")
            answers[f"{name}/{first}"] = (detail.status_code, detail.content)
    me = client.get("/api/v1/users/me/")
    answers["me"] = (me.status_code, me.content)
    return answers


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["coordinatrice", "conseillere.ft", "conseiller.ml", "prefecture"])
def test_the_read_plan_writes_what_drf_writes(demo, username, monkeypatch):
    client = APIClient()
    client.force_authenticate(User.objects.get(username=username))
    fast = _read_everything(client)
    assert any(code == 200 and len(body) > 1000 for code, body in fast.values()), "the role reads something"
    from cohorts.api.serializers import FollowUpSerializer, JobSeekerSerializer

    if username != "prefecture":  # a viewer reads no person
        assert JobSeekerSerializer.__dict__.get("_fast_plan"), "the job-seeker rows went through the plan"
        assert FollowUpSerializer.__dict__.get("_fast_plan"), "the follow-up rows went through the plan"
    monkeypatch.setattr(BuiltFieldsOnce, "_read_plan", classmethod(lambda cls, serializer: None))
    drf = _read_everything(client)
    assert fast.keys() == drf.keys()
    for key in fast:
        assert fast[key] == drf[key], key


@pytest.mark.django_db
def test_the_plan_serves_the_busy_endpoints(demo):
    """The plan is not silently off: after a coordinator's reads, the serializers of the lists people page through
    every day all have one."""
    from actions.api.serializers import ActionSerializer, ParticipationSerializer
    from cohorts.api.serializers import (
        BarrierSerializer,
        CohortSerializer,
        FollowUpSerializer,
        JobSeekerSerializer,
        SituationSerializer,
    )
    from partners.api.serializers import OrganisationSerializer

    client = APIClient()
    client.force_authenticate(User.objects.get(username="coordinatrice"))
    _read_everything(client)
    for serializer in (
        JobSeekerSerializer,
        BarrierSerializer,
        FollowUpSerializer,
        SituationSerializer,
        CohortSerializer,
        OrganisationSerializer,
        ParticipationSerializer,
    ):
        assert serializer.__dict__.get("_fast_plan"), serializer.__name__
    # a nested list, a many-to-many and a list field: DRF's own path (and the first test compares it anyway)
    assert ActionSerializer.__dict__.get("_fast_plan", "unset") is None


def test_every_filterset_of_the_api_derives_from_the_shared_one():
    """`cite_emploi.api.FilterSet` builds its form class once per class: valid only for filters whose fields do not
    depend on the request, which the shared class and the ban on ModelChoiceFilter guarantee together."""
    from django.urls import get_resolver

    from cite_emploi.api import FilterSet

    seen = set()

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
                continue
            view = getattr(pattern.callback, "cls", None)
            filterset = getattr(view, "filterset_class", None)
            if filterset is not None:
                seen.add(filterset)

    walk(get_resolver().url_patterns)
    assert len(seen) >= 15
    assert [cls.__name__ for cls in seen if not issubclass(cls, FilterSet)] == []
