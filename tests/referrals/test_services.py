"""Referrals, state change by state change, for each role: who may send, accept, decline; expiry by the beat task;
access to the file granted on acceptance and withdrawn at the end of the membership."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cite_emploi.celery import BEAT_SCHEDULE
from cohorts import retention, selectors
from cohorts.models import FollowUpTeamMember, JobSeeker
from cohorts.services import consent_record, consent_withdraw, team_member_add, team_member_end
from partners.models import AuditEntry
from referrals import services
from referrals.models import Referral
from referrals.tasks import expire_referrals
from tests.cohorts.factories import BarrierFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def sees_file(user, person) -> bool:
    return JobSeeker.objects.for_user(user).filter(pk=person.pk).exists()


def send(actor, person, to, *, consent=True, **extra):
    if consent:
        consent_record(actor=actor, job_seeker=person, organisation=to, given_on=timezone.localdate())
    return services.referral_send(
        actor=actor, job_seeker=person, to_organisation=to, reason="Accompagnement RQTH et recherche adaptée", **extra
    )


# --- sending -------------------------------------------------------------------------------------------
def test_the_consent_is_recorded_before_a_referral_can_be_sent(ml_advisor, person, cap_emploi):
    with pytest.raises(ValidationError) as error:
        send(ml_advisor, person, cap_emploi, consent=False)
    assert "consentement" in error.value.message_dict["consent"][0]
    assert not Referral.objects.exists()
    referral = send(ml_advisor, person, cap_emploi)
    assert referral.status == "sent"
    assert referral.consent.organisation == cap_emploi
    assert referral.from_organisation == person.referent_organisation
    assert referral.expires_at - referral.sent_at == datetime.timedelta(days=30)


def test_a_withdrawn_consent_no_longer_allows_sending(ml_advisor, person, cap_emploi):
    consent = consent_record(
        actor=ml_advisor, job_seeker=person, organisation=cap_emploi, given_on=timezone.localdate()
    )
    consent_withdraw(actor=ml_advisor, consent=consent)
    with pytest.raises(ValidationError, match="consentement"):
        send(ml_advisor, person, cap_emploi, consent=False)


def test_who_may_send(
    ml_advisor, cap_advisor, ft_advisor, coordinator, viewer, admin_user, person, cap_emploi, france_travail
):
    # the referent organisation's advisor and the coordinator may; an advisor who does not follow her may not
    assert send(ml_advisor, person, cap_emploi).pk
    assert send(coordinator, person, france_travail).from_organisation == coordinator.organisation
    for outsider in (ft_advisor, viewer, admin_user):
        with pytest.raises(PermissionDenied):
            services.referral_send(actor=outsider, job_seeker=person, to_organisation=cap_emploi, reason="x")


def test_a_team_member_may_send_while_in_the_team(coordinator, ft_advisor, person, cap_emploi, france_travail):
    member = team_member_add(actor=coordinator, job_seeker=person, organisation=france_travail)
    assert send(ft_advisor, person, cap_emploi).from_organisation == france_travail
    team_member_end(actor=coordinator, member=member, end_reason="group_decision")
    with pytest.raises(PermissionDenied):
        services.referral_send(actor=ft_advisor, job_seeker=person, to_organisation=france_travail, reason="x")


def test_sending_refuses_what_makes_no_sense(ml_advisor, person, cap_emploi, mission_locale, other_territory):
    elsewhere = OrganisationFactory(territory=other_territory)
    prefecture = OrganisationFactory(territory=person.territory, kind="prefecture")
    with pytest.raises(ValidationError) as error:  # a State service reads figures, it never takes a person on
        services.referral_send(actor=ml_advisor, job_seeker=person, to_organisation=prefecture, reason="x")
    assert "to_organisation" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.referral_send(actor=ml_advisor, job_seeker=person, to_organisation=mission_locale, reason="x")
    assert "to_organisation" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.referral_send(actor=ml_advisor, job_seeker=person, to_organisation=elsewhere, reason="x")
    assert "to_organisation" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.referral_send(actor=ml_advisor, job_seeker=person, to_organisation=cap_emploi, reason="  ")
    assert "reason" in error.value.message_dict
    send(ml_advisor, person, cap_emploi)
    with pytest.raises(ValidationError, match="attend déjà"):
        send(ml_advisor, person, cap_emploi)


def test_the_barrier_addressed_gives_its_category(ml_advisor, person, cap_emploi):
    barrier = BarrierFactory(job_seeker=person, category="childcare")
    referral = send(ml_advisor, person, cap_emploi, barrier=barrier)
    assert (referral.barrier, referral.barrier_category) == (barrier, "childcare")


def test_sending_is_audited_without_personal_data_and_mails_a_link_only(
    ml_advisor, cap_advisor, person, cap_emploi, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(ml_advisor, person, cap_emploi)
    entry = AuditEntry.objects.filter(object_id=str(referral.pk), content_type__model="referral").get()
    assert entry.action == "create" and "Benali" not in entry.detail
    assert [m.to for m in mail.outbox] == [["cap@example.org"]]
    message = mail.outbox[0]
    assert f"/orientations/{referral.pk}/" in message.body
    for secret in ("Nadia", "Benali", "RQTH"):
        assert secret not in message.body and secret not in message.subject


# --- answering -----------------------------------------------------------------------------------------
def test_accepting_puts_the_receiver_in_the_team_and_opens_the_file(
    ml_advisor, cap_advisor, person, cap_emploi, django_capture_on_commit_callbacks
):
    referral = send(ml_advisor, person, cap_emploi)
    assert not sees_file(cap_advisor, person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(actor=cap_advisor, referral=referral)
    referral.refresh_from_db()
    assert (referral.status, referral.answered_by) == ("accepted", cap_advisor)
    member = FollowUpTeamMember.objects.get(job_seeker=person, organisation=cap_emploi)
    assert (member.reason, member.started_on, member.ended_on) == ("referral", timezone.localdate(), None)
    assert sees_file(cap_advisor, person)
    assert sorted(m.to[0] for m in mail.outbox) == ["cap@example.org", "ml@example.org"]  # both organisations
    assert list(referral.transitions.values_list("to_status", flat=True)) == ["sent", "accepted"]


def test_who_may_accept(ml_advisor, cap_advisor, ft_advisor, coordinator, viewer, person, cap_emploi):
    referral = send(ml_advisor, person, cap_emploi)
    for refused in (ml_advisor, ft_advisor, viewer):  # the sender does not answer for the receiver
        with pytest.raises(PermissionDenied):
            services.referral_accept(actor=refused, referral=referral)
    services.referral_accept(actor=coordinator, referral=referral)  # the coordinator may answer
    assert Referral.objects.get().status == "accepted"
    with pytest.raises(services.ReferralAlreadyAnswered):
        services.referral_accept(actor=cap_advisor, referral=referral)


def test_who_may_decline_and_the_reason_is_required(ml_advisor, cap_advisor, ft_advisor, viewer, person, cap_emploi):
    referral = send(ml_advisor, person, cap_emploi)
    for refused in (ml_advisor, ft_advisor, viewer):
        with pytest.raises(PermissionDenied):
            services.referral_decline(actor=refused, referral=referral, reason="Pas de place")
    with pytest.raises(ValidationError, match="motif"):
        services.referral_decline(actor=cap_advisor, referral=referral, reason=" ")
    services.referral_decline(actor=cap_advisor, referral=referral, reason="Pas de reconnaissance RQTH en cours")
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "Pas de reconnaissance RQTH en cours")
    assert not sees_file(cap_advisor, person)  # declining gives no access
    with pytest.raises(services.ReferralAlreadyAnswered):
        services.referral_accept(actor=cap_advisor, referral=referral)


def test_a_consent_withdrawn_before_the_answer_blocks_the_acceptance(ml_advisor, cap_advisor, person, cap_emploi):
    referral = send(ml_advisor, person, cap_emploi)
    consent_withdraw(actor=ml_advisor, consent=referral.consent)
    with pytest.raises(ValidationError, match="retiré son consentement"):
        services.referral_accept(actor=cap_advisor, referral=referral)
    assert not sees_file(cap_advisor, person)


# --- expiry -------------------------------------------------------------------------------------------
def test_the_beat_task_expires_unanswered_referrals_once(
    ml_advisor, cap_advisor, person, cap_emploi, france_travail, settings, django_capture_on_commit_callbacks
):
    assert BEAT_SCHEDULE["referrals-expire"]["task"] == "referrals.expire"
    settings.REFERRAL_EXPIRY_DAYS = 10
    old = send(ml_advisor, person, cap_emploi)
    Referral.objects.filter(pk=old.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=11), expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    recent = send(ml_advisor, person, france_travail)
    assert recent.expires_at - recent.sent_at == datetime.timedelta(days=10)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_referrals.delay().get() == 1
    assert expire_referrals.delay().get() == 0  # idempotent
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == ("expired", "sent")
    assert old.answered_at is not None and old.answered_by is None
    assert sorted(m.to[0] for m in mail.outbox) == ["cap@example.org", "ml@example.org"]
    with pytest.raises(services.ReferralAlreadyAnswered):
        services.referral_accept(actor=cap_advisor, referral=old)
    entry = AuditEntry.objects.filter(object_id=str(old.pk), content_type__model="referral", action="update").get()
    assert entry.actor is None and entry.territory_id == person.territory_id


def test_a_referral_past_its_delay_cannot_be_answered_before_the_task_runs(ml_advisor, cap_advisor, person, cap_emploi):
    referral = send(ml_advisor, person, cap_emploi)
    Referral.objects.filter(pk=referral.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="délai"):
        services.referral_accept(actor=cap_advisor, referral=referral)


# --- the team with its history: access follows the membership in time ------------------------------------
def test_access_is_withdrawn_at_the_end_of_the_membership(ml_advisor, cap_advisor, coordinator, person, cap_emploi):
    referral = send(ml_advisor, person, cap_emploi)
    services.referral_accept(actor=cap_advisor, referral=referral)
    member = FollowUpTeamMember.objects.get(job_seeker=person, organisation=cap_emploi)
    # an end planned next week: still in the team until then
    team_member_end(actor=coordinator, member=member, ended_on=timezone.localdate() + datetime.timedelta(days=7))
    assert sees_file(cap_advisor, person)
    assert not JobSeeker.objects.followed_by(
        cap_emploi.pk, on=timezone.localdate() + datetime.timedelta(days=7)
    ).exists()
    FollowUpTeamMember.objects.filter(pk=member.pk).update(ended_on=timezone.localdate())
    assert not sees_file(cap_advisor, person)
    assert FollowUpTeamMember.objects.filter(job_seeker=person).count() == 1  # the history stays


def test_an_organisation_may_leave_the_team_itself(ml_advisor, cap_advisor, ft_advisor, person, cap_emploi):
    referral = send(ml_advisor, person, cap_emploi)
    services.referral_accept(actor=cap_advisor, referral=referral)
    member = FollowUpTeamMember.objects.get(job_seeker=person, organisation=cap_emploi)
    with pytest.raises(PermissionDenied):
        team_member_end(actor=ft_advisor, member=member)
    with pytest.raises(ValidationError):
        team_member_end(actor=cap_advisor, member=member, end_reason="group_decision")  # the coordinator's call
    team_member_end(actor=cap_advisor, member=member)
    assert not sees_file(cap_advisor, person)
    member.refresh_from_db()
    assert (member.end_reason, member.ended_by) == ("left", cap_advisor)


def test_a_referral_cannot_be_used_to_join_a_team_without_accepting(cap_advisor, person, cap_emploi):
    with pytest.raises(PermissionDenied):
        team_member_add(actor=cap_advisor, job_seeker=person, organisation=cap_emploi, reason="referral")


# --- the file: timeline, anonymisation ---------------------------------------------------------------
def test_each_step_is_in_the_timeline_of_those_who_see_the_referral(
    ml_advisor, cap_advisor, coordinator, person, cap_emploi
):
    referral = send(ml_advisor, person, cap_emploi)
    services.referral_accept(actor=cap_advisor, referral=referral)
    for user in (ml_advisor, cap_advisor, coordinator):
        titles = [e.title for e in selectors.job_seeker_file(user, person).timeline]
        assert "Orientation envoyée vers Cap emploi" in titles
        assert "Orientation acceptée par Cap emploi" in titles
        assert "Arrivée dans l'équipe de suivi (orientation acceptée)" in titles


def test_anonymisation_erases_the_reasons(ml_advisor, cap_advisor, person, cap_emploi):
    referral = send(ml_advisor, person, cap_emploi)
    services.referral_decline(actor=cap_advisor, referral=referral, reason="Motif qui parle de Nadia")
    retention.job_seeker_anonymise(job_seeker=person, reason="retention")
    referral.refresh_from_db()
    assert referral.reason == retention.ERASED_TEXT and referral.decline_reason == retention.ERASED_TEXT
