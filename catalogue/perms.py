"""Who may do what with the catalogue of action sheets. Small named rules, tested one by one.

- **Read** the catalogue (search, filter, a sheet, its JSON export): every role of a territory — coordinator,
  advisors, viewers (préfecture, DREETS) and the technical admin. A sheet carries no personal data: its figures are
  aggregates under statistical secrecy, frozen when published, and it is made to leave the Cité. Advisors find there
  actions to propose; the State services that fund the envelope see what the Cités share.
- **Publish, republish, withdraw** a sheet: the coordinator of the action's territory (the sheet's territory).
- **Copy** a published sheet into one's territory, **import** sheets from a file: a coordinator.
- **Who copied** a sheet (territories and dates): every role of the publishing territory; the others see a count.
"""

from actions import perms as action_perms
from partners import perms as partner_perms


def can_read_catalogue(user) -> bool:
    """Every role of a territory, and the national viewer (ANCT, DGEFP): a sheet holds no personal data."""
    return partner_perms.has_territory(user) or partner_perms.is_national_viewer(user)


def can_publish(user, action) -> bool:
    """Publish (or republish) the sheet of this action: the coordinator of its territory."""
    return action_perms.can_manage_action(user, action)


def can_manage_sheet(user, sheet) -> bool:
    """Withdraw a sheet (or put it back): the coordinator of the territory that published or imported it."""
    return partner_perms.is_coordinator(user) and partner_perms.is_in_territory(user, sheet.territory_id)


def can_copy(user) -> bool:
    """Copy a published sheet into a new action of one's territory: a coordinator (she creates the actions)."""
    return action_perms.can_manage_actions(user)


def can_import(user) -> bool:
    return partner_perms.is_coordinator(user)


def can_see_copies(user, sheet) -> bool:
    return partner_perms.is_in_territory(user, sheet.territory_id)
