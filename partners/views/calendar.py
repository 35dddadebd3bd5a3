"""Per-person iCalendar feed of the meetings she is invited to, behind a secret, revocable URL."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Event

from .. import services
from ..models import CalendarToken, Meeting

MEETING_DURATION = timedelta(hours=2)


@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(user=request.user)
            messages.success(request, "L'adresse de votre agenda est révoquée : elle ne fonctionne plus.")
        else:
            services.calendar_token_regenerate(user=request.user)
            messages.success(request, "Nouvelle adresse d'agenda créée ; l'ancienne ne fonctionne plus.")
        return redirect("partners:calendar_settings")
    token = CalendarToken.objects.filter(user=request.user).first()
    feed_url = (
        settings.SITE_URL + reverse("partners:calendar_feed", kwargs={"key": token.key}) if token is not None else None
    )
    return render(request, "partners/calendar_settings.html", {"feed_url": feed_url})


def meetings_calendar(meetings, *, host: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Cité de l'emploi//Réunions//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Cité de l'emploi — réunions")
    tz = timezone.get_default_timezone()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"reunion-{meeting.pk}@{host}")
        event.add("summary", str(meeting))
        if meeting.start_time is not None:
            start = datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)
            event.add("dtstart", start)
            event.add("dtend", start + MEETING_DURATION)
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + timedelta(days=1))
        event.add("dtstamp", meeting.updated_at)
        if meeting.location:
            event.add("location", meeting.location)
        description = settings.SITE_URL + reverse("partners:meeting_detail", kwargs={"pk": meeting.pk})
        if meeting.video_link:
            description = f"Visioconférence : {meeting.video_link}\n{description}"
        event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()


@login_not_required
@require_GET
def calendar_feed(request, key):
    """Public by design (calendar apps cannot sign in): the secret key in the URL is the credential."""
    token = CalendarToken.objects.select_related("user__organisation").filter(key=key).first()
    if token is None or not token.user.is_active or token.user.territory_id is None:
        raise Http404
    user = token.user
    meetings = Meeting.objects.for_user(user).inviting(user).select_related("group").order_by("date", "start_time")
    body = meetings_calendar(meetings, host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="reunions.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
