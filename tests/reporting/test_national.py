"""The national layer's figures (issue 16): benchmarks across Cités and the quarterly national report.

The national figures are the meeting pack's figures, aggregated per territory in SQL: each territory's counts equal
`compute_metrics` for that territory, in a fixed number of queries. A coordinator sees the other Cités only as a
distribution (and the names of those that publish); the national viewer sees every territory, never a person.
"""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from openpyxl import load_workbook
from pypdf import PdfReader

from partners.models import AuditEntry
from reporting.benchmarks import benchmarks
from reporting.metrics import compute_metrics
from reporting.metrics.national import last_complete_quarter, national_figures, quarter_period
from reporting.models import QuarterlyReport
from reporting.quarterly import build_document
from reporting.services import quarterly_report_build, quarterly_report_request, quarterly_report_schedule
from tests.actions.factories import ActionFactory, CommitmentFactory, EnvelopeFactory, ParticipationFactory
from tests.cohorts.factories import BarrierFactory, JobSeekerFactory, SituationFactory
from tests.factories import TerritoryFactory, UserFactory

pytestmark = pytest.mark.django_db

Q1 = quarter_period(2026, 1)
SIZES = {"Alpha": 12, "Bravo": 14, "Charlie": 16, "Delta": 18, "Echo": 20, "Foxtrot": 3}
SECRET_NAME = "Zylberstajnova"


def _territory(name: str, people: int, *, employed: int | None = None):
    territory = TerritoryFactory(name=f"Cité {name}", slug=f"cite-{name.lower()}")
    employed = people // 2 if employed is None else employed
    for index in range(people):
        person = JobSeekerFactory(
            territory=territory, last_name=SECRET_NAME, entry_date=datetime.date(2025, 1, 6), cohort__year=2025
        )
        SituationFactory(
            job_seeker=person, date=datetime.date(2026, 1, 4), situation="cdi" if index < employed else "job_seeking"
        )
        if index % 2:
            BarrierFactory(job_seeker=person, status="lifted", lifted_on=datetime.date(2026, 2, 1))
        else:
            BarrierFactory(job_seeker=person)
    action = ActionFactory(territory=territory, start_date=datetime.date(2025, 1, 1))
    for person in territory.job_seekers.all()[:people]:
        ParticipationFactory(
            action=action, job_seeker=person, participant_label="", enrolled_on=datetime.date(2025, 2, 1)
        )
    envelope = EnvelopeFactory(territory=territory, year=2026)
    CommitmentFactory(envelope=envelope, action=action, committed_on=datetime.date(2026, 1, 10))
    return territory


@pytest.fixture
def cites(db):
    return {name: _territory(name, size) for name, size in SIZES.items()}


@pytest.fixture
def national_viewer(db):
    return UserFactory(role="national_viewer", organisation=None, username="anct")


def test_national_figures_are_the_pack_figures_of_each_territory(cites, django_assert_max_num_queries):
    with django_assert_max_num_queries(8, info="national_figures : nombre de requêtes fixe, quel que soit le volume"):
        figures = {t.territory_id: t for t in national_figures(Q1)}
    for territory in cites.values():
        metrics = compute_metrics(territory, Q1)
        national = figures[territory.pk]
        assert national.members == metrics.cohort.members
        assert national.twelve_months == metrics.outcome("twelve_months")
        assert national.six_months == metrics.outcome("six_months")
        assert national.barriers == metrics.barriers
        assert national.participants == sum(a.indicators.participant_count for a in metrics.actions)
        assert national.committed == metrics.budget.committed


def test_the_query_count_does_not_grow_with_territories(cites, django_assert_num_queries):
    with django_assert_num_queries(8):
        national_figures(Q1)
    _territory("Golf", 6)
    _territory("Hotel", 7)
    with django_assert_num_queries(8):
        national_figures(Q1)


