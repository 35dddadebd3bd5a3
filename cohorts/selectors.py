"""Reads of the cohorts app shared by pages, API and exports. Each starts from `for_user(user)`."""

import datetime
from dataclasses import dataclass, field

from django.db.models import DateField, Exists, F, Func, IntegerField, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from cite_emploi import figures_cache
from cite_emploi.text import normalise
from partners.enums import Role
from partners.selectors import organisations_for, users_for

from . import dates, file_log, perms
from .enums import CLOSED_BARRIER_STATUSES, SENSITIVE_BARRIER_CATEGORIES, JobSeekerStatus
from .expressions import AddMonths, exit_date, window_end, window_start
from .models import (
    QPV,
    Barrier,
    BarrierTransition,
    CandidateTransition,
    Cohort,
    Consent,
    FollowUp,
    FollowUpTeamMember,
    JobSeeker,
    SchemeConnection,
    Situation,
)
from .querysets import USER_SECRET_FIELDS, status_filter


def qpvs_for(user):
    return QPV.objects.for_user(user).order_by("commune", "name")


def team_memberships_for(user):
    """The memberships of the people the caller sees (their whole history), oldest first."""
    return FollowUpTeamMember.objects.for_user(user).select_related("organisation").order_by("started_on", "id")


def consents_for(user):
    """The consents to sharing of the people the caller sees (exactly the files she may open), newest first, with
    the organisation, the person (territory, referent organisation: the withdrawal rule) and who recorded each."""
    return (
        Consent.objects.for_user(user)
        .select_related("organisation", "job_seeker", "recorded_by__organisation")
        .defer(*(f"recorded_by__{name}" for name in USER_SECRET_FIELDS))
        .order_by("-given_on", "-id")
    )


def cohorts_for(user):
    return Cohort.objects.for_user(user).with_member_count().order_by("-year", "label")


def filter_choices(user) -> dict[str, list[tuple[int, str]]]:
    """The drop-downs of the cohort list's filters, computed once per territory and data version (cached).

    Every list is scoped by territory only (not by role), so the territory is the right key; a write
    service bumps the version (cite_emploi.figures_cache) and the next page reads the new choices.
    """

    def compute():
        referents = (
            users_for(user)
            .filter(role__in=[Role.ADVISOR, Role.COORDINATOR])
            .only("id", "username", "first_name", "last_name", "organisation__name", "organisation__short_name")
        )
        return {
            "cohort": list(Cohort.objects.for_user(user).order_by("-year", "label").values_list("id", "label")),
            "qpv": [(q.pk, str(q)) for q in qpvs_for(user).only("id", "name", "commune")],
            "referent_organisation": [
                (o.pk, str(o)) for o in organisations_for(user).filter(is_active=True).only("id", "name", "short_name")
            ],
            "referent": [(u.pk, f"{u.get_full_name() or u.username} ({u.organisation})") for u in referents],
        }

    if user.territory_id is None:
        return {"cohort": [], "qpv": [], "referent_organisation": [], "referent": []}
    return figures_cache.get_or_compute(user.territory_id, "cohort-list-filter-choices", (), compute)


def find_duplicate(*, territory_id, first_name, last_name, birth_date, france_travail_id="", exclude_pk=None):
    """The person already enrolled in the territory with the same name and birth date, or France Travail id.

    Names compare in their normalised form (`cite_emploi.text.normalise`, stored as `search_name`): case,
    accents, invisible characters and Cyrillic/Greek look-alikes make no difference. Forms, API and imports
    all come here.
    """
    identity = Q(search_name=normalise(f"{last_name} {first_name}"), birth_date=birth_date)
    if france_travail_id:
        identity |= Q(france_travail_id=france_travail_id)
    qs = JobSeeker.objects.filter(identity, territory_id=territory_id)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("pk").first()


def _current_situation_subquery(column: str = "situation"):
    return Subquery(Situation.objects.filter(job_seeker=OuterRef("pk")).order_by("-date", "-id").values(column)[:1])


