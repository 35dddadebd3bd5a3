"""Every filter, search and ordering reads through the caller's scoped querysets (issue 10, points 3 and 9).

The property, for every role: **adding data the caller may not read changes no answer she gets**, whatever
filter, search or ordering she uses, on every list endpoint of the API and every list page. If a filter
selected people through a health barrier she cannot see, or answered differently for an id that does not
exist and an id of another territory, two worlds that differ only in hidden data would answer differently.

The filters are enumerated from the code (every FilterSet of every list endpoint, every field of the list
pages' filter forms), so a new filter is tested without anyone adding it here. The values tried are every
choice of a choice filter and every id that exists in the database for an id filter (hidden ones included).
"""

import datetime
import re

import django_filters
import pytest
from django import forms
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from actions.forms import ActionFilterForm
from actions.models import OutcomeType
from catalogue.forms import CatalogueFilterForm
from catalogue.services import sheet_unpublish
from cohorts.enums import BarrierCategory, CandidateStage
from cohorts.forms import JobSeekerFilterForm
from partners.enums import MeetingKind
from partners.models import Organisation
from referrals.forms import ReferralFilterForm
from tests.actions.factories import (
    ActionFactory,
    CommitmentFactory,
    EnvelopeFactory,
    ParticipationFactory,
    ParticipationOutcomeFactory,
)
from tests.catalogue.factories import publish as publish_sheet
from tests.cohorts.factories import (
    BarrierFactory,
    CandidateFactory,
    CohortFactory,
    FollowUpFactory,
    JobSeekerFactory,
    QPVFactory,
    SchemeConnectionFactory,
    SituationFactory,
    TeamMemberFactory,
)
from tests.factories import OrganisationFactory, UserFactory
from tests.partners.factories import DecisionFactory, MeetingFactory
from tests.referrals.factories import ReferralFactory

HIDDEN_LAST_NAME = "Kowalczykova"
HIDDEN_FIRST_NAME = "Ondine"

# What each caller may not read: the bundles of data added in the "hidden" world.
HIDDEN_FROM = {
    "coordinator": ["other_territory"],
    "advisor_team": ["other_territory", "unfollowed_person", "health_barrier"],
    "advisor_ref": ["other_territory", "unfollowed_person"],
    "viewer": ["other_territory", "unfollowed_person", "health_barrier"],
    "admin": ["other_territory", "unfollowed_person", "health_barrier"],
}


# --- the world ---------------------------------------------------------------------------------------------
@pytest.fixture
def world(territory, other_territory):
    aldev = OrganisationFactory(territory=territory, name="Aldev", kind="coordinator")
    ref_org = OrganisationFactory(territory=territory, name="Cap emploi 49", kind="cap_emploi")
    team_org = OrganisationFactory(territory=territory, name="Mission locale angevine", kind="mission_locale")
    lone_org = OrganisationFactory(territory=territory, name="France Travail Angers", kind="france_travail")
    prefecture = OrganisationFactory(territory=territory, name="Préfecture", kind="prefecture")
    users = {
        "coordinator": UserFactory(role="coordinator", organisation=aldev),
        "admin": UserFactory(role="admin", organisation=aldev, is_superuser=False),
        "advisor_ref": UserFactory(role="advisor", organisation=ref_org),
        "advisor_team": UserFactory(role="advisor", organisation=team_org),
        "viewer": UserFactory(role="viewer", organisation=prefecture),
    }
    cohort = CohortFactory(territory=territory, year=2026)
    qpv = QPVFactory(territory=territory, name="Belle-Beille")
    # P: referred by Cap emploi, followed by the Mission locale too.
    person = JobSeekerFactory(
        territory=territory,
        cohort=cohort,
        qpv=qpv,
        referent_organisation=ref_org,
        referent=users["advisor_ref"],
        entry_date=datetime.date(2026, 2, 2),
    )
    TeamMemberFactory(job_seeker=person, organisation=team_org)
    BarrierFactory(job_seeker=person, category=BarrierCategory.MOBILITY)
    FollowUpFactory(job_seeker=person, author=users["advisor_team"])
    SituationFactory(job_seeker=person)
    SchemeConnectionFactory(job_seeker=person, organisation=ref_org)
    CandidateFactory(territory=territory, qpv=qpv, identified_by=ref_org)
    action = ActionFactory(territory=territory, lead_organisation=team_org, outcome_types=[("job", "Emploi")])
    participation = ParticipationFactory(action=action, job_seeker=person, participant_label="")
    ParticipationOutcomeFactory(participation=participation, outcome_type=OutcomeType.objects.get(action=action))
    envelope = EnvelopeFactory(territory=territory, year=2026)
    CommitmentFactory(envelope=envelope, action=action)
    MeetingFactory(territory=territory)
    ReferralFactory(job_seeker=person, to_organisation=lone_org)  # Cap emploi → France Travail: visible to Cap emploi
    return {
        "territory": territory,
        "other_territory": other_territory,
        "users": users,
        "person": person,
        "lone_org": lone_org,
        "aldev": aldev,
        "cohort": cohort,
        "qpv": qpv,
        "action": action,
        "envelope": envelope,
    }


