from django.contrib.auth.backends import ModelBackend


class UserBackend(ModelBackend):
    """Django's backend, loading the user with her organisation and territory in one prepared statement
    (`partners.user_loading`)."""

    def get_user(self, user_id):
        from .user_loading import user_by_id

        user = user_by_id(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ProConnectBackend(UserBackend):
    """The backend recorded in the session of a person signed in through ProConnect (partners.views.proconnect).

    It authenticates no credentials: the identity is matched to an account by partners.services.proconnect and the
    view calls `login(request, user, backend=PROCONNECT_BACKEND)`. The session then says how she signed in (the
    logout ends the ProConnect session too; the audit trail says « ProConnect »).
    """

    def authenticate(self, request, **credentials):
        return None


PROCONNECT_BACKEND = f"{ProConnectBackend.__module__}.{ProConnectBackend.__qualname__}"
