import datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cite_emploi import figures_cache
from cohorts.models import JobSeeker
from partners.enums import AuditAction
from partners.models import AuditEntry
from reporting.models import MeetingPack
from tests.factories import UserFactory
from tests.reporting.factories import (
    ActionFactory,
    BarrierFactory,
    EnvelopeFactory,
    FollowUpFactory,
    MeetingFactory,
    MeetingPackFactory,
    ParticipationFactory,
    PersonFactory,
    SituationFactory,
)

pytestmark = pytest.mark.django_db


def _grow(territory, cohort, size):
    for _ in range(size):
        person = PersonFactory(cohort=cohort, entry_date=timezone.localdate() - datetime.timedelta(days=100))
        SituationFactory(job_seeker=person)
        BarrierFactory(job_seeker=person, identified_on=person.entry_date)
        FollowUpFactory(
            job_seeker=person, date=timezone.localdate(), next_step="Appeler", next_step_due=timezone.localdate()
        )
        ParticipationFactory(action=ActionFactory(territory=territory, start_date=person.entry_date), job_seeker=person)
    MeetingFactory(territory=territory, date=timezone.localdate() + datetime.timedelta(days=size + 1))
    MeetingPackFactory(territory=territory)


def test_the_coordinator_home_runs_in_a_bounded_number_of_queries(
    client, coordinator, territory, cohort, django_assert_max_num_queries
):
    EnvelopeFactory(territory=territory, year=timezone.localdate().year)
    client.force_login(coordinator)
    _grow(territory, cohort, 2)
    with django_assert_max_num_queries(
        10,  # + the people proposed to the cohort (one query, then cached per data version like the counts)
        info="the home page shows its counts at once and loads the figures with htmx: no metrics query here",
    ):
        response = client.get("/")
    assert response.status_code == 200
    assert "prochaines étapes en retard" in response.content.decode()
    assert 'hx-get="/pilotage/"' in response.content.decode()
    with django_assert_max_num_queries(
        2,  # 5 before the third pass of issue 13 (the packs, the meetings and the technical group now cached)
        info="home page, nothing written since: the user (session and two-factor device from the cache) and the "
        "checklist (until the territory is set up); due items, cohort choices, last packs, next meetings, the "
        "technical group and the people proposed come from the cache",
    ):
        assert client.get("/").status_code == 200
    figures_cache.bump(territory.pk)  # what every write service does: nothing cached is read any more
    # 30 before issue 15; + 3 aggregates of the referrals per partner, + 2 of the path into the cohort and the schemes
    with django_assert_max_num_queries(35, info="the dashboard must aggregate in SQL, not per person") as cold:
        assert client.get("/pilotage/").status_code == 200
    with django_assert_max_num_queries(1, info="the whole dashboard from the cache, nothing written since: the user"):
        assert client.get("/pilotage/").status_code == 200
    _grow(territory, cohort, 12)
    with django_assert_max_num_queries(1, info="figures come from the cache while nothing was written: the user only"):
        assert client.get("/pilotage/", headers={"HX-Request": "true"}).status_code == 200
    figures_cache.bump(territory.pk)
    with django_assert_max_num_queries(len(cold.captured_queries), info="queries grow with the data: fix N+1"):
        assert client.get("/pilotage/").status_code == 200


def test_dashboard_filters_and_htmx_fragment(client, coordinator, cohort):
    client.force_login(coordinator)
    response = client.get("/pilotage/", {"period_start": "2026-01-01", "period_end": "2026-02-28", "cohort": cohort.pk})
    assert response.status_code == 200
    assert "du 1er janvier 2026 au 28 février 2026" in response.content.decode()
    fragment = client.get("/pilotage/", {"period_start": "2026-01-01"}, headers={"HX-Request": "true"})
    assert fragment.content.decode().startswith('<div id="indicateurs">')


def test_the_period_and_cohort_stay_in_the_url_of_home_and_dashboard(client, coordinator, cohort):
    """A plain GET form (no htmx swap): the address can be shared or bookmarked, the back button returns to the
    previous period, and the export link exports the period shown."""
    client.force_login(coordinator)
    query = {"period_start": "2026-01-01", "period_end": "2026-02-28", "cohort": str(cohort.pk)}
    for path in ("/", "/pilotage/"):
        html = client.get(path, query).content.decode()
        form = html[html.index('aria-label="Période et cohorte"') - 200 :]
        form = form[: form.index("</form>")]
        assert 'method="get"' in form and "hx-get" not in form
        assert 'value="2026-01-01"' in form and f'value="{cohort.pk}" selected' in form
        assert "/pilotage/indicateurs.xlsx?period_start=2026-01-01&amp;period_end=2026-02-28" in form


