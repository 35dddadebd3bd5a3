"""The technical admin reaches no personal data and grants no role that reads it (issue 10, point 2).

Rules: the admin role sees no personal data anywhere (Django admin scoped to her territory, a decision's person as
a raw id, no follow-up group decisions or minutes, in the admin as in `GET /api/v1/meetings/{id}/`); the demo
admin is not a superuser; only a coordinator of the territory grants coordinator or advisor, each grant audited
and notified to the territory's coordinators (a link, no personal data); a superuser invites a territory's first
coordinator (`invite_first_coordinator`), audited.
"""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from partners import services
from partners.enums import AuditAction, Role
from partners.models import AuditEntry, Invitation, User
from tests.cohorts.factories import JobSeekerFactory
from tests.factories import OrganisationFactory, UserFactory

from .factories import DecisionFactory, MeetingFactory

PERSON = ("Yasmine", "Zerbibova")
CASE_TEXT = "Orienter Yasmine vers l'atelier mobilité"


@pytest.fixture
def case(territory, coordinator):
    person = JobSeekerFactory(territory=territory, first_name=PERSON[0], last_name=PERSON[1])
    follow_up = MeetingFactory(territory=territory, follow_up=True, minutes="Situation de Yasmine revue.")
    DecisionFactory(meeting=follow_up, text=CASE_TEXT, job_seeker=person)
    technical = MeetingFactory(territory=territory)
    DecisionFactory(meeting=technical, text="Valider le calendrier", job_seeker=None)
    return {"person": person, "follow_up": follow_up, "technical": technical}


# --- granting roles -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADVISOR])
def test_the_admin_cannot_invite_a_role_that_reads_personal_data(admin_user, organisation, role):
    with pytest.raises(ValidationError, match="Seule la coordination du territoire"):
        services.invitation_send(
            actor=admin_user, email="x@example.org", first_name="A", last_name="B", organisation=organisation, role=role
        )
    assert not Invitation.objects.exists()


def test_the_admin_invitation_page_offers_only_the_viewer_role(client, admin_user, organisation):
    client.force_login(admin_user)
    html = client.get("/partenaires/personnes/inviter/").content.decode()
    assert 'value="viewer"' in html and 'value="advisor"' not in html and 'value="coordinator"' not in html
    response = client.post(
        "/partenaires/personnes/inviter/",
        {
            "first_name": "A",
            "last_name": "B",
            "email": "x@example.org",
            "organisation": organisation.pk,
            "role": "coordinator",
        },
    )
    assert response.status_code == 200 and not Invitation.objects.exists()


def test_the_admin_cannot_give_herself_or_anyone_a_personal_data_role(admin_user, viewer, territory):
    with pytest.raises(ValidationError):
        services.user_change_role(actor=admin_user, user=viewer, role=Role.COORDINATOR)
    other_admin = UserFactory(admin=True, organisation__territory=territory)
    with pytest.raises(ValidationError):
        services.user_change_role(actor=other_admin, user=admin_user, role=Role.ADVISOR)
    viewer.refresh_from_db()
    assert viewer.role == Role.VIEWER


def test_the_admin_cannot_reactivate_an_advisor(admin_user, advisor, coordinator):
    services.user_deactivate(actor=coordinator, user=advisor)
    with pytest.raises(ValidationError):
        services.user_reactivate(actor=admin_user, user=advisor)
    advisor.refresh_from_db()
    assert not advisor.is_active


def test_a_coordinator_grant_is_audited_and_notified_without_personal_data(coordinator, territory, organisation):
    second = UserFactory(coordinator=True, organisation=coordinator.organisation)
    services.invitation_send(
        actor=coordinator,
        email="ines.morel@example.org",
        first_name="Inès",
        last_name="Morel",
        organisation=organisation,
        role=Role.ADVISOR,
    )
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, content_type__model="invitation")
    assert entry.territory_id == territory.pk and "données personnelles" in entry.detail
    notice = mail.outbox[-1]
    assert sorted(notice.to) == sorted([coordinator.email, second.email])
    assert "/partenaires/personnes/" in notice.body
    assert "Morel" not in notice.body and "ines.morel" not in notice.body and "Inès" not in notice.body


