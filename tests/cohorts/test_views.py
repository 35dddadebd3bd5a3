import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from cohorts.models import FollowUp, JobSeeker
from partners.enums import AuditAction
from partners.models import AuditEntry
from tests.factories import UserFactory

from .factories import BarrierFactory, FollowUpFactory, JobSeekerFactory, SituationFactory, TeamMemberFactory

D = datetime.date


def _populate(person, n):
    """n more people with follow-ups, barriers and situations, all visible to the person's referent."""
    for _ in range(n):
        other = JobSeekerFactory(
            territory=person.territory,
            cohort=person.cohort,
            qpv=person.qpv,
            referent_organisation=person.referent_organisation,
            referent=person.referent,
        )
        FollowUpFactory(job_seeker=other, next_step="Relancer", next_step_due=D(2026, 4, 1))
        BarrierFactory(job_seeker=other)
        SituationFactory(job_seeker=other)
        FollowUpFactory(job_seeker=person)
        BarrierFactory(job_seeker=person)
        SituationFactory(job_seeker=person)


@pytest.mark.parametrize("role", ["viewer", "admin"])
def test_viewers_and_admins_get_403_on_every_personal_page(client, territory, person, role):
    client.force_login(UserFactory(role=role, organisation__territory=territory))
    for url in ["/cohorte/", f"/cohorte/personnes/{person.pk}/", "/cohorte/export.csv", "/cohorte/inscrire/"]:
        assert client.get(url).status_code == 403, url


def test_people_out_of_reach_are_404(client, person, ml_advisor, other_coordinator):
    for user in (ml_advisor, other_coordinator):
        client.force_login(user)
        assert client.get(f"/cohorte/personnes/{person.pk}/").status_code == 404
        assert client.get(f"/cohorte/personnes/{person.pk}/suivis/nouveau/").status_code == 404
        assert person.last_name not in client.get("/cohorte/").content.decode()


def test_opening_a_file_is_audited_and_the_coordinator_sees_who(client, person, advisor, coordinator):
    client.force_login(advisor)
    assert client.get(f"/cohorte/personnes/{person.pk}/").status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert (entry.actor, entry.object_id, entry.content_type) == (
        advisor,
        str(person.pk),
        ContentType.objects.get_for_model(JobSeeker),
    )
    html = client.get(f"/cohorte/personnes/{person.pk}/").content.decode()
    assert "Accès et modifications de la fiche" not in html
    client.force_login(coordinator)
    html = client.get(f"/cohorte/personnes/{person.pk}/").content.decode()
    assert "Accès et modifications de la fiche" in html and advisor.get_full_name() in html


def test_file_shows_notes_and_health_data_only_to_those_allowed(client, person, advisor, ml_advisor, coordinator):
    TeamMemberFactory(job_seeker=person, organisation=ml_advisor.organisation)
    FollowUpFactory(
        job_seeker=person, author=advisor, summary="Synthèse partagée FT", confidential_note="Note FT secrète"
    )
    cases = [(advisor, True, True), (ml_advisor, False, False), (coordinator, False, True)]
    for user, sees_note, sees_health in cases:
        client.force_login(user)
        html = client.get(f"/cohorte/personnes/{person.pk}/").content.decode()
        assert "Synthèse partagée FT" in html
        assert ("Note FT secrète" in html) is sees_note, user
        assert ("data-sensitive" in html) is sees_health, user


def test_search_finds_a_name_despite_accents_and_case(client, person, advisor):
    client.force_login(advisor)
    for query in ["helene", "LEFEVRE", "lefèvre hél", "Hélène"]:
        html = client.get("/cohorte/", {"q": query}).content.decode()
        assert f"/cohorte/personnes/{person.pk}/" in html, query
    assert f"/cohorte/personnes/{person.pk}/" not in client.get("/cohorte/", {"q": "martin"}).content.decode()


def test_list_filters(client, person, coordinator, territory):
    other = JobSeekerFactory(territory=territory, cohort=person.cohort)
    BarrierFactory(job_seeker=person, category="childcare")
    client.force_login(coordinator)
    html = client.get("/cohorte/", {"barrier_category": "childcare"}).content.decode()
    assert f"/personnes/{person.pk}/" in html and f"/personnes/{other.pk}/" not in html
    html = client.get("/cohorte/", {"qpv": person.qpv_id}).content.decode()
    assert f"/personnes/{other.pk}/" not in html
    html = client.get("/cohorte/", {"referent": person.referent_id}).content.decode()
    assert f"/personnes/{person.pk}/" in html and f"/personnes/{other.pk}/" not in html


