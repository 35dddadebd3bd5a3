"""Retention (Regulation (EU) 2021/1060, art. 82), on PostgreSQL: a file linked to an FSE+ operation keeps exactly
its FSE+ fields until 31 December of the year of the last payment + 5 years, then they are anonymised; everything
else follows the two-year rule (cohorts.retention). The Annex I counts are the same before, between and after."""

import datetime
from decimal import Decimal

import pytest

from cohorts.models import JobSeeker
from cohorts.retention import anonymise_due
from fse import services
from fse.models import Participant
from fse.retention import anonymise_expired
from fse.selectors import indicator_table, participant_rows
from partners.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

D = datetime.date


def _tables(operation):
    rows = participant_rows(operation, today=D(2026, 6, 1))
    return (
        indicator_table(rows, operation.period_start, operation.period_end).as_dict(),
        indicator_table(rows, D(2025, 9, 1), D(2026, 3, 31)).as_dict(),
    )


def test_fse_fields_outlive_the_file_then_are_anonymised_with_counts_unchanged(coordinator, scenario):
    operation = scenario.operation
    claim = services.claim_create(actor=coordinator, operation=operation, amount_claimed=Decimal("12000.00"))
    services.claim_record_payment(
        actor=coordinator, claim=claim, paid_on=D(2025, 12, 10), amount_received=Decimal("12000.00")
    )
    before = _tables(operation)
    alice = scenario.alice.job_seeker

    # Two years after the last contact, the files are anonymised (the nightly job, every territory)
    done = anonymise_due(on=D(2028, 6, 1))
    assert alice.pk in {pk for _, pk, _ in done}
    alice_file = JobSeeker.objects.get(pk=alice.pk)
    assert alice_file.anonymised_on is not None and alice_file.last_name != "Martin" and alice_file.phone == ""
    record = Participant.objects.get(participation=scenario.alice)
    # exactly the FSE+ fields are kept: identity for the audit, the Annex I entry data — nothing else of the file
    assert (record.last_name, record.first_name, record.birth_date) == ("Martin", "Alice", D(1990, 4, 2))
    assert (record.sex, record.labour_market_status, record.education_level) == (
        "F",
        "long_term_unemployed",
        "isced_0_2",
    )
    dan = Participant.objects.get(participation=scenario.dan)  # created by the hook: his counts survive too
    assert dan.age_at_entry == 17 and dan.last_name == "Petit"
    assert not {f.name for f in Participant._meta.fields} & {"address", "phone", "email", "commune"}
    assert _tables(operation) == before

    # Last payment 10 Dec 2025 → evidence kept until 31 Dec 2030
    assert anonymise_expired(on=D(2030, 12, 31)) == 0
    erased = anonymise_expired(on=D(2031, 1, 1))
    assert erased == Participant.objects.filter(operation=operation).count()
    record.refresh_from_db()
    assert (record.last_name, record.first_name, record.birth_date) == ("", "", None)
    assert record.identity_erased_on == D(2031, 1, 1) and record.age_at_entry == 34
    chloe = Participant.objects.get(participation=scenario.chloe)
    assert chloe.last_name == "" and chloe.age_at_entry == 57
    assert _tables(operation) == before
    assert AuditEntry.objects.filter(action="anonymise", object_id=str(record.pk)).exists()
    assert anonymise_expired(on=D(2031, 1, 2)) == 0  # idempotent


def test_without_a_payment_the_evidence_is_kept(scenario):
    anonymise_due(on=D(2028, 6, 1))
    assert anonymise_expired(on=D(2040, 1, 1)) == 0
    assert Participant.objects.get(participation=scenario.alice).last_name == "Martin"