def test_a_viewer_invitation_is_not_notified(coordinator, organisation):
    services.invitation_send(
        actor=coordinator,
        email="v@example.org",
        first_name="V",
        last_name="W",
        organisation=organisation,
        role="viewer",
    )
    assert len(mail.outbox) == 1  # the invitation only


# --- Django admin -------------------------------------------------------------------------------------------
def test_the_demo_admin_is_not_a_superuser(db):
    from partners.demo import seed

    seed()
    admin = User.objects.get(username="admin")
    assert admin.role == Role.ADMIN and admin.is_staff and not admin.is_superuser


def test_the_admin_pages_show_no_person_and_no_follow_up_decision(client, admin_user, case):
    client.force_login(admin_user)
    follow_up = client.get(f"/admin/partners/meeting/{case['follow_up'].pk}/change/")
    assert follow_up.status_code == 200
    html = follow_up.content.decode()
    assert CASE_TEXT not in html and "Situation de Yasmine" not in html and PERSON[1] not in html
    technical = client.get(f"/admin/partners/meeting/{case['technical'].pk}/change/").content.decode()
    assert "Valider le calendrier" in technical


def test_the_superuser_sees_a_decision_but_never_its_person(client, territory, case):
    root = UserFactory(organisation=None, role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(root)
    html = client.get(f"/admin/partners/meeting/{case['follow_up'].pk}/change/").content.decode()
    assert "Orienter Yasmine vers l" in html  # the superuser is the bootstrap tool: she sees the decision…
    assert PERSON[1] not in html  # …but not the person: the link belongs to cohorts and is not on this page


def test_the_admin_sees_only_her_territory(client, admin_user, other_coordinator, other_territory):
    OrganisationFactory(territory=other_territory, name="Organisation de Saumur")
    client.force_login(admin_user)
    users = client.get("/admin/partners/user/").content.decode()
    assert other_coordinator.username not in users
    organisations = client.get("/admin/partners/organisation/").content.decode()
    assert "Organisation de Saumur" not in organisations
    assert client.get(f"/admin/partners/user/{other_coordinator.pk}/change/").status_code in {302, 404}


def test_the_admin_cannot_edit_an_account_that_reads_personal_data(client, admin_user, advisor):
    client.force_login(admin_user)
    page = client.get(f"/admin/partners/user/{advisor.pk}/change/")
    assert page.status_code == 200 and 'name="email"' not in page.content.decode()  # read-only
    assert client.get(f"/admin/partners/user/{advisor.pk}/password/").status_code == 403
    response = client.post(
        f"/admin/partners/user/{advisor.pk}/password/",
        {"password1": "Nouveau-mot-2026!", "password2": "Nouveau-mot-2026!"},
    )
    assert response.status_code == 403
    advisor.refresh_from_db()
    assert not advisor.check_password("Nouveau-mot-2026!")


def test_the_admin_cannot_make_herself_coordinator_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    page = client.get(f"/admin/partners/user/{admin_user.pk}/change/").content.decode()
    assert 'name="role"' not in page and 'name="is_superuser"' not in page
    client.post(
        f"/admin/partners/user/{admin_user.pk}/change/",
        {"username": admin_user.username, "email": admin_user.email, "role": "coordinator", "is_superuser": "on"},
    )
    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN and not admin_user.is_superuser


def test_the_admin_cannot_edit_invitations(client, admin_user, coordinator, organisation):
    invitation, _ = services.invitation_send(
        actor=coordinator,
        email="v@example.org",
        first_name="V",
        last_name="W",
        organisation=organisation,
        role="viewer",
    )
    client.force_login(admin_user)
    client.post(f"/admin/partners/invitation/{invitation.pk}/change/", {"role": "coordinator"})
    invitation.refresh_from_db()
    assert invitation.role == "viewer"
    assert client.get("/admin/partners/invitation/add/").status_code == 403


def test_a_superuser_grant_in_the_admin_is_audited_and_notified(client, territory, coordinator, viewer):
    root = UserFactory(organisation=None, role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(root)
    page = client.get(f"/admin/partners/user/{viewer.pk}/change/")
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update(
        role="advisor", organisation=viewer.organisation_id, date_joined_0="2026-01-01", date_joined_1="10:00:00"
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    data.pop("password", None)
    data["is_active"] = "on"
    response = client.post(f"/admin/partners/user/{viewer.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    viewer.refresh_from_db()
    assert viewer.role == Role.ADVISOR
    entry = AuditEntry.objects.get(content_type__model="user", object_id=str(viewer.pk), fields=["role"])
    assert entry.territory_id == territory.pk and entry.actor == root
    assert mail.outbox[-1].to == [coordinator.email]


# --- the meetings API ---------------------------------------------------------------------------------------
def test_the_meetings_api_hides_follow_up_decisions_from_the_admin(api_as, admin_user, coordinator, case):
    body = api_as(admin_user).get(f"/api/v1/meetings/{case['follow_up'].pk}/").json()
    assert body["decisions"] == [] and body["minutes"] == ""
    assert CASE_TEXT not in str(api_as(admin_user).get("/api/v1/meetings/").json())
    assert (
        api_as(coordinator).get(f"/api/v1/meetings/{case['follow_up'].pk}/").json()["decisions"][0]["text"] == CASE_TEXT
    )


# --- the first coordinator ----------------------------------------------------------------------------------
def test_a_superuser_invites_the_first_coordinator_audited(territory):
    root = UserFactory(username="racine", organisation=None, role=Role.ADMIN, is_staff=True, is_superuser=True)
    args = ["--by", "racine", "--territory", territory.slug, "--organisation", "Aldev"]
    person = ["--email", "c@example.org", "--first-name", "Claire", "--last-name", "Dupont"]
    call_command("invite_first_coordinator", *args, *person)
    invitation = Invitation.objects.get()
    assert invitation.role == Role.COORDINATOR and invitation.organisation.territory == territory
    entry = AuditEntry.objects.get(content_type__model="invitation")
    assert (entry.actor, entry.territory_id) == (root, territory.pk)
    assert "première coordination" in entry.detail
    UserFactory(coordinator=True, organisation=invitation.organisation)  # she accepted
    with pytest.raises(CommandError, match="déjà une coordination"):
        call_command(
            "invite_first_coordinator", *args, "--email", "d@example.org", "--first-name", "D", "--last-name", "E"
        )


def test_only_a_superuser_invites_a_first_coordinator(territory, admin_user):
    with pytest.raises(CommandError, match="super-utilisateur"):
        call_command(
            "invite_first_coordinator",
            "--by",
            admin_user.username,
            "--territory",
            territory.slug,
            "--organisation",
            "Aldev",
            "--email",
            "c@example.org",
            "--first-name",
            "C",
            "--last-name",
            "D",
        )
    organisation = OrganisationFactory(territory=territory, kind="coordinator")
    with pytest.raises(ValidationError):
        services.first_coordinator_invite(
            actor=admin_user, email="c@example.org", first_name="C", last_name="D", organisation=organisation
        )


def test_the_admin_reaches_no_other_admin_page(client, admin_user):
    """Tokens, second-factor devices, lockouts: Django's permissions, which the technical admin does not have."""
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    for url in ("/admin/authtoken/tokenproxy/", "/admin/otp_totp/totpdevice/", "/admin/axes/accessattempt/"):
        assert client.get(url).status_code in {403, 404}, url
