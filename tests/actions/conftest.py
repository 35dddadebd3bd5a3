import pytest

from tests.actions.factories import ActionFactory, EnvelopeFactory

PAREMPLOI_OUTCOMES = [
    ("temporary_childcare", "Solution de garde temporaire"),
    ("permanent_childcare", "Solution de garde pérenne"),
    ("childminder", "Accueil chez une assistante maternelle"),
    ("employment_or_training", "Retour à l'emploi ou en formation"),
]


@pytest.fixture
def action(territory, coordinator):
    return ActionFactory(
        territory=territory,
        title="Par'Emploi",
        lead_organisation=coordinator.organisation,
        outcome_types=PAREMPLOI_OUTCOMES,
        fse_plus_cofunded=True,
    )


@pytest.fixture
def envelope(territory):
    return EnvelopeFactory(territory=territory, year=2026)
