"""Writes of the reporting app: request, build, retry and download meeting packs; automatic packs before meetings."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from cite_emploi import figures_cache
from cite_emploi.dates import add_months
from partners.enums import AuditAction, MeetingKind, Role
from partners.models import Meeting, User
from partners.services import audit_record

from . import perms
from .enums import PackStatus
from .metrics import Period
from .metrics.cohort import cohort_targets
from .models import MeetingPack, MeetingPackDownload, QuarterlyReport

logger = logging.getLogger(__name__)

# A pack "running" for longer than this was abandoned by a dead worker: the next delivery may claim it again.
STALE_RUN = datetime.timedelta(minutes=10)


def period_for_meeting(meeting: Meeting) -> Period:
    """From the day after the previous meeting of the same body to the day before this one (2 months by default)."""
    previous = (
        Meeting.objects.filter(territory_id=meeting.territory_id, kind=meeting.kind, group_id=meeting.group_id)
        .filter(date__lt=meeting.date)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    end = meeting.date - datetime.timedelta(days=1)
    start = previous + datetime.timedelta(days=1) if previous else add_months(meeting.date, -2)
    return Period(start=min(start, end), end=end)


def _queue_build(pack: MeetingPack) -> None:
    from .tasks import build_meeting_pack

    transaction.on_commit(lambda: build_meeting_pack.delay(pack.pk))


@transaction.atomic
def meeting_pack_request(
    *, actor, period_start=None, period_end=None, meeting: Meeting | None = None, cohort=None
) -> MeetingPack:
    """A pending pack, built by a Celery worker after the commit. Period: given, else the meeting's."""
    if not perms.can_request_pack(actor):
        raise PermissionDenied("Seule la coordination demande un dossier de séance.")
    if meeting is not None and meeting.territory_id != actor.territory_id:
        raise ValidationError({"meeting": "Cette réunion n'appartient pas à votre territoire."})
    if cohort is not None and cohort.territory_id != actor.territory_id:
        raise ValidationError({"cohort": "Cette cohorte n'appartient pas à votre territoire."})
    if period_start is None or period_end is None:
        if meeting is None:
            raise ValidationError({"period_start": "Indiquez une réunion ou une période."})
        default = period_for_meeting(meeting)
        period_start, period_end = period_start or default.start, period_end or default.end
    pack = MeetingPack(
        territory_id=actor.territory_id,
        meeting=meeting,
        cohort=cohort,
        period_start=period_start,
        period_end=period_end,
        created_by=actor,
    )
    pack.full_clean()
    pack.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=pack, fields=["period_start", "period_end", "meeting"])
    _queue_build(pack)
    return pack


@transaction.atomic
def meeting_pack_retry(*, actor, pack: MeetingPack) -> MeetingPack:
    """A failed pack goes back to pending and is queued again."""
    if not perms.can_request_pack(actor) or not perms.is_in_territory(actor, pack.territory_id):
        raise PermissionDenied("Seule la coordination du territoire relance un dossier de séance.")
    claimed = MeetingPack.objects.filter(pk=pack.pk, status=PackStatus.FAILED).update(
        status=PackStatus.PENDING, error="", started_at=None, finished_at=None
    )
    if not claimed:
        raise ValidationError("Seul un dossier en échec peut être relancé.")
    pack.refresh_from_db()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=pack, fields=["status"], detail="relance")
    _queue_build(pack)
    return pack


def _claim(pack_id: int) -> bool:
    """Take the pack for this worker: one conditional UPDATE, so two deliveries of the task never both build it."""
    now = timezone.now()
    claimable = Q(status=PackStatus.PENDING) | Q(status=PackStatus.RUNNING, started_at__lt=now - STALE_RUN)
    return bool(
        MeetingPack.objects.filter(claimable, pk=pack_id).update(status=PackStatus.RUNNING, started_at=now, error="")
    )