def test_a_write_in_one_territory_recomputes_its_line_only(cites, monkeypatch, django_assert_num_queries):
    """Each territory's line of the national figures is cached under its own data version (issue 13): after a write
    in Alpha, Alpha's line is computed again (and shows the write), the 5 others come from the cache."""
    from cite_emploi import figures_cache
    from reporting import benchmarks as benchmarks_module

    first = benchmarks_module.figures_for(Q1)
    assert first == national_figures(Q1)  # same lines, same order (by name)
    with django_assert_num_queries(1, info="the list of territories; every line from the cache"):
        assert benchmarks_module.figures_for(Q1) == first
    computed_for = []
    real = benchmarks_module.national_figures

    def spy(period, territories=None):
        lines = real(period, territories)
        computed_for.extend(line.territory_id for line in lines)
        return lines

    monkeypatch.setattr(benchmarks_module, "national_figures", spy)
    alpha = cites["Alpha"]
    JobSeekerFactory(territory=alpha, entry_date=datetime.date(2025, 1, 6), cohort__year=2025)
    figures_cache.bump(alpha.pk)  # what the write services do through their audit entry
    again = {line.territory_id: line for line in benchmarks_module.figures_for(Q1)}
    assert computed_for == [alpha.pk]
    assert again[alpha.pk].members == SIZES["Alpha"] + 1
    assert again == {line.territory_id: line for line in national_figures(Q1)}


def test_a_coordinator_sees_her_position_and_the_distribution_never_another_name(cites, client):
    coordinator = UserFactory(coordinator=True, organisation__territory=cites["Alpha"])
    result = benchmarks(Q1, own_territory_id=cites["Alpha"].pk, named="published")
    line = next(line for line in result.lines if line.indicator.key == "dynamic_12m_reached")
    assert line.own.value == 50  # 6 of 12 in a durable job at 12 months
    assert line.distribution.territories == 5  # Foxtrot (3 people) is masked and left out
    assert line.distribution.shown and line.own_position
    assert line.named == ()
    client.force_login(coordinator)
    html = client.get("/comparaisons/?year=2026&quarter=1").content.decode()
    assert "Cité Alpha" in html  # her own territory
    for other in ("Bravo", "Charlie", "Delta", "Echo", "Foxtrot"):
        assert f"Cité {other}" not in html
    assert SECRET_NAME not in html


def test_a_territory_that_publishes_is_named_to_the_other_coordinators(cites, client):
    coordinator = UserFactory(coordinator=True, organisation__territory=cites["Bravo"])
    client.force_login(coordinator)
    response = client.post("/comparaisons/publication/", {"publish": "1"})
    assert response.status_code == 302
    cites["Bravo"].refresh_from_db()
    assert cites["Bravo"].publishes_benchmarks
    assert AuditEntry.objects.filter(territory=cites["Bravo"], fields=["publishes_benchmarks"]).exists()
    other = UserFactory(coordinator=True, organisation__territory=cites["Alpha"])
    client.force_login(other)
    html = client.get("/comparaisons/?year=2026&quarter=1").content.decode()
    assert "Cité Bravo" in html and "Cité Charlie" not in html
    data = client.get("/api/v1/benchmarks/?period_start=2026-01-01&period_end=2026-03-31").json()
    named = {item["territory"] for line in data["indicators"] for item in line["named"]}
    assert named == {"Cité Bravo"}


def test_the_national_viewer_sees_every_territory_masked_under_secrecy_never_a_person(cites, client, national_viewer):
    client.force_login(national_viewer)
    html = client.get("/comparaisons/?year=2026&quarter=1").content.decode()
    for name in SIZES:
        assert f"Cité {name}" in html
    assert "Cité Foxtrot : &lt; 5" in html  # 3 people: every rate of Foxtrot is masked
    assert SECRET_NAME not in html
    data = client.get("/api/v1/benchmarks/?period_start=2026-01-01&period_end=2026-03-31").json()
    line = next(line for line in data["indicators"] if line["key"] == "dynamic_12m_reached")
    foxtrot = next(item for item in line["named"] if item["territory"] == "Cité Foxtrot")
    assert foxtrot == {"territory_id": cites["Foxtrot"].pk, "territory": "Cité Foxtrot", "value": None, "masked": True}
    assert SECRET_NAME not in str(data)


