"""Impossible dates are refused with a French message on the field, in pages, API and imports (issue 10, point 5)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cohorts import retention, services
from cohorts.imports import build_preview, read_rows
from cohorts.models import FollowUp, JobSeeker, Situation

from .factories import BarrierFactory, CohortFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture
def enrolment(cohort, qpv, advisor):
    return {
        "cohort": cohort.pk,
        "last_name": "Morel",
        "first_name": "Inès",
        "birth_date": "1990-04-12",
        "sex": "F",
        "qpv": qpv.pk,
        "referent_organisation": advisor.organisation.pk,
        "entry_date": "2026-03-02",
        "consent_recorded_on": "2026-03-01",
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"entry_date": "9999-06-01", "consent_recorded_on": "2026-03-01"}, "entry_date", "doit être en 2026"),
        ({"entry_date": "9999-12-31", "consent_recorded_on": "2026-03-01"}, "entry_date", "doit être en 2026"),
        ({"entry_date": "2031-06-01"}, "entry_date", "doit être en 2026"),
        ({"birth_date": "1800-01-01"}, "birth_date", "de 16 à 70 ans"),
        ({"birth_date": "2021-01-01"}, "birth_date", "Âge à l'entrée de 5 ans"),
        ({"consent_recorded_on": "2026-03-20"}, "consent_recorded_on", "avant l'entrée dans la cohorte"),
    ],
)
def test_api_refuses_impossible_enrolment_dates_with_a_400(api_as, advisor, enrolment, changes, field, message):
    response = api_as(advisor).post("/api/v1/job-seekers/", {**enrolment, **changes})
    assert response.status_code == 400, response.content
    assert message in " ".join(response.json()[field])
    assert not JobSeeker.objects.exists()


def test_page_shows_the_message_on_the_field_and_keeps_the_input(client, advisor, enrolment):
    client.force_login(advisor)
    # the page also asks the entry situation (recorded as the first situation, daily's enrolment form)
    response = client.post(
        "/cohorte/inscrire/", {**enrolment, "entry_situation": "job_seeking", "entry_date": "9999-06-01"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "doit être en 2026" in html and 'value="Morel"' in html
    assert not JobSeeker.objects.exists()


def test_a_cohort_year_is_plausible(coordinator):
    with pytest.raises(ValidationError) as error:
        services.cohort_create(
            actor=coordinator, label="Cohorte 9999", year=9999, start_date=datetime.date(9999, 1, 1), target_size=90
        )
    assert "year" in error.value.message_dict


def test_facts_cannot_be_in_the_future(api_as, advisor, person):
    client = api_as(advisor)
    follow_up = client.post(
        "/api/v1/follow-ups/",
        {"job_seeker": person.pk, "date": "9999-12-31", "kind": "phone_call", "summary": "Appel"},
    )
    assert follow_up.status_code == 400 and "dans le futur" in follow_up.json()["date"][0]
    situation = client.post("/api/v1/situations/", {"job_seeker": person.pk, "date": "2028-03-02", "situation": "cdi"})
    assert situation.status_code == 400 and "dans le futur" in situation.json()["date"][0]
    barrier = client.post(
        "/api/v1/barriers/", {"job_seeker": person.pk, "category": "mobility", "identified_on": TOMORROW.isoformat()}
    )
    assert barrier.status_code == 400 and "dans le futur" in str(barrier.json())
    assert not FollowUp.objects.exists() and not Situation.objects.exists()


def test_a_barrier_change_cannot_be_dated_in_the_future(advisor, person):
    barrier = BarrierFactory(job_seeker=person)
    with pytest.raises(ValidationError, match="dans le futur"):
        services.barrier_update(actor=advisor, barrier=barrier, status="in_progress", on=TOMORROW)


def test_page_refuses_a_future_follow_up(client, advisor, person):
    client.force_login(advisor)
    response = client.post(
        f"/cohorte/personnes/{person.pk}/suivis/nouveau/",
        {"date": "9999-12-31", "kind": "phone_call", "summary": "Texte saisi"},
    )
    assert response.status_code == 200
    assert "dans le futur" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_import_reports_impossible_dates_on_their_line(coordinator, cohort, qpv, advisor):
    org = advisor.organisation.short_name
    header = "Nom;Prénom;Date de naissance;Sexe;QPV;Organisation référente;Date d'entrée;Date du consentement\n"
    content = (
        header
        + f"Durand;Léa;01/01/1800;F;Monplaisir;{org};02/03/2026;01/03/2026\n"
        + f"Petit;Zoé;01/01/1990;F;Monplaisir;{org};01/06/9999;01/03/2026\n"
        + f"Roux;Anna;01/01/1990;F;Monplaisir;{org};02/03/2026;20/03/2026\n"
    ).encode()
    preview = build_preview(actor=coordinator, cohort=cohort, rows=read_rows("x.csv", content))
    errors = {error.line: error.reason for error in preview.errors}
    assert "de 16 à 70 ans" in errors[2]
    assert "doit être en 2026" in errors[3]
    assert "avant l'entrée" in errors[4]
    assert not preview.to_create


def test_far_future_fact_never_blocks_the_anonymisation(person):
    """A follow-up typed 9999-12-31 before the rule existed: the due date stays computable."""
    expected = retention.with_retention_dates(JobSeeker.objects.filter(pk=person.pk)).get().anonymise_on
    FollowUp.objects.create(
        job_seeker=person,
        date=datetime.date(9999, 12, 31),
        kind="phone_call",
        summary="x",
        organisation_id=person.referent_organisation_id,
    )
    Situation.objects.create(job_seeker=person, date=datetime.date(9999, 12, 31), situation="cdi")
    anonymise_on = retention.with_retention_dates(JobSeeker.objects.filter(pk=person.pk)).get().anonymise_on
    assert anonymise_on is not None and anonymise_on == expected


def test_cohort_of_another_year_bounds_the_entry(advisor, cohort, qpv, territory):
    other = CohortFactory(territory=territory, year=2025)
    with pytest.raises(ValidationError) as error:
        services.job_seeker_enrol(
            actor=advisor,
            cohort=other,
            last_name="Blanc",
            first_name="Jade",
            birth_date=datetime.date(1995, 1, 1),
            sex="F",
            qpv=qpv,
            entry_date=datetime.date(2026, 3, 2),
            consent_recorded_on=datetime.date(2026, 3, 1),
        )
    assert "doit être en 2025" in error.value.message_dict["entry_date"][0]


def test_a_legacy_far_future_entry_date_neither_crashes_nor_nulls_the_due_date(person, territory):
    """An entry typed 9998-06-01 before the rules: the retention queries still run and give a date."""
    JobSeeker.objects.filter(pk=person.pk).update(
        entry_date=datetime.date(9998, 6, 1), follow_up_end_date=datetime.date(9999, 5, 31)
    )
    person.refresh_from_db()
    assert retention.with_retention_dates(JobSeeker.objects.filter(pk=person.pk)).get().anonymise_on == (
        retention.LAST_DATE
    )
    assert list(retention.due_for_anonymisation(territory)) == []


def test_patching_an_entry_date_to_9999_is_a_400(api_as, advisor, person):
    response = api_as(advisor).patch(f"/api/v1/job-seekers/{person.pk}/", {"entry_date": "9999-12-31"})
    assert response.status_code == 400 and "doit être en 2026" in response.json()["entry_date"][0]


def test_a_future_situation_records_no_milestone(person):
    """A situation typed in 2028 before the rules does not mark the 12-month milestone as recorded."""
    today = datetime.date(2026, 11, 30)
    states = {state.milestone: state for state in person.milestones([datetime.date(2027, 3, 1)], today=today)}
    assert not states["twelve_months"].recorded
