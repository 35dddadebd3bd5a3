"""The meeting pack's content: the figures (from the one metrics module) and the meeting, rendered to PDF."""

from partners.models import AgendaItem, Decision, Meeting

from .charts import metrics_charts
from .figures import metrics_for
from .metrics import DEFINITIONS, Period
from .models import MeetingPack
from .pdf import render_pdf_with_page_count

TEMPLATE = "reporting/pack.html"


def _previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(territory_id=meeting.territory_id, kind=meeting.kind, group_id=meeting.group_id)
        .filter(date__lt=meeting.date)
        .order_by("-date", "-pk")
        .first()
    )


def pack_context(pack: MeetingPack) -> dict:
    """Everything the PDF prints. Anonymised: figures only, and partner organisations (never a person)."""
    metrics = metrics_for(pack.territory, Period(pack.period_start, pack.period_end), pack.cohort)
    meeting = pack.meeting
    agenda, previous, decisions = [], None, []
    if meeting is not None:
        agenda = list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("title", flat=True))
        previous = _previous_meeting(meeting)
        if previous is not None:
            decisions = list(
                Decision.objects.filter(meeting=previous).select_related("owner__organisation").order_by("pk")
            )
    return {
        "pack": pack,
        "metrics": metrics,
        "meeting": meeting,
        "agenda": agenda,
        "previous_meeting": previous,
        "decisions": decisions,
        "charts": metrics_charts(metrics),
        "definitions": DEFINITIONS,
    }


def render_pack(pack: MeetingPack) -> tuple[bytes, int]:
    return render_pdf_with_page_count(TEMPLATE, pack_context(pack))
