"""Reads shared by the FSE+ pages, the API, the exports and the bilan: one place computes each figure.

`participant_rows(operation)` gives, in two queries whatever the number of participants, one row per participation
of the operation's actions (entered during its period, waiting list excluded) with its *effective* Annex I values:

- entry data: the FSE+ record when there is one (a snapshot taken at entry), else what the person's file holds;
- results upon leaving and six months after: what was recorded, else — for a person of the cohort — what her
  situation history says (`SITUATION_RULES`): the situation recorded up to four weeks after leaving, and the one in
  force six months after leaving (recorded after leaving).

`indicator_table(rows, period)` counts the Annex I indicators over the *declarable and complete* participants, by
sex; `protected_indicators` is the same table under statistical secrecy (cite_emploi.secrecy, the one function).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max, Q, Sum
from django.utils import timezone

from actions.enums import ParticipationStatus
from actions.models import Participation
from cite_emploi import secrecy
from cite_emploi.dates import add_months
from cohorts.enums import SituationKind
from cohorts.models import Situation

from . import perms
from .enums import AgeBand, Answer, ClaimStatus, CostCategory, Sex, age_band
from .indicators import ENTRY, INDICATORS, LEAVING, PARTITIONS, Indicator
from .models import CENT, EVIDENCE_YEARS, Operation, Participant

EMPLOYED = frozenset(
    {
        SituationKind.CDI,
        SituationKind.CDI_INTERIM,
        SituationKind.CDD,
        SituationKind.TEMP,
        SituationKind.APPRENTICESHIP,
        SituationKind.PROFESSIONALISATION,
        SituationKind.SUBSIDISED_CONTRACT,
        SituationKind.SIAE,
        SituationKind.CIVIL_SERVICE,
        SituationKind.BUSINESS_CREATION,
    }
)
TRAINING = frozenset({SituationKind.QUALIFYING_TRAINING, SituationKind.OTHER_TRAINING})
UPON_LEAVING = datetime.timedelta(weeks=4)  # Annex I: "upon leaving" = up to four weeks after leaving
SITUATION_RULES = (
    "À la sortie : la situation enregistrée dans le dossier entre l'entrée et quatre semaines après la sortie ; "
    "6 mois après : la situation en vigueur six mois après la sortie, enregistrée après la sortie. Emploi : CDI, CDI "
    "intérimaire, CDD, intérim, apprentissage, professionnalisation, contrat aidé, SIAE, fonction publique, création d'entreprise ; formation : formation qualifiante ou "
    "autre formation ; recherche d'emploi : « en recherche d'emploi »."
)
ENTRY_FIELDS = ("sex", "age_band", "labour_market_status", "education_level")
SENSITIVE = (
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
    "rural_area",
)
LEAVING_FIELDS = ("leaving_job_searching", "leaving_in_education", "leaving_qualification", "leaving_employed")
SIX_MONTH_FIELDS = ("six_months_employed", "six_months_improved")
MISSING_LABELS = {
    "identity": "identité (participant enregistré sous pseudonyme)",
    "sex": "sexe",
    "age_band": "date de naissance",
    "labour_market_status": "situation sur le marché du travail à l'entrée",
    "education_level": "niveau d'études",
    "sensitive": "caractéristiques sensibles non demandées",
    "leaving": "résultats à la sortie",
    "six_months": "situation 6 mois après la sortie",
}


@dataclass
class ParticipantRow:
    participation: Participation
    record: Participant | None
    entered_on: datetime.date
    left_on: datetime.date | None
    values: dict = field(default_factory=dict)
    from_history: set = field(default_factory=set)  # the result fields read from the situation history
    missing: list = field(default_factory=list)  # MISSING_LABELS keys

    @property
    def pseudonymous(self) -> bool:
        """Outside the cohort and without identity: cannot be declared."""
        record = self.record
        return self.participation.job_seeker_id is None and not (
            record is not None and ((record.last_name and record.birth_date) or record.identity_erased_on)
        )

    @property
    def complete_at_entry(self) -> bool:
        return all(self.values.get(name) for name in ENTRY_FIELDS)

    @property
    def counted(self) -> bool:
        """Annex I counts a participant only with every mandatory entry datum (and a declarable identity)."""
        return not self.pseudonymous and self.complete_at_entry

    @property
    def six_months_due_on(self) -> datetime.date | None:
        return add_months(self.left_on, 6) if self.left_on else None

    @property
    def missing_labels(self) -> list[str]:
        return [MISSING_LABELS[key] for key in self.missing]

    @property
    def sex_label(self) -> str:
        sex = self.values.get("sex")
        return Sex(sex).label if sex else ""

    @property
    def age_label(self) -> str:
        band = self.values.get("age_band")
        return AgeBand(band).label if band else ""

    @property
    def name(self) -> str:
        person = self.participation.job_seeker
        if person is not None:
            return person.full_name
        if self.record is not None and self.record.last_name:
            return f"{self.record.first_name} {self.record.last_name}".strip()
        return self.participation.participant_label


def operation_participations(operation: Operation):
    return Participation.objects.filter(
        action__in=operation.actions.all(),
        status=ParticipationStatus.ENROLLED,
        enrolled_on__gte=operation.period_start,
        enrolled_on__lte=operation.period_end,
    )


def _age(born: datetime.date | None, on: datetime.date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _file_values(person, entered_on) -> dict:
    """What the person's file says about the FSE+ entry data (nothing once it is anonymised but sex and status)."""
    if person is None:
        return {}
    values = {
        "sex": person.sex,
        "labour_market_status": person.labour_market_status,
        "education_level": person.education_level,
        "disability": Answer.YES if person.disability_recognised else "",
    }
    if person.anonymised_on is None:
        values["age_band"] = age_band(_age(person.birth_date, entered_on))
    return values


