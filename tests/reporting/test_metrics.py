import datetime
from decimal import Decimal

import pytest

from cohorts.models import QPV, JobSeeker
from reporting.metrics import Period, compute_metrics
from tests.referrals.factories import ReferralFactory
from tests.reporting.conftest import PERIOD
from tests.reporting.factories import (
    ActionFactory,
    BarrierFactory,
    CohortFactory,
    CommitmentFactory,
    EnvelopeFactory,
    FollowUpFactory,
    ParticipationFactory,
    PersonFactory,
    SituationFactory,
)

pytestmark = pytest.mark.django_db


def test_cohort_figures_at_the_end_of_the_period(territory, cohort, scenario):
    metrics = compute_metrics(territory, PERIOD, cohort)
    figures = metrics.cohort
    assert figures.members == 12
    assert (figures.in_follow_up, figures.completed, figures.left_early) == (11, 0, 1)
    assert {row.code: row.count for row in figures.left_early_by_reason}["moved_away"] == 1
    assert {row.code: row.count for row in figures.left_early_by_reason}["gave_up"] == 0  # left after the period
    assert [(row.label, row.count) for row in figures.by_qpv] == [
        ("Belle-Beille", 7),
        ("Monplaisir", 3),
        ("Hors QPV (dérogation)", 2),
    ]
    assert {row.code: row.count for row in figures.by_sex} == {"F": 8, "M": 4, "X": 0}
    assert {row.code: row.count for row in figures.by_age_band} == {"under_26": 5, "26_49": 7, "50_plus": 0}


def test_barriers_in_the_state_they_were_at_the_end_of_the_period(territory, cohort, scenario):
    barriers = compute_metrics(territory, PERIOD, cohort).barriers
    assert [row.code for row in barriers.rows] == ["mobility"]  # the childcare barrier came after the period
    mobility = barriers.rows[0]
    assert (mobility.identified, mobility.in_progress, mobility.lifted, mobility.not_lifted) == (3, 1, 2, 0)
    assert mobility.lifted_in_period == 2
    assert barriers.lift_rate == Decimal("33.3")


def test_situations_at_milestones_and_sorties_dynamiques(territory, cohort, scenario):
    metrics = compute_metrics(territory, PERIOD, cohort)
    entry, six, twelve, after = metrics.outcomes
    assert (entry.reached, entry.autre, entry.dynamic) == (12, 12, 0)
    assert entry.dynamic_rate == Decimal("0.0")
    # only the two people entered in July reached 6 months; the CDI recorded after the period does not count
    assert (six.reached, six.emploi_durable, six.emploi_de_transition, six.sortie_positive) == (2, 1, 1, 0)
    assert six.dynamic == 2 and six.dynamic_rate == Decimal("100.0")
    # the person who left early on 1 February reached her "12 months" milestone (her exit), without a situation
    assert (twelve.reached, twelve.recorded, twelve.not_recorded) == (1, 0, 1)
    assert after.reached == 0


def test_six_months_follows_the_month_end_rule_of_the_cohorts_app(territory, cohort):
    """31 August + 6 months = 28 February (as `cite_emploi.dates.add_months`), on PostgreSQL and on SQLite."""
    person = PersonFactory(cohort=cohort, entry_date=datetime.date(2025, 8, 31))
    SituationFactory(job_seeker=person, date=datetime.date(2026, 1, 29), situation="siae")
    metrics = compute_metrics(territory, Period(datetime.date(2026, 1, 1), datetime.date(2026, 2, 28)), cohort)
    six = metrics.outcome("six_months")
    assert (six.reached, six.sortie_positive) == (1, 1)


def test_activity_by_partner_organisation(territory, cohort, scenario):
    activity = compute_metrics(territory, PERIOD, cohort).activity
    assert (activity.follow_ups, activity.people) == (3, 2)
    assert sum(row.follow_ups for row in activity.rows) == 3


