import datetime

import pytest
from django.core.exceptions import ValidationError

from cite_emploi.dates import add_months
from cite_emploi.text import normalise
from cohorts.dates import follow_up_end_date
from cohorts.enums import JobSeekerStatus, Milestone, OutcomeClass, SituationKind, outcome_class_for
from cohorts.models import JobSeeker, Situation

from .factories import JobSeekerFactory, SituationFactory

D = datetime.date


@pytest.mark.parametrize(
    ("entry", "end"),
    [(D(2026, 3, 2), D(2027, 3, 1)), (D(2026, 1, 1), D(2026, 12, 31)), (D(2024, 2, 29), D(2025, 2, 28))],
)
def test_follow_up_ends_one_year_minus_one_day_after_entry(entry, end):
    assert follow_up_end_date(entry) == end


def test_add_months_clamps_to_the_end_of_a_short_month():
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)


def test_a_cdi_in_month_three_keeps_the_person_in_follow_up_until_her_end_date(person):
    """The follow-up lasts the full year even when the person finds a job (DOMAIN.md)."""
    SituationFactory(job_seeker=person, date=D(2026, 6, 1), situation=SituationKind.CDI)
    assert person.follow_up_end_date == D(2027, 3, 1)
    assert person.status_on(D(2026, 6, 2)) == JobSeekerStatus.IN_FOLLOW_UP
    assert person.status_on(D(2027, 3, 1)) == JobSeekerStatus.IN_FOLLOW_UP
    assert person.status_on(D(2027, 3, 2)) == JobSeekerStatus.COMPLETED
    annotated = JobSeeker.objects.with_status(D(2026, 6, 2)).get(pk=person.pk)
    assert annotated.current_status == JobSeekerStatus.IN_FOLLOW_UP
    latest = Situation.objects.with_outcome_class().filter(job_seeker=person).latest("date")
    assert latest.outcome_class == latest.outcome == OutcomeClass.EMPLOI_DURABLE


def test_status_filter_and_property_follow_the_same_rule(person):
    person.left_early_on, person.left_early_reason = D(2026, 9, 1), "moved_away"
    person.save()
    for on, expected in [
        (D(2026, 8, 31), JobSeekerStatus.IN_FOLLOW_UP),
        (D(2026, 9, 1), JobSeekerStatus.LEFT_EARLY),
        (D(2027, 6, 1), JobSeekerStatus.LEFT_EARLY),
    ]:
        assert person.status_on(on) == expected
        assert list(JobSeeker.objects.with_status_value(expected, on)) == [person]
        assert JobSeeker.objects.with_status(on).get().current_status == expected


@pytest.mark.parametrize(
    ("situation", "outcome"),
    [
        (SituationKind.CDI, OutcomeClass.EMPLOI_DURABLE),
        (SituationKind.CDI_INTERIM, OutcomeClass.EMPLOI_DURABLE),
        (SituationKind.BUSINESS_CREATION, OutcomeClass.EMPLOI_DURABLE),
        (SituationKind.CIVIL_SERVICE, OutcomeClass.EMPLOI_DURABLE),
        (SituationKind.SUBSIDISED_CONTRACT, OutcomeClass.EMPLOI_DE_TRANSITION),
        (SituationKind.QUALIFYING_TRAINING, OutcomeClass.SORTIE_POSITIVE),
        (SituationKind.SIAE, OutcomeClass.SORTIE_POSITIVE),
        (SituationKind.OTHER_TRAINING, OutcomeClass.AUTRE),
        (SituationKind.JOB_SEEKING, OutcomeClass.AUTRE),
        (SituationKind.LOST_CONTACT, OutcomeClass.AUTRE),
    ],
)
def test_outcome_class_is_computed_from_the_situation(situation, outcome):
    assert outcome_class_for(situation) == outcome


@pytest.mark.parametrize(
    "kind", [SituationKind.CDD, SituationKind.TEMP, SituationKind.APPRENTICESHIP, SituationKind.PROFESSIONALISATION]
)
@pytest.mark.parametrize(
    ("start", "end", "outcome"),
    [
        (D(2026, 1, 1), D(2026, 6, 30), OutcomeClass.EMPLOI_DURABLE),  # exactly 6 months
        (D(2026, 1, 1), D(2026, 6, 29), OutcomeClass.EMPLOI_DE_TRANSITION),  # one day short
        (D(2026, 8, 31), D(2027, 2, 27), OutcomeClass.EMPLOI_DURABLE),  # 31 Aug + 6 months is 28 Feb
        (D(2026, 8, 31), D(2027, 2, 26), OutcomeClass.EMPLOI_DE_TRANSITION),
        (D(2026, 1, 1), D(2028, 1, 1), OutcomeClass.EMPLOI_DURABLE),
        (D(2026, 1, 1), None, OutcomeClass.EMPLOI_DE_TRANSITION),  # unknown end: not shown to last
    ],
)
def test_a_fixed_term_contract_is_durable_from_six_months(kind, start, end, outcome):
    assert outcome_class_for(kind, start, end) == outcome


