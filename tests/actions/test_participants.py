"""Participants in bulk: enrol several people from a searchable list, remove one, promote from the waiting list,
record outcomes in one form; "parent isolé" read from the person's file."""

import pytest
from django.utils import timezone

from actions.models import Participation, ParticipationOutcome
from tests.actions.factories import ActionFactory, CohortFactory, JobSeekerFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(territory):
    action = ActionFactory(territory=territory, capacity=3, title="Par'Emploi")
    action.outcome_types.create(code="childcare_solution", label="Solution de garde")
    action.outcome_types.create(code="job", label="Retour à l'emploi")
    return action


def _people(territory, names, **extra):
    cohort = CohortFactory(territory=territory)  # the person's cohort is in her territory (database trigger)
    return [JobSeekerFactory(cohort=cohort, last_name=name, **extra) for name in names]


def test_several_people_enrolled_at_once_sorted_with_accents_and_waiting_list(client, coordinator, territory, action):
    people = _people(territory, ["Zola", "Élie", "Bernard", "Martin"])
    people[1].single_parent = True
    people[1].save()
    client.force_login(coordinator)
    html = client.get(f"/actions/{action.pk}/inscrire-plusieurs/").content.decode()
    assert html.index("BERNARD") < html.index("ÉLIE") < html.index("MARTIN") < html.index("ZOLA")
    assert 'data-filter-list="liste-personnes"' in html
    response = client.post(
        f"/actions/{action.pk}/inscrire-plusieurs/",
        {"job_seekers": [p.pk for p in people], "enrolled_on": "2026-03-02"},
        follow=True,
    )
    assert "3 participants inscrits, 1 sur liste d&#x27;attente" in response.content.decode() or (
        "3 participants inscrits, 1 sur liste d'attente" in response.content.decode()
    )
    participations = Participation.objects.filter(action=action)
    assert participations.count() == 4
    assert participations.get(job_seeker=people[1]).single_parent is True  # read from the file
    assert participations.filter(status="waiting").count() == 1


def test_remove_a_participant_and_promote_from_the_waiting_list(client, coordinator, territory, action):
    first, _second, _third, waiting = (
        ParticipationFactory(action=action, job_seeker=p, participant_label="")
        for p in _people(territory, ["A", "B", "C", "D"])
    )
    waiting.status = "waiting"
    waiting.save()
    client.force_login(coordinator)
    refused = client.post(f"/actions/{action.pk}/participants/{waiting.pk}/promouvoir/", follow=True)
    assert (
        "L&#x27;action est complète" in refused.content.decode() or "L'action est complète" in refused.content.decode()
    )
    client.post(f"/actions/{action.pk}/participants/{first.pk}/retirer/")
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.left_on == timezone.localdate()
    assert waiting.status == "enrolled"  # the waiting list moved up


def test_outcomes_of_many_participants_in_one_form(client, coordinator, territory, action):
    participations = [
        ParticipationFactory(action=action, job_seeker=p, participant_label="")
        for p in _people(territory, ["A", "B", "C"])
    ]
    client.force_login(coordinator)
    html = client.get(f"/actions/{action.pk}/resultats/").content.decode()
    assert html.count("<select") == 3
    response = client.post(
        f"/actions/{action.pk}/resultats/",
        {
            "achieved_on": "2026-04-01",
            f"resultat_{participations[0].pk}": "childcare_solution",
            f"resultat_{participations[1].pk}": "job",
            f"resultat_{participations[2].pk}": "",
        },
        follow=True,
    )
    assert "2 résultats enregistrés." in response.content.decode()
    assert ParticipationOutcome.objects.filter(participation__action=action).count() == 2
    detail = client.get(f"/actions/{action.pk}/").content.decode()
    assert "<select" not in detail  # no inline form per participant any more
