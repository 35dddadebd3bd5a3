from django.contrib.auth.backends import ModelBackend


class UserBackend(ModelBackend):
    """Django's backend, loading the user with her organisation and territory in the same query."""

    def get_user(self, user_id):
        from .models import User

        try:
            user = User._default_manager.select_related("organisation__territory").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ProConnectBackend(UserBackend):
    """The backend recorded in the session of a person signed in through ProConnect (partners.views.proconnect).

    It authenticates no credentials: the identity is matched to an account by partners.services.proconnect and the
    view calls `login(request, user, backend=PROCONNECT_BACKEND)`. The session then says how she signed in (the
    logout ends the ProConnect session too; the audit trail says « ProConnect »).
    """

    def authenticate(self, request, **credentials):
        return None


PROCONNECT_BACKEND = f"{ProConnectBackend.__module__}.{ProConnectBackend.__qualname__}"
