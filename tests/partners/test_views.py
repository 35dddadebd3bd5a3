import pytest
from django.core import mail

from tests.factories import TEST_PASSWORD, UserFactory


def test_login_page_is_in_french_with_labelled_fields(client, db):
    response = client.get("/connexion/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html  # skip link
    assert '<label class="form-label" for="id_username">Identifiant</label>' in html
    assert "cdn" not in html.lower()


def test_login_then_home_shows_organisation_role_and_territory(client, coordinator):
    response = client.post("/connexion/", {"username": coordinator.username, "password": TEST_PASSWORD}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/"
    assert coordinator.organisation.name in html
    assert "Coordinatrice ou coordinateur" in html
    assert "Angers Loire Métropole" in html


def test_wrong_password_keeps_the_username_and_says_why(client, coordinator):
    response = client.post("/connexion/", {"username": coordinator.username, "password": "mauvais"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in html
    assert f'value="{coordinator.username}"' in html


@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        ("coordinator", "Piloter la Cité de l'emploi", "Administration technique"),
        ("advisor", "Suivre les personnes", "Le groupe technique"),
        ("viewer", "Aucune donnée personnelle ne vous est présentée", "Documentation de l'API"),
        ("admin", "Administration technique", "Suivre les personnes"),
    ],
)
def test_home_depends_on_the_role(client, territory, role, expected, absent):
    user = UserFactory(role=role, organisation__territory=territory)
    client.force_login(user)
    html = client.get("/").content.decode()
    assert expected in html
    assert absent not in html


def test_navigation_depends_on_the_role(client, viewer, coordinator):
    client.force_login(viewer)
    assert ">API<" not in client.get("/").content.decode()
    client.force_login(coordinator)
    assert ">API<" in client.get("/").content.decode()


def test_messages_are_rendered_as_alerts(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/mot-de-passe/modifier/",
        {"old_password": TEST_PASSWORD, "new_password1": "court", "new_password2": "court"},
    )
    html = response.content.decode()
    assert "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères." in html


def test_password_reset_sends_a_french_email_with_a_working_link(client, coordinator):
    response = client.post("/mot-de-passe/oubli/", {"email": coordinator.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Cité de l'emploi : réinitialisation de votre mot de passe"
    link = next(line for line in message.body.splitlines() if "/mot-de-passe/nouveau/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert "Choisir un nouveau mot de passe" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "un-nouveau-mot-de-passe-long", "new_password2": "un-nouveau-mot-de-passe-long"},
        follow=True,
    )
    assert "Mot de passe enregistré" in done.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password("un-nouveau-mot-de-passe-long")


def test_logout_is_a_post_and_returns_to_login(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/deconnexion/")
    assert response.status_code == 302
    assert response["Location"] == "/connexion/"
    assert client.get("/").status_code == 302


def test_home_runs_in_a_bounded_number_of_queries(client, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    # session, user with organisation and territory, upcoming meetings, technical group (+ two-factor devices),
    # the first-run checklist (one query, shown to the coordinator until every step is done),
    # and the reporting dashboard (figures in 12 queries, what is due, meetings, packs, cohorts of the filter);
    # issue 11 adds 10 fixed queries to the figures (partner scorecard, decisions, running cohorts, co-funding)
    with django_assert_max_num_queries(
        4 + 1 + 2 + 1 + 16 + 10,
        info="La page d'accueil doit charger l'utilisateur et son territoire en une fois, et une requête par encart.",
    ):
        assert client.get("/").status_code == 200


def test_french_dates_favicon_and_no_menu_on_the_code_page(client, coordinator, territory):
    """« 1er décembre », « mar. », a favicon on every page, and the code page without the menu it would lead from."""
    import datetime

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cite_emploi.french import french_date
    from tests.partners.factories import MeetingFactory

    assert french_date(datetime.date(2026, 12, 1)) == "1er décembre 2026"
    assert french_date(datetime.date(2026, 12, 1), "court") == "mar. 1er décembre 2026"
    assert french_date(datetime.date(2026, 12, 2), "long") == "mercredi 2 décembre 2026"
    meeting = MeetingFactory(territory=territory, date=datetime.date(2026, 12, 1), title="")
    assert str(meeting) == "Groupe technique du 1er décembre 2026"
    client.force_login(coordinator)
    html = client.get(f"/partenaires/reunions/{meeting.pk}/").content.decode()
    assert "mardi 1er décembre 2026" in html and 'rel="icon"' in html
    TOTPDevice.objects.create(user=coordinator, name="Téléphone", confirmed=True)
    client.logout()
    client.force_login(coordinator)  # signed in, code not validated yet
    verify = client.get("/connexion/verification/").content.decode()
    assert "code" in verify.lower()
    assert "Réunions</a>" not in verify and "Sécurité du compte" not in verify


def test_the_admin_names_two_factor_devices_in_french():
    from django.contrib import admin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert TOTPDevice._meta.verbose_name_plural == "appareils TOTP"
    assert TOTPDevice in admin.site._registry
