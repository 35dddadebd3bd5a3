"""Partners' part in the work (scorecard) and the decisions of the governance meetings, frozen at the period's end.

Each function is a fixed number of aggregate queries whatever the volume.
"""

import datetime
import statistics

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from cohorts.models import FollowUp, FollowUpTeamMember
from partners.enums import GOVERNANCE_KINDS, AttendanceStatus, DecisionStatus, GroupKind
from partners.models import Attendee, Decision, Organisation
from referrals.enums import ReferralStatus
from referrals.models import Referral

from .types import ClosedDecisionRow, DecisionFigures, DecisionRow, PartnerRow, Period, ReferralRow


def partner_scorecard(territory_id: int, people, period: Period) -> tuple[PartnerRow, ...]:
    """Per organisation: people it refers (referent), follow-ups it logged in the period and people concerned, people
    whose team it is in, presence at the period's technical groups, decisions it owns (done, overdue at the end)."""
    end = period.end
    referred = dict(people.order_by().values_list("referent_organisation").annotate(n=Count("pk")))
    follow_ups = {
        row["organisation"]: row
        for row in FollowUp.objects.filter(job_seeker__in=people.values("pk"), date__gte=period.start, date__lte=end)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"), people=Count("job_seeker", distinct=True))
    }
    teams = dict(
        FollowUpTeamMember.objects.filter(job_seeker__in=people.values("pk"), started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end))
        .order_by()
        .values_list("organisation")
        .annotate(n=Count("job_seeker", distinct=True))
    )
    attendance = {
        row["org"]: row
        for row in Attendee.objects.filter(
            meeting__territory_id=territory_id,
            meeting__kind=GroupKind.TECHNICAL_GROUP,
            meeting__date__gte=period.start,
            meeting__date__lte=end,
        )
        .annotate(org=Coalesce("organisation", "user__organisation"))
        .order_by()
        .values("org")
        .annotate(
            invited=Count("meeting", distinct=True),
            present=Count("meeting", distinct=True, filter=Q(status=AttendanceStatus.PRESENT)),
        )
    }
    decisions = {
        row["org"]: row
        for row in _decisions(territory_id, period)
        .annotate(org=F("owner__organisation"))
        .order_by()
        .values("org")
        .annotate(
            owned=Count("pk"),
            done=Count("pk", filter=_done_by(end)),
            overdue=Count("pk", filter=_open_at(end) & Q(due_date__lt=end)),
        )
    }
    ids = {*referred, *follow_ups, *teams, *attendance, *decisions} - {None}
    names = {
        pk: short or name
        for pk, short, name in Organisation.objects.filter(pk__in=ids).values_list("pk", "short_name", "name")
    }
    rows = [
        PartnerRow(
            organisation=names[pk],
            referred=referred.get(pk, 0),
            follow_ups=follow_ups.get(pk, {}).get("n", 0),
            followed_people=follow_ups.get(pk, {}).get("people", 0),
            in_teams=teams.get(pk, 0),
            meetings_invited=attendance.get(pk, {}).get("invited", 0),
            meetings_present=attendance.get(pk, {}).get("present", 0),
            decisions_owned=decisions.get(pk, {}).get("owned", 0),
            decisions_done=decisions.get(pk, {}).get("done", 0),
            decisions_overdue=decisions.get(pk, {}).get("overdue", 0),
        )
        for pk in ids
    ]
    return tuple(sorted(rows, key=lambda row: (-row.referred, -row.follow_ups, row.organisation)))


