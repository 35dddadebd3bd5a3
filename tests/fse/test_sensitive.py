"""The sensitive characteristics (disability, origin, minority, housing, rural area) never reach a viewer or an
advisor without the right: per person only for the referent organisation and the coordinator; aggregates (under
statistical secrecy) for everyone else."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied

from fse import services
from tests.cohorts.factories import TeamMemberFactory

pytestmark = pytest.mark.django_db

SENSITIVE_KEYS = ("disability", "third_country_national", "foreign_background", "minority", "homeless", "rural_area")


@pytest.fixture
def team_advisor(scenario):
    """An advisor of Alice's follow-up team: she sees Alice, not her health data."""
    TeamMemberFactory(job_seeker=scenario.alice.job_seeker, organisation=scenario.other_advisor.organisation)
    return scenario.other_advisor


def _participants_api(api_as, user, scenario):
    return api_as(user).get(f"/api/v1/fse-operations/{scenario.operation.pk}/participants/")


def test_the_referent_organisation_and_the_coordinator_read_them(api_as, coordinator, scenario):
    for user in (coordinator, scenario.referent):
        rows = {r["participation"]: r for r in _participants_api(api_as, user, scenario).json()["results"]}
        assert rows[scenario.alice.pk]["third_country_national"] == "yes"
        assert rows[scenario.alice.pk]["minority"] == "refused"


def test_an_advisor_of_the_team_sees_the_person_but_not_her_sensitive_data(client, api_as, team_advisor, scenario):
    response = _participants_api(api_as, team_advisor, scenario)
    rows = {r["participation"]: r for r in response.json()["results"]}
    assert set(rows) == {scenario.alice.pk}
    assert not set(SENSITIVE_KEYS) & set(rows[scenario.alice.pk])
    assert "sensitive" not in " ".join(rows[scenario.alice.pk]["missing"])

    client.force_login(team_advisor)
    base = f"/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/"
    lines = list(
        csv.reader(io.StringIO(client.get(base + "participants.csv").content.decode("utf-8-sig")), delimiter=";")
    )
    alice = dict(zip(lines[0], lines[1], strict=True))
    assert {alice[code] for code in ("EECO12", "EECO13", "EECO14", "EECO15", "EECO16", "EECO17")} == {"non communiqué"}
    form = client.get(base + f"participants/{scenario.alice.pk}/").content.decode()
    assert 'name="minority"' not in form and 'name="third_country_national"' not in form
    assert "Ne souhaite pas répondre" not in form


def test_the_services_refuse_a_sensitive_write_without_the_right(team_advisor, scenario):
    with pytest.raises(PermissionDenied):
        services.participant_save(
            actor=team_advisor, operation=scenario.operation, participation=scenario.alice, minority="yes"
        )


def test_aggregates_only_under_secrecy_for_advisors_and_viewers(api_as, team_advisor, viewer, coordinator, scenario):
    url = f"/api/v1/fse-operations/{scenario.operation.pk}/indicators/"
    exact = {i["code"]: i["total"] for i in api_as(coordinator).get(url).json()["indicators"]}
    assert exact["EECO13"] == 1
    for user in (team_advisor, viewer):
        body = api_as(user).get(url).json()
        counts = {i["code"]: i["total"] for i in body["indicators"]}
        assert counts["EECO13"] == "< 5" and counts["EECO12"] == "< 5"
        assert body["masked"] is True


def test_a_viewer_gets_no_participant_at_all(client, api_as, viewer, scenario):
    assert _participants_api(api_as, viewer, scenario).status_code == 403
    client.force_login(viewer)
    base = f"/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/"
    for path in ("participants/", "participants.csv", "completude/", f"participants/{scenario.alice.pk}/"):
        assert client.get(base + path).status_code == 403, path
    page = client.get(base).content.decode()
    assert "Martin" not in page and "Garnier" not in page
    assert client.get(base + "indicateurs.csv").status_code == 200


def test_the_complete_file_of_a_person_holds_her_fse_record(client, coordinator, scenario):
    """Right of access (art. 15): the coordinator's complete file shows the FSE+ data too."""
    client.force_login(coordinator)
    url = f"/cohorte/personnes/{scenario.alice.job_seeker.pk}/droits/dossier.json"
    data = client.get(url).json()
    (record,) = data["fse_plus"]
    assert record["operation"] == "Opération FSE+ n° 202500042"
    assert record["minority"] == "Ne souhaite pas répondre" and record["six_months_employed"] is True
