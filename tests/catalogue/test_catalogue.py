"""The catalogue of action sheets (issue 16, item 3): publish with frozen figures under secrecy, search and filter
across territories, copy in one click with provenance, withdraw, export and import as JSON."""

import datetime
import json
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from actions.models import Action, OutcomeType, Participation
from catalogue import perms, schema, services
from catalogue.models import PublishedSheet, SheetCopy, SheetVersion
from catalogue.sheet import national_class
from partners.models import AuditEntry
from tests.actions.factories import (
    ActionFactory,
    CoFundingFactory,
    CommitmentFactory,
    EnvelopeFactory,
    JobSeekerFactory,
    ParticipationFactory,
    ParticipationOutcomeFactory,
)
from tests.catalogue.factories import EDITORIAL, publish
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PERSON_LAST_NAME = "Vandersteenhoven"


@pytest.fixture
def action(territory, coordinator):
    """Crèche solidaire: 8 participants (6 single parents), 7 in lasting jobs, 3 childcare solutions, €12,000."""
    action = ActionFactory(
        territory=territory,
        title="Crèche solidaire",
        description="Places de crèche réservées aux parents en recherche d'emploi.",
        lead_organisation=coordinator.organisation,
        barrier_categories=["childcare"],
        outcome_types=[("emploi_durable", "Emploi de 6 mois ou plus"), ("childcare_solution", "Solution de garde")],
        capacity=10,
        end_date=datetime.date(2026, 12, 31),
    )
    person = JobSeekerFactory(cohort__territory=territory, last_name=PERSON_LAST_NAME)
    participations = [ParticipationFactory(action=action, job_seeker=person, participant_label="")]
    participations += [ParticipationFactory(action=action, single_parent=i < 6) for i in range(7)]
    job, care = OutcomeType.objects.filter(action=action).order_by("position")
    for participation in participations[:7]:
        ParticipationOutcomeFactory(participation=participation, outcome_type=job)
    for participation in participations[:3]:
        ParticipationOutcomeFactory(participation=participation, outcome_type=care)
    envelope = EnvelopeFactory(territory=territory, year=2026)
    CommitmentFactory(envelope=envelope, action=action, amount=Decimal("8000.00"), category="childcare")
    CoFundingFactory(action=action, funder="CAF", amount=Decimal("4000.00"))
    return action


@pytest.fixture
def sheet(action, coordinator):
    return publish(action, coordinator).sheet


def _data(sheet) -> dict:
    return SheetVersion.objects.get(sheet=sheet, number=sheet.current_version).data


# --- publication ---------------------------------------------------------------------------------------------------
def test_the_published_sheet_follows_the_schema_and_applies_secrecy(sheet):
    data = _data(sheet)
    assert schema.errors_in(_file([data])) == []
    results = data["results"]
    assert results["participants"] == 8
    # 2 other parents would be « < 5 »: the single-parent count is masked with them (secondary secrecy)
    assert results["single_parents"] in ("s", "< 5")
    by_class = {row["code"]: row["count"] for row in results["by_class"]}
    assert by_class == {"emploi_durable": 7, "emploi_de_transition": None, "sortie_positive": None, "autre": None}
    outcomes = {o["code"]: (o["national_class"], o["count"]) for o in results["action_outcomes"]}
    assert outcomes == {"emploi_durable": ("emploi_durable", 7), "childcare_solution": (None, "< 5")}
    assert results["secrecy"]
    assert data["cost"]["total"] == "12000.00"
    assert data["cost"]["per_participant"] == "1500.00"
    assert data["cost"]["by_category"] == [{"category": "childcare", "label": "Garde d'enfants", "amount": "8000.00"}]
    assert data["cost"]["cofunding"] == [{"funder": "CAF", "amount": "4000.00"}]
    assert data["public"]["categories"] == ["single_parents", "parents"]
    assert data["duration"]["months"] == 12
    assert PERSON_LAST_NAME not in json.dumps(data)
    assert Action.objects.get(pk=sheet.action_id).shared_nationally


