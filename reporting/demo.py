"""Demo data of the reporting app: the meeting pack of the last technical group, built once (idempotent)."""

from django.utils import timezone

from partners.enums import MeetingKind
from partners.models import Meeting, Territory, User

from . import services
from .enums import PackStatus
from .models import MeetingPack


def seed(stdout=None) -> MeetingPack | None:
    territory = Territory.objects.filter(slug="angers-loire-metropole").first()
    if territory is None:
        return None
    meeting = (
        Meeting.objects.filter(territory=territory, kind=MeetingKind.TECHNICAL_GROUP, date__lte=timezone.localdate())
        .order_by("-date")
        .first()
    )
    if meeting is None:
        return None
    period = services.period_for_meeting(meeting)
    pack, created = MeetingPack.objects.get_or_create(
        territory=territory,
        meeting=meeting,
        automatic=False,
        defaults={
            "period_start": period.start,
            "period_end": period.end,
            "created_by": User.objects.filter(username="coordinatrice").first(),
        },
    )
    if pack.status != PackStatus.DONE:
        services.meeting_pack_build(pack_id=pack.pk)
        pack.refresh_from_db()
    if stdout is not None and created:
        stdout.write(f"  dossier de séance de la réunion du {meeting.date:%d/%m/%Y} : {pack.get_status_display()}")
    return pack
