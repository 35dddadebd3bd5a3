"""The envelope can never be over-committed: services under a row lock, a database trigger, concurrent writers."""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, close_old_connections, connection, transaction

from actions import services
from actions.exceptions import EnvelopeOverCommitted
from actions.models import Commitment
from actions.selectors import budget_by_action, budget_by_category, envelope_for_year, gauge
from partners.models import AuditEntry
from tests.actions.factories import ActionFactory, CommitmentFactory, EnvelopeFactory


def _commit(actor, envelope, amount, **extra):
    return services.commitment_create(
        actor=actor, envelope=envelope, category="training", label="Formation", amount=Decimal(amount), **extra
    )


def test_a_commitment_within_the_envelope_is_recorded_and_audited(coordinator, envelope):
    commitment = _commit(coordinator, envelope, "2500.00")
    assert commitment.status == "committed"
    assert commitment.created_by == coordinator
    entry = AuditEntry.objects.get(object_id=str(commitment.pk), action="create")
    assert entry.actor == coordinator


def test_a_commitment_past_the_remainder_is_refused_with_what_remains(coordinator, envelope):
    CommitmentFactory(envelope=envelope, amount=Decimal("99000.00"))
    with pytest.raises(EnvelopeOverCommitted) as refused:
        _commit(coordinator, envelope, "1500.00")
    assert refused.value.remaining == Decimal("1000.00")
    assert "il reste 1\u202f000,00\u00a0€ à engager" in refused.value.message
    assert "1\u202f500,00\u00a0€" in refused.value.message
    _commit(coordinator, envelope, "1000.00")  # exactly the remainder fits


def test_cancelled_commitments_free_their_amount_and_reactivating_checks_again(coordinator, envelope):
    first = _commit(coordinator, envelope, "60000.00")
    services.commitment_cancel(actor=coordinator, commitment=first)
    _commit(coordinator, envelope, "50000.00")
    with pytest.raises(EnvelopeOverCommitted):
        services.commitment_reactivate(actor=coordinator, commitment=first)
    first.refresh_from_db()
    assert first.status == "cancelled"


def test_raising_an_amount_is_checked_too(coordinator, envelope):
    a = _commit(coordinator, envelope, "50000.00")
    _commit(coordinator, envelope, "40000.00")
    with pytest.raises(EnvelopeOverCommitted):
        services.commitment_update(actor=coordinator, commitment=a, amount=Decimal("60000.01"))
    services.commitment_update(actor=coordinator, commitment=a, amount=Decimal("60000.00"))


def test_the_envelope_cannot_shrink_below_its_commitments(coordinator, envelope):
    _commit(coordinator, envelope, "70000.00")
    with pytest.raises(ValidationError):
        services.envelope_update(actor=coordinator, envelope=envelope, amount=Decimal("60000.00"))


def test_lifecycle_committed_to_paid_or_cancelled_only(coordinator, envelope):
    commitment = _commit(coordinator, envelope, "100.00")
    paid = services.commitment_pay(actor=coordinator, commitment=commitment)
    assert paid.status == "paid" and paid.paid_on is not None
    with pytest.raises(ValidationError):
        services.commitment_cancel(actor=coordinator, commitment=paid)


def test_another_territory_envelope_is_refused(other_coordinator, envelope):
    with pytest.raises(PermissionDenied):
        _commit(other_coordinator, envelope, "10.00")


def test_totals_by_category_and_action_and_gauge(coordinator, envelope, territory):
    action = ActionFactory(territory=territory, title="Mobilité")
    CommitmentFactory(envelope=envelope, category="mobility", action=action, amount=Decimal("30000.00"))
    CommitmentFactory(
        envelope=envelope, category="mobility", amount=Decimal("20000.00"), status="paid", paid_on="2026-04-01"
    )
    CommitmentFactory(envelope=envelope, category="coordination", amount=Decimal("35000.00"))
    CommitmentFactory(envelope=envelope, category="training", amount=Decimal("9000.00"), status="cancelled")
    env = envelope_for_year(coordinator, 2026)
    assert (env.committed, env.paid) == (Decimal("85000.00"), Decimal("20000.00"))
    g = gauge(env)
    assert g.remaining == Decimal("15000.00")
    assert g.committed_pct == Decimal("85.0") and g.level == "warning"
    by_category = {line.key: (line.committed, line.paid) for line in budget_by_category(env)}
    assert by_category == {
        "mobility": (Decimal("50000.00"), Decimal("20000.00")),
        "coordination": (Decimal("35000.00"), Decimal("0.00")),
    }
    by_action = {line.key: line.committed for line in budget_by_action(env)}
    assert by_action == {action.pk: Decimal("30000.00"), None: Decimal("55000.00")}


