"""Retention (DOMAIN.md): a person's file is kept for the follow-up year and RETENTION_YEARS_AFTER_LAST_CONTACT
years after her last contact, then anonymised. The same anonymisation answers an erasure request at once.

- Last contact = the latest of: end of the year of follow-up, last follow-up, last situation recorded (a situation
  recorded 6 months after the end — the FSE+ milestone — is a contact too).
- Due date = last contact + RETENTION_YEARS_AFTER_LAST_CONTACT years (same day, clamped to a shorter month, as
  `cite_emploi.dates.add_months`); the SQL (`AddMonths`) and the page agree on it.
- What the anonymisation erases and keeps: see `job_seeker_anonymise` and docs/data-protection.md. What it keeps is
  exactly what the aggregates read (QPV, sex, year of birth, dates, statuses, barrier categories and their
  lifecycle, situations and outcomes, participations), so the figures are identical before and after (tested).
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Case, CharField, DateField, Exists, F, Max, OuterRef, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, Least, TruncYear
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cite_emploi import figures_cache
from cite_emploi.text import normalise
from partners.enums import AuditAction, Role
from partners.models import AuditEntry, Decision, Territory, User

from . import perms
from .enums import CandidateStage, ErasureReason
from .expressions import AddMonths
from .models import (
    Barrier,
    Candidate,
    FileLogEntry,
    FollowUp,
    JobSeeker,
    JobSeekerDecision,
    RetentionNotice,
    Situation,
)

logger = logging.getLogger(__name__)

PSEUDONYM_FIRST_NAME = "Personne anonymisée"
ERASED_TEXT = "Contenu effacé (dossier anonymisé)."
ERASED_QPV_EXCEPTION = "Motif effacé (dossier anonymisé)."
# What the anonymisation erases (names of fields: they go to the audit entry, never their values).
ERASED_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "address",
    "commune",
    "phone",
    "email",
    "france_travail_id",
    "qpv_exception_reason",
    "search_name",
    "follow_ups.summary",
    "follow_ups.confidential_note",
    "follow_ups.next_step",
    "barriers.comment",
    "situations.employer",
    "situations.comment",
    "decisions.text",
)
LAST_DATE = datetime.date(9999, 12, 31)

# Apps above cohorts that must keep part of a file beyond the two-year rule register here at their ready() (cohorts
# never imports them): each hook is called as ``hook(ids)`` inside the anonymisation's transaction, with the files
# locked and BEFORE anything is erased, so it can copy the few fields another rule obliges to keep (referrals: erase the reasons of
# referrals, set-based; fse: the FSE+ evidence of a co-funded operation, kept until 31 December of the year of the last payment + 5, Regulation (EU)
# 2021/1060 art. 82). A hook never stops an anonymisation; what it keeps is its own app's to erase in time.
ANONYMISATION_HOOKS: list[Callable[[list[int]], None]] = []


def register_anonymisation_hook(hook: Callable[[list[int]], None]) -> None:
    if hook not in ANONYMISATION_HOOKS:
        ANONYMISATION_HOOKS.append(hook)


# Import files left in the storage by an import never confirmed are deleted after this delay.
STALE_IMPORT_AFTER = datetime.timedelta(days=1)


def retention_months() -> int:
    return 12 * settings.RETENTION_YEARS_AFTER_LAST_CONTACT


def pseudonym(job_seeker) -> str:
    return f"{PSEUDONYM_FIRST_NAME} n° {job_seeker.pk}"


# --- reads ------------------------------------------------------------------------------------------
def _latest(model):
    # A date after today is not a contact (it cannot be one: facts are never in the future, cite_emploi.date_rules).
    # A row typed before that rule, dated 9999-12-31, must not push the due date past what SQL dates can hold
    # (it made `anonymise_on` NULL and blocked the anonymisation for ever).
    return Subquery(
        model.objects.filter(job_seeker=OuterRef("pk"), date__lte=timezone.localdate())
        .order_by()
        .values("job_seeker")
        .annotate(m=Max("date"))
        .values("m")[:1],
        output_field=DateField(),
    )


def with_retention_dates(qs):
    """Annotate `last_contact` and `anonymise_on` (the due date), in SQL."""
    end = F("follow_up_end_date")
    return qs.annotate(
        last_contact=Greatest(
            end,
            Coalesce(_latest(FollowUp), end, output_field=DateField()),
            Coalesce(_latest(Situation), end, output_field=DateField()),
            output_field=DateField(),
        )
    ).annotate(
        # Past year 9999 PostgreSQL returns a date Python cannot read (an error) and SQLite returns NULL: both
        # come only from a date typed before cite_emploi.date_rules; the due date is then the last one there is.
        anonymise_on=Coalesce(
            Least(AddMonths(F("last_contact"), retention_months()), Value(LAST_DATE), output_field=DateField()),
            Value(LAST_DATE),
            output_field=DateField(),
        )
    )


def _kept(territory):
    territory_id = territory.pk if isinstance(territory, Territory) else territory
    return with_retention_dates(JobSeeker.objects.for_territory(territory_id).filter(anonymised_on__isnull=True))


def due_for_anonymisation(territory, on: datetime.date | None = None):
    """The files of the territory whose retention delay is over on `on` (not yet anonymised)."""
    on = on or timezone.localdate()
    return _kept(territory).filter(anonymise_on__lte=on).order_by("anonymise_on", "pk")


def due_soon(territory, on: datetime.date | None = None, days: int | None = None):
    """The files of the territory that will be anonymised within `days` days (RETENTION_NOTICE_DAYS), `on` excluded."""
    on = on or timezone.localdate()
    days = settings.RETENTION_NOTICE_DAYS if days is None else days
    return (
        _kept(territory)
        .filter(anonymise_on__gt=on, anonymise_on__lte=on + datetime.timedelta(days=days))
        .order_by("anonymise_on", "pk")
    )


# --- the anonymisation -------------------------------------------------------------------------------
def _search_name_parts() -> tuple[str, str]:
    """`normalise(f"{last_name} {first_name}")` of an anonymised file is `prefix + id + suffix` (what save() stores)."""
    marker = 987654321
    normalised = normalise(f"n° {marker} {PSEUDONYM_FIRST_NAME}")
    prefix, suffix = normalised.split(str(marker))
    return prefix, suffix


def _anonymise_files(ids, *, reason: str, actor=None) -> list[int]:
    """Anonymise the files `ids` set-based: one UPDATE per table whatever their number. Returns the ids done.

    The rows are locked first; files already anonymised are skipped (idempotent). One audit entry per file, as the
    per-file erasure writes, created in one INSERT. What is erased and kept: module docstring, ERASED_FIELDS.
    """
    ids = list(
        JobSeeker.objects.select_for_update()
        .filter(pk__in=list(ids), anonymised_on__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return []
    for hook in ANONYMISATION_HOOKS:
        hook(ids)
    today = timezone.localdate()
    id_text = Cast("id", CharField())
    prefix, suffix = _search_name_parts()
    people = JobSeeker.objects.filter(pk__in=ids)
    people.update(
        first_name=PSEUDONYM_FIRST_NAME,
        last_name=Concat(Value("n° "), id_text),
        search_name=Concat(Value(prefix), id_text, Value(suffix)),
        # The year of birth is kept (1 January): the age bands are computed on the year (reporting.metrics).
        birth_date=TruncYear("birth_date", output_field=DateField()),
        address="",
        commune="",
        phone="",
        email="",
        france_travail_id="",
        qpv_exception_reason=Case(
            When(qpv__isnull=True, then=Value(ERASED_QPV_EXCEPTION)), default=Value(""), output_field=CharField()
        ),
        anonymised_on=today,
        updated_at=timezone.now(),
    )
    FollowUp.objects.filter(job_seeker_id__in=ids).update(
        summary=ERASED_TEXT, confidential_note="", next_step="", next_step_due=None
    )
    Barrier.objects.filter(job_seeker_id__in=ids).update(comment="")
    Situation.objects.filter(job_seeker_id__in=ids).update(employer="", comment="")
    _erase_decisions(ids)
    territories = dict(people.values_list("pk", "territory_id"))
    content_type = ContentType.objects.get_for_model(JobSeeker)
    organisation = getattr(actor, "organisation", None) if actor is not None else None
    entries = AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=actor,
                organisation=organisation,
                territory_id=actor.territory_id if actor is not None else territories[pk],
                action=AuditAction.ANONYMISE,
                content_type=content_type,
                object_id=str(pk),
                fields=sorted(ERASED_FIELDS),
                detail=f"motif : {reason}"[:200],
            )
            for pk in ids
        ],
        batch_size=2000,
    )
    # The erasure is on the file's own access log too (cohorts.file_log, which audit_record feeds one entry at a time).
    FileLogEntry.objects.bulk_create(
        [FileLogEntry(entry=entry, job_seeker_id=int(entry.object_id)) for entry in entries],
        batch_size=2000,
        ignore_conflicts=True,
    )
    for territory_id in set(territories.values()):
        figures_cache.bump(territory_id)
    return ids


@transaction.atomic
def job_seeker_anonymise(*, job_seeker: JobSeeker, actor=None, reason: str) -> JobSeeker:
    """Erase what identifies the person; keep what the aggregates count. Idempotent.

    `actor` is the coordinator answering an erasure request; None for the periodic job (retention).
    The audit entry names the erased fields and the reason category, never a value. The same set-based code as the
    nightly job (`_anonymise_files`), for one file. No full_clean(): the model's cross-field checks (e.g. a referent
    who changed organisation since) must never block an erasure; the database constraints still apply.
    """
    if reason not in ErasureReason.values:
        raise ValidationError({"reason": "Choisissez le motif de l'effacement."})
    if actor is not None and not perms.can_exercise_rights(actor, job_seeker):
        raise PermissionDenied("Seule la coordination du territoire efface une fiche.")
    _anonymise_files([job_seeker.pk], reason=reason, actor=actor)
    job_seeker.refresh_from_db()
    return JobSeeker.objects.get(pk=job_seeker.pk)


def _erase_decisions(ids) -> None:
    """Decisions of a follow-up group about these people are part of their file: their text goes too (the link to
    the person belongs to cohorts: `JobSeekerDecision`)."""
    links = JobSeekerDecision.objects.filter(job_seeker_id__in=ids).values_list("decision_id", "job_seeker_id")
    Decision.objects.bulk_update(
        [
            Decision(pk=decision_id, text=f"Décision concernant la {PSEUDONYM_FIRST_NAME.lower()} n° {person_id}.")
            for decision_id, person_id in links
        ],
        ["text"],
        batch_size=500,
    )


# --- the periodic job and the command -------------------------------------------------------------
@dataclass
class RetentionRun:
    anonymised: list  # [(territory_id, job_seeker_id, due_on)]
    notified: int
    imports_deleted: int
    candidates_anonymised: list = field(default_factory=list)  # [(territory_id, candidate_id, due_on)]


# --- people identified but never enrolled (the path into the cohort) -----------------------------------------
# The same rule: kept RETENTION_YEARS_AFTER_LAST_CONTACT years after the last step of the path (identified,
# contacted, proposed, decision), then anonymised set-based. An enrolled person's data lives in her file.
CANDIDATE_ERASED_FIELDS = ("first_name", "last_name", "birth_date", "phone", "email")


def candidates_due_for_anonymisation(territory, on: datetime.date | None = None):
    on = on or timezone.localdate()
    territory_id = territory.pk if isinstance(territory, Territory) else territory
    start = F("identified_on")
    last_step = Greatest(
        start,
        Coalesce("contacted_on", start, output_field=DateField()),
        Coalesce("proposed_on", start, output_field=DateField()),
        Coalesce("decided_on", start, output_field=DateField()),
        output_field=DateField(),
    )
    return (
        Candidate.objects.for_territory(territory_id)
        .filter(anonymised_on__isnull=True)
        .exclude(stage=CandidateStage.ENROLLED)
        .annotate(last_step=last_step)
        .annotate(anonymise_on=AddMonths(F("last_step"), retention_months()))
        .filter(anonymise_on__lte=on)
        .order_by("anonymise_on", "pk")
    )


@transaction.atomic
def candidate_erase(*, actor, candidate) -> None:
    """A person identified but not enrolled asks to be erased (or withdraws her agreement): the coordinator
    anonymises her at once, with the same code as the retention job. Once enrolled, her file's rights page applies."""
    if not perms.can_decide_enrolment(actor, candidate):
        raise PermissionDenied("Seule la coordination du territoire efface une personne repérée.")
    if candidate.stage == CandidateStage.ENROLLED:
        raise ValidationError("Cette personne est inscrite : effacez sa fiche depuis « Droits de la personne ».")
    _anonymise_candidates([candidate.pk], territory_id=candidate.territory_id, actor=actor)


