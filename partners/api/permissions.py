from rest_framework.permissions import SAFE_METHODS, BasePermission

from .. import perms


class InTerritory(BasePermission):
    """The default for every endpoint: a signed-in user attached to a territory (deny by default)."""

    message = "Votre compte n'est rattaché à aucun territoire."

    def has_permission(self, request, view):
        return perms.has_territory(request.user)


class ReadAllWriteStaff(InTerritory):
    """Anyone of the territory reads; coordinator and admin write (partners.perms.can_manage_organisations)."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            return True
        self.message = "Seules la coordination et l'administration peuvent modifier les organisations."
        return perms.can_manage_organisations(request.user)
