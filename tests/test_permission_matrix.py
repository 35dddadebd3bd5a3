"""The permission matrix: every page and every API endpoint, called by every kind of caller.

One row per URL name; a new URL without a row fails `test_every_url_has_a_row`. Each cell is the
status a GET must answer. On top of the status, what a caller may not read must never reach her:
the person's name never reaches a viewer, an advisor outside her team or another territory; the
confidential note never leaves its author's organisation; health data (RQTH) stays with the referent
organisation and the coordinator.
"""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from actions.models import Commitment, OutcomeType
from partners.models import Decision
from reporting.models import MeetingPack
from tests.actions.factories import (
    ActionFactory,
    CommitmentFactory,
    EnvelopeFactory,
    ParticipationFactory,
    ParticipationOutcomeFactory,
)
from tests.cohorts.factories import (
    BarrierFactory,
    CohortFactory,
    FollowUpFactory,
    JobSeekerFactory,
    QPVFactory,
    SituationFactory,
    TeamMemberFactory,
)
from tests.factories import OrganisationFactory, UserFactory
from tests.partners.factories import DecisionFactory, MeetingFactory, WorkingGroupFactory

CALLERS = ["anonymous", "coordinator", "admin", "advisor_ref", "advisor_team", "advisor_out", "viewer", "other_coord"]

SECRET_NOTE = "NOTE-CONFIDENTIELLE-7Q"
PERSON_LAST_NAME = "Zylberstajnova"

