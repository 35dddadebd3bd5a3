"""Item 5 of issue 14: an action's outcome types carry the national class they count as, so its results add up with
the cohort's classes (emploi durable / de transition / sortie positive / autre)."""

import importlib

import pytest

from actions.forms import ActionForm
from actions.models import OutcomeType
from actions.selectors import action_indicators, protected_indicators
from tests.actions.factories import ActionFactory, ParticipationFactory, ParticipationOutcomeFactory

pytestmark = pytest.mark.django_db

classify = importlib.import_module("actions.migrations.0007_classify_existing_outcome_types")


def test_the_data_migration_reads_known_codes_and_labels():
    assert classify.national_class("employment_or_training", "Retour à l'emploi ou en formation") == "sortie_positive"
    assert classify.national_class("x", "Signature d'un CDI") == "emploi_durable"
    assert classify.national_class("x", "Solution de garde pérenne") == "autre"


def test_results_add_up_by_class_and_viewers_read_them_under_secrecy(territory, api_as, coordinator, viewer):
    action = ActionFactory(territory=territory, outcome_types=[("cdi", "CDI signé"), ("garde", "Garde trouvée")])
    OutcomeType.objects.filter(action=action, code="cdi").update(national_class="emploi_durable")
    cdi, garde = OutcomeType.objects.get(code="cdi"), OutcomeType.objects.get(code="garde")
    for i in range(7):
        p = ParticipationFactory(action=action)
        ParticipationOutcomeFactory(participation=p, outcome_type=cdi if i < 6 else garde)
    indicators = action_indicators(action)
    assert indicators.outcomes_by_class == {
        "emploi_durable": 6,
        "emploi_de_transition": 0,
        "sortie_positive": 0,
        "autre": 1,
    }
    public = protected_indicators(indicators)
    assert public.outcomes_by_class["autre"] == "< 5"
    assert public.outcomes_by_class["emploi_durable"] == 6
    body = api_as(viewer).get(f"/api/v1/actions/{action.pk}/indicators/").json()
    assert body["outcomes_by_class"]["autre"] == "< 5"
    assert api_as(coordinator).get(f"/api/v1/actions/{action.pk}/indicators/").json()["outcomes_by_class"]["autre"] == 1


def test_the_form_takes_the_class_at_the_end_of_the_line(territory, coordinator):
    action = ActionFactory(territory=territory, lead_organisation=coordinator.organisation)
    data = {
        "title": "Action",
        "lead_organisation": coordinator.organisation_id,
        "start_date": "2026-03-01",
        "outcome_types_text": "Retour à l'emploi [emploi durable]\nGarde trouvée",
    }
    form = ActionForm(data, instance=action, user=coordinator)
    assert form.is_valid(), form.errors
    assert form.outcome_types()[0]["national_class"] == "emploi_durable"
    assert form.outcome_types()[1]["national_class"] == "autre"
    bad = ActionForm(data | {"outcome_types_text": "Emploi [durable peut-être]"}, instance=action, user=coordinator)
    assert not bad.is_valid() and "Classe inconnue" in str(bad.errors["outcome_types_text"])
