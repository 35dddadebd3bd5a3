"""Figures computed once (issue 13): served from the cache until a write, never stale after one.

One test per family of write services (cohorts, actions and budget, partners, retention): the figure a
coordinator sees changes at once after the write, without any expiry.
"""

import datetime
from decimal import Decimal

import pytest

from actions.services import budget as budget_services
from actions.services import participations as participation_services
from cite_emploi import figures_cache
from cohorts import retention
from cohorts import services as cohort_services
from cohorts.enums import ErasureReason
from partners.services import organisations as organisation_services
from reporting.figures import metrics_for
from tests.actions.factories import ActionFactory, EnvelopeFactory
from tests.reporting.conftest import PERIOD

D = datetime.date


def test_figures_are_computed_once_then_read_from_the_cache(territory, cohort, scenario, django_assert_num_queries):
    metrics_for(territory, PERIOD, cohort)
    with django_assert_num_queries(0, info="a second read of the same figures must come from the cache"):
        again = metrics_for(territory, PERIOD, cohort)
    assert again.cohort.members == 12


def test_the_dashboard_shows_a_follow_up_logged_a_second_ago(client, coordinator, territory, cohort, scenario):
    """The page itself, not only the function: the activity count moves after `follow_up_create`."""
    client.force_login(coordinator)
    query = {"period_start": "2026-01-01", "period_end": "2026-02-28", "cohort": cohort.pk}
    before = metrics_for(territory, PERIOD, cohort).activity.follow_ups
    client.get("/pilotage/", query)
    cohort_services.follow_up_create(
        actor=coordinator, job_seeker=scenario[3], date=D(2026, 2, 10), kind="phone_call", summary="Point d'étape"
    )
    assert metrics_for(territory, PERIOD, cohort).activity.follow_ups == before + 1
    page = client.get("/pilotage/", query, headers={"HX-Request": "true"}).content.decode()
    figures = metrics_for(territory, PERIOD, cohort)
    assert figures.computed_at is not None and f"{before + 1}" in page


def test_cohort_services_make_the_figures_obsolete(coordinator, territory, cohort, scenario):
    assert metrics_for(territory, PERIOD, cohort).cohort.left_early == 1
    cohort_services.job_seeker_record_early_exit(
        actor=coordinator, job_seeker=scenario[5], left_early_on=D(2026, 2, 20), left_early_reason="gave_up"
    )
    assert metrics_for(territory, PERIOD, cohort).cohort.left_early == 2
    identified = metrics_for(territory, PERIOD, cohort).barriers.total.identified
    cohort_services.barrier_create(
        actor=coordinator, job_seeker=scenario[6], category="mobility", identified_on=D(2026, 1, 20)
    )
    assert metrics_for(territory, PERIOD, cohort).barriers.total.identified == identified + 1


def test_action_and_budget_services_make_the_figures_obsolete(coordinator, territory, cohort, scenario):
    action = ActionFactory(territory=territory, start_date=D(2025, 9, 1))
    envelope = EnvelopeFactory(territory=territory, year=2026)

    def action_row():
        return next(row for row in metrics_for(territory, PERIOD, cohort).actions if row.action_id == action.pk)

    before = action_row().indicators.participant_count
    participation_services.participation_enrol(
        actor=coordinator, action=action, job_seeker=scenario[2], enrolled_on=D(2026, 1, 10)
    )
    assert action_row().indicators.participant_count == before + 1
    committed = metrics_for(territory, PERIOD, cohort).budget.committed
    budget_services.commitment_create(
        actor=coordinator,
        envelope=envelope,
        action=action,
        category="training",
        label="Formation",
        amount=Decimal("1500.00"),
        committed_on=D(2026, 1, 15),
    )
    assert metrics_for(territory, PERIOD, cohort).budget.committed == committed + Decimal("1500.00")


def test_partner_services_make_the_figures_obsolete(coordinator, territory, cohort, scenario):
    organisation = coordinator.organisation  # the follow-ups it logs are counted under its name
    cohort_services.follow_up_create(
        actor=coordinator, job_seeker=scenario[0], date=D(2026, 1, 5), kind="phone_call", summary="Appel"
    )
    labels = {row.organisation for row in metrics_for(territory, PERIOD, cohort).activity.rows}
    organisation_services.organisation_update(actor=coordinator, organisation=organisation, name="Nouveau nom")
    assert "Nouveau nom" in {row.organisation for row in metrics_for(territory, PERIOD, cohort).activity.rows}
    assert labels != {row.organisation for row in metrics_for(territory, PERIOD, cohort).activity.rows}


def test_the_anonymisation_bumps_the_territory_version(territory, scenario):
    version = figures_cache.version(territory.pk)
    retention.job_seeker_anonymise(job_seeker=scenario[0], reason=ErasureReason.RETENTION)
    assert figures_cache.version(territory.pk) > version


@pytest.mark.django_db(transaction=True)
def test_a_reader_during_a_write_never_keeps_stale_figures(territory, cohort, scenario, coordinator):
    """Bumped at once and again after the commit: figures computed inside the writing transaction's lifetime
    (from rows not yet committed elsewhere) are not what the next reader gets."""
    from django.db import transaction

    with transaction.atomic():
        cohort_services.job_seeker_record_early_exit(
            actor=coordinator, job_seeker=scenario[5], left_early_on=D(2026, 2, 20), left_early_reason="gave_up"
        )
        inside = figures_cache.version(territory.pk)
    assert figures_cache.version(territory.pk) > inside