def job_seekers_for(user, *, on: datetime.date | None = None):
    """The people the user may see, with their status and current situation (the API's list: ids only, no join)."""
    on = on or timezone.localdate()
    return (
        JobSeeker.objects.for_user(user)
        .with_status(on)
        .annotate(current_situation=_current_situation_subquery())
        .order_by(Lower("last_name"), Lower("first_name"), "pk")
    )


def _with_open_barrier_count(qs, user):
    """Each person's count of open barriers the caller may read. The people of `qs` are already the caller's
    (`JobSeeker.objects.for_user`): of `Barrier.objects.for_user` only the health rule remains to apply, not the
    person's scope again (a subquery per row, issue 13). `tests/cohorts/test_list_rows.py` checks the counts per role."""
    open_barriers = Barrier.objects.filter(job_seeker=OuterRef("pk")).exclude(status__in=CLOSED_BARRIER_STATUSES)
    if not perms.sees_whole_cohort(user):
        open_barriers = open_barriers.filter(
            ~Q(category__in=SENSITIVE_BARRIER_CATEGORIES) | Q(job_seeker__referent_organisation_id=user.organisation_id)
        )
    count = Func(F("pk"), function="COUNT", output_field=IntegerField())
    return qs.annotate(open_barrier_count=Subquery(open_barriers.order_by().values(n=count)))


# --- what is due: the coordinator's "À faire" counts and the cohort list filtered on exactly those people ----------

DUE_CHOICES = (
    ("next_step_late", "Prochaine étape en retard"),
    ("milestone_to_record", "Situation de jalon à saisir"),
    ("no_recent_contact", "Sans contact depuis 30 jours"),
)
# a milestone is "to record" until 200 days after the last one (6 months after the end)
MILESTONES_TO_RECORD_FOR = datetime.timedelta(days=200)


def _situation_around(milestone):
    """A situation recorded in the milestone's window (`milestone` is an expression on the outer person)."""
    return Exists(
        Situation.objects.filter(
            job_seeker=OuterRef("pk"), date__gte=window_start(milestone), date__lte=window_end(milestone)
        )
    )


def _outer_exit():
    return Coalesce(OuterRef("left_early_on"), OuterRef("follow_up_end_date"), output_field=DateField())


def with_due(qs, today: datetime.date):
    """People (of `qs`) annotated with what the "À faire" counts need; `due_conditions(today)` reads them."""
    latest_step = (
        FollowUp.objects.filter(job_seeker=OuterRef("pk"), next_step_due__isnull=False)
        .order_by("-date", "-id")
        .values("next_step_due")[:1]
    )
    return qs.annotate(
        m_exit=exit_date(),
        m_entry=F("entry_date"),
        m_six=AddMonths(F("entry_date"), 6),
        m_after=AddMonths(exit_date(), 6),
        step_due=Subquery(latest_step),
        seen_entry=_situation_around(OuterRef("entry_date")),
        seen_six=_situation_around(AddMonths(OuterRef("entry_date"), 6)),
        seen_exit=_situation_around(_outer_exit()),
        seen_after=_situation_around(AddMonths(_outer_exit(), 6)),
        last_contact=Coalesce(
            Subquery(FollowUp.objects.filter(job_seeker=OuterRef("pk")).order_by("-date").values("date")[:1]),
            F("entry_date"),
        ),
    )


def due_conditions(today: datetime.date) -> dict[str, Q]:
    """The three "À faire" conditions on `with_due` people: the dashboard counts them, the cohort list and the API
    filter on them (`?due=`), so a count always equals the length of the list it links to."""
    started = Q(entry_date__lte=today)
    in_follow_up = started & status_filter(JobSeekerStatus.IN_FOLLOW_UP, today)
    missing = (
        Q(m_entry__lte=today, seen_entry=False)
        | Q(m_six__lte=today, m_six__lt=F("m_exit"), seen_six=False)
        | Q(m_exit__lte=today, seen_exit=False)
        | Q(m_after__lte=today, seen_after=False)
    )
    return {
        "next_step_late": in_follow_up & Q(step_due__lt=today),
        "milestone_to_record": started & missing & Q(m_after__gte=today - MILESTONES_TO_RECORD_FOR),
        "no_recent_contact": in_follow_up & Q(last_contact__lt=today - dates.NO_CONTACT_AFTER),
    }


