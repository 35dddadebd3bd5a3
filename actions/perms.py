"""Who may do what with actions, participations and the envelope. Small named rules, tested one by one.

- The action catalogue and its indicators: everyone of the territory (viewers included: no personal data).
- Creating and editing actions, co-funding, envelopes and commitments: the coordinator.
- The budget (envelopes, commitments): coordinator and advisors read it, admin too; viewers do not (403):
  they get the catalogue and the indicators only.
- Participations and their outcomes are personal data: coordinator and advisors (narrowed by
  ParticipationQuerySet.for_user); viewers and the technical admin get 403.
"""

from partners import perms as partner_perms
from partners.enums import Role
from partners.perms import is_coordinator  # noqa: F401  (the one role check, re-exported for actions)

from .models import Participation


def can_view_actions(user) -> bool:
    return partner_perms.has_territory(user)


def can_manage_actions(user) -> bool:
    return partner_perms.is_coordinator(user)


def can_view_budget(user) -> bool:
    return partner_perms.has_role(user, Role.COORDINATOR, Role.ADVISOR, Role.ADMIN)


def can_manage_budget(user) -> bool:
    return partner_perms.is_coordinator(user)


def can_manage_action(user, action) -> bool:
    """Edit this action, move it along its lifecycle: the coordinator of its territory."""
    return can_manage_actions(user) and partner_perms.is_in_territory(user, action.territory_id)


def can_manage_cofunding(user, action) -> bool:
    """Co-funding is budget: the coordinator of the action's territory."""
    return can_manage_budget(user) and partner_perms.is_in_territory(user, action.territory_id)


def can_manage_envelope(user, envelope) -> bool:
    """Change this envelope and its commitments: the coordinator of its territory."""
    return can_manage_budget(user) and partner_perms.is_in_territory(user, envelope.territory_id)


def can_view_participations(user) -> bool:
    return partner_perms.can_view_personal_data(user)


def is_action_partner(user, action) -> bool:
    """Her organisation leads the action or is one of its partners (IDs compared, partners prefetched or queried)."""
    if not partner_perms.has_territory(user) or user.organisation_id is None:
        return False
    if action.lead_organisation_id == user.organisation_id:
        return True
    return any(org.pk == user.organisation_id for org in action.partner_organisations.all())


def can_enrol_pseudonymous(user, action) -> bool:
    """People outside the cohort are enrolled by the coordinator or by the action's lead/partner organisations."""
    if not can_view_participations(user):
        return False
    return partner_perms.is_coordinator(user) or is_action_partner(user, action)


def can_record_workshop(user, action) -> bool:
    """Workshops list attendees (personal data): coordinator and advisors of the action's territory."""
    return can_view_participations(user) and partner_perms.is_in_territory(user, action.territory_id)


def can_edit_participation(user, participation) -> bool:
    """Change a participation or record its outcome: whoever may see it (ParticipationQuerySet.for_user)."""
    return can_view_participations(user) and Participation.objects.for_user(user).filter(pk=participation.pk).exists()


def can_enrol(user, action) -> bool:
    """Coordinator; advisors enrol the cohort members they may see (checked against JobSeeker.for_user)."""
    return can_view_participations(user) and action.status != "closed"
