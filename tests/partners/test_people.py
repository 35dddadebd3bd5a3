"""People and roles: invitation by email (single use, 7 days), role changes, deactivation; all audited."""

import datetime
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from partners.models import AuditEntry, CalendarToken, Invitation, User
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def mission_locale(territory):
    return OrganisationFactory(territory=territory, name="Mission locale angevine", kind="mission_locale")


def _invite(client, organisation, **extra):
    data = {
        "first_name": "Inès",
        "last_name": "Morel",
        "email": "ines.morel@example.org",
        "organisation": organisation.pk,
        "role": "advisor",
        **extra,
    }
    return client.post("/partenaires/personnes/inviter/", data)


def _link_path():
    bodies = [m.body for m in mail.outbox if "invitation/" in m.body]
    return re.search(r"https?://[^/\s]+(/partenaires/invitation/[^/\s]+/)", bodies[-1]).group(1)


def test_the_coordinator_invites_and_the_invitee_sets_her_password_once(client, coordinator, mission_locale):
    client.force_login(coordinator)
    assert _invite(client, mission_locale).status_code == 302
    # the invitation, then the notice to the territory's coordinators (an advisor reads personal data)
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == ["ines.morel@example.org"]
    assert mail.outbox[1].to == [coordinator.email] and "Morel" not in mail.outbox[1].body
    assert "expire dans 7 jours" in mail.outbox[0].body
    path = _link_path()
    invitation = Invitation.objects.get()
    assert abs(invitation.expires_at - invitation.created_at - datetime.timedelta(days=7)) < datetime.timedelta(
        seconds=5
    )
    assert path.split("/")[-2] not in invitation.token_hash  # only a hash of the token is stored

    invitee = Client()
    # the project's password validators apply, in French, and the form is kept
    weak = invitee.post(path, {"new_password1": "court", "new_password2": "court"})
    assert "Ce mot de passe est trop court" in weak.content.decode()
    similar = invitee.post(path, {"new_password1": "ines.morel@example", "new_password2": "ines.morel@example"})
    assert "trop semblable" in similar.content.decode()
    done = invitee.post(
        path, {"new_password1": "un-mot-de-passe-solide-49", "new_password2": "un-mot-de-passe-solide-49"}
    )
    assert done.status_code == 302
    user = User.objects.get(email="ines.morel@example.org")
    assert (user.organisation, user.role, user.first_name) == (mission_locale, "advisor", "Inès")
    assert user.check_password("un-mot-de-passe-solide-49")
    signed_in = Client().post(
        "/connexion/", {"username": "ines.morel@example.org", "password": "un-mot-de-passe-solide-49"}
    )
    assert signed_in.status_code == 302

    # single use
    again = Client().get(path)
    assert again.status_code == 404
    assert "n'est plus valable" in again.content.decode()
    assert AuditEntry.objects.filter(content_type__model="invitation", action="create").count() == 1
    assert AuditEntry.objects.filter(content_type__model="user", object_id=str(user.pk), action="create").exists()


def test_an_expired_invitation_link_does_not_work(client, coordinator, mission_locale):
    client.force_login(coordinator)
    _invite(client, mission_locale)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = Client().post(
        _link_path(), {"new_password1": "un-mot-de-passe-solide-49", "new_password2": "un-mot-de-passe-solide-49"}
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="ines.morel@example.org").exists()


def test_the_invitation_form_keeps_input_and_refuses_a_known_address(client, coordinator, mission_locale):
    UserFactory(email="deja@example.org", organisation=mission_locale)
    client.force_login(coordinator)
    response = _invite(client, mission_locale, email="deja@example.org", first_name="Lucie")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Un compte existe déjà avec cette adresse." in html
    assert 'value="Lucie"' in html
    assert 'value="deja@example.org"' in html
    assert mail.outbox == []


