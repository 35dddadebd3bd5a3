import datetime

import pytest

from reporting.metrics import Period
from tests.reporting.factories import (
    BarrierFactory,
    CohortFactory,
    FollowUpFactory,
    PersonFactory,
    QPVFactory,
    SituationFactory,
)

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 2, 28))


@pytest.fixture
def cohort(territory):
    return CohortFactory(territory=territory, year=2025, start_date=datetime.date(2025, 9, 1))


@pytest.fixture
def scenario(territory, cohort):
    """12 people in two QPVs: 7 at Belle-Beille, 3 at Monplaisir (a "< 5" cell), 2 outside any QPV (dérogation).

    Entered on 1 September 2025: the 6-month milestone (1 March 2026) is not reached by 28 February, except for the
    two people entered on 15 July 2025 (6 months on 15 January 2026).
    """
    belle_beille = QPVFactory(territory=territory, name="Belle-Beille")
    monplaisir = QPVFactory(territory=territory, name="Monplaisir")
    people = []
    for index in range(12):
        qpv = belle_beille if index < 7 else monplaisir if index < 10 else None
        people.append(
            PersonFactory(
                cohort=cohort,
                qpv=qpv,
                qpv_exception_reason="" if qpv else "Relogée hors QPV",
                sex="F" if index % 3 else "M",
                birth_date=datetime.date(2003, 5, 1) if index < 5 else datetime.date(1980, 5, 1),
                entry_date=datetime.date(2025, 7, 15) if index >= 10 else datetime.date(2025, 9, 1),
            )
        )
    # one early exit during the period (moved away), one after it (not counted at the end of the period)
    people[0].left_early_on, people[0].left_early_reason = datetime.date(2026, 2, 1), "moved_away"
    people[0].save()
    people[1].left_early_on, people[1].left_early_reason = datetime.date(2026, 3, 15), "gave_up"
    people[1].save()
    # situations: everyone job seeking at entry; at 6 months, one CDI (durable) and one short CDD (transition)
    for person in people:
        SituationFactory(job_seeker=person, date=person.entry_date, situation="job_seeking")
    SituationFactory(job_seeker=people[10], date=datetime.date(2026, 1, 20), situation="cdi")
    SituationFactory(
        job_seeker=people[11],
        date=datetime.date(2026, 1, 10),
        situation="cdd",
        contract_start=datetime.date(2026, 1, 10),
        contract_end=datetime.date(2026, 4, 9),  # 3 months: under 6 months
    )
    SituationFactory(job_seeker=people[11], date=datetime.date(2026, 3, 20), situation="cdi")  # after the period
    # barriers: 6 mobility (2 lifted in the period, 1 in progress), 1 childcare identified after the period
    for index in range(6):
        barrier = BarrierFactory(
            job_seeker=people[index], category="mobility", identified_on=datetime.date(2025, 9, 10)
        )
        if index < 2:
            barrier.status, barrier.lifted_on, barrier.closed_on = (
                "lifted",
                datetime.date(2026, 1, 15),
                datetime.date(2026, 1, 15),
            )
            barrier.save()
        elif index == 2:
            barrier.status, barrier.started_on = "in_progress", datetime.date(2025, 12, 1)
            barrier.save()
    BarrierFactory(job_seeker=people[6], category="childcare", identified_on=datetime.date(2026, 3, 2))
    # follow-ups: 3 in the period for 2 people, 1 before
    FollowUpFactory(job_seeker=people[2], date=datetime.date(2026, 1, 5))
    FollowUpFactory(job_seeker=people[2], date=datetime.date(2026, 2, 5))
    FollowUpFactory(job_seeker=people[3], date=datetime.date(2026, 2, 6))
    FollowUpFactory(job_seeker=people[3], date=datetime.date(2025, 11, 6))
    return people
