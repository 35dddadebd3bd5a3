from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cite_emploi.forms import add_service_errors
from cite_emploi.sorting import by_text, sort_rows

from .. import perms, services
from ..decision_links import with_links
from ..enums import DecisionStatus, MeetingKind
from ..forms import (
    AttendanceForm,
    AttendeeAddForm,
    DecisionForm,
    MeetingForm,
    PlannedDateFormSet,
    PlanYearForm,
)
from ..models import Decision, Meeting
from ..selectors import (
    meeting_detail_queryset,
    meetings_for,
    open_decisions_of,
    previous_meeting,
)
from ..services.meetings import bimonthly_dates


def _require_manager(user):
    if not perms.can_manage_meetings(user):
        raise PermissionDenied


MEETING_COLUMNS = [
    ("Date", "date"),
    ("Réunion", "reunion"),
    ("Instance", "instance"),
    ("Lieu", "lieu"),
    ("Participants", "participants"),
    ("Décisions en cours", "decisions"),
]
MEETING_SORTS = {
    "date": lambda meeting: (meeting.date, meeting.start_time is not None, meeting.start_time or 0),
    "reunion": by_text(str),
    "instance": by_text(lambda meeting: meeting.get_kind_display()),
    "lieu": by_text(lambda meeting: meeting.location or ("visioconférence" if meeting.video_link else "")),
    "participants": lambda meeting: meeting.attendee_count,
    "decisions": lambda meeting: meeting.open_decision_count,
}
INVALID_KIND = "Instance inconnue : choisissez-en une dans la liste. Aucune réunion n'est affichée."


@require_GET
def meeting_list(request):
    """Upcoming meetings, then past ones by pages of 20; the instance filter and the sort stay in the URL."""
    today = timezone.localdate()
    meetings = meetings_for(request.user)
    kind = request.GET.get("kind", "")
    invalid_filter = bool(kind) and kind not in MeetingKind.values
    if invalid_filter:
        meetings = meetings.none()  # an unknown instance shows nothing (and says so), never every meeting
    elif kind:
        meetings = meetings.filter(kind=kind)
    upcoming, sorting = sort_rows(request, list(meetings.upcoming(today)), MEETING_COLUMNS, MEETING_SORTS)
    past, _ = sort_rows(request, list(meetings.past(today)), MEETING_COLUMNS, MEETING_SORTS)
    return render(
        request,
        "partners/meeting_list.html",
        {
            **sorting,
            "upcoming": upcoming,
            "past": Paginator(past, 20).get_page(request.GET.get("page")),
            "kinds": MeetingKind.choices,
            "kind": kind,
            "invalid_filter": INVALID_KIND if invalid_filter else "",
            "can_manage": perms.can_manage_meetings(request.user),
        },
    )


DECISION_SORTS = {
    "decision": by_text(lambda decision: decision.text),
    "responsable": by_text(
        lambda decision: (decision.owner.get_full_name() or decision.owner.username) if decision.owner else ""
    ),
    "echeance": lambda decision: decision.due_date,
    "etat": by_text(lambda decision: decision.get_status_display()),
}


def _render_detail(request, meeting, *, decision_form=None, attendee_form=None, status=200):
    """The meeting, its decisions and the open ones of the previous meeting (both tables sort by `?tri=`)."""
    previous = previous_meeting(meeting)
    case_review_hidden = not perms.can_read_case_review(request.user, meeting)
    can_manage = perms.can_manage_meetings(request.user)
    columns = [("Décision", "decision"), ("Responsable", "responsable"), ("Échéance", "echeance"), ("État", "etat")]
    if can_manage:
        columns.append(("Opérations", None))
    decisions, sorting = sort_rows(
        request,
        [] if case_review_hidden else with_links(request.user, meeting.decisions.all()),
        columns,
        DECISION_SORTS,
    )
    previous_open, _ = sort_rows(
        request,
        [] if case_review_hidden else with_links(request.user, open_decisions_of(previous)),
        columns,
        DECISION_SORTS,
    )
    context = {
        **sorting,
        "meeting": meeting,
        "decisions": decisions,
        "previous": previous,
        "previous_open_decisions": previous_open,
        "can_manage": can_manage,
        "case_review_hidden": case_review_hidden,
    }
    if context["can_manage"]:
        context.update(
            attendance_form=AttendanceForm(attendees=meeting.attendees.all()),
            attendee_form=attendee_form or AttendeeAddForm(user=request.user),
            decision_form=decision_form or DecisionForm(user=request.user, meeting=meeting),
            decision_statuses=[DecisionStatus.DONE, DecisionStatus.DROPPED],
        )
    return render(request, "partners/meeting_detail.html", context, status=status)


def _meeting(request, pk):
    return get_object_or_404(meeting_detail_queryset(request.user), pk=pk)