# url name → statuses for: anonymous coordinator admin advisor_ref advisor_team advisor_out viewer other_coord
# Pages: 302 = sent to login (anonymous) or redirected; API: 401 anonymous.
MATRIX = {
    "cohorts:job_seeker_erase": (302, 200, 403, 403, 403, 404, 403, 404),  # /cohorte/personnes/<id>/effacer/
    "cohorts:job_seeker_rights": (302, 200, 403, 403, 403, 404, 403, 404),  # /cohorte/personnes/<id>/droits/
    "cohorts:job_seeker_rights_export": (302, 200, 403, 403, 403, 404, 403, 404),  # …/droits/dossier.json
    "cohorts:retention_due": (302, 200, 403, 403, 403, 403, 403, 200),  # /cohorte/conservation/
    "partners:user_access_log": (302, 200, 403, 403, 403, 403, 403, 404),  # /partenaires/personnes/<id>/journal/
    "accessibility": (200, 200, 200, 200, 200, 200, 200, 200),  # /accessibilite/
    "account_security": (302, 200, 200, 200, 200, 200, 200, 200),  # /compte/securite/
    "action-detail": (401, 200, 200, 200, 200, 200, 200, 404),  # /api/v1/actions/176/
    "action-indicators": (401, 200, 200, 200, 200, 200, 200, 404),  # /api/v1/actions/176/indicators/
    "action-list": (401, 200, 200, 200, 200, 200, 200, 200),  # /api/v1/actions/
    "actions:budget": (302, 200, 200, 200, 200, 200, 403, 200),  # /budget/
    "actions:budget_year": (302, 200, 200, 200, 200, 200, 403, 200),  # /budget/2026/
    "actions:cofunding_add": (302, 405, 405, 405, 405, 405, 405, 405),  # /actions/176/cofinancements/
    "actions:commitment_create": (302, 405, 405, 405, 405, 405, 405, 405),  # /budget/2026/engagements/
    "actions:commitment_export": (302, 200, 200, 200, 200, 200, 403, 404),  # /budget/2026/engagements.csv
    "actions:commitment_move": (302, 405, 405, 405, 405, 405, 405, 405),  # /budget/engagements/182/
    "actions:create": (302, 200, 403, 403, 403, 403, 403, 200),  # /actions/nouvelle/
    "actions:detail": (302, 200, 200, 200, 200, 200, 200, 404),  # /actions/176/
    "actions:edit": (302, 200, 403, 403, 403, 403, 403, 404),  # /actions/176/modifier/
    "actions:enrol": (302, 200, 403, 200, 200, 200, 403, 404),  # /actions/176/inscrire/
    "actions:envelope_create": (302, 405, 405, 405, 405, 405, 405, 405),  # /budget/enveloppe/
    "actions:list": (302, 200, 200, 200, 200, 200, 200, 200),  # /actions/
    "actions:outcome_record": (302, 405, 405, 405, 405, 405, 405, 405),  # /actions/176/participants/799/resultat/
    "actions:enrol_many": (302, 200, 403, 200, 200, 200, 403, 404),  # /actions/176/inscrire-plusieurs/
    "actions:outcomes_record": (302, 200, 403, 200, 200, 200, 403, 404),  # /actions/176/resultats/
    "actions:participation_remove": (302, 405, 405, 405, 405, 405, 405, 405),  # …/participants/799/retirer/
    "actions:participation_promote": (302, 405, 405, 405, 405, 405, 405, 405),  # …/participants/799/promouvoir/
    "actions:sheet_json": (302, 200, 200, 200, 200, 200, 200, 404),  # /actions/176/fiche.json
    "actions:sheet_pdf": (302, 200, 200, 200, 200, 200, 200, 404),  # /actions/176/fiche.pdf
    "actions:transition": (302, 405, 405, 405, 405, 405, 405, 405),  # /actions/176/statut/
    "actions:workshop_create": (302, 200, 403, 200, 200, 200, 403, 404),  # /actions/176/ateliers/nouveau/
    "auth-token": (405, 405, 405, 405, 405, 405, 405, 405),  # /api/v1/auth/token/
    "barrier-detail": (401, 200, 403, 200, 200, 404, 403, 404),  # /api/v1/barriers/2527/
    "barrier-list": (401, 200, 403, 200, 200, 200, 403, 200),  # /api/v1/barriers/
    "cohort-detail": (401, 200, 200, 200, 200, 200, 200, 404),  # /api/v1/cohorts/195/
    "cohort-list": (401, 200, 200, 200, 200, 200, 200, 200),  # /api/v1/cohorts/
    "cohorts:barrier_create": (302, 200, 403, 200, 200, 404, 403, 404),  # /cohorte/personnes/1565/freins/nouveau/
    "cohorts:barrier_update": (302, 200, 403, 200, 200, 404, 403, 404),  # /cohorte/personnes/1565/freins/2527/
    "cohorts:cohort_create": (302, 200, 403, 403, 403, 403, 403, 200),  # /cohorte/cohortes/nouvelle/
    "cohorts:cohort_list": (302, 200, 403, 200, 200, 200, 403, 200),  # /cohorte/cohortes/
    "cohorts:cohort_update": (302, 200, 403, 403, 403, 403, 403, 404),  # /cohorte/cohortes/195/modifier/
    "cohorts:follow_up_create": (302, 200, 403, 200, 200, 404, 403, 404),  # /cohorte/personnes/1565/suivis/nouveau/
    "cohorts:follow_up_update": (302, 403, 403, 200, 403, 404, 403, 404),  # /cohorte/personnes/1565/suivis/6556/
    "cohorts:import_template": (302, 200, 403, 403, 403, 403, 403, 200),  # /cohorte/import/modele.csv
    "cohorts:import_template_xlsx": (302, 200, 403, 403, 403, 403, 403, 200),  # /cohorte/import/modele.xlsx
    "cohorts:job_seeker_create": (302, 200, 403, 200, 200, 200, 403, 200),  # /cohorte/inscrire/
    "cohorts:job_seeker_detail": (302, 200, 403, 200, 200, 404, 403, 404),  # /cohorte/personnes/1565/
    "cohorts:job_seeker_early_exit": (302, 200, 403, 200, 403, 404, 403, 404),  # /cohorte/personnes/1565/sortie/
    "cohorts:job_seeker_export": (302, 200, 403, 200, 200, 200, 403, 200),  # /cohorte/export.csv
    "cohorts:job_seeker_import": (302, 200, 403, 403, 403, 403, 403, 200),  # /cohorte/import/
    "cohorts:job_seeker_list": (302, 200, 403, 200, 200, 200, 403, 200),  # /cohorte/
    "cohorts:qpv_list": (302, 200, 200, 403, 403, 403, 403, 200),  # /cohorte/qpv/
    "cohorts:qpv_import": (302, 403, 200, 403, 403, 403, 403, 403),  # /cohorte/qpv/importer/
    "cohorts:job_seeker_team": (302, 200, 403, 403, 403, 404, 403, 404),  # /cohorte/personnes/1565/equipe/
    "cohorts:job_seeker_team_remove": (
        302,
        405,
        405,
        405,
        405,
        405,
        405,
        405,
    ),  # /cohorte/personnes/1565/equipe/294/retirer/
    "cohorts:job_seeker_update": (302, 200, 403, 200, 403, 404, 403, 404),  # /cohorte/personnes/1565/modifier/
    "cohorts:my_people": (302, 403, 403, 200, 200, 200, 403, 403),  # /cohorte/mes-personnes/
    "cohorts:situation_create": (
        302,
        200,
        403,
        200,
        200,
        404,
        403,
        404,
    ),  # /cohorte/personnes/1565/situations/nouvelle/
    "commitment-detail": (401, 200, 200, 200, 200, 200, 403, 404),  # /api/v1/commitments/182/
    "commitment-list": (401, 200, 200, 200, 200, 200, 403, 200),  # /api/v1/commitments/
    "envelope-detail": (401, 200, 200, 200, 200, 200, 403, 404),  # /api/v1/envelopes/68/
    "envelope-list": (401, 200, 200, 200, 200, 200, 403, 200),  # /api/v1/envelopes/
    "follow-up-detail": (401, 200, 403, 200, 200, 404, 403, 404),  # /api/v1/follow-ups/6556/
    "follow-up-list": (401, 200, 403, 200, 200, 200, 403, 200),  # /api/v1/follow-ups/
    "healthz": (200, 200, 200, 200, 200, 200, 200, 200),  # /healthz
    "home": (302, 200, 200, 200, 200, 200, 200, 200),  # /
    "job-seeker-detail": (401, 200, 403, 200, 200, 404, 403, 404),  # /api/v1/job-seekers/1565/
    "job-seeker-list": (401, 200, 403, 200, 200, 200, 403, 200),  # /api/v1/job-seekers/
    "login": (200, 302, 302, 302, 302, 302, 302, 302),  # /connexion/
    "logout": (302, 405, 405, 405, 405, 405, 405, 405),  # /deconnexion/
    "meeting-detail": (401, 200, 200, 200, 200, 200, 200, 404),  # /api/v1/meetings/498/
    "meeting-list": (401, 200, 200, 200, 200, 200, 200, 200),  # /api/v1/meetings/
    "meeting-pack-detail": (401, 200, 200, 200, 200, 200, 200, 404),  # /api/v1/meeting-packs/3/
    "meeting-pack-download": (401, 200, 200, 200, 200, 200, 200, 404),  # /api/v1/meeting-packs/3/download/
    "meeting-pack-list": (401, 200, 200, 200, 200, 200, 200, 200),  # /api/v1/meeting-packs/
    "organisation-detail": (401, 200, 200, 200, 200, 200, 200, 404),  # /api/v1/organisations/2012/
    "organisation-list": (401, 200, 200, 200, 200, 200, 200, 200),  # /api/v1/organisations/
    "otp_recovery_codes": (302, 200, 200, 200, 200, 200, 200, 200),  # /compte/codes-de-secours/
    "otp_setup": (302, 200, 200, 200, 200, 200, 200, 200),  # /compte/double-authentification/
    "otp_verify": (302, 302, 302, 302, 302, 302, 302, 302),  # /connexion/verification/
    "participation-detail": (401, 200, 403, 200, 200, 404, 403, 404),  # /api/v1/participations/799/
    "participation-list": (401, 200, 403, 200, 200, 200, 403, 200),  # /api/v1/participations/
    "participation-outcome-detail": (401, 200, 403, 200, 200, 404, 403, 404),  # /api/v1/participation-outcomes/528/
    "participation-outcome-list": (401, 200, 403, 200, 200, 200, 403, 200),  # /api/v1/participation-outcomes/
    "partners:calendar_feed": (404, 404, 404, 404, 404, 404, 404, 404),  # /partenaires/agenda/cle-inconnue.ics
    "partners:calendar_settings": (302, 200, 200, 200, 200, 200, 200, 200),  # /partenaires/agenda/
    "partners:decision_create": (302, 405, 405, 405, 405, 405, 405, 405),  # /partenaires/reunions/383/decisions/
    "partners:decision_edit": (302, 200, 403, 403, 403, 403, 403, 404),  # /partenaires/decisions/383/modifier/
    "partners:decision_status": (302, 405, 405, 405, 405, 405, 405, 405),  # /partenaires/decisions/383/etat/
    "partners:group_create": (302, 200, 403, 403, 403, 403, 403, 200),  # /partenaires/groupes/nouveau/
    "partners:group_detail": (302, 200, 200, 200, 200, 200, 200, 404),  # /partenaires/groupes/271/
    "partners:group_edit": (302, 200, 403, 403, 403, 403, 403, 404),  # /partenaires/groupes/271/modifier/
    "partners:group_list": (302, 200, 200, 200, 200, 200, 200, 200),  # /partenaires/groupes/
    "partners:invitation_accept": (404, 404, 404, 404, 404, 404, 404, 404),  # /partenaires/invitation/jeton-inconnu/
    "partners:meeting_attendance": (302, 405, 405, 405, 405, 405, 405, 405),  # /partenaires/reunions/498/presences/
    "partners:meeting_attendee_add": (
        302,
        405,
        405,
        405,
        405,
        405,
        405,
        405,
    ),  # /partenaires/reunions/498/participants/
    "partners:meeting_create": (302, 200, 403, 403, 403, 403, 403, 200),  # /partenaires/reunions/nouvelle/
    "partners:meeting_detail": (302, 200, 200, 200, 200, 200, 200, 404),  # /partenaires/reunions/498/
    "partners:meeting_edit": (302, 200, 403, 403, 403, 403, 403, 404),  # /partenaires/reunions/498/modifier/
    "partners:meeting_list": (302, 200, 200, 200, 200, 200, 200, 200),  # /partenaires/reunions/
    "partners:meeting_plan": (302, 200, 403, 403, 403, 403, 403, 200),  # /partenaires/reunions/planifier/
    "partners:organisation_create": (302, 200, 200, 403, 403, 403, 403, 200),  # /partenaires/organisations/nouvelle/
    "partners:organisation_delete": (
        302,
        405,
        405,
        405,
        405,
        405,
        405,
        405,
    ),  # /partenaires/organisations/2012/supprimer/
    "partners:organisation_detail": (302, 200, 200, 200, 200, 200, 200, 404),  # /partenaires/organisations/2012/
    "partners:organisation_edit": (302, 200, 200, 403, 403, 403, 403, 404),  # /partenaires/organisations/2012/modifier/
    "partners:organisation_list": (302, 200, 200, 200, 200, 200, 200, 200),  # /partenaires/organisations/
    "partners:user_change_role": (302, 405, 405, 405, 405, 405, 405, 405),  # /partenaires/personnes/1673/role/
    "partners:user_deactivate": (302, 405, 405, 405, 405, 405, 405, 405),  # /partenaires/personnes/1673/desactiver/
    "partners:user_detail": (302, 200, 200, 403, 403, 403, 403, 404),  # /partenaires/personnes/1673/
    "partners:user_invite": (302, 200, 200, 403, 403, 403, 403, 200),  # /partenaires/personnes/inviter/
    "partners:user_list": (302, 200, 200, 403, 403, 403, 403, 200),  # /partenaires/personnes/
    "partners:user_reactivate": (302, 405, 405, 405, 405, 405, 405, 405),  # /partenaires/personnes/1673/reactiver/
    "password_change": (302, 200, 200, 200, 200, 200, 200, 200),  # /mot-de-passe/modifier/
    "password_change_done": (302, 200, 200, 200, 200, 200, 200, 200),  # /mot-de-passe/modifie/
    "password_reset": (200, 200, 200, 200, 200, 200, 200, 200),  # /mot-de-passe/oubli/
    "password_reset_complete": (200, 200, 200, 200, 200, 200, 200, 200),  # /mot-de-passe/nouveau/fait/
    "password_reset_confirm": (200, 200, 200, 200, 200, 200, 200, 200),  # /mot-de-passe/nouveau/MQ/set-password/
    "password_reset_done": (200, 200, 200, 200, 200, 200, 200, 200),  # /mot-de-passe/oubli/envoye/
    "personal_data": (200, 200, 200, 200, 200, 200, 200, 200),  # /donnees-personnelles/
    "qpv-detail": (401, 200, 200, 200, 200, 200, 200, 404),  # /api/v1/qpvs/240/
    "qpv-list": (401, 200, 200, 200, 200, 200, 200, 200),  # /api/v1/qpvs/
    "reporting:dashboard": (302, 200, 200, 403, 403, 403, 200, 200),  # /pilotage/
    "reporting:figures_export": (302, 200, 200, 403, 403, 403, 200, 200),  # /pilotage/indicateurs.xlsx
    "reporting:pack_detail": (302, 200, 200, 200, 200, 200, 200, 404),  # /dossiers-de-seance/3/
    "reporting:pack_download": (302, 200, 200, 200, 200, 200, 200, 404),  # /dossiers-de-seance/3/telecharger/
    "reporting:pack_list": (302, 200, 200, 200, 200, 200, 200, 200),  # /dossiers-de-seance/
    "reporting:pack_request": (302, 405, 405, 405, 405, 405, 405, 405),  # /dossiers-de-seance/demander/
    "reporting:pack_retry": (302, 405, 405, 405, 405, 405, 405, 405),  # /dossiers-de-seance/3/relancer/
    "reporting:pack_status": (302, 200, 200, 200, 200, 200, 200, 404),  # /dossiers-de-seance/3/etat/
    "schema": (401, 200, 200, 200, 200, 200, 200, 200),  # /api/v1/schema/
    "situation-detail": (401, 200, 403, 200, 200, 404, 403, 404),  # /api/v1/situations/2912/
    "situation-list": (401, 200, 403, 200, 200, 200, 403, 200),  # /api/v1/situations/
    "swagger-ui": (401, 200, 200, 200, 200, 200, 200, 200),  # /api/v1/docs/
    "users-me": (401, 200, 200, 200, 200, 200, 200, 200),  # /api/v1/users/me/
}


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def project_urls():
    return {name: pattern for name, pattern in _walk(get_resolver().url_patterns) if not name.startswith("admin:")}


