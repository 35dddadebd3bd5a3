"""The permission matrix: every page and every API endpoint, every method, called by every kind of caller.

One row per URL name, one line per method (GET, POST, PUT, PATCH, DELETE); a new URL without a row fails
`test_every_url_has_a_row`. Each cell is the status the method must answer to that caller, with an empty body: a
caller without the right is refused (403, or 404 outside her visibility) before anything is read or validated,
a caller with the right gets the form's or the serializer's answer (200/302 for pages, 400 for the API). Removing a
role check from a view or an API permission turns a 403 into a 200/302/400 and fails the matrix; the services
check again (tests/actions/test_service_rights.py and the cohorts and partners service tests).

On top of the status, what a caller may not read must never reach her: the person's name never reaches a viewer,
an advisor outside her team or another territory; the confidential note never leaves its author's organisation;
health data (RQTH) stays with the referent organisation and the coordinator.

The data is built once for the module (about 30 rows); every request runs in a savepoint rolled back afterwards,
so a write accepted in one cell never changes what the next cell sees.

**The national callers** (issue 16: `national_viewer`, ANCT/DGEFP, and `national_admin`) have no territory. They are
not a ninth and tenth column of every row (other rows keep their 8-tuples): `NATIONAL` gives, per URL name, the
methods where they differ from the default rule `national_default(name, method)` — 405 where the page does not take
the method, otherwise 403: a national account reads none of a territory's pages or endpoints. Every URL and method is
called by both (`test_national_callers`), and a national caller never reads the person's name, note or RQTH.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from actions.models import Commitment, OutcomeType
from fse.models import ExecutionReport, Operation
from partners.middleware import NationalScopeMiddleware
from partners.models import Decision
from reporting.models import MeetingPack, QuarterlyReport
from tests.actions.factories import (
    ActionFactory,
    CommitmentFactory,
    EnvelopeFactory,
    ParticipationFactory,
    ParticipationOutcomeFactory,
)
from tests.catalogue.factories import publish as publish_sheet
from tests.cohorts.factories import (
    BarrierFactory,
    CandidateFactory,
    CohortFactory,
    FollowUpFactory,
    JobSeekerFactory,
    QPVFactory,
    SchemeConnectionFactory,
    SituationFactory,
    TeamMemberFactory,
)
from tests.factories import OrganisationFactory, TerritoryFactory, UserFactory
from tests.partners.factories import DecisionFactory, MeetingFactory, WorkingGroupFactory
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db  # each test in a savepoint of the module's transaction (see `world`)

CALLERS = ["anonymous", "coordinator", "admin", "advisor_ref", "advisor_team", "advisor_out", "viewer", "other_coord"]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]

SECRET_NOTE = "NOTE-CONFIDENTIELLE-7Q"
PERSON_LAST_NAME = "Zylberstajnova"

# Rows shared by many URLs, for: anonymous coordinator admin advisor_ref advisor_team advisor_out viewer other_coord
LOGIN_THEN_405 = (302, 405, 405, 405, 405, 405, 405, 405)  # a page that does not take this method
API_401_THEN_405 = (401, 405, 405, 405, 405, 405, 405, 405)  # an endpoint that does not take this method
NOBODY_405 = (405, 405, 405, 405, 405, 405, 405, 405)  # a public page that does not take this method
NATIONAL_ONLY_API = (401, 403, 403, 403, 403, 403, 403, 403)  # an endpoint of the national viewer only


NATIONAL_CALLERS = ["national_viewer", "national_admin"]


def page(**methods) -> dict:
    """A page's row: the methods not given answer 405 (after the login redirect for an anonymous visitor)."""
    return {method: methods.get(method, LOGIN_THEN_405) for method in METHODS}


def api(**methods) -> dict:
    """An API endpoint's row: the methods not given answer 405 (401 without credentials)."""
    return {method: methods.get(method, API_401_THEN_405) for method in METHODS}


# url name → method → statuses for: anonymous coordinator admin advisor_ref advisor_team advisor_out viewer other_coord
# Pages: 302 = sent to login (anonymous) or redirected after a write; API: 401 anonymous, 400 = the body was read.

