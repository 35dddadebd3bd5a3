from rest_framework.permissions import SAFE_METHODS

from partners.api.permissions import InTerritory

from .. import perms


class PersonalData(InTerritory):
    """Personal-data resources: coordinator and advisors only; viewers and admins get 403."""

    message = "Votre rôle ne donne pas accès aux données personnelles."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and perms.can_view_personal_data(request.user)


class ReadAllWriteCoordinator(InTerritory):
    """Anyone of the territory reads; only the coordinator writes (cohorts)."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            return True
        self.message = "Seule la coordination crée et modifie les cohortes."
        return perms.can_manage_cohorts(request.user)
