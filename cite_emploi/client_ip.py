"""The client's address, configured once by `TRUSTED_PROXY_COUNT` and used by the login lockout (django-axes,
`AXES_CLIENT_IP_CALLABLE`) and the API throttles (DRF `NUM_PROXIES`, same rule).

With no trusted proxy (0, the default) the address is the TCP peer's, `REMOTE_ADDR`: an `X-Forwarded-For`
header sent by the client is ignored. Behind N trusted reverse proxies, each appending the address it
received the request from, the client is the N-th address from the right of `X-Forwarded-For`; whatever
the client wrote further left is ignored.
"""

from django.conf import settings


def client_ip(request) -> str:
    meta = request.META
    remote_addr = meta.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded_for = meta.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded_for:
        return remote_addr
    addresses = [address.strip() for address in forwarded_for.split(",")]
    return addresses[-min(proxies, len(addresses))] or remote_addr
