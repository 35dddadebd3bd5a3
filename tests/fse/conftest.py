"""A small FSE+ operation replayed end to end (2025): five participations, worked by hand in test_indicators.py."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from actions.models import Action, Participation
from fse import services
from fse.models import Operation
from tests.actions.factories import ActionFactory, CohortFactory, JobSeekerFactory, ParticipationFactory
from tests.cohorts.factories import SituationFactory
from tests.factories import OrganisationFactory, UserFactory

D = datetime.date


@dataclass
class Scenario:
    action: Action
    operation: Operation
    alice: Participation
    bruno: Participation
    famille: Participation
    chloe: Participation
    dan: Participation
    before: Participation
    referent: object  # advisor of the cohort people's referent organisation
    other_advisor: object  # advisor of an organisation of the team (no health data)


@pytest.fixture
def scenario(territory, coordinator) -> Scenario:
    return build_scenario(territory, coordinator)


def build_scenario(territory, coordinator) -> Scenario:
    referent_org = OrganisationFactory(territory=territory, name="Cap emploi 49", kind="cap_emploi")
    referent = UserFactory(advisor=True, organisation=referent_org)
    team_org = OrganisationFactory(territory=territory, name="Mission locale angevine", kind="mission_locale")
    other_advisor = UserFactory(advisor=True, organisation=team_org)
    cohort = CohortFactory(territory=territory, year=2025, start_date=D(2025, 1, 6))
    action = ActionFactory(
        territory=territory,
        title="Par'Emploi",
        lead_organisation=coordinator.organisation,
        start_date=D(2024, 1, 1),
        fse_plus_cofunded=True,
        outcome_types=[("employment_or_training", "Retour à l'emploi ou en formation")],
    )

    def person(**kwargs):
        defaults = {
            "cohort": cohort,
            "entry_date": D(2025, 1, 15),
            "consent_recorded_on": D(2025, 1, 15),
            "referent_organisation": referent_org,
        }
        return JobSeekerFactory(**(defaults | kwargs))

    alice_p = person(
        first_name="Alice",
        last_name="Martin",
        sex="F",
        birth_date=D(1990, 4, 2),
        labour_market_status="long_term_unemployed",
        education_level="isced_0_2",
        disability_recognised=True,
    )
    bruno_p = person(
        first_name="Bruno",
        last_name="Leroy",
        sex="M",
        birth_date=D(2004, 5, 10),
        labour_market_status="unemployed",
        education_level="isced_3_4",
    )
    dan_p = person(first_name="Dan", last_name="Petit", sex="M", birth_date=D(2008, 1, 10))
    eve_p = person(first_name="Eve", last_name="Roux", sex="F", birth_date=D(1985, 3, 3))

    def enrol(job_seeker=None, label="", **kwargs):
        return ParticipationFactory(action=action, job_seeker=job_seeker, participant_label=label, **kwargs)

    alice = enrol(alice_p, enrolled_on=D(2025, 2, 1), left_on=D(2025, 3, 31))
    bruno = enrol(bruno_p, enrolled_on=D(2025, 3, 3), left_on=D(2025, 4, 30))
    famille = enrol(label="Famille 12", enrolled_on=D(2025, 4, 1))
    chloe = enrol(label="Famille 13", enrolled_on=D(2025, 5, 10), enrolled_by=coordinator.organisation)
    dan = enrol(dan_p, enrolled_on=D(2025, 6, 2))
    before = enrol(eve_p, enrolled_on=D(2024, 12, 1))
    operation = services.operation_create(
        actor=coordinator,
        actions=[action],
        number="202500042",
        title="Par'Emploi 2025",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 8, 31),
        cofunding_rate=Decimal("60.00"),
        requested_on=D(2024, 11, 15),
        amount_requested=Decimal("24000.00"),
    )
    # Bruno's history: in training after leaving, in a permanent job (CDI) before six months after leaving
    SituationFactory(job_seeker=bruno_p, date=D(2025, 5, 10), situation="qualifying_training")
    SituationFactory(job_seeker=bruno_p, date=D(2025, 9, 15), situation="cdi")
    # Alice: the FSE+ form asks only what her file does not say; results recorded by hand
    services.participant_save(
        actor=referent,
        operation=operation,
        participation=alice,
        third_country_national="yes",
        foreign_background="yes",
        minority="refused",
        homeless="no",
        rural_area="no",
        leaving_job_searching=False,
        leaving_in_education=False,
        leaving_qualification=False,
        leaving_employed=True,
        six_months_checked_on=D(2025, 10, 2),
        six_months_employed=True,
        six_months_improved=True,
    )
    services.participant_save(
        actor=referent,
        operation=operation,
        participation=bruno,
        disability="no",
        third_country_national="no",
        foreign_background="no",
        minority="no",
        homeless="no",
        rural_area="no",
    )
    # Chloé, outside the cohort: the short participant form
    services.participant_save(
        actor=coordinator,
        operation=operation,
        participation=chloe,
        last_name="Garnier",
        first_name="Chloé",
        birth_date=D(1968, 2, 1),
        sex="F",
        labour_market_status="inactive",
        education_level="isced_5_8",
        disability="refused",
        third_country_national="no",
        foreign_background="no",
        minority="no",
        homeless="no",
        rural_area="yes",
    )
    return Scenario(action, operation, alice, bruno, famille, chloe, dan, before, referent, other_advisor)