def _anonymise_candidates(ids, *, territory_id: int, actor=None) -> list[int]:
    """One UPDATE for the batch, one audit entry per person (ids and field names only)."""
    ids = list(
        Candidate.objects.select_for_update()
        .filter(pk__in=list(ids), anonymised_on__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return []
    Candidate.objects.filter(pk__in=ids).update(
        first_name=PSEUDONYM_FIRST_NAME,
        last_name=Concat(Value("n° "), Cast("id", CharField())),
        birth_date=TruncYear("birth_date", output_field=DateField()),
        phone="",
        email="",
        anonymised_on=timezone.localdate(),
        updated_at=timezone.now(),
    )
    content_type = ContentType.objects.get_for_model(Candidate)
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=actor,
                organisation=getattr(actor, "organisation", None),
                territory_id=territory_id,
                action=AuditAction.ANONYMISE,
                content_type=content_type,
                object_id=str(pk),
                fields=list(CANDIDATE_ERASED_FIELDS),
                detail=f"motif : {ErasureReason.RETENTION if actor is None else ErasureReason.ERASURE_REQUEST}",
            )
            for pk in ids
        ],
        batch_size=2000,
    )
    figures_cache.bump(territory_id)
    return ids


def anonymise_candidates_due(*, on: datetime.date | None = None, wet_run: bool = True) -> list:
    """Anonymise the people identified but never enrolled whose delay is over, in every territory (set-based)."""
    on = on or timezone.localdate()
    done = []
    for territory in Territory.objects.order_by("pk"):
        due = list(candidates_due_for_anonymisation(territory, on).values_list("pk", "anonymise_on"))
        if wet_run:
            for start in range(0, len(due), ANONYMISE_BATCH):
                with transaction.atomic():
                    _anonymise_candidates(
                        [pk for pk, _ in due[start : start + ANONYMISE_BATCH]], territory_id=territory.pk
                    )
        done.extend((territory.pk, pk, due_on) for pk, due_on in due)
    return done