def referral_figures(people, period: Period) -> tuple[ReferralRow, ...]:
    """Per organisation, the referrals of the report's people sent during the period: sent, received, and of those
    received the answer given by the period's end (accepted, declined, expired; the rest is pending), with the median
    time to answer in days. Three queries whatever the volume (the durations are read as one column)."""
    end_at = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=_tz())
    start_at = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=_tz())
    referrals = Referral.objects.filter(job_seeker__in=people.values("pk"), sent_at__gte=start_at, sent_at__lt=end_at)
    answered_by_end = Q(answered_at__lt=end_at)
    names: dict[int, str] = {}
    received = {}
    for row in (
        referrals.order_by()
        .values("to_organisation", "to_organisation__short_name", "to_organisation__name")
        .annotate(
            n=Count("pk"),
            accepted=Count("pk", filter=Q(status=ReferralStatus.ACCEPTED) & answered_by_end),
            declined=Count("pk", filter=Q(status=ReferralStatus.DECLINED) & answered_by_end),
            expired=Count("pk", filter=Q(status=ReferralStatus.EXPIRED) & answered_by_end),
        )
    ):
        received[row["to_organisation"]] = row
        names[row["to_organisation"]] = row["to_organisation__short_name"] or row["to_organisation__name"]
    sent = {}
    for pk, short, name, n in (
        referrals.order_by()
        .values_list("from_organisation", "from_organisation__short_name", "from_organisation__name")
        .annotate(n=Count("pk"))
    ):
        sent[pk] = n
        names[pk] = short or name
    durations: dict[int, list[float]] = {}
    for org, sent_at, answered_at in (
        referrals.filter(answered_by_end, status__in=[ReferralStatus.ACCEPTED, ReferralStatus.DECLINED])
        .order_by()
        .values_list("to_organisation", "sent_at", "answered_at")
    ):
        durations.setdefault(org, []).append((answered_at - sent_at).total_seconds() / 86400)
    rows = [
        ReferralRow(
            organisation=names[pk],
            sent=sent.get(pk, 0),
            received=received.get(pk, {}).get("n", 0),
            accepted=received.get(pk, {}).get("accepted", 0),
            declined=received.get(pk, {}).get("declined", 0),
            expired=received.get(pk, {}).get("expired", 0),
            median_days_to_answer=round(statistics.median(durations[pk]), 1) if durations.get(pk) else None,
        )
        for pk in names
    ]
    return tuple(sorted(rows, key=lambda row: (-row.received - row.sent, row.organisation)))


def _tz():
    return timezone.get_current_timezone()


def _decisions(territory_id: int, period: Period):
    """Decisions of the governance meetings (technical group, strategic committee) held by the period's end. Decisions
    about a person (follow-up groups) never appear in an anonymised document."""
    return Decision.objects.filter(
        meeting__territory_id=territory_id,
        meeting__kind__in=GOVERNANCE_KINDS,
        meeting__date__lte=period.end,
        job_seeker_link__isnull=True,
    )


def _done_by(end):
    return Q(status=DecisionStatus.DONE, status_changed_on__lte=end)


def _open_at(end):
    """Open on the period's last day: still open, or closed (done, dropped) after it."""
    return Q(status=DecisionStatus.OPEN) | Q(status_changed_on__gt=end)


def decision_figures(territory_id: int, period: Period) -> DecisionFigures:
    """Every decision still open at the period's end, whatever the meeting it was taken in (carried forward until
    done or dropped), overdue ones flagged; and the counts for page 1."""
    end = period.end
    rows = (
        _decisions(territory_id, period)
        .filter(_open_at(end))
        .select_related("meeting", "owner__organisation")
        .order_by(F("due_date").asc(nulls_last=True), "meeting__date", "pk")
    )
    items = tuple(
        DecisionRow(
            text=d.text,
            meeting_date=d.meeting.date,
            owner=_owner(d),
            due_date=d.due_date,
            overdue=d.due_date is not None and d.due_date < end,
        )
        for d in rows
    )
    closed = (
        _decisions(territory_id, period)
        .exclude(status=DecisionStatus.OPEN)
        .filter(status_changed_on__gte=period.start, status_changed_on__lte=end)
        .select_related("meeting", "owner__organisation")
        .order_by("status_changed_on", "pk")
    )
    labels = dict(DecisionStatus.choices)
    done = tuple(
        ClosedDecisionRow(
            text=d.text,
            meeting_date=d.meeting.date,
            owner=_owner(d),
            status_label=labels[d.status],
            closed_on=d.status_changed_on,
        )
        for d in closed
    )
    return DecisionFigures(open=items, closed_in_period=done)


def _owner(decision) -> str:
    organisation = decision.owner.organisation if decision.owner else None
    return (organisation.short_name or organisation.name) if organisation else ""
