"""The referral pages: send from the person's file (consent first), the list with its filters in the URL, the answer."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cohorts.models import Consent, FollowUpTeamMember
from referrals.models import Referral
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def test_the_file_offers_to_refer_to_those_who_follow_the_person(client, ml_advisor, coordinator, person):
    client.force_login(ml_advisor)
    page = client.get(person.get_absolute_url()).content.decode()
    assert f"/orientations/personnes/{person.pk}/orienter/" in page


def test_sending_records_the_consent_then_the_referral(client, ml_advisor, person, cap_emploi):
    client.force_login(ml_advisor)
    url = f"/orientations/personnes/{person.pk}/orienter/"
    form = client.get(url).content.decode()
    assert f'<option value="{cap_emploi.pk}">' in form
    assert f'<option value="{person.referent_organisation_id}">' not in form  # not her own organisation
    response = client.post(
        url,
        {
            "to_organisation": cap_emploi.pk,
            "reason": "Accompagnement vers un emploi adapté",
            "barrier_category": "health",
            "consent_given_on": timezone.localdate().isoformat(),
            "consent_confirmed": "on",
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == referral.get_absolute_url()
    assert Consent.objects.get().organisation == cap_emploi
    assert referral.consent.recorded_by == ml_advisor


def test_without_consent_nothing_is_sent_and_the_input_is_kept(client, ml_advisor, person, cap_emploi):
    client.force_login(ml_advisor)
    response = client.post(
        f"/orientations/personnes/{person.pk}/orienter/",
        {"to_organisation": cap_emploi.pk, "reason": "Motif gardé à l'écran", "consent_given_on": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sans le consentement de la personne" in page
    assert "Motif gardé à l&#x27;écran" in page
    assert not Referral.objects.exists() and not Consent.objects.exists()


def test_a_consent_date_in_the_future_is_refused_on_its_field(client, ml_advisor, person, cap_emploi):
    client.force_login(ml_advisor)
    response = client.post(
        f"/orientations/personnes/{person.pk}/orienter/",
        {
            "to_organisation": cap_emploi.pk,
            "reason": "x",
            "consent_given_on": "2999-01-01",
            "consent_confirmed": "on",
        },
    )
    assert response.status_code == 200
    assert "dans le futur" in response.content.decode()
    assert not Referral.objects.exists() and not Consent.objects.exists()


def test_the_list_shows_received_by_default_with_filters_in_the_url(
    client, ml_advisor, cap_advisor, person, cap_emploi, django_assert_max_num_queries
):
    for _ in range(3):
        ReferralFactory(job_seeker=person, to_organisation=cap_emploi, status="declined", decline_reason="Non",
                        answered_at=timezone.now())  # fmt: skip
    ReferralFactory(job_seeker=person, to_organisation=cap_emploi)
    client.force_login(cap_advisor)
    with django_assert_max_num_queries(12, info="the list joins what it shows: no query per row"):
        page = client.get("/orientations/").content.decode()
    assert page.count("BENALI Nadia") == 4
    assert 'aria-current="page" href="?direction=received' in page
    page = client.get("/orientations/?direction=received&status=sent").content.decode()
    assert page.count("BENALI Nadia") == 1
    assert client.get("/orientations/?direction=sent").content.decode().count("BENALI Nadia") == 0
    client.force_login(ml_advisor)
    assert client.get("/orientations/?direction=sent").content.decode().count("BENALI Nadia") == 4
    assert "ne sont pas valides" in client.get("/orientations/?status=inconnu").content.decode()


def test_the_receiver_accepts_then_reads_the_file(client, cap_advisor, person, cap_emploi):
    referral = ReferralFactory(job_seeker=person, to_organisation=cap_emploi)
    client.force_login(cap_advisor)
    assert client.get(person.get_absolute_url()).status_code == 404
    page = client.get(referral.get_absolute_url()).content.decode()
    assert "Accepter l'orientation" in page and "Nadia" in page
    response = client.post(f"/orientations/{referral.pk}/accepter/")
    assert response["Location"] == person.get_absolute_url()
    assert client.get(person.get_absolute_url()).status_code == 200
    assert FollowUpTeamMember.objects.get(organisation=cap_emploi).reason == "referral"
    again = client.post(f"/orientations/{referral.pk}/accepter/", follow=True).content.decode()
    assert "déjà reçu sa réponse" in again


def test_a_consent_withdrawn_on_the_file_blocks_the_pending_referral(
    client, ml_advisor, cap_advisor, person, cap_emploi
):
    """The referent advisor records on the person's file that she withdrew her consent to the sharing with Cap
    emploi: the referral waiting for Cap emploi's answer can no longer be accepted (page and API), only declined."""
    referral = ReferralFactory(job_seeker=person, to_organisation=cap_emploi)
    client.force_login(ml_advisor)
    file_page = client.get(person.get_absolute_url()).content.decode()
    withdraw = f"/cohorte/personnes/{person.pk}/consentements/{referral.consent_id}/retirer/"
    assert withdraw in file_page
    response = client.post(withdraw, {"withdrawn_on": timezone.localdate().isoformat()})
    assert response["Location"] == person.get_absolute_url()

    client.force_login(cap_advisor)
    page = client.get(referral.get_absolute_url()).content.decode()
    assert "ne peut plus être acceptée" in page and "Accepter l'orientation" not in page
    refused = client.post(f"/orientations/{referral.pk}/accepter/", follow=True).content.decode()
    assert "retiré son consentement" in refused
    api = APIClient()
    api.force_authenticate(cap_advisor)
    answer = api.post(f"/api/v1/referrals/{referral.pk}/accept/", {}, format="json")
    assert answer.status_code == 400 and "retiré son consentement" in answer.json()["consent"][0]
    referral.refresh_from_db()
    assert referral.status == "sent"
    assert not FollowUpTeamMember.objects.filter(organisation=cap_emploi).exists()
    assert client.get(person.get_absolute_url()).status_code == 404  # Cap emploi never reads her file
    client.post(f"/orientations/{referral.pk}/decliner/", {"reason": "Consentement retiré"})
    referral.refresh_from_db()
    assert referral.status == "declined"


