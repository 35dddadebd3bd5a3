"""Reminders of the six-month checks: when a participant left six months ago and her situation six months after
leaving is neither recorded nor found in the cohort's situation history, the coordinators are told once."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from partners.enums import Role
from partners.models import User

from .models import Operation, Participant
from .selectors import participant_rows, six_month_checks_due
from .services import _file_entry_values


def _ensure_record(operation, row) -> Participant:
    if row.record is not None:
        return row.record
    person = row.participation.job_seeker if row.participation.job_seeker_id else None
    record = Participant(
        operation=operation,
        participation=row.participation,
        entered_on=row.entered_on,
        left_on=row.left_on,
        **_file_entry_values(person),
    )
    record.save()
    return record


def six_month_reminders_send(*, on: datetime.date | None = None) -> int:
    """Email each territory's coordinators the number of checks newly due, per operation, with a link. Idempotent:
    `Participant.six_months_reminded_on` marks each participant reminded. Returns the number of participants."""
    on = on or timezone.localdate()
    reminded = 0
    for operation in Operation.objects.select_related("territory").prefetch_related("actions").order_by("pk"):
        due = six_month_checks_due(participant_rows(operation, today=on), on)
        with transaction.atomic():
            records = [_ensure_record(operation, row) for row in due]
            fresh = list(
                Participant.objects.select_for_update().filter(
                    pk__in=[r.pk for r in records], six_months_reminded_on__isnull=True
                )
            )
            if not fresh:
                continue
            recipients = list(
                User.objects.filter(
                    organisation__territory_id=operation.territory_id, role=Role.COORDINATOR, is_active=True
                )
                .exclude(email="")
                .values_list("email", flat=True)
            )
            Participant.objects.filter(pk__in=[r.pk for r in fresh]).update(six_months_reminded_on=on)
            if recipients:
                action = operation.actions.order_by("pk").first()
                link = settings.SITE_URL + reverse("fse:completeness", args=[action.pk if action else 0, operation.pk])
                send_mail(
                    subject=f"{len(fresh)} situation(s) à 6 mois à vérifier — {operation}",
                    message=(
                        f"Bonjour,\n\n{len(fresh)} participant(s) de l'{operation} ont quitté l'opération il y a six "
                        "mois : leur situation six mois après la sortie (indicateurs EECR05 et EECR06) est à "
                        f"renseigner.\n\nLa liste : {link}\n\nCe message ne contient aucun nom."
                    ),
                    from_email=None,
                    recipient_list=recipients,
                )
        reminded += len(fresh)
    return reminded
