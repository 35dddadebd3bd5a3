"""The national accounts page (ANCT, DGEFP, national administration): the national administrator lists the national
accounts, invites a national viewer or administrator by the usual invitation link, deactivates and reactivates them —
never herself, never the last active national administrator — each change audited without personal data. Nobody
else reaches the page."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from partners import perms, services
from partners.models import AuditEntry, Invitation, User
from partners.navigation import items_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-29"
LIST = "/partenaires/comptes-nationaux/"
INVITE = "/partenaires/comptes-nationaux/inviter/"


@pytest.fixture
def national_admin(db):
    return UserFactory(
        role="national_admin", organisation=None, username="admin-national", first_name="Nadia", last_name="Benali"
    )


@pytest.fixture
def national_viewer(db):
    return UserFactory(
        role="national_viewer", organisation=None, username="anct", first_name="Paul", last_name="Lemaire"
    )


def _invite(client, **extra):
    data = {
        "first_name": "Léa",
        "last_name": "Quéméner",
        "email": "lea.quemener@example.org",
        "role": "national_viewer",
        **extra,
    }
    return client.post(INVITE, data)


def _table(response) -> str:
    html = response.content.decode()
    return html[html.index("<table") :]


def _link_path():
    return re.search(r"https?://[^/\s]+(/partenaires/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_only_the_national_administrator_manages_national_accounts(national_admin, national_viewer, coordinator):
    assert perms.can_manage_national_accounts(national_admin)
    assert not perms.can_manage_national_accounts(national_viewer)
    assert not perms.can_manage_national_accounts(coordinator)
    # a national role given to an account of a territory is no national administrator
    assert not perms.can_manage_national_accounts(
        UserFactory(role="national_admin", organisation__territory=coordinator.territory)
    )


def test_the_list_shows_the_national_accounts_sortable_and_nothing_of_a_territory(
    client, national_admin, national_viewer, coordinator, django_assert_max_num_queries
):
    national_viewer.last_login = None
    national_viewer.save()
    client.force_login(national_admin)
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Paul Lemaire" in html and national_viewer.email in html and "Observateur national" in html
    assert "Nadia Benali" in html and "Administrateur national" in html and "Jamais" in html
    assert coordinator.last_name not in html  # a territory's accounts are not national accounts
    # the user cannot deactivate herself: no button on her own row
    assert f"/comptes-nationaux/{national_admin.pk}/desactiver/" not in html
    assert f"/comptes-nationaux/{national_viewer.pk}/desactiver/" in html
    # sortable like every list (cite_emploi.sorting): aria-sort on the sorted column, the order follows
    by_name_desc = _table(client.get(LIST, {"tri": "-nom"}))
    assert 'aria-sort="descending"' in by_name_desc
    assert by_name_desc.index("Paul Lemaire") < by_name_desc.index("Nadia Benali")
    by_name = _table(client.get(LIST, {"tri": "nom"}))
    assert by_name.index("Nadia Benali") < by_name.index("Paul Lemaire")
    assert client.get(LIST, {"tri": "inconnu"}).status_code == 200


def test_the_menu_and_the_home_link_the_page_for_the_national_administrator_only(
    client, national_admin, national_viewer, coordinator
):
    assert "partners:national_account_list" in {item.url_name for item in items_for(national_admin)}
    for user in (national_viewer, coordinator):
        assert "partners:national_account_list" not in {item.url_name for item in items_for(user)}
    client.force_login(national_admin)
    assert LIST in client.get("/").content.decode()


def test_an_invited_national_viewer_sets_her_password_signs_in_and_lands_on_the_national_home(
    client, national_admin, caplog
):
    client.force_login(national_admin)
    bad = _invite(client, email="pas-une-adresse")
    html = bad.content.decode()
    assert bad.status_code == 200 and "Saisissez une adresse" in html and "Quéméner" in html  # the form keeps input
    assert _invite(client)["Location"] == LIST
    invitation = Invitation.objects.get(email="lea.quemener@example.org")
    assert invitation.organisation is None and invitation.role == "national_viewer"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lea.quemener@example.org"]
    body = mail.outbox[0].body
    assert "niveau national" in body and "mot de passe" in body and PASSWORD not in body
    assert "Invitations en attente" in client.get(LIST).content.decode()
    assert "Quéméner" in client.get(LIST).content.decode()
    # audited without personal data; nothing personal in the logs either
    entry = AuditEntry.objects.get(content_type__model="invitation", object_id=str(invitation.pk))
    assert entry.actor == national_admin and entry.territory_id is None
    assert "Quéméner" not in entry.detail and "lea.quemener" not in entry.detail
    assert "lea.quemener" not in caplog.text and "Quéméner" not in caplog.text

    path = _link_path()
    invitee = Client()
    page = invitee.get(path).content.decode()
    assert "niveau national" in page and "lea.quemener@example.org" in page
    done = invitee.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    user = User.objects.get(email="lea.quemener@example.org")
    assert user.organisation is None and user.role == "national_viewer" and perms.is_national_viewer(user)
    signed_in = invitee.post("/connexion/", {"username": "lea.quemener@example.org", "password": PASSWORD})
    assert signed_in.status_code == 302
    home = invitee.get(signed_in["Location"], follow=True)
    assert home.status_code == 200 and "Observatoire national" in home.content.decode()
    assert invitee.get("/cohorte/").status_code == 403  # still no territory page
    assert invitee.get(LIST).status_code == 403


def test_an_invited_national_administrator_signs_in_to_the_national_administration(client, national_admin):
    client.force_login(national_admin)
    _invite(client, email="second.admin@example.org", role="national_admin")
    invitee = Client()
    invitee.post(_link_path(), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert perms.is_national_admin(User.objects.get(email="second.admin@example.org"))
    invitee.post("/connexion/", {"username": "second.admin@example.org", "password": PASSWORD})
    home = invitee.get("/").content.decode()
    assert "Administration nationale" in home and LIST in home


def test_an_address_already_used_is_refused_with_the_field_message(client, national_admin, coordinator):
    client.force_login(national_admin)
    response = _invite(client, email=coordinator.email)
    assert response.status_code == 200
    assert "Un compte existe déjà avec cette adresse." in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_only_national_roles_are_given_here(client, national_admin, territory):
    client.force_login(national_admin)
    response = _invite(client, role="coordinator")
    assert response.status_code == 200 and "Sélectionnez un choix valide" in response.content.decode()
    with pytest.raises(ValidationError):
        services.national_account_invite(
            actor=national_admin, email="x@example.org", first_name="X", last_name="Y", role="admin"
        )
    assert not Invitation.objects.exists()


def test_deactivate_and_reactivate_a_national_account_audited(client, national_admin, national_viewer):
    viewer_client = Client()
    viewer_client.force_login(national_viewer)
    client.force_login(national_admin)
    response = client.post(f"{LIST}{national_viewer.pk}/desactiver/")
    assert response["Location"] == LIST
    national_viewer.refresh_from_db()
    assert not national_viewer.is_active
    assert viewer_client.get("/").status_code == 302  # her session is gone: back to the sign-in page
    assert not any(s.get_decoded().get("_auth_user_id") == str(national_viewer.pk) for s in Session.objects.all())
    assert "Désactivé" in client.get(LIST).content.decode()
    client.post(f"{LIST}{national_viewer.pk}/reactiver/")
    national_viewer.refresh_from_db()
    assert national_viewer.is_active
    entries = AuditEntry.objects.filter(content_type__model="user", object_id=str(national_viewer.pk))
    assert sorted(entries.values_list("detail", flat=True)) == [
        "compte national désactivé ; jeton d'API, agenda et 1 session(s) supprimés",
        "compte national réactivé",
    ]
    assert all(entry.actor == national_admin and entry.fields == ["is_active"] for entry in entries)
    assert not entries.filter(detail__contains="Lemaire").exists()


def test_she_cannot_deactivate_herself(client, national_admin):
    client.force_login(national_admin)
    response = client.post(f"{LIST}{national_admin.pk}/desactiver/", follow=True)
    assert "votre propre compte" in response.content.decode()
    national_admin.refresh_from_db()
    assert national_admin.is_active


def test_the_last_active_national_administrator_is_never_deactivated(national_admin):
    """Two administrators deactivating each other: the second one's request finds her colleague the last active one
    (her own account was deactivated meanwhile) and is refused."""
    colleague = UserFactory(role="national_admin", organisation=None)
    stale_colleague = User.objects.get(pk=colleague.pk)  # her request started before she was deactivated
    services.national_account_deactivate(actor=national_admin, user=colleague)
    with pytest.raises(ValidationError, match="dernier compte d'administration nationale actif"):
        services.national_account_deactivate(actor=stale_colleague, user=national_admin)
    national_admin.refresh_from_db()
    assert national_admin.is_active
    # with a second active administrator, either one may be deactivated
    services.national_account_reactivate(actor=national_admin, user=colleague)
    services.national_account_deactivate(actor=colleague, user=national_admin)
    assert User.objects.national().filter(role="national_admin", is_active=True).get() == colleague


def test_a_territory_account_is_out_of_reach_of_the_page(client, national_admin, coordinator):
    client.force_login(national_admin)
    assert client.post(f"{LIST}{coordinator.pk}/desactiver/").status_code == 404
    coordinator.refresh_from_db()
    assert coordinator.is_active
    with pytest.raises(ValidationError):
        services.national_account_deactivate(actor=national_admin, user=coordinator)


@pytest.mark.parametrize("role", ["coordinator", "advisor", "viewer", "admin", "national_viewer"])
def test_every_other_role_gets_403_on_the_page_and_its_posts(client, role, territory, national_admin):
    if role == "national_viewer":
        user = UserFactory(role=role, organisation=None)
    else:
        user = UserFactory(role=role, organisation__territory=territory)
    target = UserFactory(role="national_viewer", organisation=None)
    client.force_login(user)
    assert client.get(LIST).status_code == 403
    assert client.get(INVITE).status_code == 403
    assert _invite(client).status_code == 403
    assert client.post(f"{LIST}{target.pk}/desactiver/").status_code == 403
    assert client.post(f"{LIST}{national_admin.pk}/desactiver/").status_code == 403
    assert client.post(f"{LIST}{target.pk}/reactiver/").status_code == 403
    assert not Invitation.objects.exists() and not mail.outbox
    assert User.objects.filter(pk__in=[target.pk, national_admin.pk], is_active=True).count() == 2
    with pytest.raises(PermissionDenied):
        services.national_account_deactivate(actor=user, user=target)
    with pytest.raises(PermissionDenied):
        services.national_account_invite(
            actor=user, email="x@example.org", first_name="X", last_name="Y", role="national_viewer"
        )


def test_anonymous_visitors_are_sent_to_the_sign_in_page(client):
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")