def test_without_a_cohort_people_whose_follow_up_ended_before_the_period_are_left_out(territory, cohort, scenario):
    old = CohortFactory(territory=territory, year=2023, start_date=datetime.date(2023, 9, 1))
    PersonFactory(cohort=old, entry_date=datetime.date(2023, 9, 1))
    assert compute_metrics(territory, PERIOD).cohort.members == 12
    assert compute_metrics(territory, PERIOD, old).cohort.members == 1


def test_another_territory_is_never_counted(territory, other_territory, cohort, scenario):
    other_cohort = CohortFactory(territory=other_territory, year=2025, start_date=datetime.date(2025, 9, 1))
    PersonFactory(cohort=other_cohort)
    assert compute_metrics(territory, PERIOD).cohort.members == 12
    assert compute_metrics(other_territory, PERIOD).cohort.members == 1
    with pytest.raises(ValueError, match="La cohorte n'appartient pas au territoire"):
        compute_metrics(territory, PERIOD, other_cohort)


def test_actions_and_budget_come_from_the_actions_app(territory):
    action = ActionFactory(territory=territory, title="Par'Emploi", start_date=datetime.date(2025, 6, 1))
    ActionFactory(territory=territory, title="Terminée avant", start_date=datetime.date(2024, 1, 1),
                  end_date=datetime.date(2024, 6, 1), status="closed")  # fmt: skip
    for single_parent in (True, True, True, False):
        ParticipationFactory(action=action, single_parent=single_parent)
    envelope = EnvelopeFactory(territory=territory, year=2026)
    CommitmentFactory(envelope=envelope, action=action, amount=Decimal("60000.00"), category="childcare")
    CommitmentFactory(
        envelope=envelope,
        amount=Decimal("25000.00"),
        category="training",
        status="paid",
        paid_on=datetime.date(2026, 2, 10),
    )
    metrics = compute_metrics(territory, PERIOD)
    assert [item.title for item in metrics.actions] == ["Par'Emploi"]
    indicators = metrics.actions[0].indicators
    assert (indicators.participant_count, indicators.single_parent_rate) == (4, Decimal("75.0"))
    budget = metrics.budget
    assert (budget.amount, budget.committed, budget.paid, budget.remaining) == (
        Decimal("100000.00"), Decimal("85000.00"), Decimal("25000.00"), Decimal("15000.00")
    )  # fmt: skip
    assert budget.alert == "warning"
    assert {row.code: row.to_pay for row in budget.rows} == {
        "training": Decimal("0.00"),
        "childcare": Decimal("60000.00"),
    }


def _grow(territory, cohort, size):
    qpv = QPV.objects.filter(territory=territory).first()
    for _ in range(size):
        person = PersonFactory(cohort=cohort, qpv=qpv)
        SituationFactory(job_seeker=person)
        BarrierFactory(job_seeker=person)
        FollowUpFactory(job_seeker=person, date=datetime.date(2026, 1, 20))
    action = ActionFactory(territory=territory)
    ParticipationFactory(action=action)
    for person in JobSeeker.objects.filter(cohort=cohort)[:5]:
        ReferralFactory(job_seeker=person, sent_at=datetime.datetime(2026, 1, 21, 10, tzinfo=datetime.UTC))


def test_a_fixed_number_of_queries_whatever_the_data_size(territory, cohort, scenario, django_assert_num_queries):
    EnvelopeFactory(territory=territory, year=2026)
    # 11 for the figures of issues 7 and 13, + co-funding by funder (1), partner scorecard (6), open and closed
    # decisions (2) and running cohorts against their target (1): issue 11; referrals per partner (3) and the path into
    # the cohort with the schemes (2): issue 15
    with django_assert_num_queries(26, info="metrics: a fixed number of aggregates, whatever the volume") as small:
        compute_metrics(territory, PERIOD, cohort)
    _grow(territory, cohort, 25)
    with django_assert_num_queries(len(small.captured_queries)):
        compute_metrics(territory, PERIOD, cohort)
