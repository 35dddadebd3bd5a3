"""Who may see and do what with FSE+ operations. Small named rules on top of partners, cohorts and actions rules.

- The operation and its Annex I counts: everyone of the territory; the counts go through statistical secrecy for
  everyone but the coordinator (fse.selectors.protected_indicators).
- The money (cost plan, flat rates, expenses, claims, cash): the budget's readers (coordinator, advisors, admin);
  written by the coordinator.
- The participants (personal data): coordinator and advisors, each the participations she may see.
- The sensitive characteristics (disability, origin, minority, housing, rural area): per person, only whom may see
  health data today (cohorts.perms.can_view_health_data: the referent organisation and the coordinator); for a
  person outside the cohort, the coordinator and the organisation that enrolled her. Everyone else: aggregates.
"""

from actions import perms as action_perms
from cohorts import perms as cohort_perms
from partners import perms as partner_perms


def can_view_operations(user) -> bool:
    return partner_perms.has_territory(user)


def can_manage_operations(user) -> bool:
    return partner_perms.is_coordinator(user)


def can_manage_operation(user, operation) -> bool:
    return can_manage_operations(user) and partner_perms.is_in_territory(user, operation.territory_id)


def can_view_finance(user) -> bool:
    return action_perms.can_view_budget(user)


def can_view_participants(user) -> bool:
    return partner_perms.can_view_personal_data(user)


def can_edit_participant(user, participation) -> bool:
    """Record a participant's FSE+ data: whoever may change the participation (actions.perms)."""
    return action_perms.can_edit_participation(user, participation)


def can_view_sensitive(user, participation) -> bool:
    """The sensitive characteristics of one participant (RGPD art. 9)."""
    if participation.job_seeker_id:
        return cohort_perms.can_view_health_data(user, participation.job_seeker)
    if not partner_perms.is_in_territory(user, participation.action.territory_id):
        return False
    if partner_perms.is_coordinator(user):
        return True
    enrolled_by = participation.enrolled_by_id or participation.action.lead_organisation_id
    return partner_perms.is_advisor(user) and user.organisation_id == enrolled_by


def sees_exact_counts(user) -> bool:
    """The coordinator declares the operation: she reads the exact counts; everyone else reads them under secrecy."""
    return partner_perms.is_coordinator(user)


def can_request_report(user, operation) -> bool:
    return can_manage_operation(user, operation)


def can_view_reports(user) -> bool:
    """The bilan is anonymised (secrecy applied): everyone of the territory, the préfecture and the DREETS too."""
    return partner_perms.has_territory(user)
