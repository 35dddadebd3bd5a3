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
