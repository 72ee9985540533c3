"""Veerkracht settings, driven by environment variables.

With nothing set, a bare `manage.py runserver` works on SQLite with a Celery
broker on the local filesystem. Production sets DEBUG=0, SECRET_KEY,
DATABASE_URL, REDIS_URL and ALLOWED_HOSTS (see README.md).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_float(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number; use a decimal point, e.g. 1.5.") from None


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
SECRET_KEY_MIN_LENGTH = 50
if not DEBUG and not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not DEBUG and len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH:
    raise ImproperlyConfigured(
        f"SECRET_KEY is {len(SECRET_KEY)} characters long; with DEBUG off it must be at least "
        f"{SECRET_KEY_MIN_LENGTH}. Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not SECRET_KEY:
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "ops",
    "dbbackup",
    "neighbourhoods",
    "partners",
    "accounts",
    "notifications",
    "cases",
    "interventions",
    "monitor",
    "privacy",
    "dashboards",
    "devdata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A body past the documented maximum is a 413 before anything reads it.
    "core.middleware.RequestSizeLimitMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's and django-otp's, reading the user and their device from the cache when they can.
    "accounts.signed_in.SignedInAuthenticationMiddleware",
    "accounts.signed_in.SignedInOTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.sessions.SessionTimeoutMiddleware",
    "core.middleware.ApiDocsLoginMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partners.context_processors.people",
                "notifications.context_processors.unread",
                "core.sessions.session_expiry",
            ],
            # {% url %} reverses through a per-process cache (core/reverse.py).
            "builtins": ["core.templatetags.kept_urls"],
        },
    },
    {
        # Only the row partials of the busiest pages (`*.jinja`, config/jinja.py), asked for by name
        # through {% jinja %}; every page is a Django template.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "config.jinja.environment", "autoescape": True},
    },
]

# Form fields and widgets render through Jinja2 where Django ships the template (core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.FormRenderer"

WSGI_APPLICATION = "config.wsgi.application"

# SQLite by default; DATABASE_URL=postgres://user:pass@host:5432/name selects
# PostgreSQL through psycopg 3.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
# A connection kept for CONN_MAX_AGE is checked before a request reuses it, so a restarted
# PostgreSQL costs no errors once it is back (the broken connection is replaced, not used).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server answers /health/ (and a request) within seconds instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 5)
    # Queries bound on the server and, from their second run on a connection, prepared: PostgreSQL
    # plans a page's queries once per connection instead of on every request. Off behind a connection
    # pooler in transaction mode (PgBouncer before 1.21), which cannot keep prepared statements.
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=2)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one file; wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) are a PostgreSQL speed-up for the visibility rule;
# SQLite (make run) builds the same indexes without the extra columns.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:home"
LOGOUT_REDIRECT_URL = "login"

# Lockout (django-axes, core/lockout.py): LOGIN_FAILURE_LIMIT failed logins for one
# username, or from one address, block that username or address for
# LOGIN_LOCKOUT_MINUTES — on the login page, the admin login and the API. Axes
# counts unknown usernames like known ones, and the lockout page is the same for both.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Behind a reverse proxy every request comes from the proxy: with N trusted proxies
# in front, the client's address is read from X-Forwarded-For (core/lockout.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AUTHENTICATION_BACKENDS = [
    "core.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
# Either one trips it: the username (whichever address tries it) or the address (whichever usernames).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A lock lasts LOGIN_LOCKOUT_MINUTES from the failure that set it; trying during the lock does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "core.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "core.lockout.client_address"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
AXES_VERBOSE = False

# Two-factor sign-in (django-otp, accounts/two_factor.py): with TWO_FACTOR_REQUIRED every member of an
# organisation confirms the login with a code from an authenticator app (TOTP) or a single-use backup code;
# without a device yet they enrol first. Off by default with DEBUG on (`make run`), on otherwise.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG)
TWO_FACTOR_BACKUP_CODES = 10
OTP_TOTP_ISSUER = "Veerkracht"

# Sessions (core/sessions.py): logged out after SESSION_IDLE_MINUTES without a request,
# and SESSION_MAX_HOURS after the login whatever happens; the cookie goes when the browser closes.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# Backups (django-dbbackup, `manage.py backup` / `restore` in ops/): the database and the
# attachments, into BACKUP_DIR, the newest BACKUP_KEEP of each kept; encrypted with GnuPG for
# BACKUP_GPG_RECIPIENT (a public key in the keyring of the user running it) when that is set.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))
BACKUP_GPG_RECIPIENT = env_str("BACKUP_GPG_RECIPIENT") or None
DBBACKUP_GPG_RECIPIENT = BACKUP_GPG_RECIPIENT
# The recipient is the operator's own backup key, imported for this purpose.
DBBACKUP_GPG_ALWAYS_TRUST = True
DBBACKUP_CLEANUP_KEEP = env_int("BACKUP_KEEP", 14)
DBBACKUP_CLEANUP_KEEP_MEDIA = DBBACKUP_CLEANUP_KEEP
DBBACKUP_HOSTNAME = "veerkracht"  # the same file names whichever machine makes or restores them
DBBACKUP_SEND_EMAIL = False  # a failing backup exits non-zero; the scheduler reports it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    "dbbackup": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(BACKUP_DIR)}},
}

# E-mail: files in var/mail/ in development, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Veerkracht <noreply@veerkracht.local>")
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # Development: every e-mail (reminders, password resets) lands as a file in var/mail/.
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# HTTPS and browser protections. Plain-HTTP requests are redirected to HTTPS when
# DEBUG is off (SECURE_SSL_REDIRECT=0 when the proxy does that itself). HSTS is only
# ever sent on HTTPS responses, so development over http:// never sees it.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer asks for /health/ over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# No page uses any of these browser features. (Web Authentication is left alone, for
# security keys as a second factor.)
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}
# Content-Security-Policy (django-csp, core/csp.py): scripts and styles from our own
# static files only, never inline; nobody may frame a page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# API tokens (django-rest-knox): stored as digests, valid for API_TOKEN_DAYS, never extended by use;
# their owner manages them at accounts:tokens, and a password change or deactivation revokes them.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 30)
if API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured(f"API_TOKEN_DAYS={API_TOKEN_DAYS} must be at least 1.")
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    "AUTO_REFRESH": False,
    "AUTH_HEADER_PREFIX": "Token",
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Veerkracht API",
    "DESCRIPTION": "Shared case platform for Dutch neighbourhood teams.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "SignalStatusEnum": "cases.models.SignalStatus",
        "CaseStatusEnum": "cases.models.CaseStatus",
        "ClosingReasonEnum": "cases.models.ClosingReason",
        "InterventionKindEnum": "interventions.models.InterventionKind",
        "OrganisationKindEnum": "partners.models.OrganisationKind",
        "ParticipantRoleEnum": "cases.models.ParticipantRole",
        "PersonRoleEnum": "cases.models.PersonRole",
        "NotInformedReasonEnum": "cases.models.NotInformedReason",
    },
}

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport,
# so `make run` has a real worker and beat without any server installed.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_DIR = VAR_DIR / "celery-broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL)
    # Unacknowledged messages of a worker that died come back after this many seconds (Redis's
    # default is an hour). It must stay above the longest countdown a task is given (delivery
    # retries back off to 300 s), or a waiting retry would be handed out twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 600)}
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = CELERY_BROKER_TRANSPORT_OPTIONS
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR),
        "data_folder_out": str(CELERY_BROKER_DIR),
        # Exchange tables for broadcasts (remote control); kombu's default is ./control.
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
    # kombu does not create the folder; without it every .delay() fails.
    CELERY_BROKER_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_RESULT_BACKEND = None
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged when it finished, not when it started: a worker killed mid-task
# leaves its message to come back (at once when a pool process dies, after the broker's
# visibility timeout when the whole worker does). Tasks are idempotent (claims), so a
# second run is harmless; notifications.tasks.sweep_deliveries catches what is lost anyway.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
# Worker and beat log through LOGGING below (JSON with LOG_FORMAT=json), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    # Queues again what a lost task left unsent (notifications/tasks.py); its run is beat's heartbeat.
    "sweep-deliveries": {
        "task": "notifications.tasks.sweep_deliveries",
        "schedule": env_int("DELIVERY_SWEEP_SECONDS", 60),
    },
    # Claims make a sweep cheap to repeat: each reminder still goes out once.
    "send-reminders": {
        "task": "interventions.tasks.send_reminders",
        "schedule": env_int("REMINDER_SWEEP_SECONDS", 300),
    },
    "prune-access-log": {
        "task": "cases.tasks.prune_access_log",
        "schedule": 24 * 60 * 60,
    },
    # Retention (AVG): due cases listed and their people reminded, old signals anonymised; early morning.
    "retention": {
        "task": "privacy.tasks.retention_run",
        "schedule": crontab(hour=5, minute=45),
    },
    # Early warnings once a day, before the working day starts (CELERY_TIMEZONE).
    "detect-alerts": {
        "task": "dashboards.tasks.detect_alerts",
        "schedule": crontab(hour=6, minute=30),
    },
    # The weekly summary covers Monday to Sunday and goes out Monday morning.
    "send-weekly-summary": {
        "task": "dashboards.tasks.send_weekly_summary",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
}

# Deliveries (notifications/delivery.py): an e-mail being sent is nobody else's for
# DELIVERY_LEASE_SECONDS (well above EMAIL_TIMEOUT); the sweep queues again, every
# DELIVERY_SWEEP_SECONDS, claims unsent for longer than one sweep.
DELIVERY_SWEEP_SECONDS = env_int("DELIVERY_SWEEP_SECONDS", 60)
DELIVERY_LEASE_SECONDS = env_int("DELIVERY_LEASE_SECONDS", 120)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
if DELIVERY_LEASE_SECONDS <= EMAIL_TIMEOUT:
    raise ImproperlyConfigured("DELIVERY_LEASE_SECONDS must be longer than EMAIL_TIMEOUT.")

# /health/ (ops/health.py): a worker's heartbeat (every WORKER_HEARTBEAT_SECONDS) and beat's
# delivery sweep may be at most this old.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 30)
HEALTH_WORKER_MAX_AGE = env_int("HEALTH_WORKER_MAX_AGE", 3 * WORKER_HEARTBEAT_SECONDS)
HEALTH_SWEEP_MAX_AGE = env_int("HEALTH_SWEEP_MAX_AGE", 3 * DELIVERY_SWEEP_SECONDS)

# Reminders: escalate an overdue action to the case director after this many
# days; a case with no timeline activity for this many days "went quiet".
REMINDER_ESCALATION_DAYS = env_int("REMINDER_ESCALATION_DAYS", 7)
CASE_QUIET_DAYS = env_int("CASE_QUIET_DAYS", 30)

# Early warning (dashboards/alerts.py), over whole days up to yesterday. A
# neighbourhood alerts when its signals in the last ALERT_RECENT_WEEKS exceed
# ALERT_FACTOR x its usual number for that many weeks (the weekly average over
# the ALERT_BASELINE_WEEKS before) and are at least ALERT_MIN_SIGNALS. An address
# (postcode + house number) alerts with ALERT_ADDRESS_MIN_SIGNALS signals from
# ALERT_ADDRESS_MIN_ORGANISATIONS organisations in ALERT_ADDRESS_DAYS days and no
# open case there.
ALERT_FACTOR = env_float("ALERT_FACTOR", 1.5)
ALERT_MIN_SIGNALS = env_int("ALERT_MIN_SIGNALS", 5)
ALERT_RECENT_WEEKS = env_int("ALERT_RECENT_WEEKS", 4)
ALERT_BASELINE_WEEKS = env_int("ALERT_BASELINE_WEEKS", 12)
ALERT_ADDRESS_DAYS = env_int("ALERT_ADDRESS_DAYS", 90)
ALERT_ADDRESS_MIN_SIGNALS = env_int("ALERT_ADDRESS_MIN_SIGNALS", 3)
ALERT_ADDRESS_MIN_ORGANISATIONS = env_int("ALERT_ADDRESS_MIN_ORGANISATIONS", 2)

# The Veerkracht monitor (monitor/data.py). A corporatiebuurt has at least
# CORPORATION_AREA_SHARE % corporation homes (CBS). "Kwetsbaar en onder druk"
# (in the monitor and as an early warning): a corporatiebuurt whose low-income
# share is above VULNERABLE_LOW_INCOME_INDEX (Amsterdam = 100) and whose signals
# in the last three full months are at least VULNERABLE_MIN_SIGNALS and more
# than VULNERABLE_RISE_FACTOR x the three months before.
CORPORATION_AREA_SHARE = env_float("CORPORATION_AREA_SHARE", 50.0)
VULNERABLE_LOW_INCOME_INDEX = env_float("VULNERABLE_LOW_INCOME_INDEX", 100.0)
VULNERABLE_MIN_SIGNALS = env_int("VULNERABLE_MIN_SIGNALS", 5)
VULNERABLE_RISE_FACTOR = env_float("VULNERABLE_RISE_FACTOR", 1.2)


# Cache: Redis when REDIS_URL is set, in a database of its own (CACHE_URL, by
# default REDIS_URL with database 1) so it never shares keys with the Celery
# broker; otherwise files under var/cache, shared by the web process, the worker and beat of
# `make run`: what is kept there (who is signed in, the unread count, the viewer's organisations)
# is made out of date by whichever process changes it, so the cache must be one they all see.
def _cache_url():
    if env_str("CACHE_URL"):
        return env_str("CACHE_URL")
    return urlsplit(REDIS_URL)._replace(path="/1").geturl()


if REDIS_URL:
    CACHES = {
        "default": {
            # Pages stay up (slower) when Redis is unreachable: config/cache.py.
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": _cache_url(),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": BASE_DIR / "var" / "cache",
        }
    }
# Sessions are read from the cache and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Dashboards: a page's figures (aggregates over whole neighbourhoods, no names)
# are computed at most once per this many seconds for the same neighbourhoods;
# the page says when. 0 computes them on every request.
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 300)

# Kept pages (accounts/kept_pages.py): the busiest pages and the API signal list are kept per
# reader while nothing they read has changed, at most this many seconds. 0 renders every request.
KEPT_PAGES_SECONDS = env_int("KEPT_PAGES_SECONDS", 120)

# Need-to-know retention: how long the case access log is kept (days).
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 730)
# Retention of case files (privacy/retention.py): a closed case is due for anonymisation this many months after
# closing (two approvals); a signal that never joined a case is anonymised after this many months.
CASE_RETENTION_MONTHS = env_int("CASE_RETENTION_MONTHS", 24)
SIGNAL_RETENTION_MONTHS = env_int("SIGNAL_RETENTION_MONTHS", 12)

# Case attachments: the largest file accepted (bytes). Uploads above Django's
# FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) are streamed to a temporary file rather
# than held in memory; the request body itself is capped by the reverse proxy.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# A file past ATTACHMENT_MAX_BYTES is cut off while it streams in (core/uploads.py):
# at most that much reaches memory or the temporary directory.
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Everything in a request that is not a file (form fields, JSON) stays below this.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2621440)
# The largest request body at all (a file upload and its form): past it, and past
# DATA_UPLOAD_MAX_MEMORY_SIZE for anything but an upload, the answer is 413 before the body is read
# (core/middleware.py). The proxy's cap (client_max_body_size) should be the same.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", ATTACHMENT_MAX_BYTES + DATA_UPLOAD_MAX_MEMORY_SIZE)

# LOG_FORMAT=json: one JSON object per line (web, worker and beat alike), for a log collector.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(processName)s %(name)s: %(message)s"},
        "json": {"()": "ops.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