def _from_history(situations, entered_on, left_on, today) -> dict:
    """Results read from the cohort's situation history (None: the history says nothing)."""
    found: dict[str, bool] = {}
    if left_on is None:
        return found
    at_leaving = [s for s in situations if entered_on <= s.date <= left_on + UPON_LEAVING and s.date <= today]
    if at_leaving:
        kind = at_leaving[-1].situation
        found["leaving_employed"] = kind in EMPLOYED
        found["leaving_in_education"] = kind in TRAINING
        found["leaving_job_searching"] = kind == SituationKind.JOB_SEEKING
    six = add_months(left_on, 6)
    if six <= today:
        after = [s for s in situations if left_on < s.date <= six]
        if after:
            found["six_months_employed"] = after[-1].situation in EMPLOYED
    return found


def participant_rows(operation: Operation, *, participations=None, today=None) -> list[ParticipantRow]:
    """One row per participation of the operation (or of `participations`, already scoped), in two queries."""
    today = today or timezone.localdate()
    qs = operation_participations(operation)
    if participations is not None:
        qs = qs.filter(pk__in=participations.values("pk"))
    items = list(qs.select_related("job_seeker", "action", "fse_participant").order_by("enrolled_on", "id"))
    people = [p.job_seeker_id for p in items if p.job_seeker_id]
    situations: dict[int, list] = {}
    for situation in (
        Situation.objects.filter(job_seeker_id__in=people)
        .only("job_seeker_id", "date", "situation")
        .order_by("date", "id")
    ):
        situations.setdefault(situation.job_seeker_id, []).append(situation)
    rows = []
    for participation in items:
        record = getattr(participation, "fse_participant", None)
        entered_on = record.entered_on if record else participation.enrolled_on
        left_on = (record.left_on if record else None) or participation.left_on
        person = participation.job_seeker if participation.job_seeker_id else None
        values = _file_values(person, entered_on)
        if record is not None:
            for name in ("sex", "labour_market_status", "education_level", *SENSITIVE):
                if getattr(record, name):
                    values[name] = getattr(record, name)
            if record.age_at_entry is not None:
                values["age_band"] = age_band(record.age_at_entry)
        history = _from_history(situations.get(participation.job_seeker_id, []), entered_on, left_on, today)
        row = ParticipantRow(participation, record, entered_on, left_on, values)
        for name in (*LEAVING_FIELDS, *SIX_MONTH_FIELDS):
            recorded = getattr(record, name) if record is not None else None
            if recorded is not None:
                values[name] = recorded
            elif name in history:
                values[name] = history[name]
                row.from_history.add(name)
            else:
                values[name] = None
        values["counted"] = row.counted
        row.missing = _missing(row, today)
        rows.append(row)
    return rows