def test_the_invitation_cannot_target_another_territory_or_give_the_admin_role(client, coordinator, other_coordinator):
    client.force_login(coordinator)
    response = _invite(client, other_coordinator.organisation)
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = _invite(client, coordinator.organisation, role="admin")
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Invitation.objects.exists()


def test_changing_a_role_is_audited(client, coordinator, advisor):
    client.force_login(coordinator)
    client.post(f"/partenaires/personnes/{advisor.pk}/role/", {"role": "viewer"})
    advisor.refresh_from_db()
    assert advisor.role == "viewer"
    entry = AuditEntry.objects.get(content_type__model="user", object_id=str(advisor.pk))
    assert (entry.actor, entry.fields, entry.detail) == (coordinator, ["role"], "advisor → viewer")


def test_deactivating_deletes_her_token_sessions_and_calendar(client, coordinator, advisor):
    Token.objects.create(user=advisor)
    CalendarToken.objects.create(user=advisor, key="secret-de-test")
    her_browser = Client()
    her_browser.force_login(advisor)
    assert her_browser.get("/").status_code == 200
    client.force_login(coordinator)
    response = client.post(f"/partenaires/personnes/{advisor.pk}/desactiver/")
    assert response.status_code == 302
    advisor.refresh_from_db()
    assert not advisor.is_active
    assert not Token.objects.filter(user=advisor).exists()
    assert not CalendarToken.objects.filter(user=advisor).exists()
    assert all(s.get_decoded().get("_auth_user_id") != str(advisor.pk) for s in Session.objects.all())
    assert her_browser.get("/").status_code == 302
    entry = AuditEntry.objects.get(content_type__model="user", object_id=str(advisor.pk))
    assert entry.fields == ["is_active"]


def test_the_coordinator_cannot_deactivate_herself(client, coordinator):
    client.force_login(coordinator)
    client.post(f"/partenaires/personnes/{coordinator.pk}/desactiver/")
    coordinator.refresh_from_db()
    assert coordinator.is_active


@pytest.mark.parametrize("role", ["advisor", "viewer"])
def test_advisors_and_viewers_do_not_manage_people(client, request, role, coordinator, mission_locale):
    user = request.getfixturevalue(role)
    target = UserFactory(organisation=mission_locale)
    client.force_login(user)
    assert client.get("/partenaires/personnes/").status_code == 403
    assert client.get("/partenaires/personnes/inviter/").status_code == 403
    assert client.get(f"/partenaires/personnes/{target.pk}/").status_code == 403
    assert client.post(f"/partenaires/personnes/{target.pk}/role/", {"role": "coordinator"}).status_code == 403
    assert client.post(f"/partenaires/personnes/{target.pk}/desactiver/").status_code == 403
    target.refresh_from_db()
    assert target.is_active and target.role == "advisor"


def test_the_admin_manages_people_too(client, admin_user, advisor):
    client.force_login(admin_user)
    assert client.get("/partenaires/personnes/").status_code == 200
    client.post(f"/partenaires/personnes/{advisor.pk}/desactiver/")
    advisor.refresh_from_db()
    assert not advisor.is_active


def test_another_territory_gets_404_on_people(client, other_coordinator, advisor):
    client.force_login(other_coordinator)
    assert advisor.get_full_name() not in client.get("/partenaires/personnes/").content.decode()
    assert client.get(f"/partenaires/personnes/{advisor.pk}/").status_code == 404
    assert client.post(f"/partenaires/personnes/{advisor.pk}/role/", {"role": "viewer"}).status_code == 404
    assert client.post(f"/partenaires/personnes/{advisor.pk}/desactiver/").status_code == 404
    advisor.refresh_from_db()
    assert advisor.is_active


def test_people_list_is_bounded(client, coordinator, territory, django_assert_max_num_queries):
    UserFactory.create_batch(15, organisation__territory=territory)
    client.force_login(coordinator)
    with django_assert_max_num_queries(8, info="La liste des personnes doit charger les organisations en une fois."):
        assert client.get("/partenaires/personnes/").status_code == 200
