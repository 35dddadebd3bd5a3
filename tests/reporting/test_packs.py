import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from cohorts.models import JobSeeker
from partners.enums import AuditAction
from partners.models import AuditEntry
from reporting import services
from reporting.models import MeetingPack, MeetingPackDownload
from tests.factories import UserFactory
from tests.reporting.conftest import PERIOD
from tests.reporting.factories import MeetingFactory, MeetingPackFactory

pytestmark = pytest.mark.django_db


def pdf_text(pack) -> str:
    with pack.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def built_pack(coordinator, cohort, scenario, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pack = services.meeting_pack_request(
            actor=coordinator, period_start=PERIOD.start, period_end=PERIOD.end, cohort=cohort
        )
    pack.refresh_from_db()
    return pack


def test_a_requested_pack_is_built_after_the_commit_with_its_size_and_fingerprint(built_pack):
    assert built_pack.status == "done"
    assert built_pack.file_size > 1000 and len(built_pack.sha256) == 64
    assert built_pack.started_at <= built_pack.finished_at
    assert built_pack.page_count >= 5


def test_the_pack_is_anonymised_and_hides_small_counts(built_pack, scenario):
    text = pdf_text(built_pack)
    for person in JobSeeker.objects.all():
        assert person.last_name not in text
        assert person.address not in text
        assert f"{person.birth_date:%d/%m/%Y}" not in text
    assert "Monplaisir < 5" in text  # 3 people: statistical secrecy
    assert "Belle-Beille 7" in text
    assert "Page 1 sur" in text or "Page 2 sur" in text
    assert "6 mois ou plus" in text  # the threshold is stated
    assert "1er janvier 2026" in text and "28 février 2026" in text


def test_building_twice_does_not_rebuild_a_done_pack(built_pack):
    sha, finished = built_pack.sha256, built_pack.finished_at
    assert services.meeting_pack_build(pack_id=built_pack.pk) is None
    built_pack.refresh_from_db()
    assert (built_pack.sha256, built_pack.finished_at) == (sha, finished)
    assert MeetingPack.objects.count() == 1


def test_a_running_pack_is_not_claimed_twice(territory):
    pack = MeetingPackFactory(territory=territory)
    assert services._claim(pack.pk) is True
    assert services._claim(pack.pk) is False


def test_a_failed_pack_shows_its_error_and_can_be_retried(
    coordinator, territory, monkeypatch, django_capture_on_commit_callbacks
):
    """A real failure (the template is missing), then a retry once it is back."""
    from reporting import pack as pack_module

    pack = MeetingPackFactory(territory=territory, created_by=coordinator)
    monkeypatch.setattr(pack_module, "TEMPLATE", "reporting/n-existe-pas.html")
    services.meeting_pack_build(pack_id=pack.pk)
    monkeypatch.undo()
    pack.refresh_from_db()
    assert pack.status == "failed"
    assert "TemplateDoesNotExist" in pack.error
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_pack_retry(actor=coordinator, pack=pack)
    pack.refresh_from_db()
    assert pack.status == "done" and pack.error == "" and pack.attempts == 2


def test_only_the_coordinator_requests_a_pack(advisor, viewer):
    from django.core.exceptions import PermissionDenied

    for user in (advisor, viewer):
        with pytest.raises(PermissionDenied):
            services.meeting_pack_request(actor=user, period_start=PERIOD.start, period_end=PERIOD.end)


def test_the_period_of_a_meeting_runs_from_the_previous_meeting(territory):
    MeetingFactory(territory=territory, date=datetime.date(2026, 1, 13))
    meeting = MeetingFactory(territory=territory, date=datetime.date(2026, 3, 12))
    period = services.period_for_meeting(meeting)
    assert (period.start, period.end) == (datetime.date(2026, 1, 14), datetime.date(2026, 3, 11))
    first = MeetingFactory(territory=territory, date=datetime.date(2025, 11, 20), kind="strategic_committee")
    assert services.period_for_meeting(first).start == datetime.date(2025, 9, 20)


def test_a_download_is_recorded_with_an_audit_entry(built_pack, viewer, client):
    client.force_login(viewer)
    response = client.get(f"/dossiers-de-seance/{built_pack.pk}/telecharger/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    download = MeetingPackDownload.objects.get()
    assert (download.pack, download.user, download.organisation) == (built_pack, viewer, viewer.organisation)
    assert AuditEntry.objects.filter(action=AuditAction.DOWNLOAD, object_id=str(built_pack.pk), actor=viewer).exists()


def test_automatic_packs_before_technical_group_meetings_are_idempotent_and_email_a_link(
    territory, viewer, settings, django_capture_on_commit_callbacks
):
    settings.MEETING_PACK_DAYS_BEFORE = 7
    today = datetime.date(2026, 3, 5)
    soon = MeetingFactory(territory=territory, date=datetime.date(2026, 3, 12))
    MeetingFactory(territory=territory, date=datetime.date(2026, 3, 30))  # too far
    MeetingFactory(territory=territory, date=datetime.date(2026, 3, 10), kind="strategic_committee")
    UserFactory(viewer=True, organisation__territory=territory, organisation__technical_group_member=False)
    with django_capture_on_commit_callbacks(execute=True):
        created = services.meeting_packs_schedule(today=today)
    assert [pack.meeting for pack in created] == [soon]
    assert services.meeting_packs_schedule(today=today) == []  # beat running twice: no second pack
    assert services.meeting_packs_schedule(today=today + datetime.timedelta(days=1)) == []
    pack = MeetingPack.objects.get()
    assert pack.status == "done" and pack.automatic and pack.notified_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.bcc == [viewer.email]
    assert f"{settings.SITE_URL}/dossiers-de-seance/{pack.pk}/" in message.body
    assert not message.attachments
    services.meeting_pack_notify(pack=pack)
    assert len(mail.outbox) == 1  # once per pack


def test_the_pack_prints_the_meeting_agenda_and_the_previous_decisions(
    coordinator, territory, django_capture_on_commit_callbacks
):
    from partners.models import AgendaItem, Decision

    previous = MeetingFactory(territory=territory, date=datetime.date(2026, 1, 13), title="Groupe technique de janvier")
    # done during the period (decision services date every change): listed with the decisions closed in the period
    Decision.objects.create(
        meeting=previous,
        text="Relancer les employeurs du BTP",
        status="done",
        status_changed_on=datetime.date(2026, 2, 2),
    )
    meeting = MeetingFactory(territory=territory, date=datetime.date(2026, 3, 12))
    AgendaItem.objects.create(meeting=meeting, position=1, title="Bilan de l'action garde d'enfants")
    with django_capture_on_commit_callbacks(execute=True):
        pack = services.meeting_pack_request(actor=coordinator, meeting=meeting)
    pack.refresh_from_db()
    text = pdf_text(pack)
    assert "Bilan de l'action garde d'enfants" in text
    assert "Relancer les employeurs du BTP" in text and "Réalisée" in text
    assert "12 mars 2026" in text


def test_a_pack_of_another_territory_is_neither_retried_nor_recorded_as_downloaded(other_coordinator, territory):
    pack = MeetingPackFactory(territory=territory, status="failed")
    with pytest.raises(PermissionDenied):
        services.meeting_pack_retry(actor=other_coordinator, pack=pack)
    with pytest.raises(PermissionDenied):
        services.meeting_pack_record_download(actor=other_coordinator, pack=pack)
    pack.refresh_from_db()
    assert pack.status == "failed"


def test_automatic_packs_are_made_per_running_cohort_with_its_year_and_target(
    territory, settings, django_capture_on_commit_callbacks
):
    from tests.reporting.factories import CohortFactory, PersonFactory

    settings.MEETING_PACK_DAYS_BEFORE = 7
    meeting = MeetingFactory(territory=territory, date=datetime.date(2026, 3, 12))
    running = [
        CohortFactory(territory=territory, year=year, start_date=datetime.date(year, 1, 5)) for year in (2025, 2026)
    ]
    CohortFactory(territory=territory, year=2023, start_date=datetime.date(2023, 1, 5))  # ended long ago
    PersonFactory(cohort=running[0], entry_date=datetime.date(2025, 6, 2))  # in follow-up until June 2026
    PersonFactory(cohort=running[1], entry_date=datetime.date(2026, 1, 12))
    with django_capture_on_commit_callbacks(execute=True):
        created = services.meeting_packs_schedule(today=datetime.date(2026, 3, 5))
    assert sorted(pack.cohort.year for pack in created) == [2025, 2026]
    assert services.meeting_packs_schedule(today=datetime.date(2026, 3, 5)) == []  # idempotent
    pack = MeetingPack.objects.get(meeting=meeting, cohort=running[1])
    text = pdf_text(pack)
    assert "cohorte 2026, objectif 90" in text
    assert "Cohorte 2026" in text and "/ 90" in text  # page 1: the cohort against its target