def _file(sheets):
    return {
        "format": "cite-emploi/fiches-action",
        "schema_version": "1",
        "exported_at": "2026-11-30T10:00:00+01:00",
        "sheets": sheets,
    }


def test_published_figures_do_not_change_when_the_action_changes(action, sheet, coordinator, client):
    before = _data(sheet)
    ParticipationFactory.create_batch(5, action=action)
    CommitmentFactory(envelope=EnvelopeFactory(territory=action.territory, year=2027), action=action)
    action.title = "Crèche solidaire renommée"
    action.save()
    sheet.refresh_from_db()
    assert _data(sheet) == before
    client.force_login(coordinator)
    page = client.get(reverse("catalogue:detail", args=[sheet.pk])).content.decode()
    assert "Crèche solidaire renommée" not in page
    assert '<dd class="col-7">' not in page and "Coût total : 12\u202f000,00\u00a0€" in page
    # republishing makes a new version with today's figures; version 1 stays as it was
    version = publish(action, coordinator)
    assert version.number == 2
    assert version.data["results"]["participants"] == 13
    assert version.data["title"] == "Crèche solidaire renommée"
    assert SheetVersion.objects.get(sheet=sheet, number=1).data == before


def test_only_the_coordinator_of_the_action_publishes(action, advisor, viewer, other_coordinator):
    for user in (advisor, viewer, other_coordinator):
        with pytest.raises(PermissionDenied):
            publish(action, user)
    assert not PublishedSheet.objects.exists()