# The values the cohort page shows, and nothing else (no address, no free text, no password hash).
LIST_VALUES = (
    "pk",
    "first_name",
    "last_name",
    "entry_date",
    "follow_up_end_date",
    "cohort__label",
    "qpv_id",
    "qpv__name",
    "referent_organisation__name",
    "referent_organisation__short_name",
    "referent_id",
    "referent__first_name",
    "referent__last_name",
    "current_status",
    "current_situation",
    "open_barrier_count",
)


def job_seeker_rows_for(user, *, on: datetime.date | None = None):
    """The cohort page's rows: `job_seekers_for` with the joined labels and the open barrier count, as dicts of the
    values the table shows (`cohorts.list_rows`): no model instances (five per row with their joins, issue 13)."""
    return _with_open_barrier_count(job_seekers_for(user, on=on), user).values(*LIST_VALUES)


def job_seeker_export_rows_for(user, *, on: datetime.date | None = None):
    """The export's rows: every column of the person, her labels, never the referent's password hash."""
    qs = job_seekers_for(user, on=on).with_referents()
    qs = qs.annotate(current_outcome_class=_current_situation_subquery("outcome_class"))
    return _with_open_barrier_count(qs, user)


def filter_job_seekers(
    qs,
    *,
    user,
    cohort=None,
    status="",
    qpv=None,
    referent_organisation=None,
    barrier_category="",
    referent=None,
    search="",
    due="",
    on=None,
):
    """The filters of the cohort list, shared by the page, the export and the API.

    A filter reveals what it selects on: it reads through the caller's scoped querysets (`for_user`), never
    the whole table (a health barrier the caller may not see must not select the person)."""
    if due:
        today = on or timezone.localdate()
        qs = with_due(qs, today).filter(due_conditions(today)[due])
    if cohort:
        qs = qs.filter(cohort=cohort)
    if status:
        qs = qs.with_status_value(status, on)
    if qpv:
        qs = qs.filter(qpv=qpv)
    if referent_organisation:
        qs = qs.filter(referent_organisation=referent_organisation)
    if referent:
        qs = qs.filter(referent=referent)
    if barrier_category:
        visible = Barrier.objects.for_user(user).filter(job_seeker=OuterRef("pk"), category=barrier_category)
        qs = qs.filter(Exists(visible))
    if search:
        qs = qs.search(search)
    return qs


def follow_ups_for(user):
    return (
        FollowUp.objects.for_user(user)
        .select_related("author", "organisation")
        .defer(*(f"author__{name}" for name in USER_SECRET_FIELDS))
    )


def barriers_for(user):
    return Barrier.objects.for_user(user).select_related("organisation")


def situations_for(user):
    return Situation.objects.for_user(user).select_related("organisation")


# --- the person's file -------------------------------------------------------------------------
@dataclass
class TimelineEvent:
    date: datetime.date
    kind: str  # follow_up, barrier, barrier_transition, situation, action, entry, exit
    title: str
    obj: object = None
    organisation: object = None
    sort_key: tuple = field(default=())
    url: str = ""  # a page about the event (a higher app's object), shown as a link


# Higher apps add their events to the file's timeline at ready() (cohorts never imports them):
# fn(user, job_seeker) → iterable of TimelineEvent, in one or two queries whatever the data, showing only what
# `user` may see. The actions app adds the person's participations (actions/apps.py).
TIMELINE_SOURCES: list = []

# Links higher apps add to the file's buttons at ready(): fn(user, job_seeker) → iterable of (label, url), no query
# beyond what the rule needs. The referrals app adds "Orienter vers un partenaire" (referrals/apps.py).
FILE_LINKS: list = []


def file_links(user, job_seeker) -> list[tuple[str, str]]:
    return [link for source in FILE_LINKS for link in source(user, job_seeker)]