def _add_other_territory(world):
    other = world["other_territory"]
    coordination = OrganisationFactory(territory=other, name="Agglo Saumur", kind="coordinator")
    referent = OrganisationFactory(territory=other, name="Cap emploi Saumur", kind="cap_emploi")
    other_coordinator = UserFactory(role="coordinator", organisation=coordination)
    cohort = CohortFactory(territory=other, year=2026)
    person = JobSeekerFactory(
        territory=other,
        cohort=cohort,
        qpv=QPVFactory(territory=other, name="Chemin Vert", commune="Saumur"),
        referent_organisation=referent,
        last_name=HIDDEN_LAST_NAME,
        first_name=HIDDEN_FIRST_NAME,
        disability_recognised=True,
        entry_date=datetime.date(2025, 6, 2),
    )
    BarrierFactory(job_seeker=person, category=BarrierCategory.HEALTH)
    BarrierFactory(job_seeker=person, category=BarrierCategory.CHILDCARE)
    FollowUpFactory(job_seeker=person)
    SituationFactory(job_seeker=person, situation="cdi")
    SchemeConnectionFactory(job_seeker=person, scheme="plie", organisation=referent)
    CandidateFactory(territory=other, identified_by=referent, last_name=HIDDEN_LAST_NAME, stage="contacted",
                     contacted_on=datetime.date(2026, 2, 3))  # fmt: skip
    action = ActionFactory(territory=other, lead_organisation=referent, outcome_types=[("job", "Emploi")])
    participation = ParticipationFactory(action=action, job_seeker=person, participant_label="")
    ParticipationOutcomeFactory(participation=participation, outcome_type=OutcomeType.objects.get(action=action))
    CommitmentFactory(envelope=EnvelopeFactory(territory=other, year=2025), action=action)
    # a sheet published then withdrawn: the catalogue of another territory never shows it, whatever the filter
    withdrawn = publish_sheet(action, other_coordinator).sheet
    sheet_unpublish(actor=other_coordinator, sheet=withdrawn)
    meeting = MeetingFactory(territory=other, follow_up=True, date=datetime.date(2026, 3, 3))
    DecisionFactory(meeting=meeting, text="Décision de Saumur", job_seeker=person)
    ReferralFactory(job_seeker=person, to_organisation=coordination)


def _add_unfollowed_person(world):
    """Q: referred by France Travail only — neither the Cap emploi nor the Mission locale advisor follows her."""
    person = JobSeekerFactory(
        territory=world["territory"],
        cohort=world["cohort"],
        qpv=world["qpv"],
        referent_organisation=world["lone_org"],
        last_name=HIDDEN_LAST_NAME,
        first_name=HIDDEN_FIRST_NAME,
        disability_recognised=True,
        entry_date=datetime.date(2025, 5, 5),
        left_early_on=datetime.date(2025, 9, 1),
        left_early_reason="Déménagement",
    )
    BarrierFactory(job_seeker=person, category=BarrierCategory.HEALTH)
    BarrierFactory(job_seeker=person, category=BarrierCategory.LANGUAGE)
    FollowUpFactory(job_seeker=person, kind="phone_call", date=datetime.date(2025, 6, 1))
    SituationFactory(job_seeker=person, situation="cdi", date=datetime.date(2025, 8, 1))
    # referred by France Travail to the coordination: neither Cap emploi nor the Mission locale sees it
    ReferralFactory(job_seeker=person, to_organisation=world["aldev"])
    SchemeConnectionFactory(job_seeker=person, scheme="cej", date=datetime.date(2025, 6, 2))
    # identified by France Travail: neither Cap emploi nor the Mission locale sees her
    CandidateFactory(
        territory=world["territory"], qpv=world["qpv"], identified_by=world["lone_org"], last_name=HIDDEN_LAST_NAME
    )


