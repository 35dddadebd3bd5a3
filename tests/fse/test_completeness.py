"""The completeness check before the declaration: who is missing what, each with a link to her form; the six-month
reminders when a check is due and the history does not answer."""

import datetime

import pytest
from django.core import mail

from fse.reminders import six_month_reminders_send
from fse.selectors import participant_rows

pytestmark = pytest.mark.django_db


def test_the_check_lists_who_misses_what_with_links(client, coordinator, scenario):
    client.force_login(coordinator)
    base = f"/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/"
    response = client.get(base + "completude/")
    assert response.status_code == 200
    sections = {label: [r.participation.pk for r in rows] for label, _key, rows in response.context["by_missing"]}
    assert sections["identité (participant enregistré sous pseudonyme)"] == [scenario.famille.pk]
    # Famille 12 has no entry data at all; Dan's file has no status nor education level
    assert sections["situation sur le marché du travail à l'entrée"] == [scenario.famille.pk, scenario.dan.pk]
    assert sections["niveau d'études"] == [scenario.famille.pk, scenario.dan.pk]
    assert sections["sexe"] == [scenario.famille.pk]
    # Dan's and Famille 12's sensitive characteristics were never asked
    assert scenario.dan.pk in sections["caractéristiques sensibles non demandées"]
    # Bruno's qualification upon leaving is not in his history; Alice has everything
    assert sections["résultats à la sortie"] == [scenario.bruno.pk]
    assert sections["situation 6 mois après la sortie"] == [scenario.bruno.pk]  # « improved » is typed, never read
    assert scenario.alice.pk not in {pk for rows in sections.values() for pk in rows}
    page = response.content.decode()
    assert f'href="{base}participants/{scenario.dan.pk}/"' in page


def test_filling_the_form_clears_the_line(client, coordinator, scenario):
    client.force_login(coordinator)
    base = f"/actions/{scenario.action.pk}/fse/{scenario.operation.pk}/"
    response = client.post(
        base + f"participants/{scenario.dan.pk}/",
        {"labour_market_status": "inactive", "education_level": "isced_0_2", "leaving_employed": "oops"},
    )
    assert response.status_code == 200  # invalid choice: nothing lost, a French message
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert 'value="inactive" selected' in response.content.decode()
    response = client.post(
        base + f"participants/{scenario.dan.pk}/", {"labour_market_status": "inactive", "education_level": "isced_0_2"}
    )
    assert response.status_code == 302
    rows = {r.participation.pk: r for r in participant_rows(scenario.operation)}
    assert rows[scenario.dan.pk].counted
    assert "labour_market_status" not in rows[scenario.dan.pk].missing


def test_the_api_filters_complete_and_incomplete(api_as, coordinator, scenario):
    url = f"/api/v1/fse-operations/{scenario.operation.pk}/participants/"
    complete = api_as(coordinator).get(url + "?complete=true").json()
    assert [r["participation"] for r in complete["results"]] == [scenario.alice.pk, scenario.chloe.pk]
    assert api_as(coordinator).get(url + "?complete=false").json()["count"] == 3
    bad = api_as(coordinator).get(url + "?complete=peut-etre")
    assert bad.status_code == 400 and "complete" in bad.json()


def test_six_month_reminders_are_sent_once_with_a_link_and_no_name(coordinator, scenario):
    sent = six_month_reminders_send(on=datetime.date(2025, 11, 5))
    assert sent == 1  # Bruno: six months on 31 Oct, « improved » missing (Alice's check is recorded)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "completude" in body and "Leroy" not in body and "Bruno" not in body
    assert six_month_reminders_send(on=datetime.date(2025, 11, 6)) == 0
    assert len(mail.outbox) == 1