@pytest.mark.parametrize("page_size", [25, 200])
def test_cohort_list_runs_in_bounded_queries(client, person, advisor, django_assert_max_num_queries, page_size):
    client.force_login(advisor)
    _populate(person, 3)
    with django_assert_max_num_queries(
        9,
        info="La liste doit annoter statut, situation et freins en une requête (+ 4 listes de filtres et 2 pour "
        "l'appareil de double authentification, à froid).",
    ):
        client.get("/cohorte/", {"page_size": page_size})
    _populate(person, 15)
    with django_assert_max_num_queries(
        2,
        info="L'utilisatrice, puis les lignes de la page avec leur compte (COUNT(*) OVER ()) : la session, l'appareil de double authentification (partners.two_factor) "
        "et les listes des filtres (cohorts.selectors.filter_choices) viennent du cache ; le nombre de requêtes ne "
        "croît pas avec les personnes.",
    ):
        response = client.get("/cohorte/", {"page_size": page_size})
    assert response.status_code == 200


def test_file_runs_in_bounded_queries(client, person, advisor, django_assert_max_num_queries):
    client.force_login(advisor)
    _populate(person, 2)
    # the access log entry and its filing: one statement on PostgreSQL, two elsewhere; the first call also reads
    # the two-factor devices and the content type (cached afterwards)
    budget = 13 if connection.vendor == "postgresql" else 14
    with django_assert_max_num_queries(
        budget + 3, info="La fiche charge suivis, freins, transitions et situations d'un bloc."
    ):
        client.get(f"/cohorte/personnes/{person.pk}/")
    _populate(person, 12)
    with django_assert_max_num_queries(budget, info="La fiche ne doit pas croître avec les suivis ni les freins."):
        assert client.get(f"/cohorte/personnes/{person.pk}/").status_code == 200


def test_my_people_runs_in_bounded_queries_and_shows_what_is_due(
    client, person, advisor, django_assert_max_num_queries
):
    client.force_login(advisor)
    _populate(person, 10)
    with django_assert_max_num_queries(10, info="« Mes personnes » : une requête annotée + les situations."):
        html = client.get("/cohorte/mes-personnes/").content.decode()
    assert "en retard" in html and "À 6 mois" in html and "plus de 30 jours" in html