def test_declining_needs_a_reason_shown_on_the_page(client, cap_advisor, person, cap_emploi):
    referral = ReferralFactory(job_seeker=person, to_organisation=cap_emploi)
    client.force_login(cap_advisor)
    response = client.post(f"/orientations/{referral.pk}/decliner/", {"reason": ""})
    assert response.status_code == 200 and "Indiquez le motif du refus" in response.content.decode()
    client.post(f"/orientations/{referral.pk}/decliner/", {"reason": "Hors de notre champ"})
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "Hors de notre champ")


def test_the_sender_sees_the_answer_but_cannot_answer(client, ml_advisor, person, cap_emploi):
    referral = ReferralFactory(job_seeker=person, to_organisation=cap_emploi, status="declined",
                               decline_reason="Hors de notre champ", answered_at=timezone.now())  # fmt: skip
    client.force_login(ml_advisor)
    page = client.get(referral.get_absolute_url()).content.decode()
    assert "Hors de notre champ" in page and "Accepter l'orientation" not in page
    assert client.post(f"/orientations/{referral.pk}/accepter/").status_code == 403


def test_the_team_page_ends_a_membership_and_keeps_its_history(client, coordinator, person, cap_emploi):
    member = FollowUpTeamMember.objects.create(job_seeker=person, organisation=cap_emploi, reason="referral")
    client.force_login(coordinator)
    client.post(f"/cohorte/personnes/{person.pk}/equipe/{member.pk}/retirer/", {"end_reason": "left"})
    member.refresh_from_db()
    assert (member.ended_on, member.end_reason) == (timezone.localdate(), "left")
    page = client.get(f"/cohorte/personnes/{person.pk}/equipe/").content.decode()
    assert "(orientation acceptée)" in page and "départ le" in page and "a quitté l&#x27;équipe" in page


def test_the_advisor_home_counts_what_waits_for_an_answer(client, cap_advisor, ml_advisor, person, cap_emploi):
    ReferralFactory(job_seeker=person, to_organisation=cap_emploi)
    client.force_login(cap_advisor)
    assert "<strong>1</strong> reçue à accepter ou décliner" in client.get("/").content.decode()
    client.force_login(ml_advisor)
    assert "<strong>1</strong> envoyée en attente de réponse" in client.get("/").content.decode()