def test_one_version_read_per_request_and_a_write_in_the_request_forgets_it(
    territory, django_capture_on_commit_callbacks
):
    """Inside a request (RequestVersionsMiddleware) the version is read from the cache once; a write in the same
    request (bump) forgets it, so what the request reads afterwards is under the new version."""
    from django.core.cache import cache

    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        if key.startswith("territory-data-version:"):
            reads.append(key)
        return real_get(key, *args, **kwargs)

    def view(request):
        first = figures_cache.version(territory.pk)
        assert figures_cache.version(territory.pk) == first
        figures_cache.store(territory.pk, "x", (), "before")
        assert figures_cache.get(territory.pk, "x", ()) == "before"
        figures_cache.bump(territory.pk)
        after = figures_cache.version(territory.pk)
        assert after > first
        assert figures_cache.get(territory.pk, "x", ()) is None, "a value stored before the write is never read"
        return after

    middleware = figures_cache.RequestVersionsMiddleware(view)
    figures_cache.version(territory.pk)  # the counter exists, as on a running deployment
    cache.get = counting_get
    try:
        with django_capture_on_commit_callbacks(execute=True):
            middleware(object())
        assert len(reads) == 2, reads  # once at the start, once after the write
        reads.clear()
        figures_cache.version(territory.pk)
        figures_cache.version(territory.pk)
        assert len(reads) == 2, "outside a request, every read goes to the cache"
    finally:
        cache.get = real_get


def test_the_redis_cache_builds_one_client_per_pool():
    from cite_emploi.cache import SharedClientRedisCacheClient

    client = SharedClientRedisCacheClient(["redis://127.0.0.1:6379/15"])
    assert client.get_client() is client.get_client()
    assert client.get_client(write=True) is client.get_client("key")


def test_the_dashboard_shows_each_state_of_a_pack_built_by_the_worker(
    client, coordinator, territory, scenario, monkeypatch, django_capture_on_commit_callbacks
):
    """The last packs are cached with the figures: the worker's state changes (no audit entry) bump the version."""
    from reporting import pack as pack_module
    from reporting import services as reporting_services

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=False):  # the build is not queued: the worker runs below
        pack = reporting_services.meeting_pack_request(
            actor=coordinator, period_start=D(2026, 1, 1), period_end=D(2026, 2, 28)
        )
    assert "En attente" in client.get("/pilotage/").content.decode()
    assert "En attente" in client.get("/pilotage/").content.decode(), "read from the cache the second time"
    monkeypatch.setattr(pack_module, "render_pack", lambda pack: (b"%PDF-1.7 fake", 1))
    reporting_services.meeting_pack_build(pack_id=pack.pk)
    page = client.get("/pilotage/").content.decode()
    assert f"Télécharger le dossier n° {pack.pk}" in page and "En attente" not in page


def test_a_meeting_created_shows_at_once_on_the_home_page(client, coordinator, territory):
    from partners.services import meetings as meeting_services

    client.force_login(coordinator)
    assert "Aucune réunion prévue." in client.get("/").content.decode()
    meeting_services.meeting_create(
        actor=coordinator, kind="technical_group", date=D.today() + datetime.timedelta(days=20), title="Groupe de test"
    )
    assert "Groupe de test" in client.get("/").content.decode()


def test_an_automatic_pack_is_audited_in_its_territory(territory, coordinator):
    from partners.models import AuditEntry
    from reporting import services as reporting_services
    from tests.reporting.factories import MeetingFactory

    today = D(2026, 3, 5)
    MeetingFactory(territory=territory, kind="technical_group", date=today + datetime.timedelta(days=2))
    created = reporting_services.meeting_packs_schedule(today=today)
    assert created, "a technical group in two days gets its pack"
    entry = AuditEntry.objects.filter(detail="dossier automatique").latest("pk")
    assert entry.territory_id == territory.pk


def test_a_cached_dashboard_and_home_read_their_panels_in_one_round_trip(client, coordinator, territory, scenario):
    """The territory's version, then every cached panel (choices, due, packs, meetings, figures…) in one get_many."""
    from django.core.cache import cache

    client.force_login(coordinator)
    for path in ("/pilotage/", "/"):
        client.get(path)  # computes and stores each panel
        calls, inside = [], []
        real_get, real_get_many = cache.get, cache.get_many

        def get(key, *args, _calls=calls, _inside=inside, _real=real_get, **kwargs):
            if key.startswith("territory-data") and not _inside:
                _calls.append("get")
            return _real(key, *args, **kwargs)

        def get_many(keys, *args, _calls=calls, _inside=inside, _real=real_get_many, **kwargs):
            _calls.append("get_many")
            _inside.append(True)  # the local-memory cache answers get_many with one get per key
            try:
                return _real(keys, *args, **kwargs)
            finally:
                _inside.pop()

        cache.get, cache.get_many = get, get_many
        try:
            client.get(path)
        finally:
            del cache.get, cache.get_many  # the instance attributes: the class's methods again
        assert calls == ["get", "get_many"], (path, calls)


def test_the_technical_group_on_the_home_page_follows_the_directory(client, coordinator, organisation):
    from partners.services import organisations as organisation_services

    client.force_login(coordinator)
    assert organisation.name not in client.get("/").content.decode()
    organisation_services.organisation_update(actor=coordinator, organisation=organisation, technical_group_member=True)
    assert organisation.name in client.get("/").content.decode()
