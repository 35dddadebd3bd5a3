"""Rights of the person: complete file (JSON, PDF) with its access log, rectification, erasure on request."""

import json
from html import unescape

import pytest

from cohorts.models import JobSeeker
from partners.enums import AuditAction
from partners.models import AuditEntry
from partners.services import audit_record
from tests.actions.factories import ActionFactory
from tests.factories import UserFactory

from .test_retention import full_file

PAGES = ["droits/", "droits/dossier.json", "droits/dossier.pdf", "effacer/"]


@pytest.fixture
def filled(person):
    action = ActionFactory(territory=person.territory, outcome_types=[("job", "Emploi")])
    return full_file(person, action=action)


def test_the_json_file_holds_everything_stored_and_who_accessed_it(client, filled, advisor, coordinator):
    client.force_login(advisor)
    client.get(f"/cohorte/personnes/{filled.pk}/")  # the advisor opens the file
    client.force_login(coordinator)
    response = client.get(f"/cohorte/personnes/{filled.pk}/droits/dossier.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="dossier-personne-{filled.pk}-')
    assert "Lefèvre" not in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["identity"]["first_name"] == "Hélène" and data["identity"]["last_name"] == "Lefèvre"
    assert data["identity"]["disability_recognised"] is True
    assert data["follow_ups"][0]["confidential_note"] == "Lefèvre évoque des difficultés familiales."
    assert data["follow_ups"][0]["next_step"] == "Appeler son employeur"
    assert [(t["from"], t["to"]) for t in data["barriers"][0]["transitions"]] == [("", "Levé"), ("Identifié", "Levé")]
    assert data["barriers"][0]["comment"] == "Hélène cherche une place en crèche."
    assert [s["employer"] for s in data["situations"]] == ["", "Boulangerie Martin"]
    assert data["participations"][0]["outcomes"][0]["outcome"] == "Emploi"
    assert data["decisions"][0]["text"] == "Orienter Hélène Lefèvre."
    log = data["access_log"]
    assert {(e["action"], e["organisation"]) for e in log} >= {
        ("Consultation", str(advisor.organisation)),
        ("Téléchargement", str(coordinator.organisation)),
    }
    assert AuditEntry.objects.filter(
        action=AuditAction.DOWNLOAD, actor=coordinator, object_id=str(filled.pk), detail="dossier complet (json)"
    ).exists()


def test_the_pdf_file_is_a_pdf_and_its_download_is_recorded(client, filled, coordinator):
    client.force_login(coordinator)
    response = client.get(f"/cohorte/personnes/{filled.pk}/droits/dossier.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action=AuditAction.DOWNLOAD, detail="dossier complet (pdf)").count() == 1


def test_an_unknown_format_is_404(client, person, coordinator):
    client.force_login(coordinator)
    assert client.get(f"/cohorte/personnes/{person.pk}/droits/dossier.xml").status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_rights_are_the_coordinators_only(
    client, person, advisor, ml_advisor, viewer, admin_user, other_coordinator, page
):
    url = f"/cohorte/personnes/{person.pk}/{page}"
    expected = [(advisor, 403), (viewer, 403), (admin_user, 403), (ml_advisor, 404), (other_coordinator, 404)]
    for user, status in expected:
        client.force_login(user)
        assert client.get(url).status_code == status, (user.role, url)
    assert not AuditEntry.objects.filter(action=AuditAction.DOWNLOAD).exists()
    person.refresh_from_db()
    assert person.anonymised_on is None


def test_the_rights_page_shows_the_access_log_in_fixed_queries(
    client, person, advisor, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = f"/cohorte/personnes/{person.pk}/droits/"
    client.get(url)
    # 10: the page's own audit entry and its filing, the paginated log, and one query per kind of object it links to
    with django_assert_max_num_queries(10, info="le journal de la fiche doit se lire en une requête paginée"):
        first = client.get(url)
    for _ in range(20):
        audit_record(actor=UserFactory(organisation=advisor.organisation), action=AuditAction.VIEW, obj=person)
    with django_assert_max_num_queries(10, info="le journal de la fiche ne doit pas faire une requête par ligne"):
        html = client.get(url).content.decode()
    assert first.status_code == 200 and html.count("<tr>") >= 20
    assert "Dossier complet (PDF)" in html and "Effacer la fiche" in html


def test_the_json_export_reads_a_fixed_number_of_queries(client, filled, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    url = f"/cohorte/personnes/{filled.pk}/droits/dossier.json"
    client.get(url)  # warm the content-type cache of the audit entry
    # the download's audit entry is filed (1 query) and the log's objects are read once per kind of object
    with django_assert_max_num_queries(22, info="le dossier complet doit se lire en requêtes groupées"):
        small = client.get(url)
    assert small.status_code == 200  # a refusal would also be cheap
    action = ActionFactory(territory=filled.territory, outcome_types=[("job", "Emploi")])
    full_file(filled, action=action)
    with django_assert_max_num_queries(22, info="le dossier complet ne doit pas faire une requête par élément"):
        grown = client.get(url)
    assert grown.status_code == 200
    assert action.title in [p["action"] for p in grown.json()["participations"]]


def test_rectification_is_the_edit_form_and_is_audited(client, person, coordinator):
    client.force_login(coordinator)
    html = client.get(f"/cohorte/personnes/{person.pk}/droits/").content.decode()
    assert f"/cohorte/personnes/{person.pk}/modifier/" in html
    data = {
        "cohort": person.cohort_id,
        "last_name": "Lefebvre",
        "first_name": "Hélène",
        "birth_date": person.birth_date.isoformat(),
        "sex": "F",
        "qpv": person.qpv_id,
        "referent_organisation": person.referent_organisation_id,
        "entry_date": person.entry_date.isoformat(),
        "consent_recorded_on": person.consent_recorded_on.isoformat(),
        "disability_recognised": "on",
    }
    response = client.post(f"/cohorte/personnes/{person.pk}/modifier/", data)
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert person.last_name == "Lefebvre"
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(person.pk))
    assert "last_name" in entry.fields and "Lefebvre" not in entry.detail


def test_erasure_needs_a_reason_and_a_confirmation(client, filled, coordinator):
    client.force_login(coordinator)
    url = f"/cohorte/personnes/{filled.pk}/effacer/"
    assert "Motif de l'effacement" in unescape(client.get(url).content.decode())
    no_reason = client.post(url, {"confirm": "on"})
    assert no_reason.status_code == 200 and "Choisissez le motif de l'effacement." in unescape(
        no_reason.content.decode()
    )
    unconfirmed = client.post(url, {"reason": "erasure_request"})
    assert unconfirmed.status_code == 200 and "Cochez la case" in unconfirmed.content.decode()
    assert 'value="erasure_request" selected' in unconfirmed.content.decode()  # what was chosen is kept
    filled.refresh_from_db()
    assert filled.anonymised_on is None
    assert client.post(url, {"reason": "retention", "confirm": "on"}).status_code == 200  # not a request reason

    response = client.post(url, {"reason": "objection", "confirm": "on"})
    assert response.status_code == 302
    person = JobSeeker.objects.get(pk=filled.pk)
    assert person.anonymised_on is not None and person.last_name == f"n° {person.pk}"
    entry = AuditEntry.objects.get(action=AuditAction.ANONYMISE)
    assert (entry.actor, entry.detail) == (coordinator, "motif : objection")
    # done once: the form is gone
    assert client.get(url).status_code == 302
