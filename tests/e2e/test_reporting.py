"""The coordinator requests a meeting pack, watches it get ready without reloading, downloads it; the viewer too."""

import re

import pytest
from playwright.sync_api import expect

from reporting import services
from reporting.models import MeetingPack
from tests.factories import TEST_PASSWORD
from tests.reporting.factories import MeetingFactory, MeetingPackFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _download(page, link):
    with page.expect_download() as info:
        link.click()
    download = info.value
    with open(download.path(), "rb") as handle:
        return download.suggested_filename, handle.read()


def test_coordinator_requests_a_pack_from_the_meeting_page_and_the_viewer_downloads_it(
    page, login, coordinator, viewer, territory
):
    meeting = MeetingFactory(territory=territory, title="Groupe technique de mars")
    login(coordinator, TEST_PASSWORD)
    page.goto(f"/partenaires/reunions/{meeting.pk}/")
    page.get_by_role("link", name=re.compile("préparer le dossier de cette réunion")).click()
    assert page.get_by_label("Réunion").input_value() == str(meeting.pk)
    page.get_by_role("button", name="Fabriquer le dossier").click()
    pack = MeetingPack.objects.get()
    page.wait_for_url(f"**/dossiers-de-seance/{pack.pk}/")
    status = page.locator(f"#pack-status-{pack.pk}")
    status.get_by_text("Prêt").wait_for()
    name, data = _download(page, status.get_by_role("link", name="Télécharger le PDF"))
    assert name.endswith(".pdf") and data.startswith(b"%PDF")

    # the status fragment polls: a pending pack turns to done on the open page, without a reload
    pending = MeetingPackFactory(territory=territory, meeting=meeting, created_by=coordinator)
    page.goto(f"/dossiers-de-seance/{pending.pk}/")
    page.get_by_text("En attente").wait_for()
    page.evaluate("window.notReloaded = true")
    services.meeting_pack_build(pack_id=pending.pk)
    page.locator(f"#pack-status-{pending.pk}").get_by_role("link", name="Télécharger le PDF").wait_for(timeout=15_000)
    assert page.evaluate("window.notReloaded") is True

    # the coordinator sees who downloaded what
    page.goto(f"/dossiers-de-seance/{pack.pk}/")
    expect(page.get_by_role("cell", name=coordinator.organisation.name)).to_be_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    login(viewer, TEST_PASSWORD)
    link = page.get_by_role("link", name=f"Télécharger le dossier n° {pack.pk} (PDF", exact=False)
    name, data = _download(page, link.first)
    assert data.startswith(b"%PDF")
    assert pack.downloads.filter(user=viewer).exists()


def test_the_home_page_shows_its_counts_then_loads_the_figures(page, login, coordinator, territory):
    """The counts ("À faire") are in the page; the figures and charts arrive from the dashboard's htmx fragment."""
    login(coordinator, TEST_PASSWORD)
    page.goto("/")
    expect(page.get_by_text("prochaines étapes en retard")).to_be_visible()
    page.get_by_role("heading", name="Avancement de la cohorte").wait_for(timeout=10_000)
    expect(page.locator("#indicateurs[aria-busy]")).to_have_count(0)