@require_GET
def meeting_detail(request, pk):
    return _render_detail(request, _meeting(request, pk))


def _meeting_data(form):
    return {
        name: form.cleaned_data[name]
        for name in ("group", "title", "date", "start_time", "location", "video_link", "minutes")
    }


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    _require_manager(request.user)
    initial = {"kind": request.GET.get("kind", MeetingKind.TECHNICAL_GROUP)}
    form = MeetingForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user, kind=form.cleaned_data["kind"], agenda=form.agenda_lines(), **_meeting_data(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Réunion créée ; les membres du groupe sont invités.")
            return redirect("partners:meeting_detail", pk=meeting.pk)
    return render(request, "partners/meeting_form.html", {"form": form, "meeting": None})


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    _require_manager(request.user)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=meeting.pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=request.user, meeting=meeting, agenda=form.agenda_lines(), **_meeting_data(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Réunion enregistrée.")
            return redirect("partners:meeting_detail", pk=meeting.pk)
    return render(request, "partners/meeting_form.html", {"form": form, "meeting": meeting})


@require_http_methods(["GET", "POST"])
def meeting_plan(request):
    """Plan the year's technical-group meetings: propose six dates two months apart, adjust them, save them all."""
    _require_manager(request.user)
    form = PlanYearForm(request.POST or None)
    formset = None
    if request.method == "POST" and form.is_valid():
        if "save" in request.POST:
            formset = PlannedDateFormSet(request.POST, prefix="dates")
            if formset.is_valid():
                dates = [row["date"] for row in formset.cleaned_data if row.get("date")]
                try:
                    meetings = services.meeting_plan_year(
                        actor=request.user,
                        dates=dates,
                        start_time=form.cleaned_data["start_time"],
                        location=form.cleaned_data["location"],
                        video_link=form.cleaned_data["video_link"],
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, f"{len(meetings)} réunions du groupe technique planifiées.")
                    return redirect("partners:meeting_list")
        else:
            dates = bimonthly_dates(form.cleaned_data["first_date"])
            formset = PlannedDateFormSet(prefix="dates", initial=[{"date": day} for day in dates])
    return render(request, "partners/meeting_plan.html", {"form": form, "formset": formset})


@require_POST
def meeting_attendance(request, pk):
    meeting = _meeting(request, pk)
    _require_manager(request.user)
    form = AttendanceForm(request.POST, attendees=meeting.attendees.all())
    if form.is_valid():
        services.attendance_update(actor=request.user, meeting=meeting, statuses=form.statuses())
        messages.success(request, "Présences enregistrées.")
    else:
        messages.error(request, "Choisissez un état de présence valide pour chaque participant.")
    return redirect("partners:meeting_detail", pk=meeting.pk)


@require_POST
def meeting_attendee_add(request, pk):
    meeting = _meeting(request, pk)
    _require_manager(request.user)
    form = AttendeeAddForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.attendee_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Participant ajouté.")
            return redirect("partners:meeting_detail", pk=meeting.pk)
    return _render_detail(request, meeting, attendee_form=form, status=400)


@require_POST
def decision_create(request, pk):
    meeting = _meeting(request, pk)
    _require_manager(request.user)
    form = DecisionForm(request.POST, user=request.user, meeting=meeting)
    if form.is_valid():
        try:
            services.decision_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Décision enregistrée.")
            return redirect("partners:meeting_detail", pk=meeting.pk)
    return _render_detail(request, meeting, decision_form=form, status=400)


def _decision(request, pk):
    return get_object_or_404(Decision.objects.for_user(request.user).select_related("meeting"), pk=pk)


@require_http_methods(["GET", "POST"])
def decision_edit(request, pk):
    decision = _decision(request, pk)
    _require_manager(request.user)
    form = DecisionForm(
        request.POST or None,
        instance=Decision.objects.get(pk=decision.pk),
        user=request.user,
        meeting=decision.meeting,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(actor=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Décision enregistrée.")
            return redirect("partners:meeting_detail", pk=decision.meeting_id)
    return render(request, "partners/decision_form.html", {"form": form, "decision": decision})


@require_POST
def decision_status(request, pk):
    """Close a decision from the meeting that reviews it (done or dropped)."""
    decision = _decision(request, pk)
    _require_manager(request.user)
    status = request.POST.get("status", "")
    if status not in DecisionStatus.values:
        messages.error(request, "État de décision inconnu.")
    else:
        services.decision_update(actor=request.user, decision=decision, status=status)
        messages.success(request, f"Décision marquée « {DecisionStatus(status).label} ».")
    back = request.POST.get("next_meeting", "")
    return redirect("partners:meeting_detail", pk=int(back) if back.isdigit() else decision.meeting_id)
