from celery import shared_task

from . import services


@shared_task(name="partners.send_meeting_reminders")
def send_meeting_reminders() -> int:
    """Daily: remind invitees of the meetings held within MEETING_REMINDER_DAYS days (once per meeting and person)."""
    return services.meeting_reminders_send()


@shared_task(name="partners.purge_access_log")
def purge_access_log() -> int:
    """Daily: delete the access-log entries older than ACCESS_LOG_RETENTION_DAYS (CNIL: 6 to 12 months)."""
    return services.access_log_purge()
