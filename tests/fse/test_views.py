"""The FSE+ pages: bounded queries whatever the number of participants; bad input keeps what was typed; the action
page links to its operation; the money adds up (cost plan, flat rate, claims, cash)."""

import datetime
from decimal import Decimal

import pytest

from actions.models import CoFunding
from fse import services
from fse.selectors import operation_finance
from tests.actions.factories import JobSeekerFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def _grow(scenario, n):
    for i in range(n):
        person = JobSeekerFactory(cohort=scenario.alice.job_seeker.cohort, last_name=f"Nom{i}", sex="M")
        ParticipationFactory(
            action=scenario.action, job_seeker=person, participant_label="", enrolled_on=datetime.date(2025, 3, 1)
        )


@pytest.mark.parametrize("n", [0, 15])
def test_pages_run_in_bounded_queries(client, coordinator, scenario, n, django_assert_max_num_queries):
    _grow(scenario, n)
    client.force_login(coordinator)
    base = f"/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/"
    for path, budget in (("", 40), ("participants/", 25), ("completude/", 25), ("participants.csv", 25)):
        with django_assert_max_num_queries(budget, info=f"{path or 'opération'} : lire les participants en 2 requêtes"):
            assert client.get(base + path).status_code == 200


def test_the_action_page_links_to_its_operation(client, coordinator, scenario):
    client.force_login(coordinator)
    page = client.get(f"/actions/{scenario.action.pk}/").content.decode()
    assert f'href="/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/"' in page


def test_the_money_adds_up_and_other_funders_stay(client, coordinator, scenario):
    operation = scenario.operation
    CoFunding.objects.create(action=scenario.action, funder="CAF de Maine-et-Loire", amount=Decimal("6000.00"))
    services.cost_line_add(
        actor=coordinator, operation=operation, category="direct_staff", label="Conseillère", amount=Decimal("20000")
    )
    services.flat_rate_set(actor=coordinator, operation=operation, covers="indirect", base="direct_staff", rate=15)
    services.expense_add(
        actor=coordinator,
        operation=operation,
        category="direct_staff",
        label="Salaires",
        amount=Decimal("10000"),
        incurred_on=datetime.date(2025, 6, 30),
    )
    claim = services.claim_create(actor=coordinator, operation=operation, amount_claimed=Decimal("6900.00"))
    services.claim_record_payment(
        actor=coordinator, claim=claim, paid_on=datetime.date(2025, 9, 1), amount_received=Decimal("6900.00")
    )
    finance = operation_finance(operation)
    assert finance.eligible_cost == Decimal("23000.00")  # 20 000 + 15 % flat rate
    assert finance.declared_cost == Decimal("11500.00")
    assert finance.fse_on_declared == Decimal("6900.00")  # 60 %
    assert (finance.received, finance.remaining) == (Decimal("6900.00"), Decimal("17100.00"))
    assert finance.evidence_until == datetime.date(2030, 12, 31)
    # the operation's FSE+ line is the action's « FSE+ » co-funding; the CAF's is untouched
    funders = dict(CoFunding.objects.filter(action=scenario.action).values_list("funder", "amount"))
    assert funders == {"FSE+": Decimal("24000.00"), "CAF de Maine-et-Loire": Decimal("6000.00")}
    # a real expense in a category paid at a flat rate is refused, with a French message, nothing lost
    client.force_login(coordinator)
    base = f"/actions/{scenario.action.pk}/fse/{operation.pk}/"
    response = client.post(
        base + "financement/depense/",
        {
            "depense-category": "indirect",
            "depense-label": "Loyer",
            "depense-amount": "500",
            "depense-incurred_on": "2025-07-01",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "taux forfaitaire" in text and 'value="Loyer"' in text
    # received only once a claim is paid
    services.operation_update(
        actor=coordinator,
        operation=operation,
        programmed_on=datetime.date(2025, 1, 10),
        amount_programmed=Decimal("24000"),
    )
    services.operation_transition(actor=coordinator, operation=operation, to_status="received")
    operation.refresh_from_db()
    assert operation.status == "received"
