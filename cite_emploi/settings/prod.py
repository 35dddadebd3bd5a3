"""Production: PostgreSQL, Redis, a Celery worker and beat (see docker-compose.yml).

Refuses to start without SECRET_KEY and DATABASE_URL; `manage.py check --deploy` is clean.
"""

from .env import env_bool, env_int, env_required

env_required("SECRET_KEY")
env_required("DATABASE_URL")

from .base import *  # noqa: E402,F403
from .base import SECRET_KEY  # noqa: E402

if SECRET_KEY.startswith("insecure-"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY : la clé de développement ne peut pas servir en production.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
