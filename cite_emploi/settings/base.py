"""Settings shared by every environment. Values come from the environment (see docs/environment.md)."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .env import email_config, env_bool, env_int, env_list, env_str, origin

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-dev-key-change-me-in-production-0123456789")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_bootstrap5",
    "django_htmx",
    "bootstrap",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "partners",
    "cohorts",
    "referrals",
    "actions",
    "catalogue",
    "reporting",
    "fse",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cite_emploi.figures_cache.RequestVersionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "partners.middleware.OTPMiddleware",  # django_otp's, the device read through the cache
    "partners.middleware.LoginRequiredMiddleware",
    "partners.middleware.CurrentTerritoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "partners.middleware.SessionTimeoutMiddleware",
    "partners.middleware.TwoFactorRequiredMiddleware",
    "partners.middleware.NationalScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cite_emploi.urls"
WSGI_APPLICATION = "cite_emploi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partners.context_processors.navigation",
            ],
            # {% url %} remembering its answers (cite_emploi.templatetags.fast_url), in place of Django's
            "builtins": ["cite_emploi.templatetags.fast_url"],
            # The one set of French formatting filters, for every app's templates: {% load fr_format %}
            "libraries": {
                "fr_format": "cite_emploi.templatetags.fr_format",
                "lists": "cite_emploi.templatetags.lists",  # {% sortable_headers %}, {% filter_fields %}
            },
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
# Every drop-down (ModelChoiceField) iterates its queryset with .iterator(): on PostgreSQL a server-side cursor,
# i.e. DECLARE + FETCH + CLOSE round trips for a few dozen rows. Our lists are small; read them in one go (issue 13).
# Also required behind a transaction-pooling PgBouncer.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_PREPARED_STATEMENTS", True):
    # Server-side binding: a query's text no longer carries its values, so psycopg prepares it on the connection
    # after `prepare_threshold` runs and PostgreSQL plans it once. The cohort list's query took 3 ms to plan and
    # 1.4 ms to run (issue 13). Connections are persistent (DB_CONN_MAX_AGE): the plans live as long as they do.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": env_int("DB_PREPARE_THRESHOLD", 2)}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and authentication -------------------------------------------------
AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "partners.backends.UserBackend",
    # Marks the sessions opened through ProConnect (it authenticates no password: partners.views.proconnect does).
    "partners.backends.ProConnectBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# The client's address, read in one place (cite_emploi.client_ip) for the lockout and the API throttles:
# 0 = the address of the TCP peer (REMOTE_ADDR); N = the N-th address from the right of X-Forwarded-For,
# the one written by the outermost of the N reverse proxies the deployment trusts.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Lockout after repeated failures (django-axes): per account, and per account and address; never per address
# alone, or one address (or a shared reverse proxy) could lock everyone out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "partners.lockout.lockout_response"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "cite_emploi.client_ip.client_ip"
AXES_USERNAME_FORM_FIELD = "username"

# API tokens (DRF authtoken): valid this many days after issue; deleted when the password changes.
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 30)

# Two-factor authentication (django-otp, TOTP): mandatory for these roles, available to everyone.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", ["coordinator", "admin", "national_admin"])
OTP_TOTP_ISSUER = "Cité de l'emploi"

# ProConnect, the State's OpenID Connect federation for public-sector agents (partners/proconnect.py). Sign-in with
# ProConnect is offered only when the issuer, the client id and the secret are all set.
PROCONNECT_ISSUER = (env_str("PROCONNECT_ISSUER", "") or "").rstrip("/")
PROCONNECT_CLIENT_ID = env_str("PROCONNECT_CLIENT_ID", "")
PROCONNECT_CLIENT_SECRET = env_str("PROCONNECT_CLIENT_SECRET", "")
PROCONNECT_SCOPES = env_str("PROCONNECT_SCOPES", "openid email given_name usual_name siret")
# The authentication level asked (`acr_values`), and the `acr` values that count as a second factor (with an `amr`
# claim holding "mfa"): a role that must use two-factor authentication then skips the TOTP code.
PROCONNECT_ACR_VALUES = env_str("PROCONNECT_ACR_VALUES", "eidas1")
PROCONNECT_MFA_ACR_VALUES = env_list(
    "PROCONNECT_MFA_ACR_VALUES",
    ["eidas2", "eidas3", "https://proconnect.gouv.fr/assurance/consistency-checked-2fa"],
)
PROCONNECT_TIMEOUT = env_int("PROCONNECT_TIMEOUT", 10)  # seconds, for each call to the provider

# Sessions end after 30 minutes of inactivity and 12 hours in all (partners.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60)

# --- Internationalisation ------------------------------------------------------
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media files ----------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Email ----------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL", "console://")
_email = email_config(EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cité de l'emploi <ne-pas-repondre@cite-emploi.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery (broker and results on Redis) ----------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 60 * 60 * 24

# --- Cache ------------------------------------------------------------------------
CACHES = {
    "default": (
        {"BACKEND": "cite_emploi.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # An expiring token, or a session that has passed the second factor (issue 10, points 1 and 10).
        "partners.api.authentication.TokenAuthentication",
        "partners.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["partners.api.permissions.InTerritory"],
    "DEFAULT_PAGINATION_CLASS": "cite_emploi.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DATE_FORMAT": "iso-8601",
    "DATE_INPUT_FORMATS": ["iso-8601"],
    "COERCE_DECIMAL_TO_STRING": True,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Throttles key on the client address the lockout uses (cite_emploi.client_ip); NUM_PROXIES makes any
    # stock DRF throttle read it the same way.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_CLASSES": [
        "cite_emploi.throttling.AnonRateThrottle",
        "cite_emploi.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "60/minute"),
        "user": env_str("API_THROTTLE_USER", "1200/minute"),
        "auth": env_str("API_THROTTLE_AUTH", "10/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cité de l'emploi — API",
    "DESCRIPTION": (
        "API REST v1 de la Cité de l'emploi. Authentification par jeton "
        "(`POST /api/v1/auth/token/`, avec le code `otp` pour les comptes à double authentification, puis "
        "en-tête `Authorization: Token <jeton>`) ou par session (avec le jeton CSRF, après le second facteur). "
        "Un jeton est valable `API_TOKEN_TTL_DAYS` jours (30 par défaut) : ensuite 401, et un nouveau "
        "`POST /api/v1/auth/token/` en délivre un autre. Changer de mot de passe supprime le jeton. "
        "Toutes les données sont limitées au territoire de l'appelant."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One schema name per choice set shared by several fields or several "kind"/"category" fields.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "partners.enums.OrganisationKind",
        "MeetingKindEnum": "partners.enums.GroupKind",
        "BarrierCategoryEnum": "cohorts.enums.BarrierCategory",
        "SituationKindEnum": "cohorts.enums.SituationKind",
        "FollowUpKindEnum": "cohorts.enums.FollowUpKind",
        "BudgetCategoryEnum": "actions.enums.BudgetCategory",
        "OutcomeClassEnum": "cohorts.enums.OutcomeClass",
        "NotEnrolledReasonEnum": "cohorts.enums.NotEnrolledReason",
        "TargetPublicEnum": "catalogue.enums.TargetPublic",
        "BuildStatusEnum": "reporting.enums.PackStatus",
        "ActionStatusEnum": "actions.enums.ActionStatus",
    },
}

# Forms (django-bootstrap5): required fields carry a visible marker (static/css/cite.css), fields in error are
# marked invalid and the others are never turned green (cite_emploi/bootstrap.py).
BOOTSTRAP5 = {
    "required_css_class": "required",
    "field_renderers": {"default": "cite_emploi.bootstrap.FieldRenderer"},
}

# --- Security defaults (tightened in prod.py) ----------------------------------------
# Sessions stay in the database; with Redis they are read from the cache (one query less per page, issue 13). Without
# Redis the cache is per process, so the database is read every time (a deleted session must end everywhere).
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

_proconnect_origin = origin(PROCONNECT_ISSUER)

# Content-Security-Policy (django-csp): no inline script; a nonce for the rare script that must be inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # The logout form ends the ProConnect session too: its redirection goes to the provider.
        "form-action": [SELF, *([_proconnect_origin] if _proconnect_origin else [])],
        "frame-ancestors": [NONE],
    }
}

# --- Application settings ----------------------------------------------------------------
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
MEETING_REMINDER_DAYS = env_int("MEETING_REMINDER_DAYS", 7)  # reminder to invitees, days before a meeting
# a referral left unanswered this many days after it was sent expires (beat task referrals.expire)
REFERRAL_EXPIRY_DAYS = env_int("REFERRAL_EXPIRY_DAYS", 30)
MEETING_PACK_DAYS_BEFORE = env_int("MEETING_PACK_DAYS_BEFORE", 7)  # automatic pack, days before a technical group
# Data protection (docs/data-protection.md): a file is anonymised this many years after the person's last contact,
# the coordinators are told RETENTION_NOTICE_DAYS days before; access traces are purged after ACCESS_LOG_RETENTION_DAYS.
RETENTION_YEARS_AFTER_LAST_CONTACT = env_int("RETENTION_YEARS_AFTER_LAST_CONTACT", 2)
RETENTION_NOTICE_DAYS = env_int("RETENTION_NOTICE_DAYS", 30)
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 365)
# Imports of people (CSV/XLSX): files larger than this are refused before being read (cite_emploi.tabular).
IMPORT_MAX_FILE_SIZE = env_int("IMPORT_MAX_FILE_SIZE", 2 * 1024 * 1024)

# --- Logging: no personal data goes to logs (see docs/data-protection.md) -----------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}
