"""A referral scenario: Nadia, referred by the Mission locale, is referred on to Cap emploi; France Travail does
not follow her. Fake data only."""

import pytest

from tests.cohorts.factories import CohortFactory, JobSeekerFactory, QPVFactory
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def mission_locale(territory):
    return OrganisationFactory(
        territory=territory, name="Mission locale angevine", short_name="Mission locale", kind="mission_locale"
    )


@pytest.fixture
def cap_emploi(territory):
    return OrganisationFactory(
        territory=territory, name="Cap emploi Maine-et-Loire", short_name="Cap emploi", kind="cap_emploi"
    )


@pytest.fixture
def france_travail(territory):
    return OrganisationFactory(territory=territory, name="France Travail Angers", kind="france_travail")


@pytest.fixture
def ml_advisor(mission_locale):
    return UserFactory(advisor=True, organisation=mission_locale, email="ml@example.org")


@pytest.fixture
def cap_advisor(cap_emploi):
    return UserFactory(advisor=True, organisation=cap_emploi, email="cap@example.org")


@pytest.fixture
def ft_advisor(france_travail):
    return UserFactory(advisor=True, organisation=france_travail, email="ft@example.org")


@pytest.fixture
def person(territory, mission_locale, ml_advisor):
    return JobSeekerFactory(
        territory=territory,
        cohort=CohortFactory(territory=territory),
        qpv=QPVFactory(territory=territory, name="Monplaisir"),
        first_name="Nadia",
        last_name="Benali",
        referent_organisation=mission_locale,
        referent=ml_advisor,
    )