def meeting_pack_build(*, pack_id: int) -> MeetingPack | None:
    """Build the PDF of a pending pack. Idempotent: a done, failed or running pack is left alone."""
    from .pack import render_pack

    if not _claim(pack_id):
        logger.info("Dossier de séance %s : déjà pris ou terminé, rien à faire.", pack_id)
        return None
    pack = MeetingPack.objects.select_related("territory", "meeting", "cohort").get(pk=pack_id)
    MeetingPack.objects.filter(pk=pack_id).update(attempts=pack.attempts + 1)
    figures_cache.bump(pack.territory_id)  # the packs listed on the dashboard and home: « en cours »
    try:
        data, page_count = render_pack(pack)
    except Exception as exc:
        logger.exception("Dossier de séance %s : échec de la fabrication (%s).", pack_id, type(exc).__name__)
        MeetingPack.objects.filter(pk=pack_id, status=PackStatus.RUNNING).update(
            status=PackStatus.FAILED,
            error=f"La fabrication du PDF a échoué ({type(exc).__name__}). Relancez le dossier ; si l'échec se "
            "répète, signalez-le à l'administration technique.",
            finished_at=timezone.now(),
        )
        figures_cache.bump(pack.territory_id)
        pack.refresh_from_db()
        return pack
    digest = hashlib.sha256(data).hexdigest()
    pack.file.save(pack.filename(), ContentFile(data), save=False)
    with transaction.atomic():
        MeetingPack.objects.filter(pk=pack_id, status=PackStatus.RUNNING).update(
            status=PackStatus.DONE,
            file=pack.file.name,
            file_size=len(data),
            sha256=digest,
            page_count=page_count,
            finished_at=timezone.now(),
        )
    figures_cache.bump(pack.territory_id)
    pack.refresh_from_db()
    if pack.automatic and pack.notified_at is None:
        meeting_pack_notify(pack=pack)
    return pack


@transaction.atomic
def meeting_pack_record_download(*, actor, pack: MeetingPack) -> MeetingPackDownload:
    """Each download is recorded (who, when) with an audit entry `download`."""
    if not perms.can_view_packs(actor) or not perms.can_read_pack(actor, pack):
        raise PermissionDenied("Ce dossier de séance n'est pas celui de votre territoire.")
    download = MeetingPackDownload.objects.create(pack=pack, user=actor, organisation=actor.organisation)
    audit_record(actor=actor, action=AuditAction.DOWNLOAD, obj=pack, territory_id=pack.territory_id)
    return download


# --- automatic packs ---------------------------------------------------------------------------------------------


def technical_group_viewers(territory_id: int):
    """The préfecture and DREETS accounts of the technical group: active viewers of its member organisations."""
    return User.objects.filter(
        role=Role.VIEWER,
        is_active=True,
        organisation__territory_id=territory_id,
        organisation__technical_group_member=True,
    ).exclude(email="")


def meeting_pack_notify(*, pack: MeetingPack) -> int:
    """Email the technical group's viewers a LINK to the pack (never the data). Once per pack."""
    if not MeetingPack.objects.filter(pk=pack.pk, notified_at__isnull=True, status=PackStatus.DONE).update(
        notified_at=timezone.now()
    ):
        return 0
    recipients = list(technical_group_viewers(pack.territory_id).values_list("email", flat=True))
    if not recipients:
        return 0
    context = {"pack": pack, "meeting": pack.meeting, "url": f"{settings.SITE_URL}{pack.get_absolute_url()}"}
    EmailMessage(
        subject=render_to_string("reporting/emails/pack_ready_subject.txt", context).strip(),
        body=render_to_string("reporting/emails/pack_ready.txt", context),
        bcc=recipients,
    ).send()
    return len(recipients)


def meeting_packs_schedule(*, today: datetime.date | None = None) -> list[MeetingPack]:
    """Request the packs of each technical-group meeting due within MEETING_PACK_DAYS_BEFORE days: one per cohort
    running at the period's end (so each pack states its cohort's year and its target of 90), or one for the whole
    territory when no cohort runs. Idempotent: unique constraints hold it even if beat runs twice at once."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.MEETING_PACK_DAYS_BEFORE)
    meetings = Meeting.objects.filter(kind=MeetingKind.TECHNICAL_GROUP, date__gt=today, date__lte=horizon)
    created = []
    for meeting in meetings.order_by("date", "pk"):
        period = period_for_meeting(meeting)
        cohorts: list[int | None] = [target.cohort_id for target in cohort_targets(meeting.territory_id, period)]
        cohorts = cohorts or [None]
        existing = set(MeetingPack.objects.filter(meeting=meeting, automatic=True).values_list("cohort_id", flat=True))
        for cohort_id in cohorts:
            if cohort_id in existing:
                continue
            try:
                with transaction.atomic():
                    pack = MeetingPack.objects.create(
                        territory_id=meeting.territory_id,
                        meeting=meeting,
                        cohort_id=cohort_id,
                        period_start=period.start,
                        period_end=period.end,
                        automatic=True,
                    )
                    audit_record(
                        actor=None,
                        action=AuditAction.CREATE,
                        obj=pack,
                        detail="dossier automatique",
                        territory_id=pack.territory_id,
                    )
                    _queue_build(pack)
            except IntegrityError:
                continue  # another run created it first
            created.append(pack)
    return created


# --- quarterly national report ---------------------------------------------------------------------------------


def _queue_quarterly(report: QuarterlyReport) -> None:
    from .tasks import build_quarterly_report

    transaction.on_commit(lambda: build_quarterly_report.delay(report.pk))


@transaction.atomic
def quarterly_report_request(*, actor, year: int, quarter: int) -> QuarterlyReport:
    """A pending report for a finished quarter, built by a Celery worker after the commit. A failed one is queued
    again; a done one stays as it is (its figures are frozen at the quarter's end)."""
    if not perms.can_request_quarterly_report(actor):
        raise PermissionDenied("Seul l'observatoire national demande le rapport trimestriel.")
    from .metrics.national import quarter_period

    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": "Le trimestre va de 1 à 4."})
    if quarter_period(year, quarter).end >= timezone.localdate():
        raise ValidationError({"quarter": "Ce trimestre n'est pas terminé : son rapport se fabrique après sa fin."})
    report = QuarterlyReport.objects.select_for_update().filter(year=year, quarter=quarter).first()
    if report is not None:
        if report.status != PackStatus.FAILED:
            raise ValidationError({"quarter": "Le rapport de ce trimestre existe déjà."})
        QuarterlyReport.objects.filter(pk=report.pk).update(status=PackStatus.PENDING, error="", finished_at=None)
        report.refresh_from_db()
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=report, fields=["status"], detail="relance")
    else:
        report = QuarterlyReport(year=year, quarter=quarter, created_by=actor)
        report.full_clean()
        report.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=report, fields=["year", "quarter"])
    _queue_quarterly(report)
    return report


