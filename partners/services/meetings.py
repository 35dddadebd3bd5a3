"""Meetings of the technical group, follow-up groups and strategic committee: agenda, attendance, decisions."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cite_emploi.dates import add_months

from .. import perms
from ..decision_links import changed_links, save_links, split_links
from ..enums import AttendanceStatus, AuditAction, DecisionStatus, GroupKind
from ..models import AgendaItem, Attendee, Decision, Meeting, Organisation, WorkingGroup
from .audit import audit_record, changed_fields
from .groups import technical_group_of

PLANNED_MEETINGS_PER_YEAR = 6


def bimonthly_dates(first: date, count: int = PLANNED_MEETINGS_PER_YEAR) -> list[date]:
    """Every two months from a first date (the 31st becomes the last day of shorter months)."""
    return [add_months(first, 2 * index) for index in range(count)]


def _check_can_manage(actor, meeting_territory_id) -> None:
    if not perms.can_manage_meetings(actor) or meeting_territory_id != actor.territory_id:
        raise PermissionDenied("Seule la coordination crée et modifie les réunions.")


def _invite_group(meeting: Meeting, actor) -> None:
    """Invite the group's members by name; technical-group organisations without a representative, as organisations."""
    people = list(meeting.group.members.filter(is_active=True)) if meeting.group is not None else []
    if actor not in people:
        people.append(actor)
    Attendee.objects.bulk_create([Attendee(meeting=meeting, user=person) for person in people])
    if meeting.kind == GroupKind.TECHNICAL_GROUP:
        represented = {person.organisation_id for person in people}
        organisations = Organisation.objects.for_territory(meeting.territory_id).filter(
            technical_group_member=True, is_active=True
        )
        Attendee.objects.bulk_create(
            [Attendee(meeting=meeting, organisation=org) for org in organisations if org.pk not in represented]
        )


def _set_agenda(meeting: Meeting, agenda) -> None:
    meeting.agenda_items.all().delete()
    titles = [title.strip() for title in agenda if title and title.strip()]
    AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=meeting, position=position, title=title) for position, title in enumerate(titles, 1)]
    )


@transaction.atomic
def meeting_create(
    *, actor, kind: str, date: date, group: WorkingGroup | None = None, agenda=(), invite_group: bool = True, **data
) -> Meeting:
    _check_can_manage(actor, actor.territory_id)
    if group is None and kind in (GroupKind.TECHNICAL_GROUP, GroupKind.STRATEGIC_COMMITTEE):
        group = (
            technical_group_of(actor.territory_id)
            if kind == GroupKind.TECHNICAL_GROUP
            else WorkingGroup.objects.for_territory(actor.territory_id).filter(kind=kind).first()
        )
    meeting = Meeting(territory_id=actor.territory_id, kind=kind, date=date, group=group, created_by=actor, **data)
    meeting.full_clean()
    meeting.save()
    _set_agenda(meeting, agenda)
    if invite_group:
        _invite_group(meeting, actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=meeting)
    return meeting


@transaction.atomic
def meeting_plan_year(
    *, actor, dates: list[date], start_time=None, location: str = "", video_link: str = ""
) -> list[Meeting]:
    """The year's technical-group meetings in one step (dates proposed every two months, adjusted by the coordinator)."""
    if not dates:
        raise ValidationError("Indiquez au moins une date.")
    if len(set(dates)) != len(dates):
        raise ValidationError("Deux réunions tombent le même jour : modifiez l'une des dates.")
    return [
        meeting_create(
            actor=actor,
            kind=GroupKind.TECHNICAL_GROUP,
            date=day,
            start_time=start_time,
            location=location,
            video_link=video_link,
        )
        for day in sorted(dates)
    ]


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, agenda=None, **data) -> Meeting:
    _check_can_manage(actor, meeting.territory_id)
    changed = changed_fields(meeting, data)
    for name, value in data.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    if agenda is not None:
        before = list(meeting.agenda_items.values_list("title", flat=True))
        _set_agenda(meeting, agenda)
        if before != list(meeting.agenda_items.values_list("title", flat=True)):
            changed.append("agenda")
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=meeting, fields=changed)
    return meeting


@transaction.atomic
def attendee_add(*, actor, meeting: Meeting, user=None, organisation=None, status=AttendanceStatus.INVITED) -> Attendee:
    _check_can_manage(actor, meeting.territory_id)
    for candidate in (user, organisation):
        territory_id = getattr(candidate, "territory_id", None)
        if candidate is not None and territory_id != meeting.territory_id:
            raise ValidationError("Ce participant n'appartient pas au territoire de la réunion.")
    attendee = Attendee(meeting=meeting, user=user, organisation=organisation, status=status)
    attendee.full_clean()
    attendee.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=meeting, fields=["attendees"])
    return attendee


@transaction.atomic
def attendance_update(*, actor, meeting: Meeting, statuses: dict[int, str]) -> int:
    """Record who came: `statuses` maps attendee ids of this meeting to a status. Returns how many changed."""
    _check_can_manage(actor, meeting.territory_id)
    if not set(statuses.values()) <= set(AttendanceStatus.values):
        raise ValidationError("État de présence inconnu.")
    attendees = list(meeting.attendees.filter(pk__in=statuses))
    changed = [a for a in attendees if a.status != statuses[a.pk]]
    for attendee in changed:
        attendee.status = statuses[attendee.pk]
    Attendee.objects.bulk_update(changed, ["status"])
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=meeting, fields=["attendance"])
    return len(changed)


def _check_links(decision: Decision, actor) -> None:
    if decision.owner is not None and decision.owner.territory_id != decision.meeting.territory_id:
        raise ValidationError({"owner": "La personne responsable doit appartenir au territoire."})


@transaction.atomic
def decision_create(*, actor, meeting: Meeting, text: str, **data) -> Decision:
    _check_can_manage(actor, meeting.territory_id)
    links = split_links(data)
    decision = Decision(meeting=meeting, text=text, **data)
    if decision.status != DecisionStatus.OPEN:
        decision.status_changed_on = timezone.localdate()
    decision.full_clean()
    _check_links(decision, actor)
    decision.save()
    save_links(actor=actor, decision=decision, values=links)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=decision)
    return decision


@transaction.atomic
def decision_update(*, actor, decision: Decision, **data) -> Decision:
    _check_can_manage(actor, decision.meeting.territory_id)
    links = split_links(data)
    changed = changed_fields(decision, data) + changed_links(decision, links)
    previous_status = decision.status
    for name, value in data.items():
        setattr(decision, name, value)
    if decision.status != previous_status:
        decision.status_changed_on = timezone.localdate()
    decision.full_clean()
    _check_links(decision, actor)
    decision.save()
    save_links(actor=actor, decision=decision, values=links)
    if changed:
        detail = f"{previous_status} → {decision.status}" if "status" in changed else ""
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=decision, fields=changed, detail=detail)
    return decision
