"""Email reminders to the people invited to a meeting, MEETING_REMINDER_DAYS days before (Celery beat, daily)."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..enums import AttendanceStatus
from ..models import Attendee, ReminderSent

logger = logging.getLogger(__name__)


def meeting_reminders_send(*, today: date | None = None, days: int | None = None) -> int:
    """Send each invitee of a meeting held within `days` days her reminder, once.

    Idempotent: a `ReminderSent` row (unique per meeting and person) is written in the same transaction as the
    mail leaves; a second run, even concurrent, skips it. Returns the number of reminders sent.
    """
    today = today or timezone.localdate()
    days = settings.MEETING_REMINDER_DAYS if days is None else days
    already_sent = ReminderSent.objects.filter(meeting_id=OuterRef("meeting_id"), user_id=OuterRef("user_id"))
    attendees = (
        Attendee.objects.filter(
            meeting__date__gte=today,
            meeting__date__lte=today + timedelta(days=days),
            user__isnull=False,
            user__is_active=True,
            status__in=[AttendanceStatus.INVITED, AttendanceStatus.PRESENT],
        )
        .exclude(user__email="")
        .exclude(Exists(already_sent))
        .select_related("meeting__territory", "meeting__group", "user")
        .order_by("meeting__date", "pk")
    )
    sent = 0
    for attendee in attendees:
        meeting, person = attendee.meeting, attendee.user
        if person is None:  # organisations are invited without a person: nobody to remind
            continue
        context = {
            "meeting": meeting,
            "person": person,
            "link": settings.SITE_URL + reverse("partners:meeting_detail", kwargs={"pk": meeting.pk}),
        }
        try:
            with transaction.atomic():
                ReminderSent.objects.create(meeting=meeting, user=person)
                send_mail(
                    subject=f"Rappel : {meeting} — Cité de l'emploi",
                    message=render_to_string("partners/emails/meeting_reminder.txt", context),
                    from_email=None,
                    recipient_list=[person.email],
                )
        except IntegrityError:
            continue  # another run sent it meanwhile
        sent += 1
    logger.info("Rappels de réunion envoyés : %s", sent)
    return sent
