from rest_framework.exceptions import APIException
from rest_framework.permissions import SAFE_METHODS

from partners.api.permissions import InTerritory

from .. import perms


class Conflict(APIException):
    status_code = 409
    default_detail = "Cette opération est en conflit avec l'état des données."
    default_code = "conflict"


class ActionsPermission(InTerritory):
    """Everyone of the territory reads the catalogue and the indicators; the coordinator writes."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            return perms.can_view_actions(request.user)
        self.message = "Seule la coordination crée et modifie les actions."
        return perms.can_manage_actions(request.user)


class ParticipationsPermission(InTerritory):
    """Personal data: coordinator and advisors only (viewers and admin: 403). Rows are narrowed by for_user."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        self.message = "Votre rôle ne donne pas accès aux données personnelles des participants."
        return perms.can_view_participations(request.user)


class BudgetPermission(InTerritory):
    """Coordinator: full. Advisors and admin: read only. Viewers: 403 (catalogue and indicators only)."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if not perms.can_view_budget(request.user):
            self.message = "Votre rôle donne accès au catalogue des actions et à leurs indicateurs seulement."
            return False
        if request.method in SAFE_METHODS:
            return True
        self.message = "Seule la coordination engage l'enveloppe."
        return perms.can_manage_budget(request.user)
