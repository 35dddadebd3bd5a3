"""The replayed operation (tests/fse/conftest.py) against a table worked by hand, through the exports and the API.

Participations of Par'Emploi, operation period 1 Jan – 31 Aug 2025:

| who | entry | sex | age | status at entry | ISCED | sensitive | left | upon leaving | 6 months after |
|---|---|---|---|---|---|---|---|---|---|
| Alice (cohort) | 1 Feb | F | 34 | long-term unemployed | 0-2 | RQTH → disability; third-country; foreign background; minority refused | 31 Mar | employed (typed) | employed, improved (typed) |
| Bruno (cohort) | 3 Mar | M | 20 | unemployed | 3-4 | all « no » | 30 Apr | in training (history, 10 May) | employed (history: CDI 15 Sep) |
| Famille 12 | 1 Apr | — | — | — | — | — | — | — | — |  → pseudonym: not declarable
| Chloé (outside) | 10 May | F | 57 | inactive | 5-8 | disability refused, rural | — | — | — |
| Dan (cohort) | 2 Jun | M | 17 | (missing) | (missing) | — | — | — | — |  → incomplete: not counted
| Eve (cohort) | 1 Dec 2024 | — before the period: not a participant of the operation |

Counted: Alice, Bruno, Chloé (3: 2 women, 1 man).
"""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from fse.indicators import INDICATORS

pytestmark = pytest.mark.django_db

ZERO = (0, 0, 0, 0)
# code → (total, women, men, other) over the operation period (entries; leavings in the period)
OPERATION_PERIOD = {
    "EECO01": (2, 1, 1, 0),
    "EECO02": (1, 1, 0, 0),
    "EECO03": (1, 1, 0, 0),
    "EECO04": ZERO,
    "EECO05": ZERO,
    "EECO06": (1, 0, 1, 0),
    "AGE3054": (1, 1, 0, 0),
    "EECO07": (1, 1, 0, 0),
    "EECO08": (1, 1, 0, 0),
    "EECO09": (1, 0, 1, 0),
    "EECO10": (1, 1, 0, 0),
    "EECO11": (3, 2, 1, 0),
    "EECO12": (1, 1, 0, 0),
    "EECO13": (1, 1, 0, 0),
    "EECO14": (1, 1, 0, 0),
    "EECO15": ZERO,
    "EECO16": ZERO,
    "EECO17": (1, 1, 0, 0),
    "EECR01": ZERO,
    "EECR02": (1, 0, 1, 0),
    "EECR03": ZERO,
    "EECR04": (1, 1, 0, 0),
    "EECR05": ZERO,  # six months after leaving fall after 31 Aug
    "EECR06": ZERO,
}
# 1 Sep 2025 – 31 Mar 2026: nobody enters or leaves; Alice's and Bruno's six months fall in it
LATER_PERIOD = dict.fromkeys(OPERATION_PERIOD, ZERO) | {"EECR05": (2, 1, 1, 0), "EECR06": (1, 1, 0, 0)}


def _url(scenario, name, fmt=None):
    base = f"/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/"
    return base + (f"{name}.{fmt}" if fmt else name)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_hand_worked_table_is_every_annex_count_of_the_csv_export(client, coordinator, scenario):
    client.force_login(coordinator)
    response = client.get(_url(scenario, "indicateurs", "csv"))
    assert response.status_code == 200
    rows = _csv(response)
    assert rows[0] == ["code", "indicateur", "total", "femmes", "hommes", "autre ou non précisé"]
    counts = {row[0]: tuple(int(v) for v in row[2:6]) for row in rows[1:] if row[0].startswith(("EEC", "AGE"))}
    assert set(counts) == {i.code for i in INDICATORS}
    assert counts == OPERATION_PERIOD
    extra = {row[0]: row[2] for row in rows[1:]}
    assert extra["NON_DECLARABLES"] == "1"  # Famille 12
    assert extra["INCOMPLETS"] == "1"  # Dan


def test_the_six_month_results_count_in_the_period_they_fall_in_xlsx_and_api(client, api_as, coordinator, scenario):
    client.force_login(coordinator)
    query = "?period_start=2025-09-01&period_end=2026-03-31"
    response = client.get(_url(scenario, "indicateurs", "xlsx") + query)
    sheet = load_workbook(io.BytesIO(response.content)).active
    counts = {
        row[0]: tuple(row[2:6]) for row in sheet.iter_rows(min_row=2, values_only=True) if row[0].startswith("EEC")
    }
    assert counts == {code: value for code, value in LATER_PERIOD.items() if code.startswith("EEC")}

    api = api_as(coordinator).get(f"/api/v1/fse-operations/{scenario.operation.pk}/indicators/{query}")
    assert api.status_code == 200
    body = api.json()
    assert {i["code"]: (i["total"], i["female"], i["male"], i["other"]) for i in body["indicators"]} == LATER_PERIOD
    assert body["period_start"] == "2025-09-01"


def test_participants_export_reads_the_file_asks_the_rest_and_uses_the_history(client, coordinator, scenario):
    client.force_login(coordinator)
    rows = _csv(client.get(_url(scenario, "participants", "csv")))
    header, lines = rows[0], {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert "EECO12" in header and "EECR05" in header
    assert str(scenario.before.pk) not in lines  # entered before the operation
    alice = lines[str(scenario.alice.pk)]
    assert (alice["nom"], alice["sexe"], alice["tranche_age"], alice["EECO12"]) == ("Martin", "F", "30-54", "oui")
    assert alice["EECO15"] == "refus"
    bruno = lines[str(scenario.bruno.pk)]
    assert (bruno["EECR02"], bruno["EECR04"], bruno["EECR05"]) == ("oui", "non", "oui")
    assert bruno["resultats_lus_historique"] == (
        "leaving_employed, leaving_in_education, leaving_job_searching, six_months_employed"
    )
    famille = lines[str(scenario.famille.pk)]
    assert (famille["nom"], famille["declarable"], famille["compte"]) == ("Famille 12", "non", "non")
    chloe = lines[str(scenario.chloe.pk)]
    assert (chloe["nom"], chloe["tranche_age"], chloe["compte"]) == ("Garnier", "55 et plus", "oui")
    assert lines[str(scenario.dan.pk)]["compte"] == "non"


def test_a_cohort_person_is_never_asked_what_her_file_says(client, coordinator, scenario):
    client.force_login(coordinator)
    page = client.get(_url(scenario, f"participants/{scenario.alice.pk}/")).content.decode()
    assert 'name="sex"' not in page and 'name="labour_market_status"' not in page and 'name="last_name"' not in page
    assert 'name="minority"' in page  # the sensitive characteristics her file does not hold
    outside = client.get(_url(scenario, f"participants/{scenario.famille.pk}/")).content.decode()
    assert 'name="last_name"' in outside and 'name="sex"' in outside


def test_a_result_typed_later_replaces_the_history(coordinator, scenario):
    from fse import services
    from fse.selectors import indicator_table, participant_rows

    services.participant_save(
        actor=coordinator, operation=scenario.operation, participation=scenario.bruno, six_months_employed=False
    )
    table = indicator_table(participant_rows(scenario.operation), datetime.date(2025, 9, 1), datetime.date(2026, 3, 31))
    assert table.line("EECR05").counts["total"] == 1