def _add_health_barrier(world):
    """A health barrier on P, identified by her referent (Cap emploi): only Cap emploi and the coordinator see it."""
    BarrierFactory(job_seeker=world["person"], category=BarrierCategory.HEALTH)


BUNDLES = {
    "other_territory": _add_other_territory,
    "unfollowed_person": _add_unfollowed_person,
    "health_barrier": _add_health_barrier,
}


# --- what to call ------------------------------------------------------------------------------------------
def _walk(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern


def api_list_views():
    """Every list endpoint of the API: (path, viewset class)."""
    found = {}
    for pattern in _walk(get_resolver().url_patterns):
        cls = getattr(pattern.callback, "cls", None)
        actions = getattr(pattern.callback, "actions", None) or {}
        if cls is None or actions.get("get") != "list":
            continue
        route = str(pattern.pattern).lstrip("^").rstrip("$")
        found[f"/api/v1/{route}"] = cls
    return dict(sorted(found.items()))


def _all_ids(model):
    return sorted(model._default_manager.values_list("pk", flat=True))


def _values_for_filter(name, flt, model):
    if isinstance(flt, django_filters.BooleanFilter):
        return ["true", "false"]
    if isinstance(flt, django_filters.DateFromToRangeFilter):
        return None  # expanded by the caller
    if isinstance(flt, django_filters.DateFilter):
        return ["2025-01-01", "2026-01-01", "2026-12-31"]
    if isinstance(flt, django_filters.ModelChoiceFilter):
        return [*_all_ids(flt.queryset.model if flt.queryset is not None else model), 999999]
    if isinstance(flt, django_filters.ChoiceFilter):
        return [value for value, _ in flt.extra["choices"] if value != ""]
    if isinstance(flt, django_filters.NumberFilter):
        path = flt.field_name.removesuffix("_id").split("__")
        current = model
        try:
            for part in path:
                current = current._meta.get_field(part).related_model
        except Exception:  # noqa: BLE001 — a plain number (a year)
            current = None
        if current is not None:
            return [*_all_ids(current), 999999]
        return ["2025", "2026"]
    if isinstance(flt, django_filters.CharFilter):
        return [HIDDEN_LAST_NAME, HIDDEN_FIRST_NAME.lower(), "e", "job"]
    raise AssertionError(f"Filtre {name} de type {type(flt).__name__} : ajoutez ses valeurs à ce test.")


def api_queries(cls):
    """Every query string a list endpoint accepts: each filter with each value, search, ordering."""
    queries = [""]
    filterset = getattr(cls, "filterset_class", None)
    model = cls.queryset.model if getattr(cls, "queryset", None) is not None else filterset._meta.model
    if filterset is not None:
        for name, flt in filterset.base_filters.items():
            if isinstance(flt, django_filters.DateFromToRangeFilter):
                for suffix in ("after", "before"):
                    queries += [f"{name}_{suffix}={v}" for v in ("2025-01-01", "2026-01-01", "2026-12-31")]
                continue
            queries += [f"{name}={value}" for value in _values_for_filter(name, flt, model)]
    if getattr(cls, "search_fields", None):
        queries += [f"search={v}" for v in (HIDDEN_LAST_NAME, HIDDEN_FIRST_NAME.lower(), "e", "Saumur")]
    for field in getattr(cls, "ordering_fields", None) or []:
        queries += [f"ordering={field}", f"ordering=-{field}"]
    return [f"page_size=200&{q}" if q else "page_size=200" for q in queries]


def _form_queries(form_class):
    queries = [""]
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.ModelChoiceField):
            from django.apps import apps

            model = apps.get_model(*_FORM_MODELS[(form_class.__name__, name)].split("."))
            values = [*_all_ids(model), 999999]
        elif isinstance(field, forms.ChoiceField):
            values = [value for value, _ in field.choices if value != ""]
        elif isinstance(field, forms.IntegerField):
            values = ["2025", "2026"]
        elif isinstance(field, forms.CharField):
            values = [HIDDEN_LAST_NAME, HIDDEN_FIRST_NAME.lower(), "e"]
        else:
            raise AssertionError(f"Champ {name} de {form_class.__name__} : ajoutez ses valeurs à ce test.")
        queries += [f"{name}={value}" for value in values]
    return queries


