"""Settings shared by every environment. Values that differ per deployment
come from the environment (django-environ); nothing secret lives here."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "prevent.core",
    "prevent.accounts",
    "prevent.audit",
    "prevent.guidance",
    "prevent.people",
    "prevent.concerns",
    "prevent.channel",
    "prevent.self_assessment",
    "prevent.notifications",
    "prevent.training",
    "prevent.reporting",
    "prevent.api",
    "prevent.privacy",
    "prevent.home",
]

MIDDLEWARE = [
    # Outermost, so that every response to a signed-in user passes it last.
    "prevent.core.middleware.NoStoreForSignedInMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "prevent.audit.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A POST from a session that timed out is kept to send again after
    # sign-in (prevent/core/kept_input.py, ADR 0018).
    "prevent.core.kept_input.KeepInputOnSignOutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "prevent.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Turns the sign-in rate limit (django-ratelimit) into a 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Statistics pages read from the replica when there is one (ADR 0029).
    "config.routers.StatisticsReadsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "prevent.core.context_processors.service",
                "prevent.home.navigation.navigation",
                "prevent.notifications.context_processors.notifications",
            ],
        },
    },
]
FORM_RENDERER = "prevent.core.forms.GovUKFormRenderer"

DATABASES = {
    "default": env.db(
        "DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits; IMMEDIATE avoids
    # "database is locked" upgrades inside write transactions.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
            ),
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A streaming replica of default: statistics reads go to it (config/routers.py,
# ADR 0029). The tests make it a mirror of default (PREVENT_TEST_REPLICA=1).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"].get("CONN_MAX_AGE", 0)
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

# Sessions: in the database, ended after 30 minutes idle (every request
# renews the expiry) and when the browser closes.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Lockout (django-axes): five failures for the same email address lock that
# account for 30 minutes, whatever address the attempts come from; five from
# one IP address lock that address (against guessing across many accounts).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "prevent.accounts.views.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# Count failures against the client address the audit log records (behind a
# trusted proxy, X-Forwarded-For), not the proxy's own address.
AXES_CLIENT_IP_CALLABLE = "prevent.audit.middleware.client_ip"
# Count failures against the email address typed, however authenticate()
# was called (prevent/accounts/lockouts.py).
AXES_USERNAME_CALLABLE = "prevent.accounts.lockouts.axes_username"

OTP_TOTP_ISSUER = env("PREVENT_SERVICE_NAME", default="Prevent Hub")
# Passkeys (django-otp-webauthn, ADR 0021): a second factor only, never
# instead of the password. The relying party is the host of PREVENT_BASE_URL
# when it is https; otherwise (the demo) localhost, the one plain-http origin
# browsers allow for passkeys: open the demo at http://localhost:8000 to try them.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = env("PREVENT_SERVICE_NAME", default="Prevent Hub")
_BASE_URL = urlsplit(env("PREVENT_BASE_URL", default="http://127.0.0.1:8000"))
_SECURE_BASE = _BASE_URL.scheme == "https"
OTP_WEBAUTHN_RP_ID = env(
    "PREVENT_WEBAUTHN_RP_ID", default=(_BASE_URL.hostname or "localhost") if _SECURE_BASE else "localhost"
)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list(
    "PREVENT_WEBAUTHN_ALLOWED_ORIGINS",
    default=[f"https://{_BASE_URL.netloc}" if _SECURE_BASE else f"http://localhost:{_BASE_URL.port or 8000}"],
)

# A cache shared by every gunicorn worker (the rate limits count in it): the
# database, in the table of prevent.api.models.CacheEntry (made by migrate).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "prevent_cache",
        "OPTIONS": {"MAX_ENTRIES": 50000},
    }
}

# Sign-in rate limit (prevent/api/ratelimits.py), beside django-axes: every
# attempt from one address counts, failed or not; beyond it, 429.
PREVENT_SIGN_IN_RATE_LIMIT = env("PREVENT_SIGN_IN_RATE_LIMIT", default="20/m")
RATELIMIT_IP_META_KEY = "prevent.audit.middleware.client_ip"
RATELIMIT_VIEW = "prevent.api.ratelimits.too_many_requests"

# The API for partner systems (prevent/api, ADR 0019): tokens or the
# browser's verified session; JSON only; rate limits per token (or user) and
# on failed authentications per address (429 beyond them).
PREVENT_API_RATE_LIMIT = env("PREVENT_API_RATE_LIMIT", default="300/min")
PREVENT_API_ANON_RATE_LIMIT = env("PREVENT_API_ANON_RATE_LIMIT", default="30/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "prevent.api.authentication.TokenAuthentication",
        "prevent.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["prevent.api.permissions.TokenScopes"],
    "DEFAULT_THROTTLE_CLASSES": ["prevent.api.throttling.ApiRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "prevent.api.pagination.UpdatedCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Prevent Hub API",
    "DESCRIPTION": "Concerns, referral outcomes, gateway referrals, Channel cases, self-assessments "
    "and training completions, within the caller's scope. See /api/docs/.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "prevent.api.schema.add_error_responses",
    ],
}

# Security headers and a strict Content Security Policy: no inline script or
# style anywhere; every asset is served from this origin.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "build"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.path("PREVENT_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files are private: there is deliberately no MEDIA_URL route; every
# download goes through a view that checks the policy and audits it.
MEDIA_URL = None

DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Prevent Hub <no-reply@prevent-hub.invalid>")


def mailer(backend: str) -> dict[str, object]:
    """A MAILERS entry; SMTP options come from the environment."""
    entry: dict[str, object] = {"BACKEND": backend}
    if backend.endswith("smtp.EmailBackend"):
        entry["OPTIONS"] = {
            "host": env("DJANGO_EMAIL_HOST", default="localhost"),
            "port": env.int("DJANGO_EMAIL_PORT", default=25),
            "username": env("DJANGO_EMAIL_HOST_USER", default=""),
            "password": env("DJANGO_EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("DJANGO_EMAIL_USE_TLS", default=False),
        }
    return entry


MAILERS = {
    "default": mailer(env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"))
}

# Who sends the emails (docs/operations.md): "django" through MAILERS above
# (SMTP in production), or "notify" through GOV.UK Notify with its API key
# and a generic template whose subject is ((subject)) and body ((body));
# PREVENT_NOTIFY_TEMPLATE_IDS may give a template per kind of notification
# ("channel/email/case_opened=<id>,...").
PREVENT_EMAIL_PROVIDER = env("PREVENT_EMAIL_PROVIDER", default="django")
PREVENT_NOTIFY_API_KEY = env("PREVENT_NOTIFY_API_KEY", default="")
PREVENT_NOTIFY_TEMPLATE_ID = env("PREVENT_NOTIFY_TEMPLATE_ID", default="")
PREVENT_NOTIFY_TEMPLATE_IDS: dict[str, str] = env.dict("PREVENT_NOTIFY_TEMPLATE_IDS", default={})

# Background work (decision 0004): django.tasks with the database backend
# (django-tasks-db). Tasks queue in the database; `manage.py db_worker`
# runs them, beside gunicorn on one host.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Service settings.
PREVENT_SERVICE_NAME = env("PREVENT_SERVICE_NAME", default="Prevent Hub")
PREVENT_PHASE = env("PREVENT_PHASE", default="Beta")
# The service's public address, for links in emails sent outside a request
# (scheduled reminders).
PREVENT_BASE_URL = env("PREVENT_BASE_URL", default="http://127.0.0.1:8000")
# Demo mode lets the seeded demo users sign in without a second factor and
# shows a warning banner on every page. Only local settings may turn it on;
# a system check refuses it with DEBUG off.
PREVENT_DEMO_MODE = False
# Client IP for the audit log: trust X-Forwarded-For only behind a known proxy.
PREVENT_TRUST_X_FORWARDED_FOR = env.bool("PREVENT_TRUST_X_FORWARDED_FOR", default=False)
# Partnership statistics: counts from 1 to this less one are shown as
# "fewer than N" (prevent/reporting/suppression.py, ADR 0013).
PREVENT_SUPPRESSION_THRESHOLD = env.int("PREVENT_SUPPRESSION_THRESHOLD", default=5)
# Days within which police Prevent aim to make a gateway assessment when the
# SPOC agreed no response date: a local target the partnership confirms
# (docs/operations.md); the guidance sets none.
PREVENT_GATEWAY_DUE_DAYS = env.int("PREVENT_GATEWAY_DUE_DAYS", default=7)
# Hours a break-glass access to a restricted record lasts (issue 14, ADR 0017).
PREVENT_BREAK_GLASS_HOURS = env.float("PREVENT_BREAK_GLASS_HOURS", default=4)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