def quarterly_report_build(*, report_id: int) -> QuarterlyReport | None:
    """Build the PDF and XLSX of a pending report. Idempotent: claimed by one conditional UPDATE, like the packs."""
    from .quarterly import build_document, render_pdf, render_xlsx

    now = timezone.now()
    claimable = Q(status=PackStatus.PENDING) | Q(status=PackStatus.RUNNING, started_at__lt=now - STALE_RUN)
    if not QuarterlyReport.objects.filter(claimable, pk=report_id).update(
        status=PackStatus.RUNNING, started_at=now, error=""
    ):
        logger.info("Rapport trimestriel %s : déjà pris ou terminé, rien à faire.", report_id)
        return None
    report = QuarterlyReport.objects.get(pk=report_id)
    QuarterlyReport.objects.filter(pk=report_id).update(attempts=report.attempts + 1)
    try:
        document = build_document(report.year, report.quarter)
        pdf, page_count = render_pdf(document)
        xlsx = render_xlsx(document)
    except Exception as exc:
        logger.exception("Rapport trimestriel %s : échec de la fabrication (%s).", report_id, type(exc).__name__)
        QuarterlyReport.objects.filter(pk=report_id, status=PackStatus.RUNNING).update(
            status=PackStatus.FAILED,
            error=f"La fabrication du rapport a échoué ({type(exc).__name__}). Redemandez-le ; si l'échec se répète, "
            "signalez-le à l'administration technique.",
            finished_at=timezone.now(),
        )
        report.refresh_from_db()
        return report
    report.pdf.save(report.filename("pdf"), ContentFile(pdf), save=False)
    report.xlsx.save(report.filename("xlsx"), ContentFile(xlsx), save=False)
    QuarterlyReport.objects.filter(pk=report_id, status=PackStatus.RUNNING).update(
        status=PackStatus.DONE,
        pdf=report.pdf.name,
        pdf_size=len(pdf),
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        page_count=page_count,
        xlsx=report.xlsx.name,
        xlsx_size=len(xlsx),
        xlsx_sha256=hashlib.sha256(xlsx).hexdigest(),
        territory_count=document.territories,
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


def quarterly_report_record_download(*, actor, report: QuarterlyReport, fmt: str) -> None:
    if not perms.can_read_national_figures(actor):
        raise PermissionDenied("Le rapport national se télécharge par l'observatoire national.")
    audit_record(actor=actor, action=AuditAction.DOWNLOAD, obj=report, detail=f"rapport trimestriel ({fmt})")


def quarterly_report_schedule(*, today: datetime.date | None = None) -> QuarterlyReport | None:
    """Daily: the report of the last finished quarter, if it does not exist yet (one per quarter, unique)."""
    from .metrics.national import last_complete_quarter

    year, quarter = last_complete_quarter(today or timezone.localdate())
    if QuarterlyReport.objects.filter(year=year, quarter=quarter).exists():
        return None
    try:
        with transaction.atomic():
            report = QuarterlyReport.objects.create(year=year, quarter=quarter, automatic=True)
            audit_record(actor=None, action=AuditAction.CREATE, obj=report, detail="rapport trimestriel automatique")
            _queue_quarterly(report)
    except IntegrityError:
        return None
    return report
