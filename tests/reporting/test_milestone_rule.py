"""The situation counted at each milestone, checked against the rule written out in Python on random histories.

`reporting.metrics.cohort.outcome_figures` picks it in SQL (one correlated lookup per person and milestone, issue 13);
DEFINITIONS["milestones"] states the rule: the last situation recorded in the month up to the milestone, else the
first one recorded in the two months after it, never after the period's end.
"""

import datetime
import random
from collections import Counter

from cite_emploi.dates import add_months
from cohorts.dates import MILESTONE_WINDOW_AFTER, MILESTONE_WINDOW_BEFORE
from cohorts.enums import OutcomeClass, SituationKind, outcome_class_for
from reporting.metrics import Period
from reporting.metrics.cohort import outcome_figures, population
from tests.reporting.factories import CohortFactory, PersonFactory, SituationFactory

D = datetime.date


def _expected(people, situations, period):
    counts = {code: Counter() for code in ("entry", "six_months", "twelve_months", "six_months_after")}
    for person in people:
        exit_on = person.left_early_on or person.follow_up_end_date
        milestones = {
            "entry": (person.entry_date, True),
            "six_months": (add_months(person.entry_date, 6), add_months(person.entry_date, 6) < exit_on),
            "twelve_months": (exit_on, True),
            "six_months_after": (add_months(exit_on, 6), True),
        }
        mine = sorted((s.date, s.pk, s.situation) for s in situations if s.job_seeker_id == person.pk)
        mine = [s for s in mine if s[0] <= period.end]
        for code, (on, applies) in milestones.items():
            if not (applies and on <= period.end):
                continue
            counts[code]["reached"] += 1
            before = [s for s in mine if on - MILESTONE_WINDOW_BEFORE <= s[0] <= on]
            after = [s for s in mine if on < s[0] <= on + MILESTONE_WINDOW_AFTER]
            chosen = before[-1] if before else after[0] if after else None
            if chosen is not None:
                counts[code][str(outcome_class_for(chosen[2]))] += 1
    return counts


def test_the_milestone_situation_follows_the_written_rule_on_random_histories(territory):
    rng = random.Random(13)
    cohort = CohortFactory(territory=territory, year=2024, start_date=D(2024, 9, 1))
    people, situations = [], []
    kinds = list(SituationKind.values)
    for index in range(30):
        entry = D(2024, 9, 2) + datetime.timedelta(days=rng.randrange(0, 90))
        person = PersonFactory(cohort=cohort, entry_date=entry)
        if index % 7 == 3:  # some leave early: the 12-month milestone moves to the exit
            person.left_early_on, person.left_early_reason = entry + datetime.timedelta(days=150), "moved_away"
            person.save()
        people.append(person)
        dates = set()
        for _ in range(rng.randrange(0, 9)):  # situations around the milestones, sometimes two the same week
            anchor = rng.choice([0, 182, 365, 547])
            dates.add(entry + datetime.timedelta(days=max(0, anchor + rng.randrange(-40, 70))))
        for day in sorted(dates):
            situations.append(SituationFactory(job_seeker=person, date=day, situation=rng.choice(kinds)))
    for period in (Period(D(2025, 9, 1), D(2026, 4, 30)), Period(D(2024, 9, 1), D(2026, 11, 30))):
        figures = {item.code: item for item in outcome_figures(population(territory.pk, period), period)}
        counted = [  # DEFINITIONS["population"], without a cohort
            p
            for p in people
            if p.entry_date <= period.end and (p.left_early_on or p.follow_up_end_date) >= period.start
        ]
        expected = _expected(counted, situations, period)
        for code, item in figures.items():
            assert item.reached == expected[code]["reached"], code
            for outcome in OutcomeClass.values:
                assert getattr(item, outcome) == expected[code][outcome], (period, code, outcome)