def _missing(row: ParticipantRow, today) -> list[str]:
    missing = []
    if row.pseudonymous:
        missing.append("identity")
    missing += [name for name in ENTRY_FIELDS if not row.values.get(name)]
    if any(not row.values.get(name) for name in SENSITIVE):
        missing.append("sensitive")
    if row.left_on and row.left_on <= today and any(row.values.get(n) is None for n in LEAVING_FIELDS):
        missing.append("leaving")
    due = row.six_months_due_on
    if due and due <= today and any(row.values.get(n) is None for n in SIX_MONTH_FIELDS):
        missing.append("six_months")
    return missing


def six_month_checks_due(rows, today=None) -> list[ParticipantRow]:
    today = today or timezone.localdate()
    return [r for r in rows if "six_months" in r.missing and not r.pseudonymous]


# --- the indicator table ----------------------------------------------------------------------------------------
SEX_COLUMNS = (("total", "Total"), (Sex.FEMALE, "Femmes"), (Sex.MALE, "Hommes"), (Sex.OTHER, "Autre ou non précisé"))


@dataclass(frozen=True)
class IndicatorLine:
    indicator: Indicator
    counts: dict  # column → int, or the printed mask under secrecy


@dataclass(frozen=True)
class IndicatorTable:
    period_start: datetime.date
    period_end: datetime.date
    lines: tuple[IndicatorLine, ...]
    participants: int  # participations of the operation entered in the period
    pseudonymous: int  # not declarable: recorded under a pseudonym only
    incomplete: int  # declarable but missing a mandatory entry datum: not counted
    masked: bool = False

    def line(self, code: str) -> IndicatorLine:
        return next(line for line in self.lines if line.indicator.code == code)

    def as_dict(self) -> dict:
        return {line.indicator.code: dict(line.counts) for line in self.lines}


def _in(day, start, end) -> bool:
    return day is not None and start <= day <= end


def indicator_table(rows, start: datetime.date, end: datetime.date) -> IndicatorTable:
    """The Annex I counts for a period: outputs over the participants who entered in it, results upon leaving over
    those who left in it, results six months after over those whose six months fall in it. By sex."""
    entered = [r for r in rows if _in(r.entered_on, start, end)]
    lines = []
    for indicator in INDICATORS:
        if indicator.moment == ENTRY:
            population = entered
        elif indicator.moment == LEAVING:
            population = [r for r in rows if _in(r.left_on, start, end)]
        else:
            population = [r for r in rows if _in(r.six_months_due_on, start, end)]
        counted = [r for r in population if r.counted and indicator.counts(r.values)]
        by_sex = Counter(r.values["sex"] for r in counted)
        counts = {"total": len(counted)} | {sex: by_sex.get(sex, 0) for sex, _ in SEX_COLUMNS[1:]}
        lines.append(IndicatorLine(indicator, counts))
    return IndicatorTable(
        period_start=start,
        period_end=end,
        lines=tuple(lines),
        participants=len(entered),
        pseudonymous=sum(1 for r in entered if r.pseudonymous),
        incomplete=sum(1 for r in entered if not r.pseudonymous and not r.complete_at_entry),
    )


def protected_indicators(table: IndicatorTable) -> IndicatorTable:
    """The table under statistical secrecy: each line's total is its sexes' sum, EECO11 the sum of each partition."""
    values = {(line.indicator.code, col): line.counts[col] for line in table.lines for col, _ in SEX_COLUMNS}
    constraints = []
    for line in table.lines:
        code = line.indicator.code
        constraints.append(secrecy.Constraint((code, "total"), tuple((code, s) for s, _ in SEX_COLUMNS[1:])))
    for group in PARTITIONS:
        for col, _ in SEX_COLUMNS:
            constraints.append(secrecy.Constraint(("EECO11", col), tuple((code, col) for code in group)))
    shown = secrecy.protected_labels(values, constraints)
    lines = tuple(
        IndicatorLine(line.indicator, {col: shown[(line.indicator.code, col)] for col, _ in SEX_COLUMNS})
        for line in table.lines
    )
    masked = any(not isinstance(v, int) for v in shown.values())
    return IndicatorTable(
        table.period_start,
        table.period_end,
        lines,
        table.participants,
        table.pseudonymous,
        table.incomplete,
        masked=masked,
    )


