"""Retention: anonymisation 2 years after the last contact, aggregates unchanged, notice once, command safe twice."""

import datetime
import io
from dataclasses import replace

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from actions.models import Participation, ParticipationOutcome
from cite_emploi.celery import BEAT_SCHEDULE, app
from cite_emploi.dates import add_months
from cite_emploi.text import normalise
from cohorts import retention
from cohorts.enums import BarrierCategory, BarrierStatus, ErasureReason, SituationKind
from cohorts.models import Barrier, FollowUp, JobSeeker, RetentionNotice, Situation
from partners.enums import AuditAction
from partners.models import AuditEntry, Decision
from reporting.metrics import Period, compute_metrics
from tests.actions.factories import ActionFactory
from tests.factories import UserFactory
from tests.partners.factories import DecisionFactory, MeetingFactory

from .factories import BarrierFactory, CohortFactory, FollowUpFactory, JobSeekerFactory, QPVFactory, SituationFactory

D = datetime.date


def full_file(person, *, action=None):
    """A person with something in every place her data can be: follow-ups, barriers, situations, actions, decisions."""
    FollowUpFactory(
        job_seeker=person,
        date=person.entry_date + datetime.timedelta(days=20),
        summary=f"Entretien avec {person.first_name} : projet d'aide-soignante.",
        confidential_note=f"{person.last_name} évoque des difficultés familiales.",
        next_step="Appeler son employeur",
        next_step_due=person.entry_date + datetime.timedelta(days=40),
    )
    barrier = BarrierFactory(
        job_seeker=person,
        category=BarrierCategory.CHILDCARE,
        comment=f"{person.first_name} cherche une place en crèche.",
        status=BarrierStatus.LIFTED,
        started_on=person.entry_date,
        lifted_on=person.entry_date + datetime.timedelta(days=60),
        closed_on=person.entry_date + datetime.timedelta(days=60),
    )
    barrier.transitions.create(
        from_status=BarrierStatus.IDENTIFIED, to_status=BarrierStatus.LIFTED, on=barrier.lifted_on
    )
    SituationFactory(job_seeker=person, date=person.entry_date, situation=SituationKind.JOB_SEEKING)
    SituationFactory(
        job_seeker=person,
        date=person.entry_date + datetime.timedelta(days=180),
        situation=SituationKind.CDI,
        employer="Boulangerie Martin",
        comment=f"{person.first_name} est ravie.",
    )
    if action is not None:
        participation = Participation.objects.create(
            action=action, job_seeker=person, enrolled_on=person.entry_date + datetime.timedelta(days=30)
        )
        ParticipationOutcome.objects.create(
            participation=participation,
            outcome_type=action.outcome_types.first(),
            achieved_on=person.entry_date + datetime.timedelta(days=90),
        )
    meeting = MeetingFactory(territory=person.territory, follow_up=True, date=person.entry_date)
    DecisionFactory(meeting=meeting, job_seeker=person, text=f"Orienter {person.first_name} {person.last_name}.")
    return person


@pytest.fixture
def old_person(territory, qpv, advisor):
    """Entered on 10 January 2023: follow-up ended 9 January 2024."""
    cohort = CohortFactory(territory=territory, year=2023)
    return JobSeekerFactory(
        territory=territory,
        cohort=cohort,
        qpv=qpv,
        first_name="Hélène",
        last_name="Lefèvre",
        birth_date=D(1998, 11, 20),
        address="12 rue des Lilas",
        phone="06 12 34 56 78",
        email="helene.lefevre@example.org",
        france_travail_id="1234567A",
        entry_date=D(2023, 1, 10),
        referent_organisation=advisor.organisation,
        referent=advisor,
        disability_recognised=True,
    )


def _strings(*querysets):
    values = []
    for qs in querysets:
        for row in qs.values():
            values += [str(v) for v in row.values() if isinstance(v, str)]
    return " ".join(values)


