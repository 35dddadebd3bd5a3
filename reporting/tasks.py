"""Thin Celery tasks: they take ids and call a service (idempotent)."""

from celery import shared_task

from . import services


@shared_task(name="reporting.build_meeting_pack", acks_late=True)
def build_meeting_pack(pack_id: int) -> str | None:
    pack = services.meeting_pack_build(pack_id=pack_id)
    return pack.status if pack is not None else None


@shared_task(name="reporting.schedule_meeting_packs")
def schedule_meeting_packs() -> int:
    """Daily: the pack of each technical-group meeting due within MEETING_PACK_DAYS_BEFORE days."""
    return len(services.meeting_packs_schedule())


@shared_task(name="reporting.build_quarterly_report", acks_late=True)
def build_quarterly_report(report_id: int) -> str | None:
    report = services.quarterly_report_build(report_id=report_id)
    return report.status if report is not None else None


@shared_task(name="reporting.schedule_quarterly_report")
def schedule_quarterly_report() -> int:
    """Daily: the report of the last finished quarter, once."""
    return int(services.quarterly_report_schedule() is not None)
