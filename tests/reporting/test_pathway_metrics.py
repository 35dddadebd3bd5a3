"""The path into the cohort and the reconnection to schemes in the metrics: each stage on its date, by partner;
distinct people per scheme; statistical secrecy for what a viewer reads."""

import datetime

import pytest

from cohorts.enums import CandidateStage
from reporting.metrics import Period, compute_metrics
from reporting.metrics.tables import protected_figures
from tests.cohorts.factories import CandidateFactory, SchemeConnectionFactory
from tests.factories import OrganisationFactory
from tests.reporting.factories import PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date
PERIOD = Period(D(2026, 3, 1), D(2026, 4, 30))


@pytest.fixture
def path(territory):
    ft = OrganisationFactory(territory=territory, name="France Travail", short_name="FT")
    ml = OrganisationFactory(territory=territory, name="Mission locale angevine", short_name="ML")
    for _ in range(6):  # identified in the period, still at that stage
        CandidateFactory(territory=territory, identified_by=ft, identified_on=D(2026, 3, 5))
    CandidateFactory(  # identified before the period, contacted and proposed in it
        territory=territory,
        identified_by=ft,
        identified_on=D(2026, 2, 1),
        stage=CandidateStage.PROPOSED,
        contacted_on=D(2026, 3, 2),
        proposed_on=D(2026, 3, 20),
    )
    CandidateFactory(  # not enrolled in the period
        territory=territory,
        identified_by=ml,
        identified_on=D(2026, 3, 1),
        stage=CandidateStage.NOT_ENROLLED,
        not_enrolled_reason="declined",
        decided_on=D(2026, 3, 10),
    )
    CandidateFactory(  # everything after the period: not counted
        territory=territory, identified_by=ml, identified_on=D(2026, 5, 3)
    )
    return ft, ml


def test_each_stage_is_counted_on_its_date_by_partner(territory, path):
    metrics = compute_metrics(territory, PERIOD)
    rows = {row.organisation: row for row in metrics.pathway.rows}
    assert (rows["FT"].identified, rows["FT"].contacted, rows["FT"].proposed) == (6, 1, 1)
    assert (rows["ML"].identified, rows["ML"].not_enrolled, rows["ML"].enrolled) == (1, 1, 0)
    assert metrics.pathway.total.identified == 7


def test_small_counts_are_masked_for_the_printed_table(territory, path):
    figures = protected_figures(compute_metrics(territory, PERIOD))
    table = figures.tables()["pathway"]
    cells = {row[0].text: [cell.text for cell in row[1:]] for row in table.rows}
    assert cells["FT"][1] == "< 5" and cells["ML"][0] == "< 5"
    # FT's count and the total would give ML's by subtraction: one of them is masked too (secondary secrecy)
    assert figures.masked("pathway:Total:identified") or figures.masked("pathway:FT:identified")
    assert "1" not in {text for row in cells.values() for text in row}


def test_schemes_count_distinct_people_of_the_report(territory, cohort):
    people = [PersonFactory(cohort=cohort) for _ in range(6)]
    for person in people:
        SchemeConnectionFactory(job_seeker=person, scheme="france_travail", date=D(2026, 3, 15))
    SchemeConnectionFactory(job_seeker=people[0], scheme="france_travail", date=D(2026, 4, 15))  # same person
    SchemeConnectionFactory(job_seeker=people[1], scheme="cej", date=D(2026, 4, 1))
    SchemeConnectionFactory(job_seeker=people[2], scheme="plie", date=D(2026, 6, 1))  # after the period
    counts = {row.code: row.count for row in compute_metrics(territory, PERIOD).schemes}
    assert counts["france_travail"] == 6 and counts["cej"] == 1 and counts["plie"] == 0


def test_the_viewer_dashboard_shows_the_stages_masked(client, viewer, territory, path):
    client.force_login(viewer)
    page = client.get(
        "/pilotage/?period_start=2026-03-01&period_end=2026-04-30", headers={"HX-Request": "true"}
    ).content.decode()
    assert "Repérage" in page
    assert "&lt; 5" in page.split('id="reperage-titre"')[1].split("actions-titre")[0]