# Querysets of the filter forms are set per user in __init__: the model each one lists.
_FORM_MODELS = {
    ("JobSeekerFilterForm", "cohort"): "cohorts.Cohort",
    ("JobSeekerFilterForm", "qpv"): "cohorts.QPV",
    ("JobSeekerFilterForm", "referent_organisation"): "partners.Organisation",
    ("JobSeekerFilterForm", "referent"): "partners.User",
}

# Every list page with filters, and what it accepts.
LIST_PAGES = {
    "/cohorte/": lambda: _form_queries(JobSeekerFilterForm),
    "/cohorte/export.csv": lambda: _form_queries(JobSeekerFilterForm),
    "/cohorte/mes-personnes/": lambda: ["", "organisation=1"],
    "/actions/": lambda: _form_queries(ActionFilterForm),
    "/catalogue/": lambda: _form_queries(CatalogueFilterForm),
    "/partenaires/reunions/": lambda: ["", *(f"kind={k}" for k in MeetingKind.values)],
    "/orientations/": lambda: _form_queries(ReferralFilterForm),
    # the identifying organisation's choices are the territory's organisations (set per user): every id is tried
    "/cohorte/reperage/": lambda: [
        "",
        *(f"stage={code}" for code in CandidateStage.values),
        *(f"identified_by={pk}" for pk in [*_all_ids(Organisation), 999999]),
        "stage=proposed&identified_by=999999",
    ],
}

# Deliberate aggregates over the whole territory, not personal data: the size of a cohort is printed in every
# meeting pack a viewer receives. Only these fields may depend on rows the caller cannot read.
TERRITORY_AGGREGATES = {"/api/v1/cohorts/": {"member_count"}}

_VOLATILE = [
    re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(rb'nonce="[^"]*"'),
    re.compile(rb'"csrfToken": *"[^"]*"'),
]


def _body(url, response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    aggregates = TERRITORY_AGGREGATES.get(url.split("?")[0])
    if aggregates and response.status_code == 200:
        data = response.json()
        for row in data["results"]:
            for key in aggregates:
                row.pop(key)
        return response.status_code, data
    for pattern in _VOLATILE:
        body = pattern.sub(b"", body)
    return response.status_code, body


def _answers(user, requests):
    cache.clear()  # the API throttle counts requests: both worlds start from zero
    api = APIClient()
    api.force_authenticate(user)
    page = Client()
    page.force_login(user)
    answers = {}
    for url in requests:
        client = api if url.startswith("/api/") else page
        answers[url] = _body(url, client.get(url))
    return answers


def _requests():
    urls = []
    for path, cls in api_list_views().items():
        urls += [f"{path}?{query}" for query in api_queries(cls)]
    for path, queries in LIST_PAGES.items():
        urls += [f"{path}?{query}" if query else path for query in queries()]
    return urls


def test_the_list_endpoints_are_all_found():
    """The enumeration is not empty by accident: it finds the endpoints API.md lists."""
    paths = set(api_list_views())
    for expected in (
        "/api/v1/job-seekers/",
        "/api/v1/barriers/",
        "/api/v1/participations/",
        "/api/v1/commitments/",
        "/api/v1/consents/",
    ):
        assert expected in paths


def test_no_filterset_looks_an_id_up_in_the_whole_table():
    """A `ModelChoiceFilter` answers 400 for an id that does not exist and 200 for one of another territory."""
    offenders = [
        f"{path}?{name}="
        for path, cls in api_list_views().items()
        for name, flt in (getattr(cls, "filterset_class", None) or django_filters.FilterSet).base_filters.items()
        if isinstance(flt, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter)
    ]
    assert not offenders, f"Utilisez cite_emploi.api.id_filter pour : {offenders}"


@pytest.mark.parametrize("role", sorted(HIDDEN_FROM))
def test_no_filter_reveals_what_the_caller_may_not_read(role, world):
    user = world["users"][role]
    with transaction.atomic():
        for bundle in HIDDEN_FROM[role]:
            BUNDLES[bundle](world)
        # The values tried include the hidden objects' ids: computed in the hidden world, asked in both.
        requests = _requests()
        with_hidden = _answers(user, requests)
        transaction.set_rollback(True)
    without_hidden = _answers(user, requests)
    differing = [url for url in requests if with_hidden[url] != without_hidden[url]]
    assert not differing, (
        f"{role} : ces réponses changent selon des données qu'il ou elle ne peut pas lire "
        f"({len(differing)} sur {len(requests)}) : {differing[:15]}"
    )