def test_publication_needs_the_editorial_fields(action, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.sheet_publish(
            actor=coordinator, action=action, public_categories=[], transfer_conditions="", contact_email="x"
        )
    assert set(exc.value.message_dict) == {"public_categories", "transfer_conditions", "contact_email"}
    with pytest.raises(ValidationError) as exc:
        publish(action, coordinator, contact_email="pas-une-adresse")
    assert "contact_email" in exc.value.message_dict


def test_the_publish_page_keeps_input_on_error(action, coordinator, client):
    client.force_login(coordinator)
    url = reverse("catalogue:publish", args=[action.pk])
    response = client.post(url, {"transfer_conditions": "Texte gardé", "contact_email": "faux"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Texte gardé" in body and "Saisissez une adresse" in body
    assert not PublishedSheet.objects.exists()
    response = client.post(url, {**EDITORIAL, "public_categories": ["parents"]})
    assert response.status_code == 302
    assert PublishedSheet.objects.get().current_version == 1


# --- reading across territories ------------------------------------------------------------------------------------
def test_another_territory_never_reads_an_unpublished_action(action, coordinator, other_coordinator, client, api_as):
    client.force_login(other_coordinator)
    assert "Crèche solidaire" not in client.get(reverse("catalogue:list")).content.decode()
    assert api_as(other_coordinator).get("/api/v1/catalogue/").json()["count"] == 0
    sheet = publish(action, coordinator).sheet
    assert "Crèche solidaire" in client.get(reverse("catalogue:list")).content.decode()
    detail = client.get(reverse("catalogue:detail", args=[sheet.pk])).content.decode()
    assert PERSON_LAST_NAME not in detail
    assert "Cités qui l'ont reprise" not in detail  # who copied: the publishing territory only
    services.sheet_unpublish(actor=coordinator, sheet=sheet)
    assert not Action.objects.get(pk=action.pk).shared_nationally
    assert client.get(reverse("catalogue:detail", args=[sheet.pk])).status_code == 404
    assert client.get(reverse("catalogue:sheet_export", args=[sheet.pk])).status_code == 404
    assert api_as(other_coordinator).get(f"/api/v1/catalogue/{sheet.pk}/").status_code == 404
    assert api_as(other_coordinator).post(f"/api/v1/catalogue/{sheet.pk}/copy/").status_code == 404
    assert "Crèche solidaire" not in client.get(reverse("catalogue:list")).content.decode()
    # her own territory still sees its withdrawn sheet
    client.force_login(coordinator)
    assert client.get(reverse("catalogue:detail", args=[sheet.pk])).status_code == 200
    assert "Crèche solidaire" in client.get(reverse("catalogue:list") + "?mine=1").content.decode()


@pytest.mark.parametrize("role", ["advisor", "viewer", "admin_user", "coordinator"])
def test_every_role_of_a_territory_reads_the_catalogue_but_only_coordinators_copy(
    role, request, sheet, api_as, other_territory
):
    """Decision (docs/action-sheet.md): advisors, viewers and the admin read the sheets (no personal data)."""
    reader = UserFactory(**{role.replace("_user", ""): True}, organisation__territory=other_territory)
    assert perms.can_read_catalogue(reader)
    api = api_as(reader)
    assert api.get(f"/api/v1/catalogue/{sheet.pk}/").status_code == 200
    assert api.post(f"/api/v1/catalogue/{sheet.pk}/copy/").status_code == (201 if role == "coordinator" else 403)


# --- copy -----------------------------------------------------------------------------------------------------------
def test_a_coordinator_copies_a_published_action_into_her_territory(sheet, coordinator, other_coordinator, client):
    client.force_login(other_coordinator)
    response = client.post(reverse("catalogue:copy", args=[sheet.pk]))
    copy = SheetCopy.objects.get()
    assert response.status_code == 302 and response.url == reverse("actions:detail", args=[copy.action_id])
    new = copy.action
    assert new.territory_id == other_coordinator.territory_id
    assert new.status == "planned" and new.title == "Crèche solidaire"
    assert new.barrier_categories == ["childcare"]
    assert new.lead_organisation == other_coordinator.organisation
    assert list(new.outcome_types.values_list("code", flat=True)) == ["emploi_durable", "childcare_solution"]
    assert not Participation.objects.filter(action=new).exists()
    assert not new.commitments.exists()
    assert (copy.sheet, copy.version, copy.source_territory) == (sheet, 1, "Angers Loire Métropole")
    assert copy.suggested_budget["total"] == "12000.00"
    page = client.get(reverse("actions:detail", args=[new.pk])).content.decode()
    assert "Action reprise du catalogue" in page and "à titre indicatif" in page and "Angers Loire Métropole" in page
    # the publishing Cité sees who copied it
    client.force_login(coordinator)
    detail = client.get(reverse("catalogue:detail", args=[sheet.pk])).content.decode()
    assert "Saumur Val de Loire" in detail and "Cités qui l'ont reprise (1)" in detail
    # and nothing of the copy's territory beyond that
    assert client.get(reverse("actions:detail", args=[new.pk])).status_code == 404


def test_the_copy_api_answers_201_with_the_provenance(sheet, other_coordinator, api_as):
    response = api_as(other_coordinator).post(f"/api/v1/catalogue/{sheet.pk}/copy/")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "planned" and body["provenance"]["sheet"] == sheet.pk
    assert body["provenance"]["version"] == 1 and body["provenance"]["territory"] == "Angers Loire Métropole"


def test_copying_ones_own_action_is_refused(sheet, coordinator):
    with pytest.raises(ValidationError):
        services.sheet_copy(actor=coordinator, sheet=sheet)


# --- search and filters ---------------------------------------------------------------------------------------------
def test_search_and_filters(sheet, other_coordinator, api_as):
    api = api_as(other_coordinator)

    def ids(query):
        response = api.get(f"/api/v1/catalogue/?{query}")
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids("search=CRECHE solidaire") == [sheet.pk]  # accents and case ignored
    assert ids("search=parents recherche") == [sheet.pk]
    assert ids("search=mobilite") == []
    assert ids("barrier_category=childcare") == [sheet.pk]
    assert ids("barrier_category=mobility") == []
    assert ids("public=single_parents") == [sheet.pk]
    assert ids("public=seniors") == []
    assert ids("result_class=emploi_durable") == [sheet.pk]
    assert ids("result_class=sortie_positive") == []
    assert ids("cost_min=10000&cost_max=15000") == [sheet.pk]
    assert ids("cost_max=9999") == []
    assert api.get("/api/v1/catalogue/?public=inconnu").status_code == 400


def test_the_list_page_filters_and_counts_queries(
    sheet, territory, coordinator, other_coordinator, client, django_assert_max_num_queries
):
    for index in range(6):
        action = ActionFactory(territory=territory, lead_organisation=coordinator.organisation, title=f"Action {index}")
        publish(action, coordinator)
    client.force_login(other_coordinator)
    with django_assert_max_num_queries(12, info="La liste du catalogue ne doit pas lire une requête par fiche."):
        body = client.get(reverse("catalogue:list")).content.decode()
    assert body.count('class="card h-100"') == 7
    body = client.get(reverse("catalogue:list") + "?q=creche&cost_min=1000").content.decode()
    assert body.count('class="card h-100"') == 1
    body = client.get(reverse("catalogue:list") + "?cost_min=5&cost_max=1").content.decode()
    assert "ne sont pas valides" in body and 'class="card h-100"' not in body


# --- export and import ----------------------------------------------------------------------------------------------
def test_export_then_import_on_another_deployment(sheet, action, coordinator, other_coordinator, client):
    client.force_login(other_coordinator)
    response = client.get(reverse("catalogue:export"))
    document = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)
    assert schema.errors_in(document) == []
    assert [s["uid"] for s in document["sheets"]] == [str(sheet.uid)]
    # the same file back on this deployment is refused: the sheet was published here
    with pytest.raises(ValidationError) as exc:
        services.sheets_import(actor=other_coordinator, document=document)
    assert "publiée sur ce déploiement" in str(exc.value)
    # as if it came from another deployment
    document["sheets"][0]["uid"] = str(uuid.uuid4())
    imported = services.sheets_import(actor=other_coordinator, document=document)
    assert [s.origin for s in imported] == ["imported"] and imported[0].territory_id == other_coordinator.territory_id
    assert imported[0].title == "Crèche solidaire" and imported[0].is_published
    # the importer's territory may copy it (it is not her action)
    services.sheet_copy(actor=other_coordinator, sheet=imported[0])
    # the same version again: refused; a higher version: a new version
    with pytest.raises(ValidationError) as exc:
        services.sheets_import(actor=other_coordinator, document=document)
    assert "version 1 est déjà présente" in str(exc.value)
    document["sheets"][0]["version"] = 2
    services.sheets_import(actor=other_coordinator, document=document)
    assert PublishedSheet.objects.get(pk=imported[0].pk).current_version == 2


def test_an_invalid_file_imports_nothing_and_says_where(sheet, other_coordinator, client):
    good = _data(sheet) | {"uid": str(uuid.uuid4())}
    bad = _data(sheet) | {"uid": str(uuid.uuid4()), "title": "Fiche fautive", "version": 0}
    bad["cost"] = {**bad["cost"], "total": "12 000 €"}
    bad["results"] = {**bad["results"], "participants": 3}
    del bad["contact"], bad["capacity"]
    client.force_login(other_coordinator)
    upload = json.dumps(_file([good, bad])).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("catalogue:import"), {"file": SimpleUploadedFile("fiches.json", upload)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "aucune fiche n'est importée" in body
    assert "Fiche 2 (« Fiche fautive »), champ cost.total : format invalide" in body
    assert "Fiche 2 (« Fiche fautive »), champ version : doit être supérieur ou égal à 1" in body
    assert body.count("Fiche 2 (« Fiche fautive ») : champ(s) obligatoire(s) manquant(s) : capacity, contact") == 1
    assert PublishedSheet.objects.count() == 1
    response = client.post(reverse("catalogue:import"), {"file": SimpleUploadedFile("f.json", b'{"format":\n  oops}')})
    assert "Ligne 2, colonne 3 : JSON invalide" in response.content.decode()


def test_advisors_do_not_import(client, advisor):
    client.force_login(advisor)
    assert client.get(reverse("catalogue:import")).status_code == 403


# --- the mapping to the national classes ----------------------------------------------------------------------------
class _Type:
    def __init__(self, code, national_class=None):
        self.code, self.national_class = code, national_class


@pytest.mark.parametrize(
    ("code", "declared", "expected"),
    [
        ("employment_or_training", "sortie_positive", "sortie_positive"),  # the declared class wins (issue 14)
        ("emploi_de_transition", None, "emploi_de_transition"),
        ("cdi", None, "emploi_durable"),
        ("cdd_under_6m", None, "emploi_de_transition"),
        ("qualifying_training", None, "sortie_positive"),
        ("job_seeking", None, "autre"),
        ("permanent_childcare", None, None),
    ],
)
def test_national_class_is_one_mapping(code, declared, expected):
    assert national_class(_Type(code, declared)) == expected


# --- API ------------------------------------------------------------------------------------------------------------
def test_publish_through_the_api(action, coordinator, other_coordinator, advisor, api_as):
    url = f"/api/v1/actions/{action.pk}/publish/"
    response = api_as(coordinator).post(url, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"public_categories", "transfer_conditions", "contact_email"}
    assert api_as(advisor).post(url, EDITORIAL, format="json").status_code == 403
    assert api_as(other_coordinator).post(url, EDITORIAL, format="json").status_code == 404
    response = api_as(coordinator).post(url, EDITORIAL, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1 and body["territory"] == "Angers Loire Métropole" and body["copied_count"] == 0
    assert body["results"]["participants"] == 8 and body["cost"]["total"] == "12000.00"
    assert body["public"] == ["single_parents", "parents"] and body["barrier_categories"] == ["childcare"]
    again = api_as(coordinator).post(url, EDITORIAL, format="json").json()
    assert again["id"] == body["id"] and again["version"] == 2
    # withdrawn: gone for the others, still there for its territory
    assert api_as(coordinator).post(f"/api/v1/catalogue/{body['id']}/unpublish/").json()["is_published"] is False
    assert api_as(other_coordinator).get(f"/api/v1/catalogue/{body['id']}/").status_code == 404
    assert api_as(coordinator).get(f"/api/v1/catalogue/{body['id']}/").status_code == 200
    assert api_as(coordinator).get("/api/v1/catalogue/").json()["count"] == 0


def test_the_list_api_counts_queries(
    sheet, territory, coordinator, other_coordinator, api_as, django_assert_max_num_queries
):
    for index in range(5):
        publish(
            ActionFactory(territory=territory, lead_organisation=coordinator.organisation, title=f"A{index}"),
            coordinator,
        )
    api = api_as(other_coordinator)
    with django_assert_max_num_queries(6, info="L'API du catalogue ne doit pas lire une requête par fiche."):
        response = api.get("/api/v1/catalogue/?page_size=200")
    assert response.json()["count"] == 6


def test_a_withdrawn_sheet_is_never_exported(sheet, coordinator, client):
    services.sheet_unpublish(actor=coordinator, sheet=sheet)
    client.force_login(coordinator)
    response = client.get(reverse("catalogue:export") + "?mine=1")
    assert response.status_code == 302  # « Aucune fiche ne correspond : rien à exporter. »


def test_export_and_import_through_the_api(sheet, coordinator, other_coordinator, advisor, api_as):
    document = api_as(advisor).get("/api/v1/catalogue/export/?barrier_category=childcare").json()
    assert schema.errors_in(document) == [] and len(document["sheets"]) == 1
    assert api_as(advisor).get("/api/v1/catalogue/export/?barrier_category=mobility").status_code == 404
    assert api_as(advisor).post("/api/v1/catalogue/import/", document, format="json").status_code == 403
    response = api_as(other_coordinator).post("/api/v1/catalogue/import/", document, format="json")
    assert response.status_code == 400 and "publiée sur ce déploiement" in response.json()["file"][0]
    document["sheets"][0]["uid"] = str(uuid.uuid4())
    document["sheets"][0]["cost"]["total"] = "douze mille"
    response = api_as(other_coordinator).post("/api/v1/catalogue/import/", document, format="json")
    assert response.status_code == 400
    assert response.json()["file"] == [
        "Fiche 1 (« Crèche solidaire »), champ cost.total : format invalide (« douze mille »)"
    ]
    document["sheets"][0]["cost"]["total"] = "12000.00"
    response = api_as(other_coordinator).post("/api/v1/catalogue/import/", document, format="json")
    assert response.status_code == 201
    assert PublishedSheet.objects.get(pk=response.json()["imported"][0]).origin == "imported"


# --- the national layer through the API ----------------------------------------------------------------------------
def test_the_national_viewer_reads_the_published_sheets_through_the_api(sheet, action, coordinator, client):
    """ANCT, DGEFP: list, detail, search and export of the published sheets, signed in with an API token; never a
    withdrawn sheet, an unpublished action or a person's name (docs/national.md)."""
    national = UserFactory(role="national_viewer", organisation=None)
    token = client.post("/api/v1/auth/token/", {"username": national.username, "password": TEST_PASSWORD}).json()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")
    other = ActionFactory(territory=action.territory, title="Garage solidaire jamais publié")
    listing = api.get("/api/v1/catalogue/")
    assert listing.status_code == 200 and [row["id"] for row in listing.json()["results"]] == [sheet.pk]
    assert PERSON_LAST_NAME not in listing.content.decode() and other.title not in listing.content.decode()
    assert api.get("/api/v1/catalogue/?search=creche").json()["count"] == 1
    assert api.get("/api/v1/catalogue/?search=garage").json()["count"] == 0
    detail = api.get(f"/api/v1/catalogue/{sheet.pk}/")
    assert detail.status_code == 200 and detail.json()["is_published"] is True
    document = api.get("/api/v1/catalogue/export/")
    assert document.status_code == 200 and [s["title"] for s in document.json()["sheets"]] == ["Crèche solidaire"]
    assert AuditEntry.objects.filter(actor=national, action="export").exists()
    # a withdrawn sheet leaves the national viewer's reach entirely
    services.sheet_unpublish(actor=coordinator, sheet=sheet)
    assert api.get(f"/api/v1/catalogue/{sheet.pk}/").status_code == 404
    assert api.get("/api/v1/catalogue/").json()["count"] == 0
    assert api.get("/api/v1/catalogue/export/").status_code == 404


def test_the_national_viewer_copies_imports_publishes_and_withdraws_nothing(sheet, action, api_as):
    national = UserFactory(role="national_viewer", organisation=None)
    api = api_as(national)
    document = api.get("/api/v1/catalogue/export/").json()
    assert api.post(f"/api/v1/catalogue/{sheet.pk}/copy/").status_code == 403
    assert api.post("/api/v1/catalogue/import/", document, format="json").status_code == 403
    assert api.post(f"/api/v1/catalogue/{sheet.pk}/unpublish/").status_code == 403
    assert api.post(f"/api/v1/actions/{action.pk}/publish/", EDITORIAL, format="json").status_code == 403
    for method in ("put", "patch", "delete"):
        assert getattr(api, method)(f"/api/v1/catalogue/{sheet.pk}/").status_code == 403
    assert SheetCopy.objects.count() == 0 and PublishedSheet.objects.get().is_published


def test_the_national_administrator_has_no_catalogue_api(sheet, api_as):
    """The national administration does not read the catalogue pages: nor its API."""
    api = api_as(UserFactory(role="national_admin", organisation=None))
    assert api.get("/api/v1/catalogue/").status_code == 403
    assert api.get(f"/api/v1/catalogue/{sheet.pk}/").status_code == 403
    assert api.get("/api/v1/catalogue/export/").status_code == 403
    assert api.post(f"/api/v1/catalogue/{sheet.pk}/copy/").status_code == 403
