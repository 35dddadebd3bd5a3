import pytest

from tests.factories import OrganisationFactory, UserFactory

from .factories import CohortFactory, JobSeekerFactory, QPVFactory


@pytest.fixture
def cohort(territory):
    return CohortFactory(territory=territory)


@pytest.fixture
def qpv(territory):
    return QPVFactory(territory=territory, name="Monplaisir", commune="Angers")


@pytest.fixture
def mission_locale(territory):
    return OrganisationFactory(territory=territory, name="Mission locale angevine", short_name="Mission locale")


@pytest.fixture
def ml_advisor(mission_locale):
    return UserFactory(advisor=True, organisation=mission_locale)


@pytest.fixture
def person(territory, cohort, qpv, advisor):
    """Hélène Lefèvre, referred by France Travail (the `advisor` fixture's organisation)."""
    return JobSeekerFactory(
        territory=territory,
        cohort=cohort,
        qpv=qpv,
        first_name="Hélène",
        last_name="Lefèvre",
        referent_organisation=advisor.organisation,
        referent=advisor,
        disability_recognised=True,
    )


@pytest.fixture
def other_person(other_territory):
    return JobSeekerFactory(territory=other_territory)