ANONYMISE_BATCH = 2000


def anonymise_due(*, on: datetime.date | None = None, wet_run: bool = True) -> list[tuple[int, int, datetime.date]]:
    """Anonymise every file due on `on`, in every territory (or only list them when `wet_run` is False).

    Set-based: one read of the due files per territory, then batches of ANONYMISE_BATCH files, each one transaction
    of a few UPDATEs (the first run over years of history stays a matter of seconds, not one transaction per file).
    """
    on = on or timezone.localdate()
    done = []
    for territory in Territory.objects.order_by("pk"):
        due = list(due_for_anonymisation(territory, on).values_list("pk", "anonymise_on"))
        if wet_run:
            for start in range(0, len(due), ANONYMISE_BATCH):
                with transaction.atomic():
                    _anonymise_files(
                        [pk for pk, _ in due[start : start + ANONYMISE_BATCH]], reason=ErasureReason.RETENTION
                    )
        done.extend((territory.pk, pk, due_on) for pk, due_on in due)
    return done


def retention_notices_send(*, on: datetime.date | None = None, days: int | None = None) -> int:
    """Email each territory's coordinators the files due within `days` days: ids, due dates and a link, no name.

    Once per file and due date (`RetentionNotice`, unique): a second run, even concurrent, sends nothing more.
    Returns the number of files announced.
    """
    on = on or timezone.localdate()
    announced = 0
    link = settings.SITE_URL + reverse("cohorts:retention_due")
    for territory in Territory.objects.order_by("pk"):
        already = RetentionNotice.objects.filter(job_seeker=OuterRef("pk"), due_on=OuterRef("anonymise_on"))
        files = list(due_soon(territory, on, days).filter(~Exists(already)).values_list("pk", "anonymise_on"))
        if not files:
            continue
        recipients = list(
            User.objects.filter(organisation__territory=territory, role=Role.COORDINATOR, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if not recipients:
            logger.warning("Anonymisations à venir sans coordination à prévenir (territoire %s)", territory.pk)
            continue
        try:
            with transaction.atomic():
                RetentionNotice.objects.bulk_create(
                    [RetentionNotice(job_seeker_id=pk, due_on=due) for pk, due in files]
                )
                send_mail(
                    subject=f"{len(files)} dossier(s) à anonymiser prochainement — Cité de l'emploi",
                    message=render_to_string(
                        "cohorts/emails/retention_notice.txt",
                        {"files": files, "link": link, "years": settings.RETENTION_YEARS_AFTER_LAST_CONTACT},
                    ),
                    from_email=None,
                    recipient_list=recipients,
                )
        except IntegrityError:
            continue  # another run announced them meanwhile
        announced += len(files)
    return announced


def stale_imports_delete(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of imports previewed but never confirmed (they hold names and contact details)."""
    now = now or timezone.now()
    try:
        _, names = default_storage.listdir("imports")
    except FileNotFoundError:
        return 0
    deleted = 0
    for name in names:
        path = f"imports/{name}"
        if default_storage.get_modified_time(path) < now - STALE_IMPORT_AFTER:
            default_storage.delete(path)
            deleted += 1
    return deleted


def retention_run(*, on: datetime.date | None = None) -> RetentionRun:
    """The daily job: anonymise what is due, announce what will be, delete stale import files."""
    on = on or timezone.localdate()
    anonymised = anonymise_due(on=on, wet_run=True)
    candidates = anonymise_candidates_due(on=on, wet_run=True)
    notified = retention_notices_send(on=on)
    imports_deleted = stale_imports_delete()
    logger.info(
        "Conservation : %s fiche(s) anonymisée(s), %s personne(s) repérée(s) jamais inscrite(s) anonymisée(s), "
        "%s annoncée(s), %s fichier(s) d'import supprimé(s)",
        len(anonymised),
        len(candidates),
        notified,
        imports_deleted,
    )
    return RetentionRun(
        anonymised=anonymised, notified=notified, imports_deleted=imports_deleted, candidates_anonymised=candidates
    )
