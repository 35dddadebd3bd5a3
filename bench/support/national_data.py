"""The national data set of issue 13, written with COPY into a database of its own.

84 territories (or fewer, `--scale`) × 5 yearly cohorts × 90 people, each with ≈ 25 follow-ups, 3 barriers (with their
transitions), 3 situations (entry, 6 months, 12 months, when reached), plus organisations, advisors, QPVs, ≈ 10
actions per territory with outcome types, participations, outcomes, envelopes and commitments.

Every row carries what the models compute on save (`follow_up_end_date`, `search_name`, a barrier's `lifted_on` and
`closed_on`, the people's territory = their cohort's, the referent in the referent organisation…): the database
constraints and triggers check it during the COPY, and `check_sample()` runs `full_clean()` on a sample of each
model afterwards. Ids are assigned here (the sequences are moved past them at the end). Names are fake (Faker fr_FR).

The years are relative to today: the cohorts are those of the last five years (today's included), so that this
year's cohort is in follow-up and the two oldest are due for anonymisation (180 files per territory, 15,120 at
national scale) as in the issue.
"""

import datetime
import json
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone
from faker import Faker

from actions.enums import ActionStatus, CommitmentStatus, ParticipationStatus
from actions.models import (
    Action,
    ActionTransition,
    Commitment,
    Envelope,
    OutcomeType,
    Participation,
    ParticipationOutcome,
)
from cite_emploi.dates import add_months
from cite_emploi.text import normalise
from cohorts import dates
from cohorts.enums import (
    BarrierCategory,
    BarrierStatus,
    EarlyExitReason,
    EducationLevel,
    FollowUpKind,
    LabourMarketStatus,
    SituationKind,
    outcome_class_for,
)
from cohorts.models import (
    QPV,
    Barrier,
    BarrierTransition,
    Cohort,
    FollowUp,
    FollowUpTeamMember,
    JobSeeker,
    Situation,
)
from partners.enums import GroupKind, MeetingKind, OrganisationKind, Role
from partners.models import Meeting, Organisation, Territory, User, WorkingGroup

SCALES = {"small": 4, "medium": 20, "national": 84}
PEOPLE_PER_COHORT = 90
COHORTS_PER_TERRITORY = 5
FOLLOW_UPS_PER_PERSON = 25
ACTIONS_PER_TERRITORY = 10  # 836 for 84 territories in the issue: 10 here, minus a few (see _actions)
PASSWORD = "bench-cite-emploi"

PARTNER_KINDS = [
    (OrganisationKind.FRANCE_TRAVAIL, "France Travail", "FT", Role.ADVISOR),
    (OrganisationKind.MISSION_LOCALE, "Mission locale", "ML", Role.ADVISOR),
    (OrganisationKind.CAP_EMPLOI, "Cap emploi", "Cap", Role.ADVISOR),
    (OrganisationKind.DEPARTEMENT, "Département", "CD", Role.ADVISOR),
    (OrganisationKind.PREFECTURE, "Préfecture", "Préf.", Role.VIEWER),
]
SUMMARIES = [
    "Point sur la recherche d'emploi et les candidatures envoyées.",
    "Préparation d'un entretien d'embauche.",
    "Bilan des démarches de garde d'enfants.",
    "Relance de l'employeur après la période d'essai.",
    "Atelier collectif : CV et lettre de motivation.",
]
# (kind, contract length in months or None): the class is derived from the dates, as the model does it
SITUATIONS_AT_6 = [(SituationKind.JOB_SEEKING, None)] * 4 + [
    (SituationKind.CDD, 3),
    (SituationKind.QUALIFYING_TRAINING, None),
    (SituationKind.CDI, None),
    (SituationKind.TEMP, 2),
]
SITUATIONS_AT_12 = [(SituationKind.JOB_SEEKING, None)] * 3 + [
    (SituationKind.CDI, None),
    (SituationKind.CDD, 8),
    (SituationKind.SIAE, None),
    (SituationKind.TEMP, 6),
    (SituationKind.CDD, 4),
    (SituationKind.QUALIFYING_TRAINING, None),
]


FOLLOW_UP_KINDS = list(FollowUpKind.values)
BARRIER_CATEGORIES = list(BarrierCategory.values)
BARRIER_STATUSES = list(BarrierStatus.values)
EXIT_REASONS = list(EarlyExitReason.values)
LABOUR_STATUSES = list(LabourMarketStatus.values)
EDUCATION_LEVELS = list(EducationLevel.values)


