"""Consents to sharing on the person's file and through the API: who reads them, who records their withdrawal.

Nadia is referred by the Mission locale; France Travail and Cap emploi are in her follow-up team; the Département
is not. She agreed to her file being shared with Cap emploi (recorded by the Mission locale) and with the
Département (recorded by France Travail). Fake data only."""

import datetime

import pytest
from django.utils import timezone

from cohorts import perms
from cohorts.models import Consent
from partners.models import AuditEntry
from tests.cohorts.factories import CohortFactory, JobSeekerFactory, TeamMemberFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.referrals.factories import ConsentFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
ROLES = ["coordinator", "advisor_ref", "advisor_recorder", "advisor_shared", "advisor_out", "viewer", "admin", "other"]


@pytest.fixture
def world(territory, other_territory, coordinator, viewer, admin_user):
    ml = OrganisationFactory(territory=territory, name="Mission locale angevine", kind="mission_locale")
    ft = OrganisationFactory(territory=territory, name="France Travail Angers", kind="france_travail")
    cap = OrganisationFactory(territory=territory, name="Cap emploi Maine-et-Loire", kind="cap_emploi")
    dep = OrganisationFactory(territory=territory, name="Département de Maine-et-Loire", kind="departement")
    out = OrganisationFactory(territory=territory, name="Mission emploi de Trélazé", kind="municipal_employment")
    users = {
        "coordinator": coordinator,
        "advisor_ref": UserFactory(advisor=True, organisation=ml, first_name="Inès", last_name="Moreau"),
        "advisor_recorder": UserFactory(advisor=True, organisation=ft),  # in the team, recorded the second consent
        "advisor_shared": UserFactory(advisor=True, organisation=cap),  # in the team, the file is shared with it
        "advisor_out": UserFactory(advisor=True, organisation=out),
        "viewer": viewer,
        "admin": admin_user,
        "other": UserFactory(coordinator=True, organisation__territory=other_territory),
    }
    entry = TODAY() - datetime.timedelta(days=60)
    person = JobSeekerFactory(
        territory=territory,
        cohort=CohortFactory(territory=territory, year=entry.year),
        referent_organisation=ml,
        referent=users["advisor_ref"],
        last_name="Benali",
        entry_date=entry,
        consent_recorded_on=entry,
    )
    for organisation in (ft, cap):
        TeamMemberFactory(job_seeker=person, organisation=organisation, started_on=entry)
    to_cap = ConsentFactory(job_seeker=person, organisation=cap, given_on=entry, recorded_by=users["advisor_ref"])
    to_dep = ConsentFactory(job_seeker=person, organisation=dep, given_on=entry, recorded_by=users["advisor_recorder"])
    return {"users": users, "person": person, "to_cap": to_cap, "to_dep": to_dep, "orgs": {"cap": cap, "dep": dep}}


def withdraw_url(consent):
    return f"/cohorte/personnes/{consent.job_seeker_id}/consentements/{consent.pk}/retirer/"


# --- the rule ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "to_cap", "to_dep"),
    [
        ("coordinator", True, True),
        ("advisor_ref", True, True),  # the referent organisation
        ("advisor_recorder", False, True),  # her organisation recorded the consent to the Département
        ("advisor_shared", False, False),  # the organisation the file is shared with does not withdraw it alone
        ("advisor_out", False, False),
        ("viewer", False, False),
        ("admin", False, False),
        ("other", False, False),
    ],
)
def test_who_may_withdraw_a_consent(world, role, to_cap, to_dep):
    user = world["users"][role]
    assert perms.can_withdraw_consent(user, world["to_cap"]) is to_cap
    assert perms.can_withdraw_consent(user, world["to_dep"]) is to_dep


def test_nobody_withdraws_on_an_anonymised_file(world):
    world["person"].anonymised_on = TODAY()
    assert not perms.can_withdraw_consent(world["users"]["coordinator"], world["to_cap"])


# --- the file ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "status", "withdraw_links"),
    [
        ("coordinator", 200, 2),
        ("advisor_ref", 200, 2),
        ("advisor_recorder", 200, 1),
        ("advisor_shared", 200, 0),
        ("advisor_out", 404, None),
        ("viewer", 403, None),
        ("admin", 403, None),
        ("other", 404, None),
    ],
)
def test_the_file_lists_the_consents_to_whoever_sees_it(client, world, role, status, withdraw_links):
    client.force_login(world["users"][role])
    response = client.get(world["person"].get_absolute_url())
    assert response.status_code == status
    page = response.content.decode()
    if status != 200:
        assert "Cap emploi Maine-et-Loire" not in page and "Benali" not in page
        return
    assert "Consentements au partage" in page
    assert "Cap emploi Maine-et-Loire" in page and "Département de Maine-et-Loire" in page
    assert "Inès Moreau" in page  # who recorded it
    assert page.count("En vigueur") == 2
    assert page.count("/consentements/") == withdraw_links