def test_anonymisation_erases_names_contacts_birth_day_and_free_texts(old_person, coordinator):
    action = ActionFactory(territory=old_person.territory, outcome_types=[("job", "Emploi")])
    full_file(old_person, action=action)
    person = retention.job_seeker_anonymise(
        job_seeker=old_person, actor=coordinator, reason=ErasureReason.ERASURE_REQUEST
    )
    person.refresh_from_db()
    assert person.full_name == f"Personne anonymisée n° {person.pk}"
    assert person.birth_date == D(1998, 1, 1)
    assert (person.address, person.commune, person.phone, person.email, person.france_travail_id) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert person.anonymised_on is not None
    assert "lefevre" not in person.search_name and "helene" not in person.search_name
    assert not JobSeeker.objects.search("Lefèvre").exists()
    texts = _strings(
        JobSeeker.objects.filter(pk=person.pk),
        FollowUp.objects.filter(job_seeker=person),
        Barrier.objects.filter(job_seeker=person),
        Situation.objects.filter(job_seeker=person),
        Decision.objects.filter(job_seeker_link__job_seeker=person),
    )
    for secret in (
        "Hélène",
        "Lefèvre",
        "Lilas",
        "06 12",
        "example.org",
        "1234567A",
        "Boulangerie",
        "crèche",
        "familiales",
    ):
        assert secret not in texts, secret
    follow_up = FollowUp.objects.get(job_seeker=person)
    assert (follow_up.confidential_note, follow_up.next_step, follow_up.next_step_due) == ("", "", None)
    # what the figures count stays
    assert person.qpv_id and person.sex == "F" and person.disability_recognised
    assert Participation.objects.filter(job_seeker=person).count() == 1
    assert ParticipationOutcome.objects.filter(participation__job_seeker=person).count() == 1
    entry = AuditEntry.objects.get(action=AuditAction.ANONYMISE)
    assert (entry.actor, entry.object_id, entry.territory_id) == (coordinator, str(person.pk), person.territory_id)
    assert entry.detail == "motif : erasure_request"
    assert "first_name" in entry.fields and "Hélène" not in f"{entry.detail}{entry.fields}"


def test_anonymisation_is_idempotent(old_person):
    full_file(old_person)
    retention.job_seeker_anonymise(job_seeker=old_person, reason=ErasureReason.RETENTION)
    first = JobSeeker.objects.values().get(pk=old_person.pk)
    retention.job_seeker_anonymise(job_seeker=old_person, reason=ErasureReason.RETENTION)
    assert JobSeeker.objects.values().get(pk=old_person.pk) == first
    assert AuditEntry.objects.filter(action=AuditAction.ANONYMISE).count() == 1


def test_a_person_outside_a_qpv_keeps_her_exception_without_its_reason(territory, advisor):
    person = JobSeekerFactory(
        territory=territory,
        qpv=None,
        qpv_exception_reason="Vit chez sa sœur à Avrillé",
        referent_organisation=advisor.organisation,
    )
    retention.job_seeker_anonymise(job_seeker=person, reason=ErasureReason.RETENTION)
    person.refresh_from_db()
    assert person.qpv_id is None and "sœur" not in person.qpv_exception_reason


def test_an_advisor_cannot_erase_and_a_reason_is_required(old_person, advisor, coordinator):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        retention.job_seeker_anonymise(job_seeker=old_person, actor=advisor, reason=ErasureReason.ERASURE_REQUEST)
    with pytest.raises(ValidationError):
        retention.job_seeker_anonymise(job_seeker=old_person, actor=coordinator, reason="")
    old_person.refresh_from_db()
    assert old_person.anonymised_on is None