@pytest.fixture
def world(territory, other_territory):
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
    barrier = BarrierFactory(job_seeker=person)
    follow_up = FollowUpFactory(
        job_seeker=person, author=users["advisor_ref"], summary="Synthèse partagée", confidential_note=SECRET_NOTE
    )
    situation = SituationFactory(job_seeker=person)
    action = ActionFactory(territory=territory, lead_organisation=aldev, outcome_types=[("job", "Retour à l'emploi")])
    participation = ParticipationFactory(action=action, job_seeker=person, participant_label="")
    outcome = ParticipationOutcomeFactory(
        participation=participation, outcome_type=OutcomeType.objects.get(action=action)
    )
    envelope = EnvelopeFactory(territory=territory, year=2026)
    commitment: Commitment = CommitmentFactory(envelope=envelope, action=action)
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
    ids = {
        "partners:organisation": ref_org.pk,
        "partners:user": users["advisor_ref"].pk,
        "partners:group": group.pk,
        "partners:meeting": meeting.pk,
        "partners:decision": decision.pk,
        "cohorts:cohort": cohort.pk,
        "cohorts": person.pk,
        "actions:commitment": commitment.pk,
        "actions": action.pk,
        "reporting": pack.pk,
        "organisation": ref_org.pk,
        "meeting-pack": pack.pk,
        "meeting": meeting.pk,
        "qpv": qpv.pk,
        "cohort": cohort.pk,
        "job-seeker": person.pk,
        "barrier": barrier.pk,
        "follow-up": follow_up.pk,
        "situation": situation.pk,
        "action": action.pk,
        "participation-outcome": outcome.pk,
        "participation": participation.pk,
        "envelope": envelope.pk,
        "commitment": commitment.pk,
    }
    extra = {
        "follow_up_pk": follow_up.pk,
        "barrier_pk": barrier.pk,
        "member_pk": member.pk,
        "participation_pk": participation.pk,
        "year": 2026,
        "extension": "csv",
        "fmt": "csv",
        "token": "jeton-inconnu",
        "key": "cle-inconnue",
        "uidb64": "MQ",
        "str": "x",
    }
    return {"users": users, "ids": ids, "extra": extra, "person": person}


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
        else:
            kwargs[key] = world["extra"][key]
    return kwargs