@dataclass
class JobSeekerFile:
    job_seeker: JobSeeker
    follow_ups: list
    barriers: list
    situations: list
    team: list  # the memberships in force today
    team_history: list  # every membership, ended ones included
    timeline: list
    milestones: list
    can_view_health_data: bool
    file_accesses: list
    scheme_connections: list = field(default_factory=list)
    consents: list = field(default_factory=list)  # each with `withdrawable`: the caller may record its withdrawal


def job_seeker_file(user, job_seeker: JobSeeker, *, today: datetime.date | None = None) -> JobSeekerFile:
    """Everything the file shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    follow_ups = list(follow_ups_for(user).filter(job_seeker=job_seeker).order_by("-date", "-id"))
    barriers = list(
        barriers_for(user)
        .filter(job_seeker=job_seeker)
        .prefetch_related(Prefetch("transitions", queryset=BarrierTransition.objects.order_by("on", "id")))
    )
    situations = list(situations_for(user).filter(job_seeker=job_seeker).order_by("date", "id"))
    team_history = list(
        FollowUpTeamMember.objects.filter(job_seeker=job_seeker)
        .select_related("organisation")
        .order_by("started_on", "id")
    )
    team = [member for member in team_history if member.is_active_on(today)]

    for follow_up in follow_ups:
        follow_up.note_visible = perms.can_view_confidential_note(user, follow_up)
        follow_up.editable = perms.can_edit_follow_up(user, follow_up)
    events = [TimelineEvent(job_seeker.entry_date, "entry", "Entrée dans la cohorte", sort_key=(0,))]
    for follow_up in follow_ups:
        events.append(
            TimelineEvent(follow_up.date, "follow_up", follow_up.get_kind_display(), follow_up, follow_up.organisation)
        )
    for barrier in barriers:
        for transition in barrier.transitions.all():
            title = (
                f"Frein identifié : {barrier.get_category_display()}"
                if not transition.from_status
                else f"Frein {barrier.get_category_display().lower()} : {transition.get_to_status_display().lower()}"
            )
            events.append(TimelineEvent(transition.on, "barrier", title, barrier, barrier.organisation))
    for situation in situations:
        events.append(
            TimelineEvent(
                situation.date, "situation", situation.get_situation_display(), situation, situation.organisation
            )
        )
    for member in team_history:
        events.append(
            TimelineEvent(
                member.started_on,
                "team",
                f"Arrivée dans l'équipe de suivi ({member.get_reason_display().lower()})",
                member,
                member.organisation,
            )
        )
        if member.ended_on and member.ended_on <= today:
            events.append(
                TimelineEvent(
                    member.ended_on,
                    "team",
                    f"Départ de l'équipe de suivi ({member.get_end_reason_display().lower()})",
                    member,
                    member.organisation,
                )
            )
    connections = list(scheme_connections_for(user).filter(job_seeker=job_seeker).order_by("date", "id"))
    for connection in connections:
        events.append(
            TimelineEvent(
                connection.date, "scheme", f"Raccrochage : {connection.get_scheme_display()}", connection,
                connection.organisation,
            )
        )  # fmt: skip
    events.extend(_pathway_events(job_seeker))
    for source in TIMELINE_SOURCES:
        events.extend(source(user, job_seeker))
    if job_seeker.left_early_on:
        events.append(TimelineEvent(job_seeker.left_early_on, "exit", "Sortie anticipée", sort_key=(9,)))
    events.sort(key=lambda event: (event.date, event.sort_key or (5,)), reverse=True)

    consents = list(
        Consent.objects.filter(job_seeker=job_seeker)
        .select_related("organisation", "recorded_by__organisation")
        .defer(*(f"recorded_by__{name}" for name in USER_SECRET_FIELDS))
        .order_by("-given_on", "-id")
    )
    for consent in consents:
        consent.job_seeker = job_seeker
        consent.withdrawable = consent.in_force and perms.can_withdraw_consent(user, consent)

    accesses = []
    if perms.can_view_file_accesses(user):
        accesses = file_log.with_links(file_log.access_log_for(job_seeker)[:50])
    return JobSeekerFile(
        job_seeker=job_seeker,
        follow_ups=follow_ups,
        barriers=barriers,
        situations=situations,
        team=team,
        team_history=team_history,
        timeline=events,
        milestones=job_seeker.milestones((s.date for s in situations), today=today),
        can_view_health_data=perms.can_view_health_data(user, job_seeker),
        file_accesses=accesses,
        scheme_connections=connections,
        consents=consents,
    )


PATHWAY_TITLES = {
    "identified": "Repérée",
    "contacted": "Contactée",
    "proposed": "Proposée à la cohorte",
    "enrolled": "Inscription validée",
}


def _pathway_events(job_seeker: JobSeeker) -> list[TimelineEvent]:
    """The path before enrolment (identified, contacted, proposed, validated) when she came through it: one query.
    The file's reader already sees the person; the path names organisations and dates only."""
    transitions = CandidateTransition.objects.filter(candidate__job_seeker=job_seeker).select_related(
        "organisation", "meeting"
    )
    events = []
    for transition in transitions:
        title = PATHWAY_TITLES.get(transition.to_stage, transition.get_to_stage_display())
        if transition.meeting_id:
            title += f" (groupe de suivi du {transition.meeting.date:%d/%m/%Y})"
        events.append(
            TimelineEvent(transition.on, "pathway", title, transition, transition.organisation, sort_key=(-1,))
        )
    return events


