"""The access log: openings, exports and downloads recorded; authentication events without username or password;
per-account page for the coordinator; purge after ACCESS_LOG_RETENTION_DAYS."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cite_emploi.celery import BEAT_SCHEDULE, app
from partners.enums import AuditAction
from partners.models import AuditEntry, User
from partners.services import access_log_purge, audit_record
from tests.actions.factories import ActionFactory
from tests.cohorts.factories import JobSeekerFactory
from tests.factories import TEST_PASSWORD


def _assert_nothing_typed_is_stored(entry, user):
    stored = f"{entry.detail} {entry.fields} {entry.object_id}"
    assert user.username not in stored and TEST_PASSWORD not in stored and "mauvais" not in stored


def test_login_and_logout_are_in_the_log(client, advisor):
    client.post("/connexion/", {"username": advisor.username, "password": TEST_PASSWORD})
    client.post("/deconnexion/")
    login = AuditEntry.objects.get(action=AuditAction.LOGIN)
    logout = AuditEntry.objects.get(action=AuditAction.LOGOUT)
    for entry in (login, logout):
        assert (entry.actor, entry.organisation, entry.territory_id) == (
            advisor,
            advisor.organisation,
            advisor.territory_id,
        )
        _assert_nothing_typed_is_stored(entry, advisor)


def test_a_failed_login_is_attached_to_the_account_without_username_or_password(client, advisor):
    client.post("/connexion/", {"username": advisor.username, "password": "mauvais-mot-de-passe"})
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.actor is None
    assert (entry.content_type, entry.object_id, entry.territory_id) == (
        ContentType.objects.get_for_model(User),
        str(advisor.pk),
        advisor.territory_id,
    )
    assert entry.detail == "" and entry.fields == []
    _assert_nothing_typed_is_stored(entry, advisor)


def test_a_failed_login_on_an_unknown_name_stores_nothing_typed(client, db):
    client.post("/connexion/", {"username": "jean.dupont.inconnu", "password": "mauvais"})
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (entry.actor, entry.content_type, entry.object_id, entry.territory_id, entry.detail) == (
        None,
        None,
        "",
        None,
        "",
    )


def test_ten_failures_lock_the_account_and_the_lockout_is_in_the_log(client, advisor):
    for _ in range(10):
        client.post("/connexion/", {"username": advisor.username, "password": "mauvais-mot-de-passe"})
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, object_id=str(advisor.pk)).count() == 10
    lockout = AuditEntry.objects.get(action=AuditAction.LOCKOUT)
    assert (lockout.object_id, lockout.territory_id) == (str(advisor.pk), advisor.territory_id)
    _assert_nothing_typed_is_stored(lockout, advisor)


# --- openings, exports, downloads -----------------------------------------------------------------
def test_opening_a_file_through_the_api_is_recorded(api_as, coordinator):
    person = JobSeekerFactory(territory=coordinator.territory)
    response = api_as(coordinator).get(f"/api/v1/job-seekers/{person.pk}/")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert (entry.actor, entry.object_id, entry.detail) == (coordinator, str(person.pk), "API job-seeker")


def test_action_sheet_downloads_are_recorded(client, coordinator):
    action = ActionFactory(territory=coordinator.territory)
    client.force_login(coordinator)
    client.get(f"/actions/{action.pk}/fiche.json")
    client.get(f"/actions/{action.pk}/fiche.pdf")
    entries = AuditEntry.objects.filter(action=AuditAction.DOWNLOAD, object_id=str(action.pk))
    assert sorted(entries.values_list("detail", flat=True)) == ["fiche action (json)", "fiche action (pdf)"]
    assert {e.actor for e in entries} == {coordinator}


# --- the per-account page ------------------------------------------------------------------------------
def test_the_coordinator_reads_an_accounts_log_with_its_failed_logins(
    client, coordinator, advisor, django_assert_max_num_queries
):
    person = JobSeekerFactory(territory=advisor.territory)
    client.post("/connexion/", {"username": advisor.username, "password": "mauvais-mot-de-passe"})
    audit_record(actor=advisor, action=AuditAction.VIEW, obj=person)
    client.force_login(coordinator)
    url = f"/partenaires/personnes/{advisor.pk}/journal/"
    assert f'href="{url}"' in client.get(f"/partenaires/personnes/{advisor.pk}/").content.decode()
    # + one query per kind of object the entries link to (issue 10, point 14: every entry links to its object)
    with django_assert_max_num_queries(10, info="le journal d'un compte se lit en une requête paginée"):
        html = client.get(url).content.decode()
    assert "Échec de connexion" in html and "Consultation" in html
    assert f'href="/cohorte/personnes/{person.pk}/"' in html
    for _ in range(30):
        audit_record(actor=advisor, action=AuditAction.VIEW, obj=JobSeekerFactory(territory=advisor.territory))
    with django_assert_max_num_queries(10, info="le journal d'un compte ne doit pas faire une requête par ligne"):
        client.get(url)


def test_the_account_log_is_the_coordinators_of_the_territory_only(
    client, advisor, viewer, admin_user, other_coordinator
):
    url = f"/partenaires/personnes/{advisor.pk}/journal/"
    for user, status in [(advisor, 403), (viewer, 403), (admin_user, 403), (other_coordinator, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status, user.role


def test_another_territorys_entries_never_show(client, coordinator, advisor, other_coordinator):
    audit_record(actor=other_coordinator, action=AuditAction.EXPORT, detail="export csv de 3 personne(s)")
    client.force_login(coordinator)
    html = client.get(f"/partenaires/personnes/{advisor.pk}/journal/").content.decode()
    assert "export csv" not in html


# --- the purge -----------------------------------------------------------------------------------------------
def test_the_purge_deletes_only_entries_older_than_the_delay(advisor, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 365
    now = timezone.now()
    old = audit_record(actor=advisor, action=AuditAction.VIEW)
    recent = audit_record(actor=advisor, action=AuditAction.LOGIN)
    erased = audit_record(actor=advisor, action=AuditAction.ANONYMISE, detail="motif : retention")
    AuditEntry.objects.filter(pk__in=[old.pk, erased.pk]).update(created_at=now - datetime.timedelta(days=366))
    AuditEntry.objects.filter(pk=recent.pk).update(created_at=now - datetime.timedelta(days=364))
    assert access_log_purge(now=now) == 1
    assert set(AuditEntry.objects.values_list("pk", flat=True)) == {recent.pk, erased.pk}
    assert access_log_purge(now=now) == 0


def test_the_purge_task_runs_and_is_scheduled(advisor):
    from partners.tasks import purge_access_log

    entry = audit_record(actor=advisor, action=AuditAction.EXPORT)
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    assert purge_access_log.delay().get() == 1
    schedule = BEAT_SCHEDULE["partners-access-log-purge"]
    assert schedule["task"] == "partners.purge_access_log" and schedule["task"] in app.tasks


@pytest.mark.parametrize("action", ["login", "logout", "login_failed", "lockout"])
def test_auth_events_have_french_labels(action):
    assert AuditAction(action).label[0].isupper()


def test_the_purge_also_deletes_old_django_axes_records(client, advisor):
    from axes.models import AccessAttempt, AccessLog

    client.post("/connexion/", {"username": advisor.username, "password": TEST_PASSWORD})
    client.post("/deconnexion/")
    client.post("/connexion/", {"username": "inconnu", "password": "mauvais"})
    assert AccessLog.objects.exists() and AccessAttempt.objects.exists()
    access_log_purge(now=timezone.now() + datetime.timedelta(days=366))
    assert not AccessLog.objects.exists() and not AccessAttempt.objects.exists()