def test_a_withdrawn_consent_reads_withdrawn_with_its_date_and_no_action(client, world):
    world["to_cap"].withdrawn_on = TODAY()
    world["to_cap"].save()
    client.force_login(world["users"]["coordinator"])
    page = client.get(world["person"].get_absolute_url()).content.decode()
    assert f"Retiré le {TODAY():%d/%m/%Y}" in page
    assert page.count("En vigueur") == 1
    assert withdraw_url(world["to_cap"]) not in page


# --- the withdrawal page ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("advisor_ref", 200),
        ("advisor_recorder", 403),
        ("advisor_shared", 403),
        ("advisor_out", 404),
        ("viewer", 403),
        ("admin", 403),
        ("other", 404),
    ],
)
def test_who_opens_the_withdrawal_form(client, world, role, status):
    client.force_login(world["users"][role])
    response = client.get(withdraw_url(world["to_cap"]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert f'value="{TODAY().isoformat()}"' in page  # today by default
        assert "Cap emploi Maine-et-Loire" in page
    response = client.post(withdraw_url(world["to_cap"]), {"withdrawn_on": TODAY().isoformat()})
    assert response.status_code == (302 if status == 200 else status)
    world["to_cap"].refresh_from_db()
    assert (world["to_cap"].withdrawn_on is not None) is (status == 200)


def test_the_advisor_whose_organisation_recorded_it_withdraws_it(client, world):
    client.force_login(world["users"]["advisor_recorder"])
    response = client.post(withdraw_url(world["to_dep"]), {"withdrawn_on": TODAY().isoformat()})
    assert response.status_code == 302
    world["to_dep"].refresh_from_db()
    assert world["to_dep"].withdrawn_on == TODAY()


def test_withdrawing_goes_back_to_the_file_with_a_message_and_an_audit_entry(client, world):
    client.force_login(world["users"]["advisor_ref"])
    yesterday = TODAY() - datetime.timedelta(days=1)
    response = client.post(withdraw_url(world["to_cap"]), {"withdrawn_on": yesterday.isoformat()}, follow=True)
    assert response.redirect_chain[-1][0] == world["person"].get_absolute_url()
    page = response.content.decode()
    assert "Retrait du consentement enregistré" in page
    assert f"Retiré le {yesterday:%d/%m/%Y}" in page
    world["to_cap"].refresh_from_db()
    assert world["to_cap"].withdrawn_on == yesterday
    entry = AuditEntry.objects.filter(content_type__model="consent", object_id=str(world["to_cap"].pk)).latest("pk")
    assert entry.fields == ["withdrawn_on"] and entry.actor == world["users"]["advisor_ref"]
    assert "Benali" not in entry.detail


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("future", "dans le futur"),
        ("before", "ne peut précéder le recueil"),
        ("", "Indiquez la date du retrait"),
        ("31/02/2026", "Saisissez une date valide"),
    ],
)
def test_a_wrong_date_is_refused_on_its_field_and_the_input_is_kept(client, world, value, message):
    given_on = world["to_cap"].given_on
    typed = {
        "future": (TODAY() + datetime.timedelta(days=3)).isoformat(),
        "before": (given_on - datetime.timedelta(days=1)).isoformat(),
    }.get(value, value)
    client.force_login(world["users"]["coordinator"])
    response = client.post(withdraw_url(world["to_cap"]), {"withdrawn_on": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "is-invalid" in page
    if typed:
        assert f'value="{typed}"' in page
    world["to_cap"].refresh_from_db()
    assert world["to_cap"].withdrawn_on is None


def test_an_already_withdrawn_consent_says_so(client, world):
    world["to_cap"].withdrawn_on = TODAY() - datetime.timedelta(days=2)
    world["to_cap"].save()
    client.force_login(world["users"]["coordinator"])
    response = client.get(withdraw_url(world["to_cap"]), follow=True)
    assert "déjà retiré" in response.content.decode()
    response = client.post(withdraw_url(world["to_cap"]), {"withdrawn_on": TODAY().isoformat()})
    assert response.status_code == 200 and "déjà retiré" in response.content.decode()
    world["to_cap"].refresh_from_db()
    assert world["to_cap"].withdrawn_on == TODAY() - datetime.timedelta(days=2)


def test_the_withdrawal_is_a_post_with_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["coordinator"])
    assert client.post(withdraw_url(world["to_cap"]), {"withdrawn_on": TODAY().isoformat()}).status_code == 403
    world["to_cap"].refresh_from_db()
    assert world["to_cap"].withdrawn_on is None


def test_a_consent_of_another_person_is_not_found_through_this_file(client, world, territory):
    other_person = JobSeekerFactory(territory=territory, referent_organisation=world["person"].referent_organisation)
    client.force_login(world["users"]["coordinator"])
    url = f"/cohorte/personnes/{other_person.pk}/consentements/{world['to_cap'].pk}/retirer/"
    assert client.get(url).status_code == 404


# --- the API ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "status", "count"),
    [
        ("coordinator", 200, 2),
        ("advisor_ref", 200, 2),
        ("advisor_recorder", 200, 2),
        ("advisor_shared", 200, 2),
        ("advisor_out", 200, 0),
        ("viewer", 403, None),
        ("admin", 403, None),
        ("other", 200, 0),
    ],
)
def test_the_api_lists_the_consents_of_the_people_the_caller_sees(api_as, world, role, status, count):
    response = api_as(world["users"][role]).get("/api/v1/consents/")
    assert response.status_code == status
    if count is not None:
        assert response.json()["count"] == count