def indicators_for(user, operation: Operation, start=None, end=None) -> IndicatorTable:
    """What this user reads: the exact counts for the coordinator, the table under secrecy for everyone else."""
    table = indicator_table(participant_rows(operation), start or operation.period_start, end or operation.period_end)
    return table if perms.sees_exact_counts(user) else protected_indicators(table)


# --- the money ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Finance:
    planned_by_category: dict  # category → planned eligible amount (cost lines, flat rates computed on the plan)
    spent_by_category: dict  # category → real expenses (flat rates computed on them)
    flat_rates: tuple  # (flat rate, planned amount, declared amount)
    eligible_cost: Decimal
    declared_cost: Decimal
    expected_fse: Decimal  # programmed (or requested) FSE+ amount
    fse_on_declared: Decimal  # the FSE+ share of what is declared so far
    claimed: Decimal
    received: Decimal
    last_payment_on: datetime.date | None
    evidence_until: datetime.date | None

    @property
    def category_rows(self) -> list[tuple[str, Decimal | None, Decimal | None]]:
        """(label, planned, spent) for each category that has either."""
        return [
            (label, self.planned_by_category.get(code), self.spent_by_category.get(code))
            for code, label in CostCategory.choices
            if code in self.planned_by_category or code in self.spent_by_category
        ]

    @property
    def remaining(self) -> Decimal:
        return self.expected_fse - self.received

    @property
    def received_rate(self) -> Decimal | None:
        if not self.expected_fse:
            return None
        return (self.received * 100 / self.expected_fse).quantize(Decimal("0.1"), ROUND_HALF_UP)


def evidence_until(last_payment_on: datetime.date | None) -> datetime.date | None:
    """31 December of the year of the last payment + 5 years (Regulation (EU) 2021/1060, art. 82)."""
    if last_payment_on is None:
        return None
    return datetime.date(last_payment_on.year + EVIDENCE_YEARS, 12, 31)


def _by_category(qs) -> dict:
    return {row["category"]: row["total"] for row in qs.order_by().values("category").annotate(total=Sum("amount"))}


def operation_finance(operation: Operation) -> Finance:
    """The cost plan, the simplified cost options, what is spent, claimed and received — five queries."""
    planned = _by_category(operation.cost_lines.all())
    spent = _by_category(operation.expenses.all())
    flat = []
    for rate in operation.flat_rates.all():
        on_plan, on_spent = rate.amount_on(planned), rate.amount_on(spent)
        planned[rate.covers] = planned.get(rate.covers, Decimal(0)) + on_plan
        spent[rate.covers] = spent.get(rate.covers, Decimal(0)) + on_spent
        flat.append((rate, on_plan, on_spent))
    claims = operation.claims.aggregate(
        claimed=Sum("amount_claimed", filter=~Q(status=ClaimStatus.DRAFT)),
        received=Sum("amount_received", filter=Q(status=ClaimStatus.PAID)),
        last=Max("paid_on", filter=Q(status=ClaimStatus.PAID)),
    )
    eligible = sum(planned.values(), Decimal(0))
    declared = sum(spent.values(), Decimal(0))
    order = list(CostCategory.values)
    return Finance(
        planned_by_category=dict(sorted(planned.items(), key=lambda kv: order.index(kv[0]))),
        spent_by_category=dict(sorted(spent.items(), key=lambda kv: order.index(kv[0]))),
        flat_rates=tuple(flat),
        eligible_cost=eligible,
        declared_cost=declared,
        expected_fse=operation.expected_fse,
        fse_on_declared=(declared * operation.cofunding_rate / 100).quantize(CENT, ROUND_HALF_UP),
        claimed=claims["claimed"] or Decimal("0.00"),
        received=claims["received"] or Decimal("0.00"),
        last_payment_on=claims["last"],
        evidence_until=evidence_until(claims["last"]),
    )


def operations_for_action(user, action):
    return Operation.objects.for_user(user).filter(actions=action).order_by("-period_start", "number")
