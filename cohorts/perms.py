"""Who may see and do what in the cohorts app. Small named rules, tested one by one."""

from partners.enums import Role
from partners.perms import (
    can_view_personal_data,
    has_role,
    has_territory,
    is_admin,
    is_advisor,
    is_coordinator,
    is_in_territory,
    is_national_admin,
)

__all__ = ["can_view_personal_data", "is_advisor", "is_coordinator", "is_in_territory"]


def sees_whole_cohort(user) -> bool:
    """The coordinator sees every person of her territory."""
    return is_coordinator(user)


def can_manage_cohorts(user) -> bool:
    """Create and edit cohorts, import people, manage follow-up teams, record QPV exceptions."""
    return is_coordinator(user)


def can_enrol(user) -> bool:
    """Coordinator and partner advisors propose and enrol people."""
    return has_role(user, Role.COORDINATOR, Role.ADVISOR)


def can_record_qpv_exception(user) -> bool:
    return is_coordinator(user)


def is_anonymised(job_seeker) -> bool:
    return job_seeker.anonymised_on is not None


def can_edit_job_seeker(user, job_seeker) -> bool:
    """The coordinator, or an advisor of the referent organisation. An anonymised file is never edited again."""
    if not is_in_territory(user, job_seeker.territory_id) or is_anonymised(job_seeker):
        return False
    return is_coordinator(user) or (is_advisor(user) and user.organisation_id == job_seeker.referent_organisation_id)


def can_manage_team(user, job_seeker) -> bool:
    return is_coordinator(user) and is_in_territory(user, job_seeker.territory_id)


def can_end_team_membership(user, member) -> bool:
    """The coordinator ends any membership; an advisor records that her own organisation leaves the team."""
    if not is_in_territory(user, member.job_seeker.territory_id) or is_anonymised(member.job_seeker):
        return False
    return can_manage_team(user, member.job_seeker) or (
        is_advisor(user) and user.organisation_id == member.organisation_id
    )


def can_record_consent(user, job_seeker) -> bool:
    """The person's consent to a sharing is recorded by whoever follows her (the coordinator included)."""
    return can_log_on(user, job_seeker)


def can_withdraw_consent(user, consent) -> bool:
    """Record that the person withdrew a consent: the coordinator, or an advisor of her referent organisation or of
    the organisation whose advisor recorded the consent (the partners she told). Never the organisation the file was
    shared with on its own, a viewer or an administrator; never on an anonymised file."""
    job_seeker = consent.job_seeker
    if not is_in_territory(user, job_seeker.territory_id) or is_anonymised(job_seeker):
        return False
    if is_coordinator(user):
        return True
    if not is_advisor(user) or user.organisation_id is None:
        return False
    recorder = consent.recorded_by
    return user.organisation_id in {
        job_seeker.referent_organisation_id,
        recorder.organisation_id if recorder is not None else None,
    }


def can_record_early_exit(user, job_seeker) -> bool:
    return can_edit_job_seeker(user, job_seeker)


def can_view_health_data(user, job_seeker) -> bool:
    """RQTH and health barriers (RGPD art. 9): the referent organisation and the coordinator only."""
    if not is_in_territory(user, job_seeker.territory_id):
        return False
    return is_coordinator(user) or (is_advisor(user) and user.organisation_id == job_seeker.referent_organisation_id)


def can_view_confidential_note(user, follow_up) -> bool:
    """The confidential note stays inside the author's organisation (even the coordinator does not read it)."""
    return (
        has_territory(user)
        and follow_up.organisation_id is not None
        and user.organisation_id == follow_up.organisation_id
    )


def can_edit_follow_up(user, follow_up) -> bool:
    return has_territory(user) and follow_up.author_id == user.pk


def can_log_on(user, job_seeker) -> bool:
    """Log follow-ups, barriers and situations: anyone of the team (the coordinator included), until anonymisation."""
    return (
        can_view_personal_data(user)
        and is_in_territory(user, job_seeker.territory_id)
        and not is_anonymised(job_seeker)
    )


def can_view_file_accesses(user) -> bool:
    """Who opened a person's file: the coordinator."""
    return is_coordinator(user)


def can_export(user) -> bool:
    return can_view_personal_data(user)


def can_import(user) -> bool:
    return is_coordinator(user)


def export_includes_personal_columns(user) -> bool:
    """Names, birth date and contact details in exports; viewers never export at all."""
    return can_view_personal_data(user)


def can_exercise_rights(user, job_seeker) -> bool:
    """Answer the person's requests (RGPD art. 15 to 17): her complete file, its access log, its erasure."""
    return is_coordinator(user) and is_in_territory(user, job_seeker.territory_id)


def can_view_retention(user) -> bool:
    """The list of files due for anonymisation."""
    return is_coordinator(user)


def can_view_decision_job_seeker(user) -> bool:
    """A meeting decision's link to a person is shown only to roles that may see personal data (then per person)."""
    return can_view_personal_data(user)


def can_view_qpvs(user) -> bool:
    """The QPV list of the territory: the coordinator (who enrols) and the technical administrator."""
    return has_role(user, Role.COORDINATOR, Role.ADMIN)


def can_import_national_qpvs(user) -> bool:
    """The national administrator loads the official national file for every territory (or one of them)."""
    return is_national_admin(user)


def can_import_qpvs(user) -> bool:
    """The national QPV file is reference data: the technical administrator loads it for her territory."""
    return is_admin(user)


# --- the path into the cohort ---------------------------------------------------------------------------------
def can_identify(user) -> bool:
    """Record a person identified in the QPVs: the coordinator and partner advisors."""
    return has_role(user, Role.COORDINATOR, Role.ADVISOR)


def can_advance_candidate(user, candidate) -> bool:
    """Mark contacted, propose to the cohort, or close (not enrolled) before the proposal: the organisation that
    identified her, or the coordinator; never once she is enrolled, not enrolled or anonymised."""
    if not is_in_territory(user, candidate.territory_id) or candidate.anonymised_on is not None:
        return False
    return is_coordinator(user) or (is_advisor(user) and user.organisation_id == candidate.identified_by_id)


def can_decide_enrolment(user, candidate) -> bool:
    """Enrol a proposed person, or decide not to: the coordinator (who records the follow-up group's decision when
    the territory gives it that role)."""
    return is_coordinator(user) and is_in_territory(user, candidate.territory_id) and candidate.anonymised_on is None


def can_manage_pathway_settings(user) -> bool:
    return is_coordinator(user)


def can_record_scheme_connection(user, job_seeker) -> bool:
    """A reconnection to a mainstream scheme is a result recorded by anyone of the team, like a situation."""
    return can_log_on(user, job_seeker)