def test_national_roles_read_no_consent(api_as, world):
    for role in ("national_viewer", "national_admin"):
        user = UserFactory(role=role, organisation=None)
        assert api_as(user).get("/api/v1/consents/").status_code == 403


def test_the_api_filters_by_person_and_state_and_logs_the_read(api_as, world, territory):
    person = world["person"]
    other = JobSeekerFactory(territory=territory, referent_organisation=person.referent_organisation)
    ConsentFactory(job_seeker=other, organisation=world["orgs"]["cap"], given_on=other.entry_date)
    client = api_as(world["users"]["coordinator"])
    rows = client.get(f"/api/v1/consents/?job_seeker={person.pk}").json()["results"]
    assert {row["id"] for row in rows} == {world["to_cap"].pk, world["to_dep"].pk}
    assert set(rows[0]) == {
        "id", "job_seeker", "purpose", "organisation", "given_on", "recorded_by", "withdrawn_on", "in_force"
    }  # fmt: skip
    world["to_dep"].withdrawn_on = TODAY()
    world["to_dep"].save()
    in_force = client.get(f"/api/v1/consents/?job_seeker={person.pk}&in_force=true").json()["results"]
    assert [row["id"] for row in in_force] == [world["to_cap"].pk]
    withdrawn = client.get("/api/v1/consents/?in_force=false").json()["results"]
    assert [(row["id"], row["in_force"]) for row in withdrawn] == [(world["to_dep"].pk, False)]
    entry = AuditEntry.objects.filter(detail__startswith="API consent").latest("pk")
    assert "Benali" not in entry.detail


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("advisor_ref", 200),
        ("advisor_recorder", 403),
        ("advisor_shared", 403),
        ("advisor_out", 404),
        ("viewer", 403),
        ("admin", 403),
        ("other", 404),
    ],
)
def test_who_withdraws_through_the_api(api_as, world, role, status):
    consent = world["to_cap"]
    response = api_as(world["users"][role]).post(f"/api/v1/consents/{consent.pk}/withdraw/", {}, format="json")
    assert response.status_code == status
    consent.refresh_from_db()
    if status == 200:
        assert response.json()["withdrawn_on"] == TODAY().isoformat()  # today when the body gives no date
        assert response.json()["in_force"] is False
        assert consent.withdrawn_on == TODAY()
    else:
        assert consent.withdrawn_on is None


def test_the_api_withdrawal_takes_a_date_and_answers_french_field_errors(api_as, world):
    client = api_as(world["users"]["advisor_recorder"])
    url = f"/api/v1/consents/{world['to_dep'].pk}/withdraw/"
    future = TODAY() + datetime.timedelta(days=1)
    response = client.post(url, {"withdrawn_on": future.isoformat()}, format="json")
    assert response.status_code == 400 and "futur" in response.json()["withdrawn_on"][0]
    before = world["to_dep"].given_on - datetime.timedelta(days=1)
    response = client.post(url, {"withdrawn_on": before.isoformat()}, format="json")
    assert response.status_code == 400 and "précéder" in response.json()["withdrawn_on"][0]
    response = client.post(url, {"withdrawn_on": "hier"}, format="json")
    assert response.status_code == 400 and "AAAA-MM-JJ" in response.json()["withdrawn_on"][0]
    day = TODAY() - datetime.timedelta(days=5)
    response = client.post(url, {"withdrawn_on": day.isoformat()}, format="json")
    assert response.status_code == 200 and response.json()["withdrawn_on"] == day.isoformat()


def test_withdrawing_twice_through_the_api_is_a_conflict(api_as, world):
    client = api_as(world["users"]["coordinator"])
    url = f"/api/v1/consents/{world['to_cap'].pk}/withdraw/"
    assert client.post(url, {}, format="json").status_code == 200
    response = client.post(url, {}, format="json")
    assert response.status_code == 409
    assert "déjà retiré" in response.json()["detail"]
    assert Consent.objects.get(pk=world["to_cap"].pk).withdrawn_on == TODAY()


def test_the_api_never_creates_or_edits_a_consent(api_as, world):
    client = api_as(world["users"]["coordinator"])
    assert client.post("/api/v1/consents/", {}, format="json").status_code == 405
    assert client.patch(f"/api/v1/consents/{world['to_cap'].pk}/", {}, format="json").status_code == 405
    assert client.delete(f"/api/v1/consents/{world['to_cap'].pk}/").status_code == 405
