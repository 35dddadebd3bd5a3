"""referrals/ and team-memberships/ in the API: scoped like the pages, 409 once answered, viewer 403."""

import pytest
from django.utils import timezone

from cohorts.models import FollowUpTeamMember
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_lists_what_it_sent_or_received(api_as, ml_advisor, cap_advisor, ft_advisor, coordinator,
                                                        viewer, person, cap_emploi):  # fmt: skip
    referral = ReferralFactory(job_seeker=person, to_organisation=cap_emploi)
    for user in (ml_advisor, cap_advisor, coordinator):
        assert [r["id"] for r in api_as(user).get("/api/v1/referrals/").json()["results"]] == [referral.pk]
    assert api_as(ft_advisor).get("/api/v1/referrals/").json()["count"] == 0
    assert api_as(ft_advisor).get(f"/api/v1/referrals/{referral.pk}/").status_code == 404
    assert api_as(viewer).get("/api/v1/referrals/").status_code == 403
    assert api_as(cap_advisor).get("/api/v1/referrals/?direction=received").json()["count"] == 1
    assert api_as(cap_advisor).get("/api/v1/referrals/?direction=sent").json()["count"] == 0
    row = api_as(ml_advisor).get(f"/api/v1/referrals/{referral.pk}/").json()
    assert row["status"] == "sent" and row["from_organisation"] == person.referent_organisation_id


def test_post_records_the_consent_and_sends(api_as, ml_advisor, person, cap_emploi, france_travail):
    client = api_as(ml_advisor)
    body = {"job_seeker": person.pk, "to_organisation": cap_emploi.pk, "reason": "Accompagnement adapté"}
    response = client.post("/api/v1/referrals/", body, format="json")
    assert response.status_code == 400 and "consent" in response.json()
    body["consent_given_on"] = timezone.localdate().isoformat()
    response = client.post("/api/v1/referrals/", {**body, "from_organisation": cap_emploi.pk}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["from_organisation"] == person.referent_organisation_id  # never taken from the body
    future = {**body, "consent_given_on": "2999-01-01", "to_organisation": france_travail.pk}
    assert "dans le futur" in client.post("/api/v1/referrals/", future, format="json").json()["consent_given_on"][0]


def test_accept_then_409_and_decline_needs_a_reason(api_as, ml_advisor, cap_advisor, person, cap_emploi):
    referral = ReferralFactory(job_seeker=person, to_organisation=cap_emploi)
    assert api_as(ml_advisor).post(f"/api/v1/referrals/{referral.pk}/accept/").status_code == 403
    assert api_as(cap_advisor).post(f"/api/v1/referrals/{referral.pk}/decline/", {}, format="json").status_code == 400
    response = api_as(cap_advisor).post(f"/api/v1/referrals/{referral.pk}/accept/")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    again = api_as(cap_advisor).post(f"/api/v1/referrals/{referral.pk}/decline/", {"reason": "Non"}, format="json")
    assert again.status_code == 409 and "déjà reçu sa réponse" in again.json()["detail"]
    memberships = api_as(cap_advisor).get(f"/api/v1/team-memberships/?job_seeker={person.pk}&active=true").json()
    assert [(m["organisation"], m["reason"], m["ended_on"]) for m in memberships["results"]] == [
        (cap_emploi.pk, "referral", None)
    ]


def test_team_memberships_post_by_the_coordinator_and_patch_ends(api_as, coordinator, ml_advisor, person, cap_emploi):
    body = {"job_seeker": person.pk, "organisation": cap_emploi.pk, "reason": "group_decision"}
    assert api_as(ml_advisor).post("/api/v1/team-memberships/", body, format="json").status_code == 403
    response = api_as(coordinator).post("/api/v1/team-memberships/", body, format="json")
    assert response.status_code == 201 and response.json()["started_on"] == timezone.localdate().isoformat()
    pk = response.json()["id"]
    response = api_as(coordinator).patch(
        f"/api/v1/team-memberships/{pk}/", {"end_reason": "group_decision"}, format="json"
    )
    assert response.status_code == 200 and response.json()["active"] is False
    assert FollowUpTeamMember.objects.get(pk=pk).end_reason == "group_decision"