@pytest.mark.postgres
def test_the_database_refuses_an_over_commitment_that_bypasses_the_services(envelope):
    CommitmentFactory(envelope=envelope, amount=Decimal("90000.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(envelope=envelope, amount=Decimal("10000.01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        type(envelope).objects.filter(pk=envelope.pk).update(amount=Decimal("80000.00"))


def _in_thread(target, results, index):
    try:
        results[index] = target()
    except Exception as exc:  # noqa: BLE001 — the test inspects what each writer got
        results[index] = exc
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_commitments_exceeding_the_remainder_exactly_one_succeeds(coordinator, territory):
    envelope = EnvelopeFactory(territory=territory, year=2026, amount=Decimal("100000.00"))
    CommitmentFactory(envelope=envelope, amount=Decimal("94000.00"))  # 6 000 € remain
    start = threading.Barrier(2, timeout=10)

    def commit():
        close_old_connections()
        start.wait()  # both writers start at the same moment, each on its own connection
        return _commit(coordinator, envelope, "4000.00")

    results = [None, None]
    threads = [threading.Thread(target=_in_thread, args=(commit, results, i)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    successes = [r for r in results if isinstance(r, Commitment)]
    refusals = [r for r in results if isinstance(r, EnvelopeOverCommitted)]
    assert len(successes) == 1, results
    assert len(refusals) == 1, results
    assert refusals[0].remaining == Decimal("2000.00")
    assert Commitment.objects.filter(envelope=envelope).exclude(status="cancelled").count() == 2
    assert envelope_for_year(coordinator, 2026).committed == Decimal("98000.00")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_second_writer_waits_for_the_first_lock_and_sees_its_amount(coordinator, territory):
    """Deterministic interleaving: the first writer has inserted but not committed when the second one starts."""
    envelope = EnvelopeFactory(territory=territory, year=2026, amount=Decimal("10000.00"))
    inserted = threading.Event()

    def first():
        close_old_connections()
        with transaction.atomic():
            created = _commit(coordinator, envelope, "7000.00")
            inserted.set()
            time.sleep(0.5)  # holds the envelope lock, uncommitted
        return created

    def second():
        close_old_connections()
        assert inserted.wait(timeout=10)
        return _commit(coordinator, envelope, "7000.00")

    results = [None, None]
    threads = [
        threading.Thread(target=_in_thread, args=(first, results, 0)),
        threading.Thread(target=_in_thread, args=(second, results, 1)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert isinstance(results[0], Commitment), results
    assert isinstance(results[1], EnvelopeOverCommitted), results
    assert results[1].remaining == Decimal("3000.00")


def test_the_envelope_alert_is_one_rule_for_the_budget_page_and_the_dashboard(client, coordinator, envelope):
    """80 % and 100 % are written once (actions.gauge): both pages print the same alert."""
    from actions.gauge import alert_level

    assert [alert_level(Decimal(x)) for x in ("79.9", "80.0", "99.9", "100.0")] == ["ok", "warning", "warning", "full"]
    CommitmentFactory(envelope=envelope, category="mobility", amount=Decimal("85000.00"))
    client.force_login(coordinator)
    alert = "engagée à 85,0\u202f% (seuil d'alerte : 80 %) : il reste 15\u202f000,00\u00a0€"
    assert alert in client.get(f"/budget/{envelope.year}/").content.decode()
    assert (
        alert
        in client.get(
            f"/pilotage/?period_start={envelope.year}-01-01&period_end={envelope.year}-12-31"
        ).content.decode()
    )