MATRIX = {
    "accessibility": page(  # /accessibilite/
        GET=(200, 200, 200, 200, 200, 200, 200, 200),
        POST=(405, 405, 405, 405, 405, 405, 405, 405),
        PUT=(405, 405, 405, 405, 405, 405, 405, 405),
        PATCH=(405, 405, 405, 405, 405, 405, 405, 405),
        DELETE=(405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "account_security": page(  # /compte/securite/ (POST revokes one's own API token, then back to the page)
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
        POST=(302, 302, 302, 302, 302, 302, 302, 302),
    ),
    "action-detail": api(  # /api/v1/actions/<id>/
        GET=(401, 200, 200, 200, 200, 200, 200, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 200, 403, 403, 403, 403, 403, 404),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "action-indicators": api(  # /api/v1/actions/<id>/indicators/
        GET=(401, 200, 200, 200, 200, 200, 200, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "action-publish": api(  # /api/v1/actions/<id>/publish/ (empty body: 400 for the coordinator of the action)
        GET=(401, 405, 405, 405, 405, 405, 405, 405),
        POST=(401, 400, 403, 403, 403, 403, 403, 404),
    ),
    "action-list": api(  # /api/v1/actions/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
        POST=(401, 400, 403, 403, 403, 403, 403, 400),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "actions:budget": page(  # /budget/
        GET=(302, 200, 200, 200, 200, 200, 403, 200),
    ),
    "actions:budget_year": page(  # /budget/2026/
        GET=(302, 200, 200, 200, 200, 200, 403, 200),
    ),
    "actions:cofunding_add": page(  # /actions/<id>/cofinancements/
        POST=(302, 302, 403, 403, 403, 403, 403, 404),
    ),
    "actions:commitment_correct": page(  # /budget/engagements/<id>/corriger/
        GET=(302, 200, 403, 403, 403, 403, 403, 404),
        POST=(302, 400, 403, 403, 403, 403, 403, 404),
    ),
    "actions:commitment_create": page(  # /budget/2026/engagements/
        POST=(302, 400, 403, 403, 403, 403, 403, 404),
    ),
    "actions:commitment_export": page(  # /budget/2026/engagements.csv
        GET=(302, 200, 200, 200, 200, 200, 403, 404),
    ),
    "actions:commitment_move": page(  # /budget/engagements/<id>/
        POST=(302, 404, 403, 403, 403, 403, 403, 404),
    ),
    "actions:create": page(  # /actions/nouvelle/
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
        POST=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "actions:detail": page(  # /actions/<id>/
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "actions:edit": page(  # /actions/<id>/modifier/
        GET=(302, 200, 403, 403, 403, 403, 403, 404),
        POST=(302, 200, 403, 403, 403, 403, 403, 404),
    ),
    "actions:enrol": page(  # /actions/<id>/inscrire/
        GET=(302, 200, 403, 200, 200, 200, 403, 404),
        POST=(302, 200, 403, 200, 200, 200, 403, 404),
    ),
    "actions:enrol_many": page(  # /actions/<id>/inscrire-plusieurs/ (advisors: the cohort members they see)
        GET=(302, 200, 403, 200, 200, 200, 403, 404),
        POST=(302, 200, 403, 200, 200, 200, 403, 404),
    ),
    "actions:envelope_create": page(  # /budget/enveloppe/
        POST=(302, 302, 403, 403, 403, 403, 403, 302),
    ),
    "actions:list": page(  # /actions/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "actions:outcome_record": page(  # /actions/<id>/participants/<id>/resultat/
        POST=(302, 302, 403, 302, 302, 404, 403, 404),
    ),
    "actions:outcomes_record": page(  # /actions/<id>/resultats/ (each caller's visible participants only)
        GET=(302, 200, 403, 200, 200, 200, 403, 404),
        POST=(302, 200, 403, 200, 200, 200, 403, 404),
    ),
    "actions:participation_promote": page(  # /actions/<id>/participants/<id>/promouvoir/
        POST=(302, 302, 403, 302, 302, 404, 403, 404),
    ),
    "actions:participation_remove": page(  # /actions/<id>/participants/<id>/retirer/
        POST=(302, 302, 403, 302, 302, 404, 403, 404),
    ),
    "actions:sheet_json": page(  # /actions/<id>/fiche.json
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "actions:sheet_pdf": page(  # /actions/<id>/fiche.pdf
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "actions:transition": page(  # /actions/<id>/statut/
        POST=(302, 302, 403, 403, 403, 403, 403, 404),
    ),
    "actions:workshop_create": page(  # /actions/<id>/ateliers/nouveau/
        GET=(302, 200, 403, 200, 200, 200, 403, 404),
        POST=(302, 200, 403, 200, 200, 200, 403, 404),
    ),
    "auth-token": api(  # /api/v1/auth/token/
        GET=(405, 405, 405, 405, 405, 405, 405, 405),
        POST=(400, 400, 400, 400, 400, 400, 400, 400),
        PUT=(405, 405, 405, 405, 405, 405, 405, 405),
        PATCH=(405, 405, 405, 405, 405, 405, 405, 405),
        DELETE=(405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "benchmarks": api(  # /api/v1/benchmarks/ (coordinator: her territory against the distribution)
        GET=(401, 200, 403, 403, 403, 403, 403, 200),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "barrier-detail": api(  # /api/v1/barriers/<id>/
        GET=(401, 200, 403, 200, 200, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        # an empty PATCH is valid since a barrier without author is a valid record (people who leave)
        PATCH=(401, 200, 403, 200, 200, 404, 403, 404),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "barrier-list": api(  # /api/v1/barriers/
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 400, 400, 400, 403, 400),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "candidate-contact": api(  # /api/v1/candidates/<id>/contact/ (proposed already: 409 for who may move her)
        GET=(401, 405, 403, 405, 405, 405, 403, 405),
        POST=(401, 409, 403, 409, 404, 404, 403, 404),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "candidate-detail": api(  # /api/v1/candidates/<id>/ (identified by the referent organisation)
        GET=(401, 200, 403, 200, 404, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 200, 403, 200, 404, 404, 403, 404),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "candidate-enrol": api(  # /api/v1/candidates/<id>/enrol/ (the coordinator decides)
        GET=(401, 405, 403, 405, 405, 405, 403, 405),
        POST=(401, 400, 403, 403, 404, 404, 403, 404),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "candidate-list": api(  # /api/v1/candidates/
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 400, 400, 400, 403, 400),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "candidate-not-enrol": api(  # /api/v1/candidates/<id>/not-enrol/ (proposed: the coordinator decides)
        GET=(401, 405, 403, 405, 405, 405, 403, 405),
        POST=(401, 400, 403, 403, 404, 404, 403, 404),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "candidate-propose": api(  # /api/v1/candidates/<id>/propose/ (proposed already: 409)
        GET=(401, 405, 403, 405, 405, 405, 403, 405),
        POST=(401, 409, 403, 409, 404, 404, 403, 404),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "catalogue-copy": api(  # /api/v1/catalogue/<id>/copy/ (the coordinator's own sheet: 400; another Cité: 201)
        GET=(401, 405, 405, 405, 405, 405, 405, 405),
        POST=(401, 400, 403, 403, 403, 403, 403, 201),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "catalogue-detail": api(  # /api/v1/catalogue/<id>/ (a published sheet: every territory reads it)
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "catalogue-export": api(  # /api/v1/catalogue/export/ (the exchange file of the published sheets)
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "catalogue-import": api(  # /api/v1/catalogue/import/ (an empty body is not an exchange file: 400)
        GET=(401, 405, 405, 405, 405, 405, 405, 405),
        POST=(401, 400, 403, 403, 403, 403, 403, 400),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "catalogue-list": api(  # /api/v1/catalogue/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "catalogue-unpublish": api(  # /api/v1/catalogue/<id>/unpublish/ (the publishing territory's coordinator)
        GET=(401, 405, 405, 405, 405, 405, 405, 405),
        POST=(401, 200, 403, 403, 403, 403, 403, 403),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "catalogue:copy": page(  # /catalogue/<id>/copier/ (own sheet: back to it with a message; another Cité: its new action)
        POST=(302, 302, 403, 403, 403, 403, 403, 302),
    ),
    "catalogue:detail": page(  # /catalogue/<id>/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "catalogue:export": page(  # /catalogue/export.json
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "catalogue:import": page(  # /catalogue/importer/
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
        POST=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "catalogue:list": page(  # /catalogue/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "catalogue:publish": page(  # /catalogue/publier/<action id>/
        GET=(302, 200, 403, 403, 403, 403, 403, 404),
        POST=(302, 200, 403, 403, 403, 403, 403, 404),
    ),
    "catalogue:schema": page(  # /catalogue/schema-v1.json
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "catalogue:sheet_export": page(  # /catalogue/<id>/fiche.json
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "catalogue:unpublish": page(  # /catalogue/<id>/retirer/
        POST=(302, 302, 403, 403, 403, 403, 403, 403),
    ),
    "cohort-detail": api(  # /api/v1/cohorts/<id>/
        GET=(401, 200, 200, 200, 200, 200, 200, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 200, 403, 403, 403, 403, 403, 404),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "cohort-list": api(  # /api/v1/cohorts/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
        POST=(401, 400, 403, 403, 403, 403, 403, 400),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "cohorts:barrier_create": page(  # /cohorte/personnes/<id>/freins/nouveau/
        GET=(302, 200, 403, 200, 200, 404, 403, 404),
        POST=(302, 200, 403, 200, 200, 404, 403, 404),
    ),
    "cohorts:barrier_update": page(  # /cohorte/personnes/<id>/freins/<id>/
        GET=(302, 200, 403, 200, 200, 404, 403, 404),
        POST=(302, 200, 403, 200, 200, 404, 403, 404),
    ),
    "cohorts:candidate_contact": page(  # /cohorte/reperage/<id>/contactee/ (proposed already: message, back)
        POST=(302, 302, 403, 302, 404, 404, 403, 404),
    ),
    "cohorts:candidate_create": page(  # /cohorte/reperage/signaler/
        GET=(302, 200, 403, 200, 200, 200, 403, 200),
        POST=(302, 200, 403, 200, 200, 200, 403, 200),
    ),
    "cohorts:candidate_detail": page(  # /cohorte/reperage/<id>/
        GET=(302, 200, 403, 200, 404, 404, 403, 404),
    ),
    "cohorts:candidate_enrol": page(  # /cohorte/reperage/<id>/inscrire/ (the coordinator decides)
        GET=(302, 200, 403, 403, 404, 404, 403, 404),
        POST=(302, 200, 403, 403, 404, 404, 403, 404),
    ),
    "cohorts:candidate_erase": page(  # /cohorte/reperage/<id>/effacer/ (the coordinator, on the person's request)
        POST=(302, 302, 403, 403, 404, 404, 403, 404),
    ),
    "cohorts:candidate_list": page(  # /cohorte/reperage/
        GET=(302, 200, 403, 200, 200, 200, 403, 200),
    ),
    "cohorts:candidate_not_enrol": page(  # /cohorte/reperage/<id>/non-inscrite/ (proposed: the coordinator decides)
        GET=(302, 200, 403, 403, 404, 404, 403, 404),
        POST=(302, 200, 403, 403, 404, 404, 403, 404),
    ),
    "cohorts:candidate_propose": page(  # /cohorte/reperage/<id>/proposee/ (proposed already: message, back)
        POST=(302, 302, 403, 302, 404, 404, 403, 404),
    ),
    "cohorts:candidate_update": page(  # /cohorte/reperage/<id>/modifier/
        GET=(302, 200, 403, 200, 404, 404, 403, 404),
        POST=(302, 200, 403, 200, 404, 404, 403, 404),
    ),
    "cohorts:cohort_create": page(  # /cohorte/cohortes/nouvelle/
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
        POST=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "cohorts:cohort_list": page(  # /cohorte/cohortes/
        GET=(302, 200, 403, 200, 200, 200, 403, 200),
    ),
    "cohorts:cohort_update": page(  # /cohorte/cohortes/<id>/modifier/
        GET=(302, 200, 403, 403, 403, 403, 403, 404),
        POST=(302, 200, 403, 403, 403, 403, 403, 404),
    ),
    "cohorts:follow_up_create": page(  # /cohorte/personnes/<id>/suivis/nouveau/
        GET=(302, 200, 403, 200, 200, 404, 403, 404),
        POST=(302, 200, 403, 200, 200, 404, 403, 404),
    ),
    "cohorts:follow_up_update": page(  # /cohorte/personnes/<id>/suivis/<id>/
        GET=(302, 403, 403, 200, 403, 404, 403, 404),
        POST=(302, 403, 403, 200, 403, 404, 403, 404),
    ),
    "cohorts:consent_withdraw": page(  # /cohorte/personnes/<id>/consentements/<id>/retirer/ (to the team org)
        # the coordinator and the referent organisation (or the one that recorded it); an empty POST: the form again
        GET=(302, 200, 403, 200, 403, 404, 403, 404),
        POST=(302, 200, 403, 200, 403, 404, 403, 404),
    ),
    "cohorts:import_template": page(  # /cohorte/import/modele.csv
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "cohorts:import_template_xlsx": page(  # /cohorte/import/modele.xlsx
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "cohorts:job_seeker_create": page(  # /cohorte/inscrire/
        GET=(302, 200, 403, 200, 200, 200, 403, 200),
        POST=(302, 200, 403, 200, 200, 200, 403, 200),
    ),
    "cohorts:job_seeker_detail": page(  # /cohorte/personnes/<id>/
        GET=(302, 200, 403, 200, 200, 404, 403, 404),
    ),
    "cohorts:job_seeker_early_exit": page(  # /cohorte/personnes/<id>/sortie/
        GET=(302, 200, 403, 200, 403, 404, 403, 404),
        POST=(302, 200, 403, 200, 403, 404, 403, 404),
    ),
    "cohorts:job_seeker_erase": page(  # /cohorte/personnes/<id>/effacer/
        GET=(302, 200, 403, 403, 403, 404, 403, 404),
        POST=(302, 200, 403, 403, 403, 404, 403, 404),
    ),
    "cohorts:job_seeker_export": page(  # /cohorte/export.csv
        GET=(302, 200, 403, 200, 200, 200, 403, 200),
    ),
    "cohorts:job_seeker_import": page(  # /cohorte/import/
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
        POST=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "cohorts:job_seeker_list": page(  # /cohorte/
        GET=(302, 200, 403, 200, 200, 200, 403, 200),
    ),
    "cohorts:job_seeker_rights": page(  # /cohorte/personnes/<id>/droits/
        GET=(302, 200, 403, 403, 403, 404, 403, 404),
    ),
    "cohorts:job_seeker_rights_export": page(  # /cohorte/personnes/<id>/droits/dossier.json
        GET=(302, 200, 403, 403, 403, 404, 403, 404),
    ),
    "cohorts:job_seeker_team": page(  # /cohorte/personnes/<id>/equipe/
        GET=(302, 200, 403, 403, 403, 404, 403, 404),
        POST=(302, 200, 403, 403, 403, 404, 403, 404),
    ),
    "cohorts:job_seeker_team_remove": page(  # /cohorte/personnes/<id>/equipe/<id>/retirer/
        POST=(302, 302, 403, 403, 403, 404, 403, 404),
    ),
    "cohorts:job_seeker_update": page(  # /cohorte/personnes/<id>/modifier/
        GET=(302, 200, 403, 200, 403, 404, 403, 404),
        POST=(302, 200, 403, 200, 403, 404, 403, 404),
    ),
    "cohorts:my_people": page(  # /cohorte/mes-personnes/
        GET=(302, 403, 403, 200, 200, 200, 403, 403),
    ),
    "cohorts:pathway_settings": page(  # /cohorte/reperage/validation/
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
        POST=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "cohorts:qpv_import": page(  # /cohorte/qpv/importer/ (reference data: the technical admin loads the national file)
        GET=(302, 403, 200, 403, 403, 403, 403, 403),
        POST=(302, 403, 200, 403, 403, 403, 403, 403),
    ),
    "cohorts:qpv_national_import": page(  # /cohorte/qpv/liste-nationale/ (the national administrator, every territory)
        GET=(302, 403, 403, 403, 403, 403, 403, 403),
        POST=(302, 403, 403, 403, 403, 403, 403, 403),
    ),
    "cohorts:qpv_list": page(  # /cohorte/qpv/
        GET=(302, 200, 200, 403, 403, 403, 403, 200),
    ),
    "cohorts:retention_due": page(  # /cohorte/conservation/
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "cohorts:scheme_connection_create": page(  # /cohorte/personnes/<id>/dispositifs/nouveau/
        GET=(302, 200, 403, 200, 200, 404, 403, 404),
        POST=(302, 200, 403, 200, 200, 404, 403, 404),
    ),
    "cohorts:situation_create": page(  # /cohorte/personnes/<id>/situations/nouvelle/
        GET=(302, 200, 403, 200, 200, 404, 403, 404),
        POST=(302, 200, 403, 200, 200, 404, 403, 404),
    ),
    "commitment-correct": api(  # /api/v1/commitments/<id>/correct/
        GET=(401, 405, 405, 405, 405, 405, 403, 405),
        POST=(401, 400, 403, 403, 403, 403, 403, 404),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "commitment-detail": api(  # /api/v1/commitments/<id>/
        GET=(401, 200, 200, 200, 200, 200, 403, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 200, 403, 403, 403, 403, 403, 404),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "commitment-list": api(  # /api/v1/commitments/
        GET=(401, 200, 200, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 403, 403, 403, 403, 400),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "consent-detail": api(  # /api/v1/consents/<id>/ (read-only: a consent is recorded with a referral)
        GET=(401, 200, 403, 200, 200, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "consent-list": api(  # /api/v1/consents/ (the consents of the people the caller sees)
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "consent-withdraw": api(  # /api/v1/consents/<id>/withdraw/ (an empty body: withdrawn today)
        GET=(401, 405, 403, 405, 405, 405, 403, 405),
        POST=(401, 200, 403, 200, 403, 404, 403, 404),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "envelope-detail": api(  # /api/v1/envelopes/<id>/
        GET=(401, 200, 200, 200, 200, 200, 403, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "envelope-list": api(  # /api/v1/envelopes/
        GET=(401, 200, 200, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 403, 403, 403, 403, 400),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "follow-up-detail": api(  # /api/v1/follow-ups/<id>/
        GET=(401, 200, 403, 200, 200, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 403, 403, 200, 403, 404, 403, 404),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "follow-up-list": api(  # /api/v1/follow-ups/
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 400, 400, 400, 403, 400),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "fse-operation-detail": api(  # /api/v1/fse-operations/<id>/
        GET=(401, 200, 200, 200, 200, 200, 200, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 200, 403, 403, 403, 403, 403, 404),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "fse-operation-indicators": api(  # /api/v1/fse-operations/<id>/indicators/ (secrecy but for the coordinator)
        GET=(401, 200, 200, 200, 200, 200, 200, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "fse-operation-list": api(  # /api/v1/fse-operations/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
        POST=(401, 400, 403, 403, 403, 403, 403, 400),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "fse-operation-participants": api(  # /api/v1/fse-operations/<id>/participants/ (each caller's visible ones)
        GET=(401, 200, 403, 200, 200, 200, 403, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "fse:action_operations": page(  # /actions/<id>/fse/
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "fse:completeness": page(  # /actions/<id>/fse/<id>/completude/
        GET=(302, 200, 403, 200, 200, 200, 403, 404),
    ),
    "fse:finance_add": page(  # /actions/<id>/fse/<id>/financement/depense/ (empty form: the page again, 400)
        POST=(302, 400, 403, 403, 403, 403, 403, 404),
    ),
    "fse:indicators_export": page(  # /actions/<id>/fse/<id>/indicateurs.csv (secrecy but for the coordinator)
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "fse:operation_create": page(  # /actions/<id>/fse/nouvelle/
        GET=(302, 200, 403, 403, 403, 403, 403, 404),
        POST=(302, 200, 403, 403, 403, 403, 403, 404),
    ),
    "fse:operation_detail": page(  # /actions/<id>/fse/<id>/ (money: budget readers; participants: personal-data roles)
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "fse:operation_edit": page(  # /actions/<id>/fse/<id>/modifier/
        GET=(302, 200, 403, 403, 403, 403, 403, 404),
        POST=(302, 200, 403, 403, 403, 403, 403, 404),
    ),
    "fse:operation_transition": page(  # /actions/<id>/fse/<id>/etat/
        POST=(302, 302, 403, 403, 403, 403, 403, 404),
    ),
    "fse:participant_edit": page(  # /actions/<id>/fse/<id>/participants/<id>/ (an empty form is valid: 302)
        GET=(302, 200, 403, 200, 200, 404, 403, 404),
        POST=(302, 302, 403, 302, 302, 404, 403, 404),
    ),
    "fse:participants": page(  # /actions/<id>/fse/<id>/participants/ (each caller's visible participants)
        GET=(302, 200, 403, 200, 200, 200, 403, 404),
    ),
    "fse:participants_export": page(  # /actions/<id>/fse/<id>/participants.csv
        GET=(302, 200, 403, 200, 200, 200, 403, 404),
    ),
    "fse:report_download": page(  # /actions/<id>/fse/<id>/bilan/<id>/ (anonymised PDF)
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "fse:report_request": page(  # /actions/<id>/fse/<id>/bilan/
        POST=(302, 302, 403, 403, 403, 403, 403, 404),
    ),
    "healthz": page(  # /healthz
        GET=(200, 200, 200, 200, 200, 200, 200, 200),
        POST=(405, 405, 405, 405, 405, 405, 405, 405),
        PUT=(405, 405, 405, 405, 405, 405, 405, 405),
        PATCH=(405, 405, 405, 405, 405, 405, 405, 405),
        DELETE=(405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "home": page(  # /
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "job-seeker-detail": api(  # /api/v1/job-seekers/<id>/
        GET=(401, 200, 403, 200, 200, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 200, 403, 200, 403, 404, 403, 404),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "job-seeker-list": api(  # /api/v1/job-seekers/
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 400, 400, 400, 403, 400),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "login": page(  # /connexion/
        GET=(200, 302, 302, 302, 302, 302, 302, 302),
        POST=(200, 302, 302, 302, 302, 302, 302, 302),
        PUT=(200, 302, 302, 302, 302, 302, 302, 302),
        PATCH=(405, 302, 302, 302, 302, 302, 302, 302),
        DELETE=(405, 302, 302, 302, 302, 302, 302, 302),
    ),
    "logout": page(  # /deconnexion/ — open without a session too: a refused ProConnect identity ends its session there
        GET=NOBODY_405,
        POST=(302, 302, 302, 302, 302, 302, 302, 302),
        PUT=NOBODY_405,
        PATCH=NOBODY_405,
        DELETE=NOBODY_405,
    ),
    "meeting-detail": api(  # /api/v1/meetings/<id>/
        GET=(401, 200, 200, 200, 200, 200, 200, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        # an empty PATCH is valid since a meeting without author (created_by) is a valid record
        PATCH=(401, 200, 403, 403, 403, 403, 403, 404),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "meeting-list": api(  # /api/v1/meetings/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
        POST=(401, 400, 403, 403, 403, 403, 403, 400),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "meeting-pack-detail": api(  # /api/v1/meeting-packs/<id>/
        GET=(401, 200, 200, 200, 200, 200, 200, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "meeting-pack-download": api(  # /api/v1/meeting-packs/<id>/download/
        GET=(401, 200, 200, 200, 200, 200, 200, 404),
        POST=(401, 405, 403, 403, 403, 403, 403, 405),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "meeting-pack-list": api(  # /api/v1/meeting-packs/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
        POST=(401, 400, 403, 403, 403, 403, 403, 400),
        PUT=(401, 405, 403, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 403, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 403, 403, 403, 403, 403, 405),
    ),
    "organisation-detail": api(  # /api/v1/organisations/<id>/
        GET=(401, 200, 200, 200, 200, 200, 200, 404),
        POST=(401, 405, 405, 403, 403, 403, 403, 405),
        PUT=(401, 405, 405, 403, 403, 403, 403, 405),
        PATCH=(401, 200, 200, 403, 403, 403, 403, 404),
        DELETE=(401, 405, 405, 403, 403, 403, 403, 405),
    ),
    "organisation-list": api(  # /api/v1/organisations/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
        POST=(401, 400, 400, 403, 403, 403, 403, 400),
        PUT=(401, 405, 405, 403, 403, 403, 403, 405),
        PATCH=(401, 405, 405, 403, 403, 403, 403, 405),
        DELETE=(401, 405, 405, 403, 403, 403, 403, 405),
    ),
    "otp_recovery_codes": page(  # /compte/codes-de-secours/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
        POST=(302, 302, 302, 302, 302, 302, 302, 302),
    ),
    "otp_setup": page(  # /compte/double-authentification/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
        POST=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "otp_verify": page(  # /connexion/verification/
        GET=(302, 302, 302, 302, 302, 302, 302, 302),
        POST=(302, 302, 302, 302, 302, 302, 302, 302),
    ),
    "participation-detail": api(  # /api/v1/participations/<id>/
        GET=(401, 200, 403, 200, 200, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 200, 403, 200, 200, 404, 403, 404),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "participation-list": api(  # /api/v1/participations/
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 400, 400, 400, 403, 400),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "participation-outcome-detail": api(  # /api/v1/participation-outcomes/<id>/
        GET=(401, 200, 403, 200, 200, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "participation-outcome-list": api(  # /api/v1/participation-outcomes/
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 400, 400, 400, 403, 400),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "partners:calendar_feed": page(  # /partenaires/agenda/cle-inconnue.ics
        GET=(404, 404, 404, 404, 404, 404, 404, 404),
        POST=(405, 405, 405, 405, 405, 405, 405, 405),
        PUT=(405, 405, 405, 405, 405, 405, 405, 405),
        PATCH=(405, 405, 405, 405, 405, 405, 405, 405),
        DELETE=(405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "partners:calendar_settings": page(  # /partenaires/agenda/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
        POST=(302, 302, 302, 302, 302, 302, 302, 302),
    ),
    "partners:decision_create": page(  # /partenaires/reunions/<id>/decisions/
        POST=(302, 400, 403, 403, 403, 403, 403, 404),
    ),
    "partners:decision_edit": page(  # /partenaires/decisions/<id>/modifier/
        GET=(302, 200, 403, 403, 403, 403, 403, 404),
        POST=(302, 200, 403, 403, 403, 403, 403, 404),
    ),
    "partners:decision_status": page(  # /partenaires/decisions/<id>/etat/
        POST=(302, 302, 403, 403, 403, 403, 403, 404),
    ),
    "partners:group_create": page(  # /partenaires/groupes/nouveau/
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
        POST=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "partners:group_detail": page(  # /partenaires/groupes/<id>/
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "partners:group_edit": page(  # /partenaires/groupes/<id>/modifier/
        GET=(302, 200, 403, 403, 403, 403, 403, 404),
        POST=(302, 200, 403, 403, 403, 403, 403, 404),
    ),
    "partners:group_list": page(  # /partenaires/groupes/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "partners:invitation_accept": page(  # /partenaires/invitation/jeton-inconnu/
        GET=(404, 404, 404, 404, 404, 404, 404, 404),
        POST=(404, 404, 404, 404, 404, 404, 404, 404),
        PUT=(405, 405, 405, 405, 405, 405, 405, 405),
        PATCH=(405, 405, 405, 405, 405, 405, 405, 405),
        DELETE=(405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "partners:meeting_attendance": page(  # /partenaires/reunions/<id>/presences/
        POST=(302, 302, 403, 403, 403, 403, 403, 404),
    ),
    "partners:meeting_attendee_add": page(  # /partenaires/reunions/<id>/participants/
        POST=(302, 400, 403, 403, 403, 403, 403, 404),
    ),
    "partners:meeting_create": page(  # /partenaires/reunions/nouvelle/
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
        POST=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "partners:meeting_detail": page(  # /partenaires/reunions/<id>/
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "partners:meeting_edit": page(  # /partenaires/reunions/<id>/modifier/
        GET=(302, 200, 403, 403, 403, 403, 403, 404),
        POST=(302, 200, 403, 403, 403, 403, 403, 404),
    ),
    "partners:meeting_list": page(  # /partenaires/reunions/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "partners:meeting_plan": page(  # /partenaires/reunions/planifier/
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
        POST=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "partners:national_account_deactivate": page(  # /partenaires/comptes-nationaux/<id>/desactiver/ (national admin)
        POST=(302, 403, 403, 403, 403, 403, 403, 403),
    ),
    "partners:national_account_invite": page(  # /partenaires/comptes-nationaux/inviter/ (national administrator)
        GET=(302, 403, 403, 403, 403, 403, 403, 403),
        POST=(302, 403, 403, 403, 403, 403, 403, 403),
    ),
    "partners:national_account_list": page(  # /partenaires/comptes-nationaux/ (national administrator)
        GET=(302, 403, 403, 403, 403, 403, 403, 403),
    ),
    "partners:national_account_reactivate": page(  # /partenaires/comptes-nationaux/<id>/reactiver/ (national admin)
        POST=(302, 403, 403, 403, 403, 403, 403, 403),
    ),
    "partners:organisation_create": page(  # /partenaires/organisations/nouvelle/
        GET=(302, 200, 200, 403, 403, 403, 403, 200),
        POST=(302, 200, 200, 403, 403, 403, 403, 200),
    ),
    "partners:organisation_delete": page(  # /partenaires/organisations/<id>/supprimer/
        POST=(302, 302, 302, 403, 403, 403, 403, 404),
    ),
    "partners:organisation_detail": page(  # /partenaires/organisations/<id>/
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "partners:organisation_edit": page(  # /partenaires/organisations/<id>/modifier/
        GET=(302, 200, 200, 403, 403, 403, 403, 404),
        POST=(302, 200, 200, 403, 403, 403, 403, 404),
    ),
    "partners:organisation_list": page(  # /partenaires/organisations/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "partners:territory_create": page(  # /partenaires/territoires/nouveau/ (national administrator)
        GET=(302, 403, 403, 403, 403, 403, 403, 403),
        POST=(302, 403, 403, 403, 403, 403, 403, 403),
    ),
    "partners:territory_invite": page(  # /partenaires/territoires/<id>/coordination/ (national administrator)
        GET=(302, 403, 403, 403, 403, 403, 403, 404),
        POST=(302, 403, 403, 403, 403, 403, 403, 404),
    ),
    "partners:territory_list": page(  # /partenaires/territoires/ (national administrator)
        GET=(302, 403, 403, 403, 403, 403, 403, 403),
    ),
    "partners:user_access_log": page(  # /partenaires/personnes/<id>/journal/
        GET=(302, 200, 403, 403, 403, 403, 403, 404),
    ),
    "partners:user_change_role": page(  # /partenaires/personnes/<id>/role/
        POST=(302, 302, 302, 403, 403, 403, 403, 404),
    ),
    "partners:user_deactivate": page(  # /partenaires/personnes/<id>/desactiver/
        POST=(302, 302, 302, 403, 403, 403, 403, 404),
    ),
    "partners:user_proconnect_unlink": page(  # /partenaires/personnes/<id>/proconnect/delier/ (no link: message)
        POST=(302, 302, 302, 403, 403, 403, 403, 404),
    ),
    "partners:user_detail": page(  # /partenaires/personnes/<id>/
        GET=(302, 200, 200, 403, 403, 403, 403, 404),
    ),
    "partners:user_invite": page(  # /partenaires/personnes/inviter/
        GET=(302, 200, 200, 403, 403, 403, 403, 200),
        POST=(302, 200, 200, 403, 403, 403, 403, 200),
    ),
    "partners:user_list": page(  # /partenaires/personnes/
        GET=(302, 200, 200, 403, 403, 403, 403, 200),
    ),
    "partners:user_reactivate": page(  # /partenaires/personnes/<id>/reactiver/
        POST=(302, 302, 302, 403, 403, 403, 403, 404),
    ),
    "password_change": page(  # /mot-de-passe/modifier/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
        POST=(302, 200, 200, 200, 200, 200, 200, 200),
        PUT=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "password_change_done": page(  # /mot-de-passe/modifie/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "password_reset": page(  # /mot-de-passe/oubli/
        GET=(200, 200, 200, 200, 200, 200, 200, 200),
        POST=(200, 200, 200, 200, 200, 200, 200, 200),
        PUT=(200, 200, 200, 200, 200, 200, 200, 200),
        PATCH=(405, 405, 405, 405, 405, 405, 405, 405),
        DELETE=(405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "password_reset_complete": page(  # /mot-de-passe/nouveau/fait/
        GET=(200, 200, 200, 200, 200, 200, 200, 200),
        POST=(405, 405, 405, 405, 405, 405, 405, 405),
        PUT=(405, 405, 405, 405, 405, 405, 405, 405),
        PATCH=(405, 405, 405, 405, 405, 405, 405, 405),
        DELETE=(405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "password_reset_confirm": page(  # /mot-de-passe/nouveau/MQ/set-password/
        GET=(200, 200, 200, 200, 200, 200, 200, 200),
        POST=(200, 200, 200, 200, 200, 200, 200, 200),
        PUT=(200, 200, 200, 200, 200, 200, 200, 200),
        PATCH=(200, 200, 200, 200, 200, 200, 200, 200),
        DELETE=(200, 200, 200, 200, 200, 200, 200, 200),
    ),
    "password_reset_done": page(  # /mot-de-passe/oubli/envoye/
        GET=(200, 200, 200, 200, 200, 200, 200, 200),
        POST=(405, 405, 405, 405, 405, 405, 405, 405),
        PUT=(405, 405, 405, 405, 405, 405, 405, 405),
        PATCH=(405, 405, 405, 405, 405, 405, 405, 405),
        DELETE=(405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "personal_data": page(  # /donnees-personnelles/
        GET=(200, 200, 200, 200, 200, 200, 200, 200),
        POST=(405, 405, 405, 405, 405, 405, 405, 405),
        PUT=(405, 405, 405, 405, 405, 405, 405, 405),
        PATCH=(405, 405, 405, 405, 405, 405, 405, 405),
        DELETE=(405, 405, 405, 405, 405, 405, 405, 405),
    ),
    # ProConnect (configured against the local provider, see `_proconnect_configured`): public, GET only.
    "proconnect_callback": page(  # /connexion/proconnect/retour/ — without code nor state: refused, back to sign-in
        GET=(302, 302, 302, 302, 302, 302, 302, 302),
        POST=NOBODY_405,
        PUT=NOBODY_405,
        PATCH=NOBODY_405,
        DELETE=NOBODY_405,
    ),
    "proconnect_login": page(  # /connexion/proconnect/ — to the provider's authorisation endpoint
        GET=(302, 302, 302, 302, 302, 302, 302, 302),
        POST=NOBODY_405,
        PUT=NOBODY_405,
        PATCH=NOBODY_405,
        DELETE=NOBODY_405,
    ),
    "proconnect_logout": page(  # /deconnexion/proconnect/ — back from the provider's end of session: to sign-in
        GET=(302, 302, 302, 302, 302, 302, 302, 302),
        POST=NOBODY_405,
        PUT=NOBODY_405,
        PATCH=NOBODY_405,
        DELETE=NOBODY_405,
    ),
    "qpv-detail": api(  # /api/v1/qpvs/<id>/
        GET=(401, 200, 200, 200, 200, 200, 200, 404),
    ),
    "qpv-list": api(  # /api/v1/qpvs/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
    ),
    "referral-accept": api(  # /api/v1/referrals/<id>/accept/ (the receiving organisation, or the coordinator)
        GET=(401, 405, 403, 405, 405, 405, 403, 405),
        POST=(401, 200, 403, 403, 200, 404, 403, 404),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "referral-decline": api(  # /api/v1/referrals/<id>/decline/ (an empty body: the reason is missing)
        GET=(401, 405, 403, 405, 405, 405, 403, 405),
        POST=(401, 400, 403, 403, 400, 404, 403, 404),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "referral-detail": api(  # /api/v1/referrals/<id>/ (sender and receiver organisations, the coordinator)
        GET=(401, 200, 403, 200, 200, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "referral-list": api(  # /api/v1/referrals/
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 400, 400, 400, 403, 400),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "referrals:accept": page(  # /orientations/<id>/accepter/ (then to the person's file)
        POST=(302, 302, 403, 403, 302, 404, 403, 404),
    ),
    "referrals:create": page(  # /orientations/personnes/<id>/orienter/ (those who follow the person)
        GET=(302, 200, 403, 200, 200, 404, 403, 404),
        POST=(302, 200, 403, 200, 200, 404, 403, 404),
    ),
    "referrals:decline": page(  # /orientations/<id>/decliner/ (an empty form: the reason is missing)
        POST=(302, 200, 403, 403, 200, 404, 403, 404),
    ),
    "referrals:detail": page(  # /orientations/<id>/
        GET=(302, 200, 403, 200, 200, 404, 403, 404),
    ),
    "referrals:list": page(  # /orientations/
        GET=(302, 200, 403, 200, 200, 200, 403, 200),
    ),
    "reporting:benchmarks": page(  # /comparaisons/ (coordinator: her territory against the distribution)
        GET=(302, 200, 403, 403, 403, 403, 403, 200),
    ),
    "reporting:benchmarks_publication": page(  # /comparaisons/publication/
        POST=(302, 302, 403, 403, 403, 403, 403, 302),
    ),
    "reporting:dashboard": page(  # /pilotage/
        GET=(302, 200, 200, 403, 403, 403, 200, 200),
    ),
    "reporting:figures_export": page(  # /pilotage/indicateurs.xlsx
        GET=(302, 200, 200, 403, 403, 403, 200, 200),
    ),
    "reporting:pack_detail": page(  # /dossiers-de-seance/<id>/
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "reporting:pack_download": page(  # /dossiers-de-seance/<id>/telecharger/
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "reporting:pack_list": page(  # /dossiers-de-seance/
        GET=(302, 200, 200, 200, 200, 200, 200, 200),
    ),
    "reporting:pack_request": page(  # /dossiers-de-seance/demander/
        POST=(302, 400, 403, 403, 403, 403, 403, 400),
    ),
    "reporting:pack_retry": page(  # /dossiers-de-seance/<id>/relancer/
        POST=(302, 302, 403, 403, 403, 403, 403, 404),
    ),
    "reporting:pack_status": page(  # /dossiers-de-seance/<id>/etat/
        GET=(302, 200, 200, 200, 200, 200, 200, 404),
    ),
    "reporting:quarterly_detail": page(  # /rapports-nationaux/<id>/ (national viewer only: 404 for the others)
        GET=(302, 404, 404, 404, 404, 404, 404, 404),
    ),
    "reporting:quarterly_download": page(  # /rapports-nationaux/<id>/rapport.pdf
        GET=(302, 404, 404, 404, 404, 404, 404, 404),
    ),
    "reporting:quarterly_list": page(  # /rapports-nationaux/
        GET=(302, 403, 403, 403, 403, 403, 403, 403),
    ),
    "reporting:quarterly_request": page(  # /rapports-nationaux/demander/
        POST=(302, 403, 403, 403, 403, 403, 403, 403),
    ),
    "quarterly-report-detail": api(  # /api/v1/quarterly-reports/<id>/ (national viewer only)
        GET=NATIONAL_ONLY_API,
        POST=NATIONAL_ONLY_API,
        PUT=NATIONAL_ONLY_API,
        PATCH=NATIONAL_ONLY_API,
        DELETE=NATIONAL_ONLY_API,
    ),
    "quarterly-report-download": api(  # /api/v1/quarterly-reports/<id>/download/
        GET=NATIONAL_ONLY_API,
        POST=NATIONAL_ONLY_API,
        PUT=NATIONAL_ONLY_API,
        PATCH=NATIONAL_ONLY_API,
        DELETE=NATIONAL_ONLY_API,
    ),
    "quarterly-report-list": api(  # /api/v1/quarterly-reports/
        GET=NATIONAL_ONLY_API,
        POST=NATIONAL_ONLY_API,
        PUT=NATIONAL_ONLY_API,
        PATCH=NATIONAL_ONLY_API,
        DELETE=NATIONAL_ONLY_API,
    ),
    "schema": api(  # /api/v1/schema/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
    ),
    "scheme-connection-detail": api(  # /api/v1/scheme-connections/<id>/
        GET=(401, 200, 403, 200, 200, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "scheme-connection-list": api(  # /api/v1/scheme-connections/
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 400, 400, 400, 403, 400),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "situation-detail": api(  # /api/v1/situations/<id>/
        GET=(401, 200, 403, 200, 200, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "situation-list": api(  # /api/v1/situations/
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 400, 400, 400, 403, 400),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "swagger-ui": api(  # /api/v1/docs/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
    ),
    "team-membership-detail": api(  # /api/v1/team-memberships/<id>/ (PATCH ends the membership)
        GET=(401, 200, 403, 200, 200, 404, 403, 404),
        POST=(401, 405, 403, 405, 405, 405, 403, 405),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 200, 403, 403, 200, 404, 403, 404),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "team-membership-list": api(  # /api/v1/team-memberships/
        GET=(401, 200, 403, 200, 200, 200, 403, 200),
        POST=(401, 400, 403, 400, 400, 400, 403, 400),
        PUT=(401, 405, 403, 405, 405, 405, 403, 405),
        PATCH=(401, 405, 403, 405, 405, 405, 403, 405),
        DELETE=(401, 405, 403, 405, 405, 405, 403, 405),
    ),
    "users-me": api(  # /api/v1/users/me/
        GET=(401, 200, 200, 200, 200, 200, 200, 200),
    ),
}


def national_default(name: str, method: str) -> tuple[int, int]:
    """A national account (no territory) on a URL that `NATIONAL` does not list: every territory page answers 403
    whatever the method (`partners.middleware.NationalScopeMiddleware`, before the view), every territory endpoint
    403 (`InTerritory`); her own account's pages and the public URLs answer as they do to the coordinator."""
    row = MATRIX[name][method]
    # a page marked @login_not_required (ProConnect's) that redirects elsewhere: public (the API is exempt from the
    # login middleware as a whole and answers 401 itself: not public)
    public = row[0] == 302 and not getattr(project_urls()[name].callback, "login_required", True)
    if row[0] not in (302, 401) or public or name in NationalScopeMiddleware.ACCOUNT_URL_NAMES:
        return (row[1], row[1])
    return (403, 403)


def national_page(**methods) -> dict:
    """A national page's row (national_viewer, national_admin): the methods not given answer 405 to both."""
    return {method: methods.get(method, (405, 405)) for method in METHODS}


def _own_account(*statuses) -> dict:
    return {method: (status, status) for method, status in zip(METHODS, statuses, strict=True)}


# url name → method → statuses for: national_viewer national_admin, where they differ from `national_default`
NATIONAL: dict[str, dict[str, tuple[int, int]]] = {
    # her own account through the API (signed in, no territory needed)
    "users-me": _own_account(200, 405, 405, 405, 405),
    "schema": _own_account(200, 405, 405, 405, 405),
    "swagger-ui": _own_account(200, 405, 405, 405, 405),
    # the national viewer reads the benchmarks, the quarterly reports and every territory's packs
    "reporting:benchmarks": national_page(GET=(200, 403)),
    "reporting:benchmarks_publication": national_page(POST=(403, 403)),  # a coordinator's choice
    "reporting:quarterly_list": national_page(GET=(200, 403)),
    "reporting:quarterly_request": national_page(POST=(400, 403)),
    "reporting:quarterly_detail": national_page(GET=(200, 404)),
    "reporting:quarterly_download": national_page(GET=(200, 404)),
    "reporting:pack_list": national_page(GET=(200, 403)),
    "reporting:pack_detail": national_page(GET=(200, 404)),
    "reporting:pack_status": national_page(GET=(200, 404)),
    "reporting:pack_download": national_page(GET=(200, 404)),
    "benchmarks": {"GET": (200, 403), **dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), (405, 403))},
    "quarterly-report-list": {
        "GET": (200, 403),
        "POST": (400, 403),
        **dict.fromkeys(("PUT", "PATCH", "DELETE"), (405, 403)),
    },
    "quarterly-report-detail": {"GET": (200, 403), **dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), (405, 403))},
    "quarterly-report-download": {"GET": (200, 403), **dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), (405, 403))},
    "meeting-pack-list": {"GET": (200, 403), **dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), (403, 403))},
    "meeting-pack-detail": {"GET": (200, 403), **dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), (403, 403))},
    "meeting-pack-download": {"GET": (200, 403), **dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), (403, 403))},
    # the national viewer reads the catalogue of action sheets (no personal data); the schema is public to all
    "catalogue:list": national_page(GET=(200, 403)),
    "catalogue:export": national_page(GET=(200, 403)),
    "catalogue:detail": national_page(GET=(200, 403)),
    "catalogue:sheet_export": national_page(GET=(200, 403)),
    "catalogue:schema": national_page(GET=(200, 200)),
    # …and its API: list, detail, search, export of the published sheets; never copy, import or withdraw
    "catalogue-list": {"GET": (200, 403), **dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), (403, 403))},
    "catalogue-detail": {"GET": (200, 403), **dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), (403, 403))},
    "catalogue-export": {"GET": (200, 403), **dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), (403, 403))},
    # the write actions: 405 on GET as for every reader (the method is checked after the read right), 403 otherwise
    **{
        name: {"GET": (405, 403), **dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), (403, 403))}
        for name in ("catalogue-copy", "catalogue-import", "catalogue-unpublish")
    },
    # the national administrator opens territories and loads the national QPV file
    "partners:territory_list": national_page(GET=(403, 200)),
    "partners:territory_create": national_page(GET=(403, 200), POST=(403, 200)),
    "partners:territory_invite": national_page(GET=(403, 200), POST=(403, 200)),
    "cohorts:qpv_national_import": national_page(GET=(403, 200), POST=(403, 200)),
    # …and manages the national accounts (the target of deactivate/reactivate: the national viewer)
    "partners:national_account_list": national_page(GET=(403, 200)),
    "partners:national_account_invite": national_page(GET=(403, 200), POST=(403, 200)),
    "partners:national_account_deactivate": national_page(POST=(403, 302)),
    "partners:national_account_reactivate": national_page(POST=(403, 302)),
}


def _national_row(name: str, method: str) -> dict:
    expected = NATIONAL[name][method] if name in NATIONAL else national_default(name, method)
    return dict(zip(NATIONAL_CALLERS, expected, strict=True))


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def project_urls():
    return {name: pattern for name, pattern in _walk(get_resolver().url_patterns) if not name.startswith("admin:")}


@pytest.fixture(scope="module")
def _matrix_media(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


@pytest.fixture(autouse=True)
def _media_root(settings, _matrix_media):
    """The module's files (the meeting pack) live as long as its data: one media folder for the module."""
    settings.MEDIA_ROOT = _matrix_media


def _build_world(media_root) -> dict:
    territory = TerritoryFactory(name="Angers Loire Métropole", slug="angers-loire-metropole")
    other_territory = TerritoryFactory(name="Saumur Val de Loire", slug="saumur-val-de-loire")
    aldev = OrganisationFactory(territory=territory, name="Aldev", kind="coordinator")
    ref_org = OrganisationFactory(territory=territory, name="France Travail Angers")
    team_org = OrganisationFactory(territory=territory, name="Mission locale angevine", kind="mission_locale")
    out_org = OrganisationFactory(territory=territory, name="Cap emploi 49", kind="cap_emploi")
    prefecture = OrganisationFactory(territory=territory, name="Préfecture", kind="prefecture")
    users = {
        "coordinator": UserFactory(role="coordinator", organisation=aldev),
        "admin": UserFactory(role="admin", organisation=aldev),
        "advisor_ref": UserFactory(role="advisor", organisation=ref_org),
        "advisor_team": UserFactory(role="advisor", organisation=team_org),
        "advisor_out": UserFactory(role="advisor", organisation=out_org),
        "viewer": UserFactory(role="viewer", organisation=prefecture),
        "other_coord": UserFactory(role="coordinator", organisation__territory=other_territory),
    }
    cohort = CohortFactory(territory=territory, year=2026)
    qpv = QPVFactory(territory=territory, name="Belle-Beille")
    person = JobSeekerFactory(
        territory=territory,
        cohort=cohort,
        qpv=qpv,
        last_name=PERSON_LAST_NAME,
        referent_organisation=ref_org,
        referent=users["advisor_ref"],
        disability_recognised=True,
        entry_date=datetime.date(2026, 2, 2),
    )
    member = TeamMemberFactory(job_seeker=person, organisation=team_org)
    # a referral between two organisations that follow the person (advisor_out never reads her name)
    referral = ReferralFactory(job_seeker=person, from_organisation=ref_org, to_organisation=team_org)
    barrier = BarrierFactory(job_seeker=person)
    follow_up = FollowUpFactory(
        job_seeker=person, author=users["advisor_ref"], summary="Synthèse partagée", confidential_note=SECRET_NOTE
    )
    situation = SituationFactory(job_seeker=person)
    connection = SchemeConnectionFactory(job_seeker=person, organisation=ref_org)
    # identified by the referent organisation, proposed to the cohort: waiting for the coordinator's decision
    candidate = CandidateFactory(
        territory=territory,
        qpv=qpv,
        identified_by=ref_org,
        last_name=PERSON_LAST_NAME,
        stage="proposed",
        proposed_on=datetime.date(2026, 2, 10),
    )
    action = ActionFactory(territory=territory, lead_organisation=aldev, outcome_types=[("job", "Retour à l'emploi")])
    participation = ParticipationFactory(action=action, job_seeker=person, participant_label="")
    outcome = ParticipationOutcomeFactory(
        participation=participation, outcome_type=OutcomeType.objects.get(action=action)
    )
    envelope = EnvelopeFactory(territory=territory, year=2026)
    sheet = publish_sheet(action, users["coordinator"]).sheet
    commitment: Commitment = CommitmentFactory(envelope=envelope, action=action)
    paid: Commitment = CommitmentFactory(
        envelope=envelope, amount=Decimal("5000.00"), status="paid", paid_on=datetime.date(2026, 3, 1)
    )
    group = WorkingGroupFactory(territory=territory, technical=True)
    meeting = MeetingFactory(territory=territory, group=group)
    decision: Decision = DecisionFactory(meeting=meeting)
    pack = MeetingPack(
        territory=territory,
        meeting=meeting,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 2, 28),
        status="done",
        file_size=9,
        sha256="0" * 64,
    )
    pack.file.save("dossier.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    operation = Operation.objects.create(
        territory=territory,
        number="202600001",
        title="Opération de test",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        requested_on=datetime.date(2025, 12, 1),
        amount_requested=Decimal("10000.00"),
    )
    operation.actions.set([action])
    execution_report = ExecutionReport.objects.create(operation=operation, status="done", file_size=9, sha256="0" * 64)
    execution_report.file.save("bilan.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    users["national_viewer"] = UserFactory(role="national_viewer", organisation=None)
    users["national_admin"] = UserFactory(role="national_admin", organisation=None)
    quarterly = QuarterlyReport(year=2026, quarter=1, status="done", pdf_sha256="0" * 64, pdf_size=9, xlsx_size=4)
    quarterly.pdf.save("rapport.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    quarterly.xlsx.save("rapport.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    quarterly.save()
    ids = {
        "partners:organisation": ref_org.pk,
        "partners:user": users["advisor_ref"].pk,
        "partners:group": group.pk,
        "partners:meeting": meeting.pk,
        "partners:decision": decision.pk,
        "partners:decision_create": meeting.pk,
        "cohorts:cohort": cohort.pk,
        "cohorts": person.pk,
        "referrals:create": person.pk,
        "referrals": referral.pk,
        "referral": referral.pk,
        "team-membership": member.pk,
        "consent": referral.consent_id,
        "actions:commitment": commitment.pk,
        "actions:commitment_correct": paid.pk,
        "actions": action.pk,
        "catalogue": sheet.pk,
        "action-publish": action.pk,
        "reporting": pack.pk,
        "reporting:quarterly": quarterly.pk,
        "quarterly-report": quarterly.pk,
        "partners:territory": territory.pk,
        "partners:national_account": users["national_viewer"].pk,
        "organisation": ref_org.pk,
        "meeting-pack": pack.pk,
        "meeting": meeting.pk,
        "qpv": qpv.pk,
        "cohort": cohort.pk,
        "job-seeker": person.pk,
        "barrier": barrier.pk,
        "follow-up": follow_up.pk,
        "situation": situation.pk,
        "cohorts:candidate": candidate.pk,
        "candidate": candidate.pk,
        "scheme-connection": connection.pk,
        "action": action.pk,
        "participation-outcome": outcome.pk,
        "participation": participation.pk,
        "envelope": envelope.pk,
        "commitment": commitment.pk,
        "commitment-correct": paid.pk,
        "fse": action.pk,
        "fse-operation": operation.pk,
    }
    extra = {
        "follow_up_pk": follow_up.pk,
        "barrier_pk": barrier.pk,
        "member_pk": member.pk,
        "consent_pk": referral.consent_id,
        "participation_pk": participation.pk,
        "action_pk": action.pk,
        "year": 2026,
        "extension": "csv",
        "fmt": "csv",
        "token": "jeton-inconnu",
        "key": "cle-inconnue",
        "uidb64": "MQ",
        "str": "x",
        "operation_pk": operation.pk,
        "report_pk": execution_report.pk,
        "kind": "depense",
    }
    return {"users": users, "ids": ids, "extra": extra, "person": person}


@pytest.fixture(autouse=True)
def _proconnect_configured(settings, oidc_provider):
    """The ProConnect URLs answer 404 when it is not configured: the matrix checks them configured, against the
    local OpenID Connect provider (tests/oidc_provider.py)."""
    settings.PROCONNECT_ISSUER = oidc_provider.issuer
    settings.PROCONNECT_CLIENT_ID = "cite-emploi-matrice"
    settings.PROCONNECT_CLIENT_SECRET = "secret-de-la-matrice"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, _matrix_media):
    """Built once for the module inside a transaction rolled back at its end; each test adds a savepoint."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(MEDIA_ROOT=_matrix_media):
                data = _build_world(_matrix_media)
            data["clients"] = {}
            for caller in CALLERS + NATIONAL_CALLERS:
                for api in (False, True):
                    client = APIClient() if api else Client()
                    client.raise_request_exception = False  # a 500 is recorded as a status, never expected
                    if caller != "anonymous":
                        client.force_login(data["users"][caller])
                    data["clients"][caller, api] = client
            yield data
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _kwargs_for(name: str, pattern: URLPattern, world) -> dict:
    keys = list(pattern.pattern.converters) or list(re.compile(str(pattern.pattern)).groupindex)
    kwargs = {}
    for key in keys:
        if key == "pk":
            prefix = max((p for p in world["ids"] if name.startswith(p)), key=len)
            kwargs[key] = world["ids"][prefix]
        elif key == "token" and name == "password_reset_confirm":
            kwargs[key] = "set-password"
        elif key == "extension" and name == "cohorts:job_seeker_rights_export":
            kwargs[key] = "json"
        elif key == "fmt" and name == "reporting:quarterly_download":
            kwargs[key] = "pdf"
        else:
            kwargs[key] = world["extra"][key]
    return kwargs


def _url_for(name, world) -> str:
    return reverse(name, kwargs=_kwargs_for(name, project_urls()[name], world))


def _call(world, caller: str, method: str, url: str):
    """One request, with an empty body, rolled back afterwards; the client keeps its session (even after logout)."""
    api = url.startswith("/api/")
    client = world["clients"][caller, api]
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    kwargs = {"format": "json"} if api and method != "GET" else {}
    with transaction.atomic():
        response = getattr(client, method.lower())(url, **({} if method == "GET" else {"data": {}}), **kwargs)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        transaction.set_rollback(True)
    if session is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session.value
    return response, body


def _row(name, method):
    return dict(zip(CALLERS, MATRIX[name][method], strict=True))


def test_every_url_has_a_row():
    missing = sorted(set(project_urls()) - set(MATRIX))
    stale = sorted(set(MATRIX) - set(project_urls()))
    assert not missing, f"Ajoutez une ligne à la matrice des permissions pour : {missing}"
    assert not stale, f"Lignes sans URL (retirez-les) : {stale}"
    incomplete = sorted(name for name, row in MATRIX.items() if sorted(row) != sorted(METHODS))
    assert not incomplete, f"Chaque ligne donne les cinq méthodes {METHODS} : {incomplete}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name, world):
    url = _url_for(name, world)
    api = url.startswith("/api/")
    person = world["person"]
    failures = []
    for method in METHODS:
        expected = _row(name, method)
        for caller in CALLERS:
            cache.clear()  # throttles count per client address: every cell starts from zero (as every test does)
            response, body = _call(world, caller, method, url)
            if response.status_code != expected[caller]:
                failures.append(f"{caller} {method} {url} : {response.status_code}, attendu {expected[caller]}")
                continue
            if response.status_code != 200 or response.get("Content-Type", "").startswith("application/pdf"):
                continue
            text = body.decode("utf-8", errors="replace")
            if caller in {"viewer", "advisor_out", "other_coord", "anonymous"}:
                assert person.last_name not in text, f"{caller} lit le nom de la personne sur {method} {url}"
            if caller not in {"coordinator", "advisor_ref"}:
                assert SECRET_NOTE not in text, f"{caller} lit la note confidentielle sur {method} {url}"
            if caller == "advisor_team" and api:
                assert '"disability_recognised"' not in text, f"{caller} lit la RQTH sur {method} {url}"
                assert '"confidential_note"' not in text, f"{caller} reçoit le champ note confidentielle sur {url}"
    assert not failures, "\n".join(failures)


def test_the_referent_organisation_reads_health_and_her_note(world):
    client = world["clients"]["advisor_ref", True]
    person = client.get(f"/api/v1/job-seekers/{world['person'].pk}/").json()
    assert person["disability_recognised"] is True
    follow_up = client.get(f"/api/v1/follow-ups/{world['ids']['follow-up']}/").json()
    assert follow_up["confidential_note"] == SECRET_NOTE


def test_every_national_exception_names_a_url():
    stale = sorted(set(NATIONAL) - set(MATRIX))
    assert not stale, f"Lignes nationales sans URL (retirez-les) : {stale}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_national_callers(name, world):
    """The national viewer and the national administrator on every URL and method: the statuses of `NATIONAL` (or
    the default rule), and never a person's name, confidential note or health data in what they receive."""
    url = _url_for(name, world)
    person = world["person"]
    failures = []
    for method in METHODS:
        expected = _national_row(name, method)
        for caller in NATIONAL_CALLERS:
            cache.clear()
            response, body = _call(world, caller, method, url)
            if response.status_code != expected[caller]:
                failures.append(f"{caller} {method} {url} : {response.status_code}, attendu {expected[caller]}")
                continue
            text = body.decode("utf-8", errors="replace")
            assert person.last_name not in text, f"{caller} lit le nom de la personne sur {method} {url}"
            assert SECRET_NOTE not in text, f"{caller} lit la note confidentielle sur {method} {url}"
            assert '"disability_recognised"' not in text, f"{caller} reçoit le champ RQTH sur {method} {url}"
    assert not failures, "\n".join(failures)
