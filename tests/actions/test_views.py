import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from actions.models import Action, Commitment
from partners.models import AuditEntry
from tests.actions.factories import (
    ActionFactory,
    CoFundingFactory,
    CommitmentFactory,
    EnvelopeFactory,
    JobSeekerFactory,
    ParticipationFactory,
    ParticipationOutcomeFactory,
)
from tests.factories import UserFactory


def _populate(territory, envelope, n):
    for i in range(n):
        action = ActionFactory(territory=territory, outcome_types=[("a", "A"), ("b", "B")])
        for _ in range(2):
            ParticipationOutcomeFactory(participation=ParticipationFactory(action=action, single_parent=i % 2 == 0))
        ParticipationFactory(
            action=action, job_seeker=JobSeekerFactory(cohort__territory=territory), participant_label=""
        )
        CommitmentFactory(envelope=envelope, action=action, amount=Decimal("100.00"))
        CoFundingFactory(action=action)
    return action


@pytest.mark.parametrize("n", [2, 12])
def test_list_detail_and_budget_pages_run_in_bounded_queries(
    client, coordinator, territory, envelope, n, django_assert_max_num_queries
):
    action = _populate(territory, envelope, n)
    client.force_login(coordinator)
    with django_assert_max_num_queries(9, info="Le catalogue ne doit pas calculer les indicateurs action par action."):
        assert client.get("/actions/").status_code == 200
    with django_assert_max_num_queries(16, info="La page d'une action doit précharger participants et résultats."):
        assert client.get(f"/actions/{action.pk}/").status_code == 200
    with django_assert_max_num_queries(10, info="La page budget agrège en SQL, sans requête par engagement."):
        assert client.get("/budget/2026/").status_code == 200


def test_action_page_shows_the_selector_figures(client, coordinator, action, envelope):
    ps = [ParticipationFactory(action=action, single_parent=i < 3) for i in range(4)]
    ParticipationOutcomeFactory(participation=ps[0])
    CommitmentFactory(envelope=envelope, action=action, amount=Decimal("2000.00"))
    client.force_login(coordinator)
    html = client.get(f"/actions/{action.pk}/").content.decode()
    assert 'data-indicator="participant_count">4' in html
    assert "3 (75,0\u202f%)" in html
    assert "2\u202f000,00\u00a0€" in html
    assert 'data-outcome="temporary_childcare">1<' in html
    assert ps[1].participant_label in html


def test_viewer_gets_the_catalogue_and_indicators_but_no_participant_nor_budget(client, viewer, action, envelope):
    participation = ParticipationFactory(action=action, participant_label="Famille Secrète")
    client.force_login(viewer)
    assert client.get("/actions/").status_code == 200
    html = client.get(f"/actions/{action.pk}/").content.decode()
    assert "Indicateurs" in html
    assert participation.participant_label not in html
    assert "Engagements sur l'enveloppe" not in html
    assert client.get("/budget/").status_code == 403
    assert client.get(f"/actions/{action.pk}/inscrire/").status_code == 403
    assert client.get("/budget/2026/engagements.csv").status_code == 403


def test_advisor_sees_only_the_participants_she_may_see(client, territory, action):
    advisor = UserFactory(advisor=True, organisation__territory=territory)
    mine = JobSeekerFactory(cohort__territory=territory, referent_organisation=advisor.organisation)
    theirs = JobSeekerFactory(cohort__territory=territory)
    ParticipationFactory(action=action, job_seeker=mine, participant_label="")
    ParticipationFactory(action=action, job_seeker=theirs, participant_label="")
    client.force_login(advisor)
    html = client.get(f"/actions/{action.pk}/").content.decode()
    assert mine.full_name in html
    assert theirs.full_name not in html
    assert client.get("/actions/nouvelle/").status_code == 403


def test_other_territory_gets_404(client, other_coordinator, action):
    client.force_login(other_coordinator)
    assert client.get(f"/actions/{action.pk}/").status_code == 404
    assert client.get(f"/actions/{action.pk}/fiche.pdf").status_code == 404


def test_create_action_from_the_form_keeps_input_on_error(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/actions/nouvelle/",
        {
            "title": "Mobilité",
            "start_date": "2026-04-01",
            "end_date": "2026-01-01",
            "lead_organisation": coordinator.organisation_id,
        },
    )
    assert response.status_code == 200
    assert "La date de fin ne peut pas précéder la date de début." in response.content.decode()
    assert 'value="Mobilité"' in response.content.decode()
    response = client.post(
        "/actions/nouvelle/",
        {
            "title": "Mobilité",
            "start_date": "2026-04-01",
            "lead_organisation": coordinator.organisation_id,
            "barrier_categories": ["mobility"],
            "outcome_types_text": "Permis obtenu\nEmploi",
        },
    )
    action = Action.objects.get(title="Mobilité")
    assert response.status_code == 302
    assert [ot.code for ot in action.outcome_types.all()] == ["permis_obtenu", "emploi"]


