import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cohorts import services
from cohorts.enums import BarrierCategory, BarrierStatus
from cohorts.models import BarrierTransition
from partners.enums import AuditAction
from partners.models import AuditEntry

D = datetime.date


def _enrol_data(cohort, qpv, organisation, **overrides):
    data = {
        "cohort": cohort,
        "first_name": "Inès",
        "last_name": "Benali",
        "birth_date": D(1990, 4, 12),
        "sex": "F",
        "qpv": qpv,
        "referent_organisation": organisation,
        "entry_date": D(2026, 4, 1),
        "consent_recorded_on": D(2026, 3, 28),
    }
    return {**data, **overrides}


def test_advisor_enrols_for_her_organisation_and_it_is_audited(advisor, cohort, qpv):
    person = services.job_seeker_enrol(actor=advisor, **_enrol_data(cohort, qpv, advisor.organisation))
    assert person.territory_id == advisor.territory_id
    assert person.follow_up_end_date == D(2027, 3, 31)
    entry = AuditEntry.objects.get(object_id=str(person.pk))
    assert entry.action == AuditAction.CREATE and "Benali" not in entry.detail


def test_outside_a_qpv_only_the_coordinator_records_an_exception(advisor, coordinator, cohort, qpv):
    with pytest.raises(ValidationError) as exc:
        services.job_seeker_enrol(actor=advisor, **_enrol_data(cohort, None, advisor.organisation))
    assert "dérogation motivée" in str(exc.value.message_dict["qpv"])
    with pytest.raises(ValidationError) as exc:
        services.job_seeker_enrol(
            actor=advisor,
            **_enrol_data(cohort, None, advisor.organisation, qpv_exception_reason="Hébergée chez sa sœur"),
        )
    assert "Seule la coordination" in str(exc.value.message_dict["qpv_exception_reason"])
    person = services.job_seeker_enrol(
        actor=coordinator,
        **_enrol_data(cohort, None, advisor.organisation, qpv_exception_reason="Relogée hors QPV en cours d'année"),
    )
    assert person.qpv is None


@pytest.mark.parametrize(
    "overrides",
    [
        {"first_name": "INES", "last_name": "benali"},  # same name, other case, other accents
        {"first_name": "Anne", "last_name": "Autre", "birth_date": D(1980, 1, 1), "france_travail_id": "FT001"},
    ],
)
def test_a_duplicate_is_refused_and_says_whom_to_contact(advisor, cohort, qpv, overrides):
    first = services.job_seeker_enrol(
        actor=advisor, **_enrol_data(cohort, qpv, advisor.organisation, france_travail_id="FT001")
    )
    with pytest.raises(ValidationError) as exc:
        services.job_seeker_enrol(actor=advisor, **_enrol_data(cohort, qpv, advisor.organisation, **overrides))
    message = str(exc.value.message_dict["__all__"][0])
    assert "déjà inscrite" in message and "adressez-vous à la coordination" in message
    assert "href" not in message and str(first.pk) not in message


def test_barrier_lifecycle_is_dated_and_logged(advisor, person):
    barrier = services.barrier_create(
        actor=advisor, job_seeker=person, category=BarrierCategory.CHILDCARE, identified_on=D(2026, 3, 5)
    )
    services.barrier_update(actor=advisor, barrier=barrier, status=BarrierStatus.IN_PROGRESS, on=D(2026, 4, 1))
    services.barrier_update(actor=advisor, barrier=barrier, status=BarrierStatus.LIFTED, on=D(2026, 6, 10))
    barrier.refresh_from_db()
    assert (barrier.started_on, barrier.lifted_on, barrier.closed_on) == (D(2026, 4, 1), D(2026, 6, 10), D(2026, 6, 10))
    log = list(BarrierTransition.objects.filter(barrier=barrier).values_list("from_status", "to_status", "on"))
    assert log == [
        ("", "identified", D(2026, 3, 5)),
        ("identified", "in_progress", D(2026, 4, 1)),
        ("in_progress", "lifted", D(2026, 6, 10)),
    ]
    with pytest.raises(ValidationError, match="ne peut passer"):
        services.barrier_update(actor=advisor, barrier=barrier, status=BarrierStatus.IN_PROGRESS)


def test_follow_up_author_and_organisation_come_from_the_caller(advisor, ml_advisor, person):
    follow_up = services.follow_up_create(
        actor=advisor,
        job_seeker=person,
        date=D(2026, 4, 2),
        kind="phone_call",
        summary="Appel",
        next_step="Envoyer le CV",
        next_step_due=D(2026, 4, 9),
    )
    assert (follow_up.author, follow_up.organisation) == (advisor, advisor.organisation)
    with pytest.raises(PermissionDenied):
        services.follow_up_update(actor=ml_advisor, follow_up=follow_up, summary="Réécrit")


def test_a_due_date_needs_a_next_step(advisor, person):
    with pytest.raises(ValidationError, match="décrivez l'étape"):
        services.follow_up_create(
            actor=advisor, job_seeker=person, date=D(2026, 4, 2), kind="other", summary="x", next_step_due=D(2026, 5, 1)
        )


def test_early_exit_needs_a_reason_and_can_be_cancelled(advisor, person):
    with pytest.raises(ValidationError, match="motif"):
        services.job_seeker_record_early_exit(
            actor=advisor, job_seeker=person, left_early_on=D(2026, 6, 1), left_early_reason=""
        )
    services.job_seeker_record_early_exit(
        actor=advisor, job_seeker=person, left_early_on=D(2026, 6, 1), left_early_reason="lost_contact"
    )
    assert person.status_on(D(2026, 6, 2)) == "left_early"
    services.job_seeker_record_early_exit(actor=advisor, job_seeker=person, left_early_on=None, left_early_reason="")
    assert person.status_on(D(2026, 6, 2)) == "in_follow_up"


def test_only_the_coordinator_manages_the_team(coordinator, advisor, person, mission_locale):
    with pytest.raises(PermissionDenied):
        services.team_member_add(actor=advisor, job_seeker=person, organisation=mission_locale)
    member = services.team_member_add(actor=coordinator, job_seeker=person, organisation=mission_locale)
    with pytest.raises(ValidationError, match="déjà partie"):
        services.team_member_add(actor=coordinator, job_seeker=person, organisation=mission_locale)
    services.team_member_end(actor=coordinator, member=member, end_reason="group_decision")
    assert not person.team_members.active().exists()
    assert person.team_members.get().end_reason == "group_decision"  # the history stays


def test_a_coordinator_cannot_edit_another_territory_s_cohort(other_coordinator, cohort):
    with pytest.raises(PermissionDenied):
        services.cohort_update(actor=other_coordinator, cohort=cohort, label="Détournée")
    cohort.refresh_from_db()
    assert cohort.label != "Détournée"
