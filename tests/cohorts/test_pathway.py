"""The path into the cohort: each state change, per role; the enrolment through the existing service."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cohorts import pathway
from cohorts.enums import CandidateStage, EnrolmentValidator, NotEnrolledReason, SituationKind
from cohorts.models import Candidate, CandidateTransition, JobSeeker, Situation
from partners.models import AuditEntry
from tests.factories import UserFactory
from tests.partners.factories import MeetingFactory

from .factories import CandidateFactory

D = datetime.date


@pytest.fixture
def candidate(territory, qpv, advisor):
    """Identified by France Travail (the `advisor` fixture's organisation)."""
    return CandidateFactory(
        territory=territory, qpv=qpv, identified_by=advisor.organisation, first_name="Inès", last_name="Martin"
    )


def _proposed(candidate, actor):
    pathway.candidate_contact(actor=actor, candidate=candidate, on=D(2026, 2, 10))
    return pathway.candidate_propose(actor=actor, candidate=candidate, on=D(2026, 2, 20))


def test_an_advisor_identifies_a_person_with_the_consent_and_who_recorded_it(advisor, qpv):
    candidate = pathway.candidate_identify(
        actor=advisor,
        first_name="Inès",
        last_name="Martin",
        qpv=qpv,
        phone="06 00 00 00 00",
        consent_recorded_on=D(2026, 2, 1),
        identified_on=D(2026, 2, 2),
    )
    assert candidate.stage == CandidateStage.IDENTIFIED
    assert candidate.identified_by == advisor.organisation
    assert candidate.consent_recorded_by == advisor
    assert list(candidate.transitions.values_list("from_stage", "to_stage")) == [("", "identified")]
    entry = AuditEntry.objects.get(object_id=str(candidate.pk))
    assert "Martin" not in str(entry.__dict__) and "06 00" not in str(entry.__dict__)


def test_the_consent_to_being_identified_comes_first(advisor):
    with pytest.raises(ValidationError) as error:
        pathway.candidate_identify(
            actor=advisor,
            first_name="Inès",
            last_name="Martin",
            consent_recorded_on=D(2026, 2, 5),
            identified_on=D(2026, 2, 2),
        )
    assert "consent_recorded_on" in error.value.message_dict


def test_viewers_and_admins_identify_no_one(viewer, admin_user):
    for user in (viewer, admin_user):
        with pytest.raises(PermissionDenied):
            pathway.candidate_identify(actor=user, first_name="A", last_name="B", consent_recorded_on=D(2026, 2, 1))


def test_the_identifying_organisation_contacts_and_proposes(candidate, advisor):
    _proposed(candidate, advisor)
    candidate.refresh_from_db()
    assert candidate.stage == CandidateStage.PROPOSED
    assert (candidate.contacted_on, candidate.proposed_on) == (D(2026, 2, 10), D(2026, 2, 20))
    assert list(candidate.transitions.values_list("to_stage", flat=True)) == ["identified", "contacted", "proposed"]


def test_another_organisation_moves_nothing_and_does_not_see_her(candidate, ml_advisor):
    with pytest.raises(PermissionDenied):
        pathway.candidate_contact(actor=ml_advisor, candidate=candidate)
    assert not Candidate.objects.for_user(ml_advisor).exists()


def test_other_territory_sees_nothing(candidate, other_coordinator):
    assert not Candidate.objects.for_user(other_coordinator).exists()
    with pytest.raises(PermissionDenied):
        pathway.candidate_contact(actor=other_coordinator, candidate=candidate)


def test_a_stage_cannot_be_skipped_backwards(candidate, advisor):
    _proposed(candidate, advisor)
    with pytest.raises(ValidationError):
        pathway.candidate_contact(actor=advisor, candidate=candidate)


def test_only_the_coordinator_decides_on_a_proposed_person(candidate, advisor, coordinator, cohort):
    _proposed(candidate, advisor)
    with pytest.raises(PermissionDenied):
        pathway.candidate_not_enrol(actor=advisor, candidate=candidate, reason=NotEnrolledReason.DECLINED)
    with pytest.raises(PermissionDenied):
        pathway.candidate_enrol(actor=advisor, candidate=candidate, cohort=cohort)
    pathway.candidate_not_enrol(
        actor=coordinator, candidate=candidate, reason=NotEnrolledReason.COHORT_FULL, on=D(2026, 3, 1)
    )
    candidate.refresh_from_db()
    assert candidate.stage == CandidateStage.NOT_ENROLLED
    assert candidate.not_enrolled_reason == NotEnrolledReason.COHORT_FULL


def test_before_the_proposal_the_partner_may_close_with_a_reason(candidate, advisor):
    with pytest.raises(ValidationError):
        pathway.candidate_not_enrol(actor=advisor, candidate=candidate, reason="")
    pathway.candidate_not_enrol(actor=advisor, candidate=candidate, reason=NotEnrolledReason.NOT_REACHED)
    assert Candidate.objects.get().stage == CandidateStage.NOT_ENROLLED


def test_enrolment_carries_the_entry_data_over_through_the_enrolment_service(candidate, advisor, coordinator, cohort):
    _proposed(candidate, advisor)
    job_seeker = pathway.candidate_enrol(
        actor=coordinator,
        candidate=candidate,
        cohort=cohort,
        sex="F",
        entry_date=D(2026, 3, 2),
        consent_recorded_on=D(2026, 3, 2),
        entry_situation=SituationKind.JOB_SEEKING,
    )
    assert (job_seeker.first_name, job_seeker.last_name, job_seeker.birth_date) == (
        "Inès",
        "Martin",
        candidate.birth_date,
    )
    assert job_seeker.qpv_id == candidate.qpv_id
    assert job_seeker.referent_organisation == advisor.organisation
    assert Situation.objects.get(job_seeker=job_seeker).situation == SituationKind.JOB_SEEKING
    candidate.refresh_from_db()
    assert candidate.stage == CandidateStage.ENROLLED and candidate.job_seeker == job_seeker
    # the referent organisation (who identified her) now sees the file
    assert JobSeeker.objects.for_user(advisor).filter(pk=job_seeker.pk).exists()


def test_a_duplicate_is_refused_by_the_same_rules(candidate, advisor, coordinator, cohort):
    from .factories import JobSeekerFactory

    JobSeekerFactory(
        territory=candidate.territory,
        cohort=cohort,
        first_name="Inès",
        last_name="Martin",
        birth_date=candidate.birth_date,
    )
    _proposed(candidate, advisor)
    with pytest.raises(ValidationError) as error:
        pathway.candidate_enrol(
            actor=coordinator,
            candidate=candidate,
            cohort=cohort,
            sex="F",
            entry_date=D(2026, 3, 2),
            consent_recorded_on=D(2026, 3, 2),
        )
    assert "déjà inscrite" in str(error.value)
    assert Candidate.objects.get().stage == CandidateStage.PROPOSED


def test_when_the_follow_up_group_validates_its_meeting_is_required(candidate, advisor, coordinator, cohort, territory):
    pathway.pathway_settings_update(actor=coordinator, enrolment_validated_by=EnrolmentValidator.FOLLOW_UP_GROUP)
    _proposed(candidate, advisor)
    data = {"cohort": cohort, "sex": "F", "entry_date": D(2026, 3, 2), "consent_recorded_on": D(2026, 3, 2)}
    with pytest.raises(ValidationError) as error:
        pathway.candidate_enrol(actor=coordinator, candidate=candidate, **data)
    assert "meeting" in error.value.message_dict
    technical = MeetingFactory(territory=territory, date=D(2026, 2, 25))
    with pytest.raises(ValidationError):
        pathway.candidate_enrol(actor=coordinator, candidate=candidate, meeting=technical, **data)
    meeting = MeetingFactory(territory=territory, follow_up=True, date=D(2026, 2, 25))
    pathway.candidate_enrol(actor=coordinator, candidate=candidate, meeting=meeting, **data)
    transition = CandidateTransition.objects.get(to_stage=CandidateStage.ENROLLED)
    assert transition.meeting == meeting


def test_settings_are_the_coordinators(advisor):
    with pytest.raises(PermissionDenied):
        pathway.pathway_settings_update(actor=advisor, enrolment_validated_by=EnrolmentValidator.FOLLOW_UP_GROUP)


def test_the_coordinators_home_lists_the_proposed_people(client, candidate, advisor, coordinator):
    _proposed(candidate, advisor)
    client.force_login(coordinator)
    response = client.get("/")
    assert response.status_code == 200
    assert "Inès Martin" in response.content.decode()
    assert f"/cohorte/reperage/{candidate.pk}/" in response.content.decode()


# --- pages ------------------------------------------------------------------------------------------------------
def test_the_identification_form_keeps_the_input_on_error(client, advisor):
    client.force_login(advisor)
    response = client.post(
        "/cohorte/reperage/signaler/",
        {"last_name": "Martin", "first_name": "", "identified_on": "2026-02-02", "consent_recorded_on": "2026-02-09"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Martin"' in page
    assert "Ce champ est obligatoire." in page


def test_pages_walk_the_path_identified_to_enrolled(client, advisor, coordinator, cohort, qpv):
    client.force_login(advisor)
    response = client.post(
        "/cohorte/reperage/signaler/",
        {
            "last_name": "Martin",
            "first_name": "Inès",
            "birth_date": "1995-04-03",
            "qpv": qpv.pk,
            "identified_on": "2026-02-02",
            "consent_recorded_on": "2026-02-02",
        },
    )
    candidate = Candidate.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cohorte/reperage/{candidate.pk}/"
    assert client.post(f"/cohorte/reperage/{candidate.pk}/contactee/").status_code == 302
    assert client.post(f"/cohorte/reperage/{candidate.pk}/proposee/").status_code == 302
    assert client.get(f"/cohorte/reperage/{candidate.pk}/inscrire/").status_code == 403
    client.force_login(coordinator)
    form = client.get(f"/cohorte/reperage/{candidate.pk}/inscrire/").content.decode()
    assert 'value="Martin"' in form and 'value="1995-04-03"' in form
    response = client.post(
        f"/cohorte/reperage/{candidate.pk}/inscrire/",
        {
            "cohort": cohort.pk,
            "last_name": "Martin",
            "first_name": "Inès",
            "birth_date": "1995-04-03",
            "sex": "F",
            "qpv": qpv.pk,
            "referent_organisation": advisor.organisation_id,
            "entry_date": "2026-03-02",
            "entry_situation": "job_seeking",
            "consent_recorded_on": "2026-03-02",
        },
    )
    job_seeker = JobSeeker.objects.get()
    assert response.status_code == 302 and response["Location"] == job_seeker.get_absolute_url()
    file = client.get(job_seeker.get_absolute_url()).content.decode()
    assert "Proposée à la cohorte" in file and "Inscription validée" in file


@pytest.mark.parametrize("role", ["viewer", "admin"])
def test_viewers_and_admins_get_403_on_the_pathway_pages(client, territory, candidate, role):
    client.force_login(UserFactory(role=role, organisation__territory=territory))
    for url in ["/cohorte/reperage/", f"/cohorte/reperage/{candidate.pk}/", "/cohorte/reperage/signaler/"]:
        assert client.get(url).status_code == 403, url


def test_the_list_reads_in_a_fixed_number_of_queries(client, coordinator, territory, django_assert_max_num_queries):
    for _ in range(30):
        CandidateFactory(territory=territory)
    client.force_login(coordinator)
    with django_assert_max_num_queries(12, info="candidate list: select_related the organisation and QPV"):
        assert client.get("/cohorte/reperage/").status_code == 200


def test_when_the_group_decides_the_pages_ask_for_its_meeting_and_record_the_decision(
    client, candidate, advisor, coordinator, cohort, territory, qpv
):
    from partners.models import Decision

    client.force_login(coordinator)
    assert client.get("/cohorte/reperage/validation/").status_code == 200
    response = client.post("/cohorte/reperage/validation/", {"enrolment_validated_by": "follow_up_group"})
    assert response.status_code == 302
    _proposed(candidate, advisor)
    meeting = MeetingFactory(territory=territory, follow_up=True, date=D(2026, 2, 25))
    form = client.get(f"/cohorte/reperage/{candidate.pk}/inscrire/").content.decode()
    assert "Réunion du groupe de suivi qui a validé l&#x27;inscription" in form
    body = {
        "cohort": cohort.pk,
        "last_name": "Martin",
        "first_name": "Inès",
        "birth_date": candidate.birth_date.isoformat(),
        "sex": "F",
        "qpv": qpv.pk,
        "referent_organisation": advisor.organisation_id,
        "entry_date": "2026-03-02",
        "entry_situation": "job_seeking",
        "consent_recorded_on": "2026-03-02",
    }
    missing = client.post(f"/cohorte/reperage/{candidate.pk}/inscrire/", body)
    assert missing.status_code == 200 and 'value="Martin"' in missing.content.decode()
    done = client.post(f"/cohorte/reperage/{candidate.pk}/inscrire/", {**body, "meeting": meeting.pk})
    assert done.status_code == 302
    decision = Decision.objects.get(meeting=meeting)
    assert decision.job_seeker_link.job_seeker == JobSeeker.objects.get()


def test_a_person_already_in_the_cohort_is_not_identified_again(advisor, person):
    with pytest.raises(ValidationError) as error:
        pathway.candidate_identify(
            actor=advisor,
            first_name=person.first_name,
            last_name=person.last_name.upper(),
            birth_date=person.birth_date,
            consent_recorded_on=D(2026, 2, 1),
            identified_on=D(2026, 2, 2),
        )
    assert "déjà inscrite" in str(error.value)


def test_the_coordinator_erases_a_person_not_enrolled_on_request(client, candidate, advisor, coordinator):
    client.force_login(advisor)
    assert client.post(f"/cohorte/reperage/{candidate.pk}/effacer/").status_code == 403
    client.force_login(coordinator)
    assert client.post(f"/cohorte/reperage/{candidate.pk}/effacer/").status_code == 302
    candidate.refresh_from_db()
    assert candidate.anonymised_on is not None and candidate.last_name == f"n° {candidate.pk}"
    entry = AuditEntry.objects.filter(object_id=str(candidate.pk), action="anonymise").get()
    assert entry.actor == coordinator and "erasure_request" in entry.detail
    with pytest.raises(PermissionDenied):  # nothing moves any more
        pathway.candidate_contact(actor=coordinator, candidate=candidate)
