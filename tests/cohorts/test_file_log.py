"""The access log of a person's file (issue 10, point 14): every view, API read, change, export and download
that concerns her appears on her file's log, with a link to what was touched, and in her complete file."""

import datetime
import json

import pytest

from actions.services import participation_enrol
from cohorts import services
from cohorts.enums import BarrierCategory
from partners.services import decision_create
from tests.actions.factories import ActionFactory
from tests.partners.factories import MeetingFactory

from .factories import JobSeekerFactory

D = datetime.date


@pytest.fixture
def history(client, api_as, person, advisor, coordinator, cohort, qpv):
    """Everything that can happen to Hélène's file, each through the code path users take."""
    barrier = services.barrier_create(
        actor=advisor, job_seeker=person, category=BarrierCategory.CHILDCARE, identified_on=D(2026, 3, 5)
    )
    follow_up = services.follow_up_create(
        actor=advisor, job_seeker=person, date=D(2026, 3, 6), kind="phone_call", summary="Appel."
    )
    services.situation_create(actor=advisor, job_seeker=person, date=D(2026, 3, 7), situation="job_seeking")
    services.job_seeker_update(actor=advisor, job_seeker=person, phone="0600000000")
    action = ActionFactory(territory=person.territory, lead_organisation=advisor.organisation)
    participation = participation_enrol(actor=coordinator, action=action, job_seeker=person)
    meeting = MeetingFactory(territory=person.territory, follow_up=True)
    decision = decision_create(actor=coordinator, meeting=meeting, text="Orienter vers l'atelier.", job_seeker=person)
    someone_else = JobSeekerFactory(territory=person.territory, cohort=cohort, qpv=qpv)
    services.follow_up_create(
        actor=coordinator, job_seeker=someone_else, date=D(2026, 3, 6), kind="phone_call", summary="Autre."
    )
    api = api_as(advisor)
    assert api.get("/api/v1/follow-ups/").status_code == 200  # a list read through the API
    assert api.get(f"/api/v1/barriers/{barrier.pk}/").status_code == 200  # a detail read through the API
    client.force_login(coordinator)
    assert client.get("/cohorte/export.csv").status_code == 200  # an export of the cohort, her included
    assert client.get(f"/cohorte/personnes/{person.pk}/droits/dossier.json").status_code == 200
    return {
        "barrier": barrier,
        "follow_up": follow_up,
        "action": action,
        "participation": participation,
        "meeting": meeting,
        "decision": decision,
        "someone_else": someone_else,
    }


def test_the_rights_page_lists_every_access_and_change_with_links(client, person, coordinator, history):
    client.force_login(coordinator)
    html = client.get(f"/cohorte/personnes/{person.pk}/droits/").content.decode()
    file_url = f"/cohorte/personnes/{person.pk}/"
    assert f'href="{file_url}#freins">frein n° {history["barrier"].pk}' in html  # created, API read
    assert f'href="{file_url}#journal">suivi n° {history["follow_up"].pk}' in html
    assert f'href="{file_url}#situations-titre">situation n°' in html
    assert f'href="{file_url}">personne accompagnée n° {person.pk}' in html  # the phone changed
    assert f'href="/actions/{history["action"].pk}/">participation n° {history["participation"].pk}' in html
    assert f'href="/partenaires/reunions/{history["meeting"].pk}/">décision n° {history["decision"].pk}' in html
    assert "export csv de 2 personne(s)" in html
    assert "API follow-up : liste de 1 ligne(s)" in html  # the advisor's list read
    assert "API barrier" in html
    assert "dossier complet (json)" in html
    assert "(phone)" in html  # the changed field's name, never its value
    assert "0600000000" not in html


def test_a_file_log_shows_nothing_about_someone_else(client, coordinator, history):
    client.force_login(coordinator)
    other = history["someone_else"]
    html = client.get(f"/cohorte/personnes/{other.pk}/droits/").content.decode()
    assert f"suivi n° {history['follow_up'].pk}" not in html
    assert f"frein n° {history['barrier'].pk}" not in html
    assert "export csv de 2 personne(s)" in html  # she was in the export too


def test_the_complete_file_carries_the_same_log(client, person, coordinator, history):
    client.force_login(coordinator)
    data = json.loads(client.get(f"/cohorte/personnes/{person.pk}/droits/dossier.json").content)
    log = data["access_log"]
    abouts = {entry["about"] for entry in log}
    assert f"frein n° {history['barrier'].pk}" in abouts
    assert f"participation n° {history['participation'].pk}" in abouts
    assert any(entry["detail"].startswith("export csv") for entry in log)
    assert any(entry["link"] == f"/cohorte/personnes/{person.pk}/#journal" for entry in log)


def test_the_file_page_shows_changes_too(client, person, coordinator, history):
    client.force_login(coordinator)
    html = client.get(f"/cohorte/personnes/{person.pk}/").content.decode()
    assert "Accès et modifications de la fiche" in html
    assert f"suivi n° {history['follow_up'].pk}" in html and "export csv" in html


def test_the_agent_s_log_links_each_change_to_the_file(client, person, advisor, coordinator, history):
    client.force_login(coordinator)
    html = client.get(f"/partenaires/personnes/{advisor.pk}/journal/").content.decode()
    assert f'href="/cohorte/personnes/{person.pk}/#freins">frein n° {history["barrier"].pk}' in html
    assert f'href="/cohorte/personnes/{person.pk}/#journal">suivi n° {history["follow_up"].pk}' in html


@pytest.mark.postgres
def test_an_entry_and_its_filing_are_one_statement(person, coordinator, cohort, qpv, django_assert_num_queries):
    """Issue 13: an API list page or a file view wrote its audit entry, then its filing: two round trips and two
    commits. On PostgreSQL it is one statement; the entry is filed under every person it carried, once each."""
    from cohorts.models import FileLogEntry
    from partners.enums import AuditAction
    from partners.models import AuditEntry
    from partners.services import audit_record

    other = JobSeekerFactory(territory=person.territory, cohort=cohort, qpv=qpv)
    with django_assert_num_queries(1):
        entry = audit_record(actor=coordinator, action=AuditAction.VIEW, detail="liste", about=[person, other.pk])
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.actor_id, stored.organisation_id, stored.territory_id, stored.detail, stored.fields) == (
        coordinator.pk,
        coordinator.organisation_id,
        person.territory_id,
        "liste",
        [],
    )
    assert stored.created_at == entry.created_at
    assert set(FileLogEntry.objects.filter(entry=entry).values_list("job_seeker_id", flat=True)) == {
        person.pk,
        other.pk,
    }
    with django_assert_num_queries(1):  # nobody concerned: the entry alone
        alone = audit_record(actor=coordinator, action=AuditAction.EXPORT, detail="rien", fields=["b", "a"])
    assert AuditEntry.objects.get(pk=alone.pk).fields == ["a", "b"]
    assert not FileLogEntry.objects.filter(entry=alone).exists()
