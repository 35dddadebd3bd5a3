"""A pack rebuilt later gives the same figures, for every section (issue 11): rows dated after the period's end —
situations, barriers, follow-ups, people, participations, outcomes, commitments, payments, co-funding, decisions,
attendance, teams — change nothing."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from actions.models import Action
from cohorts.models import Barrier
from partners.models import Decision
from reporting.pack import TEMPLATE, pack_context
from tests.actions.factories import CoFundingFactory, ParticipationOutcomeFactory
from tests.cohorts.factories import TeamMemberFactory
from tests.partners.factories import AttendeeFactory, DecisionFactory
from tests.reporting.conftest import PERIOD
from tests.reporting.factories import (
    ActionFactory,
    CommitmentFactory,
    EnvelopeFactory,
    FollowUpFactory,
    MeetingFactory,
    MeetingPackFactory,
    ParticipationFactory,
    PersonFactory,
    SituationFactory,
)

pytestmark = pytest.mark.django_db
AFTER = PERIOD.end + datetime.timedelta(days=3)


@pytest.fixture
def pack(territory, cohort, scenario, coordinator):
    envelope = EnvelopeFactory(territory=territory, year=2026, amount=Decimal("100000.00"))
    action = ActionFactory(
        territory=territory, start_date=datetime.date(2025, 10, 1), outcome_types=[("garde", "Garde")]
    )
    for index in range(7):
        ParticipationFactory(action=action, enrolled_on=datetime.date(2026, 1, 10), single_parent=index < 5)
    CommitmentFactory(
        envelope=envelope, action=action, amount=Decimal("8000.00"), committed_on=datetime.date(2026, 1, 5)
    )
    CoFundingFactory(
        action=action,
        funder="FSE+",
        amount=Decimal("2000.00"),
        created_at=datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC),
    )
    meeting = MeetingFactory(territory=territory, date=datetime.date(2026, 1, 13))
    AttendeeFactory(meeting=meeting, organisation=coordinator.organisation, status="present")
    DecisionFactory(meeting=meeting, owner=coordinator, due_date=datetime.date(2026, 2, 15), text="Bilan de la garde")
    return MeetingPackFactory(territory=territory, period_start=PERIOD.start, period_end=PERIOD.end, cohort=cohort)


def _add_rows_after_the_period(pack, scenario, coordinator):
    """Everything a coordinator records after the period's end, in every section of the pack."""
    person = scenario[4]
    SituationFactory(job_seeker=scenario[10], date=AFTER, situation="cdi")
    SituationFactory(job_seeker=person, date=AFTER, situation="qualifying_training")
    barrier = Barrier.objects.filter(status="identified").first()
    barrier.status, barrier.lifted_on, barrier.closed_on = "lifted", AFTER, AFTER
    barrier.save()
    FollowUpFactory(job_seeker=person, date=AFTER)
    PersonFactory(cohort=pack.cohort, entry_date=AFTER, qpv=scenario[0].qpv)
    TeamMemberFactory(job_seeker=person, organisation=coordinator.organisation, started_on=AFTER)
    action = Action.objects.get(territory=pack.territory)
    for _ in range(3):
        ParticipationFactory(action=action, enrolled_on=AFTER, single_parent=True)
    ParticipationOutcomeFactory(participation=action.participations.first(), achieved_on=AFTER)
    commitment = action.commitments.get()
    commitment.status, commitment.paid_on = "paid", AFTER  # paid after the end: not paid at the end
    commitment.save()
    CommitmentFactory(envelope=commitment.envelope, action=action, amount=Decimal("5000.00"), committed_on=AFTER)
    CoFundingFactory(action=action, funder="CAF", amount=Decimal("3000.00"))  # recorded today, after the period
    decision = Decision.objects.get()
    decision.status, decision.status_changed_on = "done", AFTER
    decision.save()
    later = MeetingFactory(territory=pack.territory, date=AFTER)
    AttendeeFactory(meeting=later, organisation=coordinator.organisation, status="present")
    DecisionFactory(meeting=later, owner=coordinator, text="Décision prise après la période")


def test_a_pack_rebuilt_after_new_rows_prints_the_same_figures(pack, scenario, coordinator):
    before = pack_context(pack)
    html_before = render_to_string(TEMPLATE, before)
    assert "Bilan de la garde" in html_before and "8\u202f000,00" in html_before  # the sections are there

    _add_rows_after_the_period(pack, scenario, coordinator)

    after = pack_context(pack)
    for key, table in before["tables"].items():
        assert after["tables"][key] == table, f"the table « {table.caption} » changed"
    assert after["summary"] == before["summary"]
    assert render_to_string(TEMPLATE, after) == html_before
    assert "Décision prise après la période" not in html_before
