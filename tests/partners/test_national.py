"""The national roles (issue 16): a national account has no territory and reads nothing personal; the national
administrator opens a territory without a shell — creates it, invites its first coordinator, loads the QPVs."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from actions.models import Action, Participation
from cohorts.models import QPV, Barrier, FollowUp, JobSeeker, Situation
from partners import perms
from partners.models import AuditEntry, Invitation, Meeting, Organisation, Territory, User
from reporting.models import MeetingPack
from tests.actions.factories import ActionFactory, ParticipationFactory
from tests.cohorts.factories import BarrierFactory, FollowUpFactory, QPVFactory, SituationFactory
from tests.factories import TerritoryFactory, UserFactory
from tests.partners.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_admin(db):
    return UserFactory(role="national_admin", organisation=None, username="admin-national")


@pytest.fixture
def national_viewer(db):
    return UserFactory(role="national_viewer", organisation=None, username="anct")


def test_the_national_rules(national_admin, national_viewer, coordinator, admin_user):
    assert perms.is_national_viewer(national_viewer) and not perms.is_national_admin(national_viewer)
    assert perms.is_national_admin(national_admin) and perms.can_manage_territories(national_admin)
    assert perms.can_read_national_figures(national_viewer) and not perms.can_read_national_figures(national_admin)
    assert perms.can_view_benchmarks(coordinator) and not perms.can_view_benchmarks(admin_user)
    for user in (national_viewer, national_admin):
        assert not perms.has_territory(user) and not perms.can_view_personal_data(user)
    # a national role given to an account of a territory is no national account
    misplaced = UserFactory(role="national_viewer", organisation__territory=coordinator.territory)
    assert not perms.is_national(misplaced) and not perms.can_read_national_figures(misplaced)


def test_every_for_user_returns_nothing_personal_to_a_national_account(
    national_admin, national_viewer, coordinator, territory
):
    person = FollowUpFactory(job_seeker__territory=territory).job_seeker
    BarrierFactory(job_seeker=person)
    SituationFactory(job_seeker=person)
    ParticipationFactory(action=ActionFactory(territory=territory), job_seeker=person, participant_label="")
    MeetingFactory(territory=territory)
    for user in (national_viewer, national_admin):
        for model in (JobSeeker, FollowUp, Barrier, Situation, Participation, Action, QPV, Meeting, Organisation):
            assert not model.objects.for_user(user).exists(), (user.role, model.__name__)
        assert not User.objects.for_user(user).exists()
        assert not AuditEntry.objects.for_user(user).exists()
        assert not Invitation.objects.for_user(user).exists()
    assert Territory.objects.for_user(national_admin).count() == 1  # a territory's name is no personal data
    assert not MeetingPack.objects.for_user(national_admin).exists()


def test_a_national_account_is_kept_off_every_territory_page(client, national_viewer, territory):
    person = FollowUpFactory(job_seeker__territory=territory).job_seeker
    client.force_login(national_viewer)
    for url in (
        "/cohorte/",
        f"/cohorte/personnes/{person.pk}/",
        "/actions/",
        "/partenaires/organisations/",
        "/pilotage/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.get("/api/v1/job-seekers/").status_code == 403
    home = client.get("/").content.decode()
    assert "Observatoire national" in home and "Aucun territoire (accès national)" in home


def test_the_national_administrator_opens_a_territory_and_invites_its_first_coordinator(client, national_admin):
    client.force_login(national_admin)
    response = client.post("/partenaires/territoires/nouveau/", {"name": "Cité de Brest", "department": "29"})
    territory = Territory.objects.get(name="Cité de Brest")
    assert territory.slug == "cite-de-brest"
    assert response["Location"] == f"/partenaires/territoires/{territory.pk}/coordination/"
    data = {
        "organisation": "Brest Métropole emploi",
        "first_name": "Anne",
        "last_name": "Kervella",
        "email": "a.k@example.org",
    }
    bad = client.post(response["Location"], {**data, "email": "pas-une-adresse"})
    assert (
        bad.status_code == 200
        and "Saisissez une adresse" in bad.content.decode()
        and "Kervella" in bad.content.decode()
    )
    client.post(response["Location"], data)
    invitation = Invitation.objects.get(email="a.k@example.org")
    assert invitation.role == "coordinator" and invitation.organisation.territory == territory
    assert invitation.organisation.kind == "coordinator"
    assert len(mail.outbox) == 1 and "/partenaires/invitation/" in mail.outbox[0].body
    entry = AuditEntry.objects.filter(territory=territory, detail__contains="administration nationale").get()
    assert entry.actor == national_admin and "Kervella" not in entry.detail
    listing = client.get("/partenaires/territoires/").content.decode()
    assert "Cité de Brest" in listing and "Invitation envoyée" in listing and "0/7" in listing
    UserFactory(coordinator=True, organisation=invitation.organisation)
    refused = client.post(response["Location"], {**data, "email": "autre@example.org"})
    assert "déjà une coordination" in refused.content.decode()
    assert not Invitation.objects.filter(email="autre@example.org").exists()


def test_only_the_national_administrator_creates_territories(client, coordinator, national_viewer):
    for user in (coordinator, national_viewer):
        client.force_login(user)
        assert client.post("/partenaires/territoires/nouveau/", {"name": "X", "department": "29"}).status_code == 403
    assert not Territory.objects.filter(name="X").exists()


NATIONAL_FILE = (
    "code_qp;lib_qp;lib_com\n"
    "QN04901M;Belle-Beille;Angers\n"
    "QN04902M;Monplaisir;Angers\n"
    "QN02901M;Pontanézen;Brest\n"
    "QN07501M;Quartier parisien;Paris\n"
)


def _upload(client, text, **data):
    upload = SimpleUploadedFile("qpv.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post("/cohorte/qpv/liste-nationale/", {"file": upload, **data}, follow=True)


def test_the_national_file_is_loaded_for_every_territory_all_or_nothing(client, national_admin, territory):
    QPVFactory(territory=territory, name="Belle-Beille", commune="Angers")  # the demo's QPV, without its code
    brest = TerritoryFactory(name="Brest", slug="brest", department="29")
    TerritoryFactory(name="Quimper", slug="quimper", department="29")  # shares the department, no QPV yet
    client.force_login(national_admin)
    bad = _upload(client, NATIONAL_FILE + "Q4901;Mauvais;Angers\n")
    html = bad.content.decode()
    assert "1 ligne en erreur : rien n'a été enregistré" in html and "code « Q4901 » invalide" in html
    assert '<th scope="row">6</th>' in html
    assert not QPV.objects.exclude(code=None).exists()
    done = _upload(client, NATIONAL_FILE)
    assert "Liste nationale des QPV chargée : 1 créé(s), 1 mis à jour." in done.content.decode()
    assert set(QPV.objects.filter(territory=territory).values_list("code", flat=True)) == {"QN04901M", "QN04902M"}
    assert not QPV.objects.filter(territory=brest).exists()  # Brest shares the 29 with Quimper: loaded one by one
    one = _upload(client, NATIONAL_FILE, territory=brest.pk, communes="Brest")
    assert one.status_code == 200
    assert list(QPV.objects.filter(territory=brest).values_list("code", flat=True)) == ["QN02901M"]
    assert AuditEntry.objects.filter(actor=national_admin, territory=brest).exists()