def scheme_connections_for(user):
    return SchemeConnection.objects.for_user(user).select_related("organisation")


# --- "mes personnes": what is due ------------------------------------------------------------------
@dataclass
class PersonDue:
    job_seeker: JobSeeker
    next_step: str
    next_step_due: datetime.date | None
    next_step_late: bool
    next_step_due_soon: bool
    milestones_due: list
    last_contact: datetime.date | None
    no_recent_contact: bool

    @property
    def has_something_due(self) -> bool:
        return self.next_step_late or self.next_step_due_soon or bool(self.milestones_due) or self.no_recent_contact


DUE_SOON = datetime.timedelta(days=7)


def my_people(user, *, whole_organisation: bool = False, today: datetime.date | None = None) -> list[PersonDue]:
    """The advisor's people in follow-up (hers, or her organisation's) with what is due, in 3 queries."""
    today = today or timezone.localdate()
    latest_step = FollowUp.objects.filter(job_seeker=OuterRef("pk"), next_step_due__isnull=False).order_by(
        "-date", "-id"
    )
    qs = (
        JobSeeker.objects.for_user(user)
        .filter(Q(follow_up_end_date__gte=today - datetime.timedelta(days=200)))
        .exclude(left_early_on__lte=today)
        .with_referents()
        .with_status(today)
        .annotate(
            last_contact=Max("follow_ups__date"),
            step=Subquery(latest_step.values("next_step")[:1]),
            step_due=Subquery(latest_step.values("next_step_due")[:1]),
        )
        .prefetch_related(Prefetch("situations", queryset=Situation.objects.only("id", "job_seeker_id", "date")))
        .order_by(Lower("last_name"), Lower("first_name"), "pk")
    )
    mine = Q(referent_organisation_id=user.organisation_id) if whole_organisation else Q(referent=user)
    qs = qs.filter(mine)
    people = []
    for person in qs:
        in_follow_up = person.current_status == JobSeekerStatus.IN_FOLLOW_UP
        milestones = [m for m in person.milestones((s.date for s in person.situations.all()), today=today) if m.due]
        last_contact = person.last_contact
        people.append(
            PersonDue(
                job_seeker=person,
                next_step=person.step or "",
                next_step_due=person.step_due,
                next_step_late=bool(person.step_due and person.step_due < today),
                next_step_due_soon=bool(person.step_due and today <= person.step_due <= today + DUE_SOON),
                milestones_due=milestones,
                last_contact=last_contact,
                no_recent_contact=in_follow_up and (last_contact or person.entry_date) < today - dates.NO_CONTACT_AFTER,
            )
        )
    people.sort(key=lambda p: (not p.has_something_due, p.job_seeker.last_name.lower()))
    return people
