"""A new territory can start: the coordinator's first-run checklist, and the QPV file loaded from the interface."""

from html import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cohorts.models import QPV
from partners.enums import Role
from partners.models import AuditEntry
from tests.actions.factories import EnvelopeFactory
from tests.cohorts.factories import CohortFactory, QPVFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.partners.factories import MeetingFactory, WorkingGroupFactory

STEPS = [
    ("Charger la liste des QPV du territoire", "/cohorte/qpv/"),
    ("Créer la cohorte de l'année", "/cohorte/cohortes/nouvelle/"),
    ("Ajouter les organisations partenaires", "/partenaires/organisations/"),
    ("Inviter les conseillers des partenaires", "/partenaires/personnes/inviter/"),
    ("Composer le groupe technique", "/partenaires/groupes/nouveau/"),
    ("Ouvrir l'enveloppe de l'année", "/budget/"),
    ("Planifier les réunions du groupe technique", "/partenaires/reunions/planifier/"),
]


def _checklist(client):
    response = client.get("/")
    assert response.status_code == 200
    items = response.context.get("setup_checklist")
    return response.content.decode(), items


def test_the_coordinator_of_an_empty_territory_gets_a_checklist_linking_each_step(client, coordinator):
    client.force_login(coordinator)
    html, items = _checklist(client)
    assert "Démarrer la Cité de l'emploi du territoire" in html
    assert [(item.step.label, item.step.url, item.done) for item in items] == [
        (label, url, False) for label, url in STEPS
    ]
    for label, url in STEPS:
        assert f'<a href="{url}">{escape(label)}</a>' in html
        assert client.get(url).status_code == 200, url


def test_each_step_ticks_when_done_and_the_checklist_goes_away(client, coordinator, territory):
    client.force_login(coordinator)
    QPVFactory(territory=territory)
    CohortFactory(territory=territory)
    html, items = _checklist(client)
    assert [item.done for item in items] == [True, True, False, False, False, False, False]
    assert "2 étapes sur 7 faites" in html
    assert 'href="/partenaires/organisations/">Étape suivante : Ajouter les organisations partenaires</a>' in html
    partner = OrganisationFactory(territory=territory, name="France Travail Angers")
    OrganisationFactory(territory=territory, prefecture=True)  # the préfecture is no field partner
    UserFactory(organisation=partner, role=Role.ADVISOR)
    _, items = _checklist(client)
    assert [item.done for item in items] == [True, True, True, True, False, False, False]
    group = WorkingGroupFactory(territory=territory, technical=True)
    EnvelopeFactory(territory=territory, year=timezone.localdate().year)
    _, items = _checklist(client)
    assert [item.done for item in items] == [True] * 6 + [False]
    MeetingFactory(territory=territory, group=group)
    html, items = _checklist(client)
    assert items is None and "Démarrer la Cité" not in html


def test_no_checklist_for_other_roles(client, advisor):
    client.force_login(advisor)
    assert "Démarrer la Cité" not in client.get("/").content.decode()


NATIONAL_FILE = (
    "code_qp;lib_qp;lib_com\n"
    "QN04901M;Belle-Beille;Angers\n"
    "QN04902M;Monplaisir;Angers\n"
    "QN04905M;Grand-Bellevue;Trélazé\n"
    "QN07501M;Quartier parisien;Paris\n"
)


def _upload(client, text, **data):
    upload = SimpleUploadedFile("qpv.csv", text.encode("cp1252"), content_type="text/csv")
    return client.post("/cohorte/qpv/importer/", {"file": upload, **data}, follow=True)


def test_an_administrator_loads_the_national_qpv_file_from_the_interface(client, admin_user, territory):
    client.force_login(admin_user)
    checked = _upload(client, NATIONAL_FILE, dry_run="on")
    assert "3 QPV à créer" in checked.content.decode() and not QPV.objects.exists()
    response = _upload(client, NATIONAL_FILE)
    assert response.redirect_chain[-1][0] == "/cohorte/qpv/"
    html = response.content.decode()
    assert "Liste des QPV chargée : 3 créé(s), 0 mis à jour" in html and "Grand-Bellevue" in html
    assert set(QPV.objects.filter(territory=territory).values_list("code", flat=True)) == {
        "QN04901M",
        "QN04902M",
        "QN04905M",
    }
    entry = AuditEntry.objects.filter(actor=admin_user).latest("pk")
    assert "Belle" not in entry.detail
    again = _upload(client, NATIONAL_FILE)
    assert "0 créé(s), 0 mis à jour, 3 inchangé(s)" in again.content.decode()


def test_a_file_with_bad_lines_lists_each_in_french_and_writes_nothing(client, admin_user, territory):
    client.force_login(admin_user)
    response = _upload(
        client, "code;nom;commune\nQN04901M;Belle-Beille;Angers\nQ4901;Mauvais;Angers\nQN04902M;;Angers\n"
    )
    html = response.content.decode()
    assert "2 lignes en erreur : rien n'a été enregistré" in html
    assert "code « Q4901 » invalide" in html and "nom ou commune manquant" in html
    assert '<th scope="row">3</th>' in html and '<th scope="row">4</th>' in html
    assert not QPV.objects.exists()
    unreadable = _upload(client, "colonne;autre\n1;2\n")
    assert "La ligne 1 doit nommer les colonnes code, nom et commune." in unreadable.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "advisor", "viewer"])
def test_only_an_administrator_loads_qpvs(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert _upload(client, NATIONAL_FILE).status_code == 403
    assert not QPV.objects.exists()