def test_viewer_home_shows_anonymised_figures_and_the_packs(client, viewer, territory, scenario):
    pack = MeetingPackFactory(territory=territory)
    client.force_login(viewer)
    page = client.get("/").content.decode()
    assert "Indicateurs anonymisés" in page
    assert f"/dossiers-de-seance/{pack.pk}/" in page
    for person in scenario:
        assert person.last_name not in page
    assert "prochaines étapes en retard" not in page


def test_advisor_home_lists_her_people(client, advisor, cohort):
    person = PersonFactory(cohort=cohort, referent=advisor, referent_organisation=advisor.organisation,
                           entry_date=timezone.localdate() - datetime.timedelta(days=60))  # fmt: skip
    client.force_login(advisor)
    page = client.get("/").content.decode()
    assert person.last_name in page
    assert client.get("/pilotage/").status_code == 403


def test_export_xlsx_is_audited(client, coordinator, scenario):
    # one referent organisation for everyone: with 12 organisations referring one person each, the partner table
    # would pin every count to 1 and secondary secrecy would mask the total of people
    JobSeeker.objects.update(referent_organisation=scenario[0].referent_organisation)
    client.force_login(coordinator)
    response = client.get("/pilotage/indicateurs.xlsx", {"period_start": "2026-01-01", "period_end": "2026-02-28"})
    assert response.status_code == 200
    workbook = load_workbook(filename=__import__("io").BytesIO(response.content))
    assert {"Situations", "Sorties dynamiques", "Partenaires", "Argent par action"} <= set(workbook.sheetnames)
    values = {row[0]: row[1] for row in workbook["Synthèse"].iter_rows(values_only=True)}
    assert values["Personnes comptées"] == 12
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor=coordinator).exists()


def test_coordinator_requests_a_pack_and_sees_who_downloaded_it(client, coordinator, viewer, territory):
    meeting = MeetingFactory(territory=territory)
    client.force_login(coordinator)
    assert "Fabriquer le dossier" in client.get("/dossiers-de-seance/", {"meeting": meeting.pk}).content.decode()
    response = client.post("/dossiers-de-seance/demander/", {"meeting": meeting.pk})
    pack = MeetingPack.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dossiers-de-seance/{pack.pk}/"
    status = client.get(f"/dossiers-de-seance/{pack.pk}/etat/").content.decode()
    assert 'hx-trigger="every 2s"' in status  # still pending here (tests run on_commit only when asked)
    assert client.post("/dossiers-de-seance/demander/", {}).status_code == 400


def test_pack_pages_per_role(client, coordinator, advisor, viewer, other_coordinator, territory):
    pack = MeetingPackFactory(territory=territory)
    for user in (coordinator, advisor, viewer):
        client.force_login(user)
        assert client.get(f"/dossiers-de-seance/{pack.pk}/").status_code == 200
        assert client.get("/dossiers-de-seance/").status_code == 200
    for user in (advisor, viewer):
        client.force_login(user)
        assert client.post("/dossiers-de-seance/demander/", {}).status_code == 403
        assert client.post(f"/dossiers-de-seance/{pack.pk}/relancer/").status_code == 403
    client.force_login(other_coordinator)
    assert client.get(f"/dossiers-de-seance/{pack.pk}/").status_code == 404
    assert client.get(f"/dossiers-de-seance/{pack.pk}/telecharger/").status_code == 404


def test_pack_list_query_count_does_not_grow(client, coordinator, territory, django_assert_max_num_queries):
    client.force_login(coordinator)
    MeetingPackFactory(territory=territory, meeting=MeetingFactory(territory=territory), created_by=coordinator)
    with django_assert_max_num_queries(12, info="pack list: select_related meeting") as small:
        client.get("/dossiers-de-seance/")
    for _ in range(10):
        MeetingPackFactory(territory=territory, meeting=MeetingFactory(territory=territory), created_by=UserFactory())
    with django_assert_max_num_queries(len(small.captured_queries), info="pack list grows with packs"):
        client.get("/dossiers-de-seance/")


def test_a_reversed_period_is_answered_with_an_error(client, coordinator):
    client.force_login(coordinator)
    html = client.get("/pilotage/?period_start=2026-06-01&period_end=2026-01-01").content.decode()
    assert "Période non valide" in html and "La fin de la période ne peut précéder son début." in html
    export = client.get("/pilotage/indicateurs.xlsx?period_start=2026-06-01&period_end=2026-01-01")
    assert export.status_code == 400
