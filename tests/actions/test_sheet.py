import io
from decimal import Decimal

from pypdf import PdfReader

from actions.selectors import action_indicators
from tests.actions.factories import (
    CoFundingFactory,
    CommitmentFactory,
    JobSeekerFactory,
    ParticipationFactory,
    ParticipationOutcomeFactory,
)


def _data(action, envelope, territory):
    person = JobSeekerFactory(cohort__territory=territory, first_name="Zoé", last_name="Personnelle")
    ParticipationFactory(action=action, job_seeker=person, participant_label="", single_parent=True)
    ps = [
        ParticipationFactory(action=action, participant_label=f"Famille Pseudo {i}", single_parent=i == 0)
        for i in range(3)
    ]
    ParticipationOutcomeFactory(participation=ps[0])
    CommitmentFactory(envelope=envelope, action=action, amount=Decimal("3000.00"))
    CoFundingFactory(action=action, funder="FSE+", amount=Decimal("1000.00"))
    return person


def test_json_sheet_has_aggregates_and_no_personal_data(client, viewer, action, envelope, territory):
    person = _data(action, envelope, territory)
    client.force_login(viewer)
    response = client.get(f"/actions/{action.pk}/fiche.json")
    body = response.json()
    text = response.content.decode()
    # 4 participants, 2 of them single parents: every count is 1 to 4 (issue 11: the sheet printed them raw)
    assert action_indicators(action).participant_count == 4
    assert body["results"]["participant_count"] == "< 5"
    assert body["results"]["single_parent_count"] == "< 5"
    assert body["results"]["single_parent_rate"] is None  # with the count it would give it back
    assert body["results"]["outcomes"][0]["count"] == "< 5"
    assert body["budget"]["cost_per_participant"] is None  # total cost / cost per participant = participants
    assert "secret statistique" in body["results"]["secrecy"]
    assert body["budget"]["total_cost"] == "4000.00"
    assert {f["funder"]: f["share"] for f in body["budget"]["funders"]}["FSE+"] == "25.0"
    assert person.last_name not in text and "Famille Pseudo" not in text


def test_pdf_sheet_is_one_or_two_pages_with_the_same_figures(client, coordinator, action, envelope, territory):
    person = _data(action, envelope, territory)
    action.objectives = "Trouver une solution de garde pour reprendre un emploi."
    action.save()
    client.force_login(coordinator)
    response = client.get(f"/actions/{action.pk}/fiche.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Par'Emploi" in text or "Par’Emploi" in text
    assert "Trouver une solution de garde" in text
    assert "Garde d'enfants" in text or "Garde d’enfants" in text
    assert "50.0 %" not in text and "< 5" in text  # the sheet leaves the Cité: secrecy for every reader
    assert "4000.00" in text
    assert person.last_name not in text and "Famille Pseudo" not in text


def test_a_sheet_with_enough_participants_prints_its_figures(client, viewer, action, envelope, territory):
    for index in range(12):
        ParticipationFactory(action=action, participant_label=f"Famille {index}", single_parent=index < 6)
    client.force_login(viewer)
    body = client.get(f"/actions/{action.pk}/fiche.json").json()
    assert body["results"]["participant_count"] == 12
    assert body["results"]["single_parent_count"] == 6
    assert body["results"]["single_parent_rate"] == "50.0"
    assert body["results"]["secrecy"] is None
