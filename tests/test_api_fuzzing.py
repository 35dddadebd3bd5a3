"""Schemathesis against the generated OpenAPI schema, as an authenticated coordinator.

Every operation is called with a bounded number of generated examples (valid and invalid): no answer
may be a server error, and every documented answer must match the schema.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error, response_schema_conformance

from tests.actions.factories import ActionFactory, CommitmentFactory, EnvelopeFactory, ParticipationFactory
from tests.cohorts.factories import BarrierFactory, FollowUpFactory, JobSeekerFactory, SituationFactory
from tests.factories import UserFactory
from tests.partners.factories import MeetingFactory

MAX_EXAMPLES = 5

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: the WSGI app must not close the test transaction's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def coordinator_token(territory):
    coordinator = UserFactory(role="coordinator", organisation__territory=territory, organisation__kind="coordinator")
    person = JobSeekerFactory(territory=territory, referent_organisation=coordinator.organisation)
    BarrierFactory(job_seeker=person)
    FollowUpFactory(job_seeker=person, author=coordinator, confidential_note="note")
    SituationFactory(job_seeker=person)
    action = ActionFactory(territory=territory, lead_organisation=coordinator.organisation)
    ParticipationFactory(action=action, job_seeker=person, participant_label="")
    CommitmentFactory(envelope=EnvelopeFactory(territory=territory, year=2026), action=action)
    MeetingFactory(territory=territory)
    return Token.objects.create(user=coordinator).key


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_never_fails_and_answers_as_documented(case, coordinator_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {coordinator_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
