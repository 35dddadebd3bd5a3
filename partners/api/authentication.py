"""Token authentication that loads the user with her organisation and territory in the same query.

DRF's `TokenAuthentication` joins the user only; every API call then read the organisation (for the
territory scoping) in a second query. Only the queryset changes here: the checks are DRF's.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    def get_queryset(self):
        """The tokens with user, organisation and territory joined: one query per API call."""
        return self.get_model().objects.select_related("user__organisation__territory")

    def authenticate_credentials(self, key):
        model = self.get_model()
        try:
            token = self.get_queryset().get(key=key)
        except model.DoesNotExist as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from exc
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)