def _client_for(caller, world, api: bool):
    client = APIClient() if api else __import__("django.test", fromlist=["Client"]).Client()
    if caller != "anonymous":
        client.force_login(world["users"][caller])
    return client


def _row(name):
    return dict(zip(CALLERS, MATRIX[name], strict=True))


def _cells():
    for name in sorted(MATRIX):
        for caller in CALLERS:
            yield name, caller


def test_every_url_has_a_row():
    missing = sorted(set(project_urls()) - set(MATRIX))
    stale = sorted(set(MATRIX) - set(project_urls()))
    assert not missing, f"Ajoutez une ligne à la matrice des permissions pour : {missing}"
    assert not stale, f"Lignes sans URL (retirez-les) : {stale}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name, world, settings):
    pattern = project_urls()[name]
    url = reverse(name, kwargs=_kwargs_for(name, pattern, world))
    api = url.startswith("/api/")
    expected = _row(name)
    person = world["person"]
    for caller in CALLERS:
        response = _client_for(caller, world, api).get(url)
        assert response.status_code == expected[caller], (
            f"{caller} GET {url} : {response.status_code}, attendu {expected[caller]}"
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200 or response.get("Content-Type", "").startswith("application/pdf"):
            continue
        text = body.decode("utf-8", errors="replace")
        if caller in {"viewer", "advisor_out", "other_coord", "anonymous"}:
            assert person.last_name not in text, f"{caller} lit le nom de la personne sur {url}"
        if caller not in {"coordinator", "advisor_ref"}:
            assert SECRET_NOTE not in text, f"{caller} lit la note confidentielle sur {url}"
        if caller == "advisor_team" and api:
            assert '"disability_recognised"' not in text, f"{caller} lit la RQTH sur {url}"
            assert '"confidential_note"' not in text, f"{caller} reçoit le champ note confidentielle sur {url}"


def test_the_referent_organisation_reads_health_and_her_note(world):
    client = _client_for("advisor_ref", world, api=True)
    person = client.get(f"/api/v1/job-seekers/{world['person'].pk}/").json()
    assert person["disability_recognised"] is True
    follow_up = client.get(f"/api/v1/follow-ups/{world['ids']['follow-up']}/").json()
    assert follow_up["confidential_note"] == SECRET_NOTE