def test_advisor_logs_a_follow_up_and_sees_it_on_the_timeline(client, person, advisor):
    client.force_login(advisor)
    response = client.post(
        f"/cohorte/personnes/{person.pk}/suivis/nouveau/",
        {
            "date": "2026-11-20",
            "kind": "phone_call",
            "summary": "Appel de suivi",
            "next_step": "Envoyer le CV",
            "next_step_due": "2026-11-30",
            "author": "999",
            "organisation": "999",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Suivi enregistré." in html and "Appel de suivi" in html and "Envoyer le CV" in html
    follow_up = FollowUp.objects.get()
    assert (follow_up.author, follow_up.organisation) == (advisor, advisor.organisation)


def test_forms_keep_what_was_typed_and_say_why_in_french(client, person, advisor):
    client.force_login(advisor)
    response = client.post(
        f"/cohorte/personnes/{person.pk}/suivis/nouveau/",
        {"date": "2026-11-20", "kind": "phone_call", "summary": "Texte saisi", "next_step_due": "2026-11-30"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "décrivez l&#x27;étape" in html and "Texte saisi" in html


def test_enrolment_of_a_duplicate_says_whom_to_contact_without_a_link(client, person, advisor, cohort, qpv):
    client.force_login(advisor)
    response = client.post(
        "/cohorte/inscrire/",
        {
            "cohort": cohort.pk,
            "last_name": "LEFEVRE",
            "first_name": "helene",
            "birth_date": person.birth_date.isoformat(),
            "sex": "F",
            "qpv": qpv.pk,
            "entry_date": "2026-11-02",
            "consent_recorded_on": "2026-11-02",
        },
    )
    html = response.content.decode()
    assert "déjà inscrite" in html and f"/cohorte/personnes/{person.pk}/" not in html
    assert 'value="LEFEVRE"' in html
    assert JobSeeker.objects.count() == 1


def test_export_is_audited_and_personal_columns_follow_the_role(client, person, advisor, ml_advisor):
    TeamMemberFactory(job_seeker=person, organisation=ml_advisor.organisation)
    client.force_login(ml_advisor)
    csv = client.get("/cohorte/export.csv").content.decode("utf-8-sig")
    header, row = csv.splitlines()[:2]
    assert "Nom" in header and "Lefèvre" in row
    assert row.endswith(";")  # RQTH left empty: not the referent organisation
    anonymous = client.get("/cohorte/export.csv", {"anonyme": "1"}).content.decode("utf-8-sig")
    assert "Lefèvre" not in anonymous and "Date de naissance" not in anonymous
    client.force_login(advisor)
    assert client.get("/cohorte/export.csv").content.decode("utf-8-sig").splitlines()[1].endswith(";oui")
    response = client.get("/cohorte/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 4


def test_coordinator_manages_the_team(client, person, coordinator, mission_locale, ml_advisor):
    client.force_login(coordinator)
    response = client.post(f"/cohorte/personnes/{person.pk}/equipe/", {"organisation": mission_locale.pk}, follow=True)
    assert "Organisation ajoutée" in response.content.decode()
    client.force_login(ml_advisor)
    assert client.get(f"/cohorte/personnes/{person.pk}/").status_code == 200
    assert client.get(f"/cohorte/personnes/{person.pk}/equipe/").status_code == 403


def test_early_exit_page(client, person, advisor):
    client.force_login(advisor)
    response = client.post(
        f"/cohorte/personnes/{person.pk}/sortie/", {"left_early_on": "2026-06-01", "left_early_reason": ""}
    )
    assert "Indiquez le motif" in response.content.decode()
    client.post(
        f"/cohorte/personnes/{person.pk}/sortie/", {"left_early_on": "2026-06-01", "left_early_reason": "gave_up"}
    )
    person.refresh_from_db()
    assert person.left_early_reason == "gave_up"


def test_timeline_shows_the_actions_the_person_takes_part_in(client, person, coordinator):
    from tests.actions.factories import ActionFactory, ParticipationFactory

    action = ActionFactory(territory=person.territory, title="Par'Emploi")
    ParticipationFactory(action=action, job_seeker=person, enrolled_on=D(2026, 4, 1))
    client.force_login(coordinator)
    html = client.get(f"/cohorte/personnes/{person.pk}/").content.decode()
    assert "Entrée dans l&#x27;action « Par&#x27;Emploi »" in html


def test_my_people_sorts_and_filters_by_what_is_due(client, advisor, cohort, qpv):
    today = timezone.localdate()
    late = JobSeekerFactory(
        cohort=cohort,
        qpv=qpv,
        territory=cohort.territory,
        last_name="Zola",
        referent=advisor,
        referent_organisation=advisor.organisation,
        entry_date=today - datetime.timedelta(days=60),
    )
    calm = JobSeekerFactory(
        cohort=cohort,
        qpv=qpv,
        territory=cohort.territory,
        last_name="Abel",
        referent=advisor,
        referent_organisation=advisor.organisation,
        entry_date=today - datetime.timedelta(days=60),
    )
    FollowUpFactory(
        job_seeker=late,
        date=today - datetime.timedelta(days=5),
        author=advisor,
        next_step="Rappeler",
        next_step_due=today - datetime.timedelta(days=2),
    )
    FollowUpFactory(
        job_seeker=calm,
        date=today - datetime.timedelta(days=3),
        author=advisor,
        next_step="Atelier CV",
        next_step_due=today + datetime.timedelta(days=20),
    )
    client.force_login(advisor)
    html = client.get("/cohorte/mes-personnes/").content.decode()
    assert html.index("ZOLA") < html.index("ABEL")  # what is late comes first
    by_name = client.get("/cohorte/mes-personnes/?tri=nom").content.decode()
    assert by_name.index("ABEL") < by_name.index("ZOLA")
    only_late = client.get("/cohorte/mes-personnes/?afficher=en-retard").content.decode()
    assert "ZOLA" in only_late and "ABEL" not in only_late
    assert '<option value="en-retard" selected>' in only_late


def test_the_xlsx_export_has_widths_filters_real_dates_and_french_labels(client, coordinator, person):
    import io

    from openpyxl import load_workbook

    client.force_login(coordinator)
    response = client.get("/cohorte/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert sheet.auto_filter.ref and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width > 8
    entry = sheet.cell(row=2, column=header.index("Date d'entrée") + 1)
    assert isinstance(entry.value, datetime.datetime | datetime.date) and entry.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=2, column=header.index("Sexe") + 1).value in {"Femme", "Homme", "Autre ou non précisé"} or (
        sheet.cell(row=2, column=header.index("Sexe") + 1).value not in {"F", "M", "X"}
    )


def test_the_cohort_list_sorts_by_column_keeps_filters_and_shows_its_page_size(client, coordinator, cohort, qpv):
    JobSeekerFactory(territory=cohort.territory, cohort=cohort, qpv=qpv, last_name="Zidane")
    JobSeekerFactory(territory=cohort.territory, cohort=cohort, qpv=qpv, last_name="Ézéchiel")
    JobSeekerFactory(territory=cohort.territory, cohort=cohort, qpv=qpv, last_name="Bernard")
    client.force_login(coordinator)
    html = client.get("/cohorte/").content.decode()
    assert '<option value="50" selected>' in html  # 50 rows shown, 50 selected
    ascending = client.get(f"/cohorte/?cohort={cohort.pk}&tri=nom").content.decode()
    assert ascending.index("BERNARD") < ascending.index("ÉZÉCHIEL") < ascending.index("ZIDANE")  # accents sorted
    assert 'aria-sort="ascending"' in ascending
    assert f"?cohort={cohort.pk}&amp;tri=-nom" in ascending  # filters kept, direction flips
    assert '<option value="50" selected>' in ascending
    descending = client.get(f"/cohorte/?cohort={cohort.pk}&tri=-nom").content.decode()
    assert descending.index("ZIDANE") < descending.index("BERNARD")
