"""DRF's throttles, keyed on the client address read by `cite_emploi.client_ip` (the one the lockout uses).

DRF's own `get_ident` would read the same address from `NUM_PROXIES` (set from `TRUSTED_PROXY_COUNT`);
these classes make the API call the project's single function rather than trust two copies of the rule.
"""

from rest_framework import throttling

from .client_ip import client_ip


class ClientAddressMixin:
    def get_ident(self, request):
        return client_ip(request)


class AnonRateThrottle(ClientAddressMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientAddressMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(ClientAddressMixin, throttling.ScopedRateThrottle):
    pass