def test_the_stored_class_follows_the_contract_dates(person):
    situation = SituationFactory(
        job_seeker=person,
        date=D(2026, 4, 1),
        situation=SituationKind.APPRENTICESHIP,
        contract_start=D(2026, 4, 1),
        contract_end=D(2026, 9, 1),
    )
    assert Situation.objects.get(pk=situation.pk).outcome_class == OutcomeClass.EMPLOI_DE_TRANSITION
    situation.contract_end = D(2028, 3, 31)
    situation.save(update_fields=["contract_end"])
    assert Situation.objects.get(pk=situation.pk).outcome_class == OutcomeClass.EMPLOI_DURABLE


def test_a_fixed_term_contract_needs_its_end_date_and_a_job_its_dates(person):
    cdd = Situation(job_seeker=person, date=D(2026, 4, 1), situation=SituationKind.CDD)
    with pytest.raises(ValidationError) as error:
        cdd.full_clean()
    assert "contract_end" in error.value.message_dict
    seeking = Situation(
        job_seeker=person, date=D(2026, 4, 1), situation=SituationKind.JOB_SEEKING, contract_end=D(2026, 9, 1)
    )
    with pytest.raises(ValidationError) as error:
        seeking.full_clean()
    assert "situation" in error.value.message_dict
    backwards = Situation(
        job_seeker=person,
        date=D(2026, 4, 1),
        situation=SituationKind.CDD,
        contract_start=D(2026, 4, 1),
        contract_end=D(2026, 3, 1),
    )
    with pytest.raises(ValidationError) as error:
        backwards.full_clean()
    assert "contract_end" in error.value.message_dict


def test_sql_outcome_class_matches_python_for_every_situation(person):
    for code in SituationKind.values:
        SituationFactory(
            job_seeker=person, situation=code, contract_end=person.entry_date + datetime.timedelta(days=90)
        )
    for situation in Situation.objects.with_outcome_class():
        assert situation.outcome == situation.outcome_class


def test_milestones_say_which_one_is_due(person):
    SituationFactory(job_seeker=person, date=D(2026, 3, 2))
    states = {m.milestone: m for m in person.milestones([D(2026, 3, 2)], today=D(2026, 11, 25))}
    assert states[Milestone.ENTRY].recorded
    assert states[Milestone.SIX_MONTHS].on == D(2026, 9, 2) and states[Milestone.SIX_MONTHS].due
    assert not states[Milestone.TWELVE_MONTHS].due  # 1 March 2027 has not come
    assert states[Milestone.SIX_MONTHS_AFTER].on == D(2027, 9, 1)
    later = {m.milestone: m for m in person.milestones([D(2026, 3, 2), D(2026, 9, 20)], today=D(2026, 11, 25))}
    assert later[Milestone.SIX_MONTHS].recorded and not later[Milestone.SIX_MONTHS].due


def test_an_early_exit_moves_the_exit_milestones(person):
    person.left_early_on = D(2026, 5, 1)
    states = {m.milestone: m.on for m in person.milestones([], today=D(2026, 11, 25))}
    assert Milestone.SIX_MONTHS not in states
    assert states[Milestone.TWELVE_MONTHS] == D(2026, 5, 1)
    assert states[Milestone.SIX_MONTHS_AFTER] == D(2026, 11, 1)


def test_search_name_is_kept_without_accents_on_save(person):
    assert person.search_name == "lefevre helene"
    person.first_name = "Zoé-Anaïs"
    person.save(update_fields=["first_name"])
    person.refresh_from_db()
    assert person.search_name == "lefevre zoe anais"
    assert normalise("  D'ÉTIENNE  ") == "d etienne"


def test_the_database_refuses_a_person_without_qpv_nor_exception(person):
    person.qpv = None
    with pytest.raises(ValidationError, match="QPV du territoire"):
        person.full_clean()


def test_the_database_refuses_an_early_exit_without_reason(person):
    person.left_early_on = D(2026, 5, 1)
    with pytest.raises(ValidationError, match="date et son motif"):
        person.full_clean()


def test_same_france_travail_id_is_refused_in_the_territory(person):
    person.france_travail_id = "1234567A"
    person.save()
    twin = JobSeekerFactory.build(
        territory=person.territory,
        cohort=person.cohort,
        qpv=person.qpv,
        referent_organisation=person.referent_organisation,
        france_travail_id="1234567A",
    )
    with pytest.raises(ValidationError, match="identifiant France Travail"):
        twin.validate_constraints()