# The four big tables (≈ 1.3 million rows at national scale): their foreign keys are checked in one anti-join per key
# after the COPY instead of one lookup per row (the JobSeeker triggers and every other table are checked row by row).
UNCHECKED_DURING_COPY = (FollowUp, Barrier, BarrierTransition, Situation)


def check_references() -> list[str]:
    """Every foreign key of the tables copied without row-by-row checks points at an existing row."""
    errors = []
    with connection.cursor() as cursor:
        for model in UNCHECKED_DURING_COPY:
            for f in model._meta.concrete_fields:
                if not f.is_relation:
                    continue
                table, target = model._meta.db_table, f.related_model._meta.db_table
                cursor.execute(
                    f'SELECT COUNT(*) FROM "{table}" x WHERE x."{f.column}" IS NOT NULL AND NOT EXISTS '
                    f'(SELECT 1 FROM "{target}" y WHERE y.id = x."{f.column}")'
                )
                missing = cursor.fetchone()[0]
                if missing:
                    errors.append(f"{table}.{f.column}: {missing} références absentes")
    return errors


class Table:
    """The rows of one model for a COPY: every concrete column, defaults filled in, ids assigned here."""

    def __init__(self, model):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.defaults = {}
        now = timezone.now()
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif f.has_default():
                self.defaults[f.attname] = f.get_default()
            elif f.null:
                self.defaults[f.attname] = None
            elif f.get_internal_type() in {"CharField", "TextField", "EmailField", "SlugField", "URLField"}:
                self.defaults[f.attname] = ""
        self.rows: list[str] = []
        self.attnames = [f.attname for f in self.fields]
        self.index = {name: i for i, name in enumerate(self.attnames)}
        self.default_text = [_text(self.defaults[a]) if a in self.defaults else None for a in self.attnames]
        self.next_id = 1

    def add(self, **values) -> int:
        pk = values.get("id")
        if pk is None:
            pk = values["id"] = self.next_id
        if pk >= self.next_id:
            self.next_id = pk + 1
        row = self.default_text.copy()
        index = self.index
        for name, value in values.items():
            row[index[name]] = _text(value)
        if None in row:
            raise ValueError(f"{self.model.__name__}: no value for {self.attnames[row.index(None)]}")
        self.rows.append("\t".join(row))
        return pk

    def positions(self, *names):
        """For `add_row`: the column positions of `names`, computed once (the hot path of follow-ups)."""
        assert self.attnames[0] == "id"
        return [self.index[name] for name in names]

    def add_row(self, positions, values) -> int:
        """`add` without keyword arguments: `values` in the order of `positions` (which must not include id)."""
        pk = self.next_id
        self.next_id += 1
        row = self.default_text.copy()
        row[0] = str(pk)
        for position, value in zip(positions, values, strict=True):
            row[position] = _text(value)
        self.rows.append("\t".join(row))
        return pk

    def copy(self, cursor) -> int:
        table = self.model._meta.db_table
        columns = ", ".join(f'"{c}"' for c in self.columns)
        with cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
            for start in range(0, len(self.rows), 20000):
                copy.write("\n".join(self.rows[start : start + 20000]) + "\n")
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT COALESCE(MAX(id), 1) FROM \"{table}\"))"
        )
        count = len(self.rows)
        self.rows = []
        return count