@pytest.mark.postgres
def test_aggregates_are_identical_before_and_after_anonymisation(territory, advisor):
    """Counts by QPV, sex, age band, barriers, outcomes (reporting.metrics, the figures every page shows)."""
    qpvs = [QPVFactory(territory=territory, name=name) for name in ("Monplaisir", "Belle-Beille", "La Roseraie")]
    cohort = CohortFactory(territory=territory, year=2024)
    action = ActionFactory(territory=territory, outcome_types=[("job", "Emploi")])
    # birthdays on both sides of the period's end, near the 26 and 50 boundaries
    # (with the exact birth day, 20/11/1998 is 25 on 31/10/2024 and 26 once cut to 1/1/1998: the bands use the year)
    births = [D(1998, 11, 20), D(1999, 2, 1), D(1974, 12, 31), D(1974, 1, 1), D(2001, 7, 14), D(1988, 6, 30)]
    for index in range(18):
        person = JobSeekerFactory(
            territory=territory,
            cohort=cohort,
            qpv=qpvs[index % 3] if index % 5 else None,
            qpv_exception_reason="" if index % 5 else "Dérogation de la coordination",
            sex="FMX"[index % 3],
            birth_date=births[index % len(births)],
            entry_date=D(2024, 1, 8) + datetime.timedelta(days=11 * index),
            referent_organisation=advisor.organisation,
            left_early_on=D(2024, 9, 1) + datetime.timedelta(days=index) if index % 7 == 0 else None,
            left_early_reason="moved_away" if index % 7 == 0 else "",
        )
        full_file(person, action=action if index % 2 else None)
    periods = [Period(D(2024, 9, 1), D(2024, 10, 31)), Period(D(2025, 1, 1), D(2025, 12, 31))]

    def figures():
        result = []
        for period in periods:
            for chosen in (cohort, None):
                metrics = compute_metrics(territory, period, chosen)
                result.append(replace(metrics, computed_at=None))
        people = JobSeeker.objects.filter(territory=territory)
        result.append(list(people.values("qpv", "sex").annotate(n=Count("pk")).order_by("qpv", "sex")))
        result.append(list(people.values("birth_date__year").annotate(n=Count("pk")).order_by("birth_date__year")))
        result.append(
            list(Barrier.objects.values("category", "status").annotate(n=Count("pk")).order_by("category", "status"))
        )
        return result

    before = figures()
    assert before[0].cohort.members == 18 and sum(r.count for r in before[0].cohort.by_age_band) == 18
    for person in JobSeeker.objects.filter(territory=territory):
        retention.job_seeker_anonymise(job_seeker=person, reason=ErasureReason.RETENTION)
    assert JobSeeker.objects.filter(anonymised_on__isnull=True).count() == 0
    assert figures() == before


# --- due dates ------------------------------------------------------------------------------------
def test_last_contact_is_the_latest_of_end_follow_up_and_situation(old_person, settings):
    settings.RETENTION_YEARS_AFTER_LAST_CONTACT = 2
    territory = old_person.territory

    def due_on():
        return retention.with_retention_dates(JobSeeker.objects.filter(pk=old_person.pk)).get().anonymise_on

    assert due_on() == D(2026, 1, 9)  # end of follow-up 9 January 2024 + 2 years
    FollowUpFactory(job_seeker=old_person, date=D(2024, 3, 1))
    assert due_on() == D(2026, 3, 1)
    SituationFactory(job_seeker=old_person, date=D(2024, 7, 10))  # the 6-months-after milestone
    assert due_on() == D(2026, 7, 10)
    assert list(retention.due_for_anonymisation(territory, D(2026, 7, 9))) == []
    assert list(retention.due_for_anonymisation(territory, D(2026, 7, 10))) == [old_person]
    assert list(retention.due_soon(territory, D(2026, 6, 10))) == [old_person]
    assert list(retention.due_soon(territory, D(2026, 6, 9))) == []
    settings.RETENTION_YEARS_AFTER_LAST_CONTACT = 3
    assert due_on() == D(2027, 7, 10)


def test_people_of_another_territory_or_already_anonymised_are_not_due(old_person, other_territory):
    JobSeekerFactory(territory=other_territory, entry_date=D(2020, 1, 6))
    assert list(retention.due_for_anonymisation(old_person.territory, D(2030, 1, 1))) == [old_person]
    retention.job_seeker_anonymise(job_seeker=old_person, reason=ErasureReason.RETENTION)
    assert list(retention.due_for_anonymisation(old_person.territory, D(2030, 1, 1))) == []


# --- the command -------------------------------------------------------------------------------------
def _run(*args):
    out = io.StringIO()
    call_command("anonymise_due", *args, stdout=out)
    return out.getvalue()


