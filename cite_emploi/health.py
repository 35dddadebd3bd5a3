"""`/healthz`: is the database reachable and, where configured, Redis? For load balancers and probes."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_redis() -> str:
    if not settings.REDIS_URL:
        return "non configuré"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    client.ping()
    return "ok"


@login_not_required
@never_cache
@require_GET
def healthz(request):
    checks = {}
    healthy = True
    for name, check in (("database", _check_database), ("redis", _check_redis)):
        try:
            checks[name] = check()
        except Exception as exc:  # noqa: BLE001 — any failure makes the instance unhealthy
            checks[name] = f"erreur : {exc.__class__.__name__}"
            healthy = False
    return JsonResponse({"status": "ok" if healthy else "erreur", "checks": checks}, status=200 if healthy else 503)
