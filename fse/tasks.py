"""Thin Celery tasks: they take ids and call a service (idempotent)."""

from celery import shared_task

from . import reminders, retention, services


@shared_task(name="fse.build_execution_report", acks_late=True)
def build_execution_report(report_id: int) -> str | None:
    report = services.report_build(report_id=report_id)
    return report.status if report is not None else None


@shared_task(name="fse.six_month_reminders")
def six_month_reminders() -> int:
    """Daily: tell each territory's coordinators how many six-month checks became due (a link, no name)."""
    return reminders.six_month_reminders_send()


@shared_task(name="fse.apply_retention")
def apply_retention() -> int:
    """Daily: anonymise the FSE+ evidence whose delay is over."""
    return retention.anonymise_expired()