def test_command_is_a_dry_run_by_default_then_acts_and_is_safe_twice(old_person, territory):
    recent = JobSeekerFactory(territory=territory, entry_date=D(2025, 9, 1))
    dry = _run("--date", "2026-02-01")
    assert "1 fiche(s) à anonymiser" in dry and f"n° {old_person.pk}" in dry
    assert "Lefèvre" not in dry and "Hélène" not in dry
    old_person.refresh_from_db()
    assert old_person.anonymised_on is None and old_person.last_name == "Lefèvre"
    assert not AuditEntry.objects.filter(action=AuditAction.ANONYMISE).exists()

    wet = _run("--wet-run", "--date", "2026-02-01")
    assert "1 fiche(s) anonymisée(s)" in wet
    old_person.refresh_from_db()
    recent.refresh_from_db()
    assert old_person.anonymised_on is not None and recent.anonymised_on is None

    assert "0 fiche(s) anonymisée(s)" in _run("--wet-run", "--date", "2026-02-01")
    assert AuditEntry.objects.filter(action=AuditAction.ANONYMISE).count() == 1


def test_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _run("--date", "01/02/2026")


# --- notice to the coordinators, the periodic job ------------------------------------------------------
def test_coordinators_are_told_once_with_ids_and_a_link_but_no_name(old_person, coordinator, advisor):
    UserFactory(coordinator=True, organisation=coordinator.organisation, is_active=False)
    assert retention.retention_notices_send(on=D(2025, 12, 15)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert f"fiche n° {old_person.pk} : anonymisation le 09/01/2026" in message.body
    assert "/cohorte/conservation/" in message.body
    assert "Lefèvre" not in message.body + message.subject and "Hélène" not in message.body
    assert retention.retention_notices_send(on=D(2025, 12, 16)) == 0
    assert len(mail.outbox) == 1
    assert RetentionNotice.objects.get().due_on == D(2026, 1, 9)
    # a later contact moves the due date: a new notice for the new date
    FollowUpFactory(job_seeker=old_person, date=D(2024, 1, 20))
    assert retention.retention_notices_send(on=D(2025, 12, 28)) == 1
    assert len(mail.outbox) == 2


def test_the_daily_task_anonymises_what_is_due_and_announces_the_rest(old_person, territory, coordinator):
    from cohorts.tasks import apply_retention

    soon = JobSeekerFactory(
        territory=territory, entry_date=add_months(timezone.localdate(), -36) + datetime.timedelta(days=15)
    )
    result = apply_retention.delay().get()
    assert result == {"anonymised": 1, "candidates_anonymised": 0, "notified": 1, "imports_deleted": 0}
    old_person.refresh_from_db()
    soon.refresh_from_db()
    assert old_person.anonymised_on is not None and soon.anonymised_on is None
    assert f"fiche n° {soon.pk}" in mail.outbox[0].body
    assert apply_retention.delay().get() == {
        "anonymised": 0,
        "candidates_anonymised": 0,
        "notified": 0,
        "imports_deleted": 0,
    }


def test_the_retention_task_is_scheduled_and_registered():
    app.loader.import_default_modules()  # the worker's autodiscovery: alone (or first on an xdist worker) too
    entry = BEAT_SCHEDULE["cohorts-retention"]
    assert entry["task"] == "cohorts.apply_retention"
    assert entry["task"] in app.tasks


def test_stale_import_files_are_deleted(settings, db):
    default_storage.save("imports/vieux.csv", ContentFile(b"nom;prenom\nLefevre;Helene\n"))
    assert retention.stale_imports_delete(now=datetime.datetime.now(datetime.UTC)) == 0
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
    assert retention.stale_imports_delete(now=later) == 1
    assert not default_storage.exists("imports/vieux.csv")


# --- the coordinator's page -----------------------------------------------------------------------------
def test_the_page_lists_overdue_and_soon_due_files_for_the_coordinator_only(
    client, territory, old_person, coordinator, advisor, viewer, django_assert_max_num_queries
):
    today = timezone.localdate()
    soon = JobSeekerFactory(
        territory=territory,
        last_name="Bientôt",
        entry_date=add_months(today, -36) + datetime.timedelta(days=15),
    )
    later = JobSeekerFactory(territory=territory, last_name="Plustard", entry_date=today)
    client.force_login(coordinator)
    for n in range(5):
        JobSeekerFactory(territory=territory, entry_date=D(2022, 1, 3) + datetime.timedelta(days=n))
    with django_assert_max_num_queries(6, info="la page des échéances doit tenir en deux requêtes de liste"):
        html = client.get("/cohorte/conservation/").content.decode()
    assert "Lefèvre" in html and "Bientôt" in html and later.last_name not in html
    assert f"n° {soon.pk}" in html
    for user in (advisor, viewer):
        client.force_login(user)
        assert client.get("/cohorte/conservation/").status_code == 403


def test_an_anonymised_file_can_no_longer_be_edited(client, old_person, coordinator):
    retention.job_seeker_anonymise(job_seeker=old_person, reason=ErasureReason.RETENTION)
    client.force_login(coordinator)
    assert client.get(f"/cohorte/personnes/{old_person.pk}/modifier/").status_code == 403
    html = client.get(f"/cohorte/personnes/{old_person.pk}/").content.decode()
    assert "Anonymisée le" in html and "Lefèvre" not in html


def _old_people(old_person, n):
    people = []
    for index in range(n):
        person = JobSeekerFactory(
            territory=old_person.territory,
            cohort=old_person.cohort,
            qpv=old_person.qpv if index % 2 else None,
            qpv_exception_reason="" if index % 2 else "Relogée hors QPV",
            entry_date=D(2023, 1, 10),
            referent_organisation=old_person.referent_organisation,
        )
        full_file(person)
        people.append(person)
    return people


def test_the_nightly_run_is_set_based_whatever_the_number_of_files(old_person, django_assert_max_num_queries):
    """Issue 13: the first run over years of history had 15,120 files due, 23 queries each. Now a few queries per
    territory and per batch, whatever the number of files; each file ends exactly as the per-file erasure leaves it."""
    _old_people(old_person, 2)
    with django_assert_max_num_queries(16, info="anonymise_due: UPDATEs per batch, never per file") as small:
        assert len(retention.anonymise_due(on=D(2026, 6, 1))) == 3
    more = _old_people(old_person, 12)
    with django_assert_max_num_queries(len(small.captured_queries), info="anonymise_due grows with the files"):
        assert len(retention.anonymise_due(on=D(2026, 6, 1))) == 12
    for person in more:
        person.refresh_from_db()
        assert person.full_name == f"Personne anonymisée n° {person.pk}"
        assert person.search_name == normalise(f"n° {person.pk} Personne anonymisée")
        assert person.birth_date.month == person.birth_date.day == 1 and person.anonymised_on is not None
        assert person.qpv_exception_reason == ("" if person.qpv_id else retention.ERASED_QPV_EXCEPTION)
        assert set(FollowUp.objects.filter(job_seeker=person).values_list("summary", flat=True)) == {
            retention.ERASED_TEXT
        }
        assert (
            not Decision.objects.filter(job_seeker_link__job_seeker=person)
            .exclude(text=f"Décision concernant la personne anonymisée n° {person.pk}.")
            .exists()
        )
    assert AuditEntry.objects.filter(action=AuditAction.ANONYMISE).count() == 15


def test_people_identified_but_never_enrolled_are_anonymised_on_the_same_rule(territory, advisor):
    from cohorts.enums import CandidateStage
    from cohorts.models import Candidate

    from .factories import CandidateFactory

    stale = CandidateFactory(
        territory=territory, identified_by=advisor.organisation, identified_on=D(2024, 1, 10), phone="06 11 22 33 44"
    )
    recent_step = CandidateFactory(  # identified long ago, contacted 18 months ago: kept
        territory=territory,
        identified_by=advisor.organisation,
        identified_on=D(2024, 1, 10),
        stage=CandidateStage.CONTACTED,
        contacted_on=D(2024, 12, 1),
    )
    enrolled = CandidateFactory(
        territory=territory,
        identified_by=advisor.organisation,
        identified_on=D(2024, 1, 10),
        stage=CandidateStage.ENROLLED,
        decided_on=D(2024, 1, 20),
    )
    run = retention.retention_run(on=D(2026, 6, 1))
    assert [pk for _, pk, _ in run.candidates_anonymised] == [stale.pk]
    stale.refresh_from_db()
    assert stale.first_name == retention.PSEUDONYM_FIRST_NAME and stale.last_name == f"n° {stale.pk}"
    assert stale.phone == "" and stale.birth_date.month == 1 and stale.birth_date.day == 1
    assert stale.anonymised_on is not None
    assert Candidate.objects.get(pk=recent_step.pk).anonymised_on is None
    assert Candidate.objects.get(pk=enrolled.pk).anonymised_on is None
    assert retention.anonymise_candidates_due(on=D(2026, 6, 1)) == []  # idempotent
