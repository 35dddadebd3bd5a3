"""Forms a coordinator and an advisor fill in every day: grouped, required fields marked, every error at once
with a summary linking to the fields, the entry situation asked once, dates of facts defaulting to today, and
choices that only offer valid values."""

import datetime
import re

import pytest
from django.utils import timezone

from cohorts.models import JobSeeker, Situation
from tests.cohorts.factories import BarrierFactory, JobSeekerFactory
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _enrolment(cohort, qpv_, organisation, **extra):
    data = {
        "cohort": cohort.pk,
        "last_name": "Martin",
        "first_name": "Inès",
        "birth_date": "1994-03-02",
        "sex": "F",
        "commune": "Angers",
        "qpv": qpv_.pk,
        "referent_organisation": organisation.pk,
        "entry_date": "2026-02-02",
        "entry_situation": "job_seeking",
        "consent_recorded_on": "2026-02-01",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_the_enrolment_form_is_grouped_and_marks_required_fields(client, coordinator, cohort):
    client.force_login(coordinator)
    html = client.get("/cohorte/inscrire/").content.decode()
    legends = re.findall(r"<legend>(.*?)</legend>", html)
    assert legends == [
        "Identité",
        "Coordonnées",
        "Quartier prioritaire",
        "Inscription et suivi",
        "Consentement",
        "Profil à l&#x27;entrée (FSE+)",
    ]
    assert "Les champs marqués d&#x27;un astérisque" in html or "Les champs marqués d'un astérisque" in html
    # the wrapper of a required field carries the marker class, an optional one does not
    assert re.search(r'<div class="mb-3 required">\s*<label class="form-label" for="id_last_name"', html)
    assert not re.search(r'<div class="mb-3 required">\s*<label class="form-label" for="id_phone"', html)


def test_every_error_at_once_with_a_summary_linking_to_the_fields(client, coordinator, cohort, qpv, advisor):
    existing = JobSeekerFactory(territory=cohort.territory, cohort=cohort, france_travail_id="1234567A")
    client.force_login(coordinator)
    response = client.post(
        "/cohorte/inscrire/",
        _enrolment(
            cohort,
            qpv,
            advisor.organisation,
            birth_date="31/02/1994",
            consent_recorded_on="",
            qpv="",
            france_travail_id="1234567A",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    summary = html[html.index('id="resume-erreurs"') : html.index("</div>", html.index('id="resume-erreurs"'))]
    # shape errors (bad date, missing consent) and enrolment rules (QPV, duplicate) in the same round trip
    assert 'href="#id_birth_date"' in summary
    assert 'href="#id_consent_recorded_on"' in summary
    assert 'href="#id_qpv"' in summary
    # the duplicate is reported in the same round trip, naming whom to contact, never where her file is (integ's
    # security rule: the caller may not be allowed to see it)
    assert "la coordination" in html
    assert existing.get_absolute_url() not in html
    # fields without error are not turned green
    assert "is-valid" not in html
    assert 'class="form-control is-invalid"' in html or "is-invalid" in html
    assert JobSeeker.objects.count() == 1


def test_the_entry_situation_is_asked_once_and_fills_the_entry_milestone(client, coordinator, cohort, qpv, advisor):
    client.force_login(coordinator)
    response = client.post(
        "/cohorte/inscrire/", _enrolment(cohort, qpv, advisor.organisation, entry_situation="other_training")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person = JobSeeker.objects.get(last_name="Martin")
    situation = Situation.objects.get(job_seeker=person)
    assert (situation.date, situation.situation) == (datetime.date(2026, 2, 2), "other_training")
    entry = person.milestones([situation.date], today=datetime.date(2026, 3, 1))[0]
    assert entry.recorded
    edit = client.get(f"/cohorte/personnes/{person.pk}/modifier/").content.decode()
    assert "id_entry_situation" not in edit
    file = client.get(person.get_absolute_url()).content.decode()
    entry_line = re.search(r"<li>À l&#x27;entrée \(02/02/2026\) :(.*?)</li>", file, re.S).group(1)
    assert "renseigné" in entry_line and "à renseigner" not in entry_line  # asked once, at enrolment


def test_an_entry_situation_not_given_is_offered_once_on_the_file(client, coordinator, person):
    """An imported person has no situation at entry: the file's milestone links to the form, dated at entry."""
    client.force_login(coordinator)
    file = client.get(person.get_absolute_url()).content.decode()
    entry = person.entry_date.isoformat()
    link = f"/cohorte/personnes/{person.pk}/situations/nouvelle/?date={entry}"
    assert file.count(link) == 1
    form = client.get(link).content.decode()
    assert f'value="{entry}"' in form
    response = client.post(link, {"date": entry, "situation": "job_seeking"})
    assert response.status_code == 302
    assert link not in client.get(person.get_absolute_url()).content.decode()
    bad = client.get(f"/cohorte/personnes/{person.pk}/situations/nouvelle/?date=pas-une-date")
    assert bad.status_code == 200  # an unreadable date: the usual default (today)


def test_dates_of_facts_default_to_today(client, advisor, person):
    client.force_login(advisor)
    today = timezone.localdate().isoformat()
    for url, field in [
        ("/cohorte/inscrire/", "entry_date"),
        ("/cohorte/inscrire/", "consent_recorded_on"),
        (f"/cohorte/personnes/{person.pk}/suivis/nouveau/", "date"),
        (f"/cohorte/personnes/{person.pk}/freins/nouveau/", "identified_on"),
        (f"/cohorte/personnes/{person.pk}/situations/nouvelle/", "date"),
    ]:
        html = client.get(url).content.decode()
        assert re.search(rf'name="{field}" value="{today}"', html) or re.search(
            rf'value="{today}"[^>]*name="{field}"', html
        ), (url, field)


def test_barrier_states_offered_are_the_transitions_from_the_current_state(client, advisor, person):
    client.force_login(advisor)
    barrier = BarrierFactory(job_seeker=person, status="in_progress")
    html = client.get(f"/cohorte/personnes/{person.pk}/freins/{barrier.pk}/").content.decode()
    options = re.findall(r'<option value="(\w+)"', html)
    assert options == ["in_progress", "lifted", "not_lifted", "abandoned"]  # "inchangé" first, never "identified"
    lifted = BarrierFactory(job_seeker=person, status="lifted", lifted_on=datetime.date(2026, 3, 1))
    response = client.get(f"/cohorte/personnes/{person.pk}/freins/{lifted.pk}/", follow=True)
    assert "est levé : son état ne change plus" in response.content.decode()


def test_referents_are_advisors_of_the_chosen_organisation_never_the_prefecture(
    client, coordinator, territory, cohort, qpv, advisor
):
    prefecture = OrganisationFactory(territory=territory, prefecture=True, name="Préfecture de Maine-et-Loire")
    dreets = OrganisationFactory(territory=territory, kind="dreets", name="DREETS Pays de la Loire")
    other = OrganisationFactory(territory=territory, name="Cap emploi 49")
    other_advisor = UserFactory(advisor=True, organisation=other)
    client.force_login(coordinator)
    html = client.get("/cohorte/inscrire/").content.decode()
    assert prefecture.name not in html and dreets.name not in html
    response = client.post(
        "/cohorte/inscrire/", _enrolment(cohort, qpv, advisor.organisation, referent=other_advisor.pk)
    )
    assert "n&#x27;appartient pas à" in response.content.decode() or "n'appartient pas à" in response.content.decode()
    assert not JobSeeker.objects.exists()


def test_referent_options_name_their_organisation_for_the_filtering_script(client, coordinator, cohort, advisor):
    client.force_login(coordinator)
    html = client.get("/cohorte/inscrire/").content.decode()
    assert 'data-filtered-by="id_referent_organisation"' in html
    assert re.search(rf'<option value="{advisor.pk}" data-organisation="{advisor.organisation_id}"', html)