def test_the_quarterly_report_is_built_with_secrecy_and_downloaded_by_the_national_viewer(
    cites, client, national_viewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = quarterly_report_request(actor=national_viewer, year=2026, quarter=1)
    report.refresh_from_db()
    assert report.status == "done" and report.territory_count == 6 and report.page_count >= 5
    with report.pdf.open("rb") as file:
        pdf_text = _pdf_text(file.read())
    assert "Total national" in pdf_text and "Cité Foxtrot" in pdf_text and SECRET_NAME not in pdf_text
    with report.xlsx.open("rb") as file:
        workbook = load_workbook(io.BytesIO(file.read()))
    activity = workbook[workbook.sheetnames[1]]
    rows = {row[0]: row for row in activity.iter_rows(values_only=True)}
    assert rows["Cité Foxtrot"][1] == "< 5"  # 3 people accompanied
    assert rows["Cité Echo"][1] == 20
    assert rows["Total national"][1] == sum(SIZES.values())
    client.force_login(national_viewer)
    response = client.get(f"/rapports-nationaux/{report.pk}/rapport.xlsx")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert AuditEntry.objects.filter(action="download", object_id=str(report.pk)).exists()


def test_secondary_secrecy_holds_across_the_document(cites):
    document = build_document(2026, 1)
    activity = {row[0].text: row for row in document.tables["activity"].rows}
    masked = [name for name, row in activity.items() if row[1].flag == "masked"]
    # Foxtrot's « < 5 » could be recovered from the national total: one more territory is masked (« s »)
    assert "Cité Foxtrot" in masked and len(masked) >= 2


def test_a_quarter_not_finished_is_refused_and_the_schedule_builds_the_last_one_once(national_viewer):
    with pytest.raises(Exception, match="pas terminé"):
        quarterly_report_request(actor=national_viewer, year=2100, quarter=1)
    today = datetime.date(2026, 4, 3)
    report = quarterly_report_schedule(today=today)
    assert (report.year, report.quarter) == last_complete_quarter(today) == (2026, 1)
    assert quarterly_report_schedule(today=today) is None
    assert quarterly_report_build(report_id=report.pk).status == "done"
    assert quarterly_report_build(report_id=report.pk) is None  # built: a second delivery of the task does nothing


def test_nobody_else_reads_the_quarterly_report(cites, client):
    report = QuarterlyReport(year=2026, quarter=1, status="done", pdf_sha256="0" * 64)
    report.pdf.save("r.pdf", ContentFile(b"%PDF"), save=False)
    report.xlsx.save("r.xlsx", ContentFile(b"PK"), save=False)
    report.save()
    for user in (
        UserFactory(coordinator=True, organisation__territory=cites["Alpha"]),
        UserFactory(role="national_admin", organisation=None),
    ):
        client.force_login(user)
        assert client.get(f"/rapports-nationaux/{report.pk}/rapport.pdf").status_code == 404
        assert client.get("/api/v1/quarterly-reports/").status_code == 403


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_api_requests_a_quarterly_report_and_answers_in_french(cites, national_viewer, api_as):
    client = api_as(national_viewer)
    bad = client.post("/api/v1/quarterly-reports/", {"year": 2026, "quarter": 7}, format="json")
    assert bad.status_code == 400 and "quarter" in bad.json()
    response = client.post("/api/v1/quarterly-reports/", {"year": 2026, "quarter": 1}, format="json")
    assert response.status_code == 202 and response.json()["status"] in {"pending", "done"}
    again = client.post("/api/v1/quarterly-reports/", {"year": 2026, "quarter": 1}, format="json")
    assert again.status_code == 400 and again.json() == {"quarter": ["Le rapport de ce trimestre existe déjà."]}
    listing = client.get("/api/v1/quarterly-reports/?year=2026").json()
    assert listing["count"] == 1 and listing["results"][0]["quarter"] == 1
    period = client.get("/api/v1/benchmarks/?period_start=2026-03-31&period_end=2026-01-01")
    assert period.status_code == 400
    assert period.json() == {"period_end": ["La fin de la période ne peut précéder son début."]}
