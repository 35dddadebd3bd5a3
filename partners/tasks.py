from celery import shared_task

from . import services


@shared_task(name="partners.send_meeting_reminders")
def send_meeting_reminders() -> int:
    """Daily: remind invitees of the meetings held within MEETING_REMINDER_DAYS days (once per meeting and person)."""
    return services.meeting_reminders_send()