def _text(value) -> str:
    """A value in COPY's text format."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is datetime.date:
        return value.isoformat()
    if kind is str and "\\" not in value and "\t" not in value and "\n" not in value:
        return value
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, list | dict):
        value = json.dumps(value)
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        return value
    return str(value)


@dataclass
class Generated:
    territories: int = 0
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0
    today: datetime.date | None = None
    measured_territory_id: int | None = None


def _date_between(rng, start: datetime.date, end: datetime.date) -> datetime.date:
    if end <= start:
        return start
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def generate(scale: str, *, seed: int = 13, today: datetime.date | None = None, log=print) -> Generated:
    """Write the data set into the (empty, migrated) database of `connection`."""
    started = time.perf_counter()
    rng = random.Random(seed)
    fake = Faker("fr_FR")
    Faker.seed(seed)
    today = today or timezone.localdate()
    n_territories = SCALES[scale]
    first_names = list({fake.first_name() for _ in range(400)})
    last_names = list({fake.last_name() for _ in range(1500)})
    password = make_password(PASSWORD)
    t = {
        m: Table(m)
        for m in (
            Territory,
            Organisation,
            User,
            QPV,
            Cohort,
            JobSeeker,
            FollowUpTeamMember,
            FollowUp,
            Barrier,
            BarrierTransition,
            Situation,
            Action,
            ActionTransition,
            OutcomeType,
            Participation,
            ParticipationOutcome,
            Envelope,
            Commitment,
            WorkingGroup,
            Meeting,
        )
    }
    years = [today.year - COHORTS_PER_TERRITORY + 1 + i for i in range(COHORTS_PER_TERRITORY)]
    for n in range(1, n_territories + 1):
        _territory(n, t, rng, fake, first_names, last_names, password, years, today)
    generation = time.perf_counter() - started
    counts = {}
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # the psycopg cursor, for COPY
        for model, table in t.items():
            if model in UNCHECKED_DURING_COPY:
                # Their foreign keys are checked once afterwards (check_references), not row by row.
                cursor.execute("SET session_replication_role = replica")
            counts[model.__name__] = table.copy(cursor)
            cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("ANALYZE")
    log(
        f"  génération {generation:.1f} s, écriture (COPY + ANALYZE) {time.perf_counter() - started - generation:.1f} s"
    )
    return Generated(
        territories=n_territories,
        counts=counts,
        seconds=time.perf_counter() - started,
        today=today,
        measured_territory_id=1,
    )


def _territory(n, t, rng, fake, first_names, last_names, password, years, today):
    territory_id = t[Territory].add(name=f"Cité de l'emploi n° {n:02d}", slug=f"cite-{n:02d}", department=f"{n:02d}")
    coordinator_org = t[Organisation].add(
        territory_id=territory_id, name=f"Coordination {n:02d}", short_name="Coord.", kind=OrganisationKind.COORDINATOR
    )
    users = {}
    coordinator = t[User].add(
        password=password,
        username=f"coordination-{n:02d}",
        first_name=fake.first_name(),
        last_name=fake.last_name(),
        email=f"coordination-{n:02d}@example.org",
        is_active=True,
        date_joined=timezone.now(),
        organisation_id=coordinator_org,
        role=Role.COORDINATOR,
    )
    users[coordinator_org] = [coordinator]
    referent_orgs = []
    for kind, name, short, role in PARTNER_KINDS:
        org = t[Organisation].add(
            territory_id=territory_id,
            name=f"{name} {n:02d}",
            short_name=short,
            kind=kind,
            technical_group_member=True,
        )
        count = 3 if role == Role.ADVISOR else 1
        users[org] = [
            t[User].add(
                password=password,
                username=f"{kind}-{n:02d}-{i}",
                first_name=fake.first_name(),
                last_name=fake.last_name(),
                email=f"{kind}-{n:02d}-{i}@example.org",
                is_active=True,
                date_joined=timezone.now(),
                organisation_id=org,
                role=role,
            )
            for i in range(count)
        ]
        if role == Role.ADVISOR and kind != OrganisationKind.DEPARTEMENT:
            referent_orgs.append(org)
    partner_orgs = [org for org in users if org != coordinator_org]
    qpvs = [
        t[QPV].add(territory_id=territory_id, name=f"Quartier {q + 1}", commune=f"Commune {n:02d}") for q in range(4)
    ]
    people = []
    for year in years:
        start = datetime.date(year, 1, 1)
        cohort = t[Cohort].add(
            territory_id=territory_id, label=f"Cohorte {year}", year=year, start_date=start, target_size=90
        )
        identities = set()
        for _ in range(PEOPLE_PER_COHORT):
            while True:
                first, last = rng.choice(first_names), rng.choice(last_names)
                birth = datetime.date(rng.randrange(1970, 2006), rng.randrange(1, 13), rng.randrange(1, 29))
                if (first.lower(), last.lower(), birth) not in identities:
                    identities.add((first.lower(), last.lower(), birth))
                    break
            entry = _date_between(rng, start, datetime.date(year, 10, 31))
            if entry > today:
                entry = today
            end = dates.follow_up_end_date(entry)
            referent_org = rng.choice(referent_orgs)
            left_early_on = left_reason = None
            if rng.random() < 0.06:
                left_early_on = _date_between(rng, entry + datetime.timedelta(days=30), end)
                left_reason = rng.choice(EXIT_REASONS)
                if left_early_on > today:
                    left_early_on = left_reason = None
            person = t[JobSeeker].add(
                territory_id=territory_id,
                cohort_id=cohort,
                first_name=first,
                last_name=last,
                birth_date=birth,
                sex=rng.choice("FFM"),
                commune=f"Commune {n:02d}",
                qpv_id=rng.choice(qpvs),
                phone="06 00 00 00 00",
                email=f"personne.{t[JobSeeker].next_id}@example.org",
                referent_organisation_id=referent_org,
                referent_id=rng.choice(users[referent_org]),
                entry_date=entry,
                follow_up_end_date=end,
                left_early_on=left_early_on,
                left_early_reason=left_reason or "",
                consent_recorded_on=entry,
                labour_market_status=rng.choice(LABOUR_STATUSES),
                education_level=rng.choice(EDUCATION_LEVELS),
                rsa_beneficiary=rng.random() < 0.4,
                single_parent=rng.random() < 0.25,
                disability_recognised=rng.random() < 0.08,
                search_name=normalise(f"{last} {first}"),
            )
            people.append((person, entry, end, left_early_on, referent_org))
            _file(t, rng, person, entry, end, left_early_on, referent_org, users, partner_orgs, today)
    _actions(t, rng, territory_id, [*partner_orgs, coordinator_org], people, coordinator, coordinator_org, years, today)
    _governance(t, territory_id, coordinator, today)


def _file(t, rng, person, entry, end, left_early_on, referent_org, users, partner_orgs, today):
    last_day = min(end, left_early_on or end, today)
    team_org = rng.choice(partner_orgs)
    if team_org != referent_org and rng.random() < 0.3:
        t[FollowUpTeamMember].add(job_seeker_id=person, organisation_id=team_org, started_on=entry)
    follow_ups = t[FollowUp]
    positions = follow_ups.positions("job_seeker_id", "date", "kind", "author_id", "organisation_id", "summary")
    authors = users[referent_org]
    span = max((last_day - entry).days, 0) + 1
    for i in range(FOLLOW_UPS_PER_PERSON):
        on = entry + datetime.timedelta(days=int(rng.random() * span))
        values = (person, on, FOLLOW_UP_KINDS[i % len(FOLLOW_UP_KINDS)], authors[i % len(authors)], referent_org)
        follow_ups.add_row(positions, (*values, SUMMARIES[i % len(SUMMARIES)]))
    for category in rng.sample(BARRIER_CATEGORIES, 3):
        identified = _date_between(rng, entry, min(entry + datetime.timedelta(days=60), today))
        status = rng.choice(BARRIER_STATUSES)
        started = lifted = closed = None
        if status != BarrierStatus.IDENTIFIED:
            started = _date_between(rng, identified, min(identified + datetime.timedelta(days=60), today))
        if status in (BarrierStatus.LIFTED, BarrierStatus.NOT_LIFTED, BarrierStatus.ABANDONED):
            closed = _date_between(rng, started, min(started + datetime.timedelta(days=120), today))
            started = started if status != BarrierStatus.ABANDONED or rng.random() < 0.5 else None
            if status == BarrierStatus.LIFTED:
                lifted = closed
        barrier = t[Barrier].add(
            job_seeker_id=person,
            category=category,
            status=status,
            identified_on=identified,
            started_on=started,
            lifted_on=lifted,
            closed_on=closed,
            author_id=rng.choice(users[referent_org]),
            organisation_id=referent_org,
        )
        t[BarrierTransition].add(barrier_id=barrier, from_status="", to_status=BarrierStatus.IDENTIFIED, on=identified)
        previous = BarrierStatus.IDENTIFIED
        if started is not None:
            t[BarrierTransition].add(
                barrier_id=barrier, from_status=previous, to_status=BarrierStatus.IN_PROGRESS, on=started
            )
            previous = BarrierStatus.IN_PROGRESS
        if closed is not None:
            t[BarrierTransition].add(barrier_id=barrier, from_status=previous, to_status=status, on=closed)
    author = users[referent_org][0]
    t[Situation].add(
        job_seeker_id=person,
        date=entry,
        situation=SituationKind.JOB_SEEKING,
        organisation_id=referent_org,
        author_id=author,
    )
    for months, choices in ((6, SITUATIONS_AT_6), (12, SITUATIONS_AT_12)):
        on = add_months(entry, months)
        if on <= today and (left_early_on is None or on <= left_early_on):
            kind, months = rng.choice(choices)
            end = add_months(on, months) - datetime.timedelta(days=1) if months else None
            t[Situation].add(
                job_seeker_id=person,
                date=on,
                situation=kind,
                contract_start=on if months else None,
                contract_end=end,
                outcome_class=outcome_class_for(kind, on, end),
                organisation_id=referent_org,
                author_id=author,
            )


def _governance(t, territory_id, coordinator, today):
    """A territory in use has its technical group and its meetings (the last steps of its set-up checklist): one
    past meeting a quarter over a year and the next one."""
    group = t[WorkingGroup].add(territory_id=territory_id, kind=GroupKind.TECHNICAL_GROUP, name="Groupe technique")
    for months in (-12, -9, -6, -3, 1):
        t[Meeting].add(
            territory_id=territory_id,
            kind=MeetingKind.TECHNICAL_GROUP,
            group_id=group,
            title="Groupe technique",
            date=add_months(today, months),
            created_by_id=coordinator,
        )


def _actions(t, rng, territory_id, orgs, people, coordinator, coordinator_org, years, today):
    envelopes = {}
    for year in years:
        envelopes[year] = (t[Envelope].add(territory_id=territory_id, year=year, amount=Decimal("100000.00")), 0)
    n_actions = ACTIONS_PER_TERRITORY - (1 if territory_id % 11 == 0 else 0)
    for a in range(n_actions):
        year = rng.choice(years)
        start = datetime.date(year, rng.randrange(1, 13), 1)
        end = _date_between(rng, start + datetime.timedelta(days=90), start + datetime.timedelta(days=720))
        status = ActionStatus.CLOSED if end < today else ActionStatus.RUNNING
        action = t[Action].add(
            territory_id=territory_id,
            title=f"Action {a + 1} — levée de freins",
            description="Action de démonstration (données fictives).",
            lead_organisation_id=rng.choice(orgs),
            barrier_categories=rng.sample(BARRIER_CATEGORIES, 2),
            status=status,
            start_date=start,
            end_date=end,
            fse_plus_cofunded=rng.random() < 0.3,
        )
        t[ActionTransition].add(
            action_id=action, from_status=ActionStatus.PLANNED, to_status=status, actor_id=coordinator
        )
        types = [
            t[OutcomeType].add(action_id=action, code=f"resultat-{k}", label=f"Résultat {k}", position=k)
            for k in (1, 2)
        ]
        candidates = [p for p in people if p[1] <= end and p[2] >= start]
        for person, entry, _end, _left, _org in rng.sample(candidates, min(15, len(candidates))):
            enrolled = max(entry, start)
            if enrolled > today:
                continue
            participation = t[Participation].add(
                action_id=action,
                job_seeker_id=person,
                single_parent=rng.random() < 0.3,
                enrolled_on=enrolled,
                status=ParticipationStatus.ENROLLED,
                enrolled_by_id=coordinator_org,
            )
            if rng.random() < 0.5:
                t[ParticipationOutcome].add(
                    participation_id=participation,
                    outcome_type_id=rng.choice(types),
                    achieved_on=_date_between(rng, enrolled, min(end, today)),
                )
        envelope, committed = envelopes[year]
        amount = Decimal(rng.randrange(2000, 9000))
        if committed + amount <= Decimal("100000"):
            paid = end < today
            t[Commitment].add(
                envelope_id=envelope,
                action_id=action,
                category="barrier_lifting",
                label="Prestation",
                amount=amount,
                committed_on=start,
                status=CommitmentStatus.PAID if paid else CommitmentStatus.COMMITTED,
                paid_on=end if paid else None,
                created_by_id=coordinator,
            )
            envelopes[year] = (envelope, committed + amount)


def check_sample(per_model: int = 30) -> list[str]:
    """`full_clean()` on a sample of every model: what the services would have refused. Returns the errors."""
    from django.core.exceptions import ValidationError

    errors = []
    for model in (JobSeeker, FollowUp, Barrier, Situation, Action, Participation, Commitment, Cohort, Meeting):
        for obj in model.objects.order_by("?")[:per_model]:
            try:
                if isinstance(obj, JobSeeker):
                    expected = (
                        dates.follow_up_end_date(obj.entry_date),
                        normalise(f"{obj.last_name} {obj.first_name}"),
                    )
                    if expected != (obj.follow_up_end_date, obj.search_name):
                        errors.append(f"JobSeeker {obj.pk}: derived fields differ from save()")
                obj.full_clean()
            except ValidationError as exc:
                errors.append(f"{model.__name__} {obj.pk}: {exc.message_dict}")
    return errors
