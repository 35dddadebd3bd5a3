"""The Celery application: Redis broker from REDIS_URL, configuration from Django settings.

Periodic schedules are code: each app declares its own in `BEAT_SCHEDULE` below (tested in
tests/test_celery.py), so nothing edited by hand can be wiped by a deployment.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cite_emploi.settings.dev")

app = Celery("cite_emploi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

BEAT_SCHEDULE: dict = {
    # partners: remind invitees MEETING_REMINDER_DAYS days before a meeting (idempotent, once per person)
    "partners-meeting-reminders": {"task": "partners.send_meeting_reminders", "schedule": crontab(hour=7, minute=0)},
    # reporting: build the pack MEETING_PACK_DAYS_BEFORE days before each technical-group meeting, email viewers a link
    "reporting-meeting-packs": {"task": "reporting.schedule_meeting_packs", "schedule": crontab(hour=6, minute=30)},
    # cohorts: anonymise the files RETENTION_YEARS_AFTER_LAST_CONTACT years after the last contact, tell coordinators
    # RETENTION_NOTICE_DAYS days before (once per file), delete stale import files
    "cohorts-retention": {"task": "cohorts.apply_retention", "schedule": crontab(hour=2, minute=30)},
    # referrals: close the referrals left unanswered REFERRAL_EXPIRY_DAYS days after sending, tell both organisations
    "referrals-expire": {"task": "referrals.expire", "schedule": crontab(hour=6, minute=0)},
    # partners: purge the access log entries older than ACCESS_LOG_RETENTION_DAYS
    "partners-access-log-purge": {"task": "partners.purge_access_log", "schedule": crontab(hour=2, minute=0)},
    # fse: remind coordinators of the six-month checks now due (once per participant); erase the identity kept as
    # FSE+ evidence once 31 December of the year of the last payment + 5 years is past
    "fse-six-month-reminders": {"task": "fse.six_month_reminders", "schedule": crontab(hour=7, minute=15)},
    "fse-retention": {"task": "fse.apply_retention", "schedule": crontab(hour=2, minute=45)},
    # reporting: the quarterly national report of the last finished quarter, once (issue 16)
    "reporting-quarterly-report": {
        "task": "reporting.schedule_quarterly_report",
        "schedule": crontab(hour=5, minute=0),
    },
}
app.conf.beat_schedule = BEAT_SCHEDULE


@app.task(name="cite_emploi.ping")
def ping(value: str = "pong") -> str:
    """A task that only answers: lets operators and tests check that a worker consumes the queue."""
    return value