def test_budget_page_commits_refuses_over_commitment_and_alerts(client, coordinator, envelope):
    CommitmentFactory(envelope=envelope, amount=Decimal("79000.00"))
    client.force_login(coordinator)
    html = client.get("/budget/2026/").content.decode()
    assert "Attention" not in html
    response = client.post(
        "/budget/2026/engagements/",
        {"label": "Visites", "category": "company_visits", "amount": "2000", "committed_on": "2026-05-01"},
    )
    assert response.status_code == 302
    html = client.get("/budget/2026/").content.decode()
    assert "81,0\u202f%" in html and "seuil d'alerte" in html
    response = client.post(
        "/budget/2026/engagements/",
        {"label": "Trop", "category": "other", "amount": "19000.01", "committed_on": "2026-05-02"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "il reste 19\u202f000,00\u00a0€ à engager" in html
    assert 'value="Trop"' in html
    assert Commitment.objects.count() == 2


def test_export_csv_and_xlsx_are_audited(client, coordinator, envelope, action):
    CommitmentFactory(envelope=envelope, action=action, label="Crèche solidaire", amount=Decimal("1234.50"))
    client.force_login(coordinator)
    csv_response = client.get("/budget/2026/engagements.csv")
    text = csv_response.content.decode("utf-8-sig")
    assert "Crèche solidaire;Garde d'enfants;Par'Emploi;1234,50" in text
    xlsx = client.get("/budget/2026/engagements.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["B2"].value == "Crèche solidaire"
    assert sheet["E2"].value == 1234.5
    assert AuditEntry.objects.filter(action="export", actor=coordinator).count() == 2
    assert client.get("/budget/2026/engagements.pdf").status_code == 404


def test_viewer_reads_small_counts_as_less_than_five(client, territory):
    """Statistical secrecy (DOMAIN.md): a viewer never reads a count from 1 to 4 in a breakdown."""
    from tests.actions.factories import ActionFactory, ParticipationFactory, ParticipationOutcomeFactory
    from tests.factories import UserFactory

    action = ActionFactory(territory=territory, outcome_types=[("garde", "Solution de garde")])
    for _ in range(2):
        ParticipationOutcomeFactory(participation=ParticipationFactory(action=action))
    viewer = UserFactory(role="viewer", organisation__territory=territory, organisation__kind="prefecture")
    client.force_login(viewer)
    html = client.get(f"/actions/{action.pk}/").content.decode()
    assert 'data-outcome="garde">&lt; 5<' in html
    coordinator = UserFactory(role="coordinator", organisation__territory=territory)
    client.force_login(coordinator)
    assert 'data-outcome="garde">2<' in client.get(f"/actions/{action.pk}/").content.decode()


@pytest.mark.parametrize(("move", "status"), [("pay", "paid"), ("cancel", "cancelled")])
def test_a_commitment_without_author_is_paid_or_cancelled(client, coordinator, territory, move, status):
    """Seeded or imported commitments have no author: their buttons must work all the same."""
    envelope = EnvelopeFactory(territory=territory, year=2026)
    commitment = CommitmentFactory(envelope=envelope, created_by=None, committed_on=datetime.date(2026, 1, 5))
    client.force_login(coordinator)
    response = client.post(f"/budget/engagements/{commitment.pk}/", {"move": move}, follow=True)
    assert "ne peut pas être vide" not in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).status == status


def test_a_payment_date_can_be_chosen_and_cancelling_asks_first(client, coordinator, territory):
    envelope = EnvelopeFactory(territory=territory, year=2026)
    commitment = CommitmentFactory(envelope=envelope, committed_on=datetime.date(2026, 1, 5))
    client.force_login(coordinator)
    html = client.get("/budget/2026/").content.decode()
    assert f'id="paid-on-{commitment.pk}"' in html
    assert 'data-confirm="Annuler l&#x27;engagement' in html or "data-confirm=\"Annuler l'engagement" in html
    client.post(f"/budget/engagements/{commitment.pk}/", {"move": "pay", "paid_on": "2026-03-14"})
    commitment.refresh_from_db()
    assert (commitment.status, commitment.paid_on) == ("paid", datetime.date(2026, 3, 14))


def test_the_commitments_xlsx_has_real_dates_and_filters(client, coordinator, territory):
    envelope = EnvelopeFactory(territory=territory, year=2026)
    CommitmentFactory(envelope=envelope, committed_on=datetime.date(2026, 1, 5))
    client.force_login(coordinator)
    sheet = load_workbook(io.BytesIO(client.get("/budget/2026/engagements.xlsx").content)).active
    assert sheet.auto_filter.ref
    assert sheet["A2"].value.date() == datetime.date(2026, 1, 5) and sheet["A2"].number_format == "DD/MM/YYYY"
    assert sheet["E2"].number_format == "#,##0.00"


def test_the_action_list_sorts_by_column(client, coordinator, territory):
    ActionFactory(territory=territory, title="Mobilité solidaire")
    ActionFactory(territory=territory, title="Atelier CV")
    ActionFactory(territory=territory, title="Égalité femmes-hommes")
    client.force_login(coordinator)
    html = client.get("/actions/?tri=titre").content.decode()
    assert html.index("Atelier CV") < html.index("Égalité femmes-hommes") < html.index("Mobilité solidaire")
    assert 'aria-sort="ascending"' in html and "tri=-titre" in html
    reverse = client.get("/actions/?tri=-titre").content.decode()
    assert reverse.index("Mobilité solidaire") < reverse.index("Atelier CV")
