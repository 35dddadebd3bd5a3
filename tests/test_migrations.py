"""Data migrations keep the data and can be undone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("partners", "0005_audit_auth_events_and_anonymisation"), ("cohorts", "0003_job_seeker_anonymised_on_retention_notice"), ("actions", "0002_envelope_never_over_committed_trigger")]  # fmt: skip
AFTER = [("partners", "0006_decision_links_owned_by_cohorts_and_actions")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_decision_links_move_to_cohorts_and_actions_and_back():
    """partners.Decision no longer points at cohorts and actions: the links become rows of the higher apps."""
    old = _migrate(BEFORE)
    territory = old.get_model("partners", "Territory").objects.create(name="Angers", slug="angers", department="49")
    organisation = old.get_model("partners", "Organisation").objects.create(territory=territory, name="Aldev", kind="france_travail")  # fmt: skip
    cohort = old.get_model("cohorts", "Cohort").objects.create(territory=territory, label="Cohorte 2026", year=2026, start_date="2026-01-05")  # fmt: skip
    person = old.get_model("cohorts", "JobSeeker").objects.create(
        territory=territory, cohort=cohort, first_name="Ada", last_name="Test", birth_date="1990-01-01", sex="F",
        referent_organisation=organisation, entry_date="2026-01-05", follow_up_end_date="2027-01-04",
        consent_recorded_on="2026-01-05", search_name="ada test", qpv_exception_reason="Test de migration",
    )  # fmt: skip
    action = old.get_model("actions", "Action").objects.create(territory=territory, title="Par'Emploi", lead_organisation=organisation, start_date="2026-01-05")  # fmt: skip
    meeting = old.get_model("partners", "Meeting").objects.create(territory=territory, kind="technical_group", date="2026-03-01")  # fmt: skip
    decision_model = old.get_model("partners", "Decision")
    about_person = decision_model.objects.create(meeting=meeting, text="Proposer l'atelier", job_seeker=person)
    about_action = decision_model.objects.create(meeting=meeting, text="Lancer l'action", action=action)
    decision_model.objects.create(meeting=meeting, text="Sans lien")

    new = _migrate(AFTER)
    assert list(new.get_model("cohorts", "JobSeekerDecision").objects.values_list("decision_id", "job_seeker_id")) == [(about_person.pk, person.pk)]  # fmt: skip
    assert list(new.get_model("actions", "ActionDecision").objects.values_list("decision_id", "action_id")) == [(about_action.pk, action.pk)]  # fmt: skip

    back = _migrate(BEFORE)
    decisions = back.get_model("partners", "Decision").objects.order_by("pk")
    assert [(d.job_seeker_id, d.action_id) for d in decisions] == [(person.pk, None), (None, action.pk), (None, None)]
    _migrate(_latest())


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


SITUATIONS_BEFORE = [("cohorts", "0008_merge_authorless_records_and_territory_triggers")]
SITUATIONS_AFTER = [("cohorts", "0009_situation_contract_dates_and_derived_outcome_class")]


@pytest.mark.django_db(transaction=True)
def test_length_choices_become_contract_dates_with_the_same_class_and_back():
    """`cdd_6m_plus`, `temp_under_6m`… become a CDD or an intérim with estimated dates; the class is unchanged."""
    import datetime

    old = _migrate(SITUATIONS_BEFORE)
    territory = old.get_model("partners", "Territory").objects.create(name="Angers", slug="angers-sit", department="49")
    organisation = old.get_model("partners", "Organisation").objects.create(territory=territory, name="FT", kind="france_travail")  # fmt: skip
    cohort = old.get_model("cohorts", "Cohort").objects.create(territory=territory, label="Cohorte 2026", year=2026, start_date="2026-01-05")  # fmt: skip
    person = old.get_model("cohorts", "JobSeeker").objects.create(
        territory=territory, cohort=cohort, first_name="Ada", last_name="Test", birth_date="1990-01-01", sex="F",
        referent_organisation=organisation, entry_date="2026-01-05", follow_up_end_date="2027-01-04",
        consent_recorded_on="2026-01-05", search_name="ada test", qpv_exception_reason="Test de migration",
    )  # fmt: skip
    situation_model = old.get_model("cohorts", "Situation")
    day = datetime.date(2026, 8, 31)
    for code in ("cdd_6m_plus", "cdd_under_6m", "temp_6m_plus", "temp_under_6m", "cdi", "siae", "job_seeking"):
        situation_model.objects.create(job_seeker=person, date=day, situation=code)

    new = _migrate(SITUATIONS_AFTER)
    rows = list(
        new.get_model("cohorts", "Situation")
        .objects.order_by("pk")
        .values_list("situation", "contract_start", "contract_end", "contract_dates_estimated", "outcome_class")
    )
    six_months_less_a_day = datetime.date(2027, 2, 27)  # 31 Aug + 6 months = 28 Feb (clamped)
    assert rows == [
        ("cdd", day, six_months_less_a_day, True, "emploi_durable"),
        ("cdd", day, six_months_less_a_day - datetime.timedelta(days=1), True, "emploi_de_transition"),
        ("temp", day, six_months_less_a_day, True, "emploi_durable"),
        ("temp", day, six_months_less_a_day - datetime.timedelta(days=1), True, "emploi_de_transition"),
        ("cdi", None, None, False, "emploi_durable"),
        ("siae", None, None, False, "sortie_positive"),
        ("job_seeking", None, None, False, "autre"),
    ]

    back = _migrate(SITUATIONS_BEFORE)
    codes = list(back.get_model("cohorts", "Situation").objects.order_by("pk").values_list("situation", flat=True))
    assert codes == ["cdd_6m_plus", "cdd_under_6m", "temp_6m_plus", "temp_under_6m", "cdi", "siae", "job_seeking"]
    _migrate(_latest())
