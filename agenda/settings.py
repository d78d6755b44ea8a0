"""One settings module for every environment, configured from environment variables."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. "
            "Set a long random value, or DJANGO_DEBUG=1 for development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105
elif not DEBUG and (SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 40):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production (use 50+ random chars)."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "crispy_forms",
    "simple_history",
    "django_tasks_db",
    "axes",
    "strategy",
    "measures",
    "participation",
    "agenda",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app itself, hashed and compressed (no CDN, no nginx alias needed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anonymous public pages from the cache; needs the user and messages, so after them.
    "agenda.pagecache.middleware.PublicPageCache",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "agenda.middleware.StaffSessionTimeout",
    # Staff list pages from the cache, per user; after the idle clock, which must still tick.
    "agenda.pagecache.staff.StaffPageCache",
    "participation.middleware.MailLinksFollowTheRequest",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "agenda.urls"
WSGI_APPLICATION = "agenda.wsgi.application"

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
                "agenda.context_processors.site",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL points elsewhere (postgres://… in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves the web app with the worker writing beside it. A deferred
    # transaction that reads and then writes while another connection commits is answered
    # at once with "database is locked" (no busy wait can resolve that deadlock): writers
    # take the lock when they begin (IMMEDIATE) and wait up to 20 s for it; with WAL readers
    # never block the writer nor the writer the readers.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
# Behind PgBouncer in transaction mode (docs/deploy.md) no cursor may outlive its transaction:
# `.iterator()` (Django's select lists use it) then fetches on the client side.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DJANGO_DISABLE_SERVER_SIDE_CURSORS")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it counts failed logins and refuses a locked-out login before any
# password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AGENDA_LOGIN_FAILURE_LIMIT", "5"))
# The lockout ends by itself: a time-limited cooldown, not a call to the administrator.
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("AGENDA_LOGIN_COOLOFF_MINUTES", "15"))
)
# Lock the pair of account and address: a stranger cannot lock a colleague out from afar.
# And lock an address that tries many accounts (password spraying), at a higher limit so
# an office behind one address where a few people mistype is not locked out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AGENDA_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AGENDA_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
# Many addresses trying one account are never a lockout (an attacker would aim it at a
# colleague): after this many failures within the cooldown the administration is alerted.
AGENDA_LOGIN_ACCOUNT_ALERT = int(os.environ.get("AGENDA_LOGIN_ACCOUNT_ALERT", "20"))
AXES_HANDLER = "agenda.login_throttle.LoginThrottleHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["password", "username"]
# A 1 MB username must not overflow the attempts table (a 500 on PostgreSQL).
AXES_USERNAME_CALLABLE = "agenda.middleware.axes_username"
# Behind the reverse proxy, the same client address header as the rate limits.
AXES_IPWARE_META_PRECEDENCE_ORDER = tuple(
    filter(None, [os.environ.get("AGENDA_CLIENT_IP_HEADER"), "REMOTE_ADDR"])
)
# Staff are logged out after this much idle time (a shared office PC, a forgotten tab).
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("AGENDA_STAFF_IDLE_MINUTES", "60")) * 60

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed names after `collectstatic` in production; plain names in development
# and tests (DJANGO_STATIC_MANIFEST=0), which then need no collectstatic.
STATIC_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without collectstatic, WhiteNoise looks the files up in the app folders on each request.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST
# Source maps are most of the bytes and only a browser's developer tools fetch them:
# compressing them would double the time collectstatic takes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

CRISPY_ALLOWED_TEMPLATE_PACKS = "kern"
CRISPY_TEMPLATE_PACK = "kern"

# Who sees the portal's name on every page; the site profile (report issue) will make it editable.
AGENDA_ORGANISATION = os.environ.get(
    "AGENDA_ORGANISATION", "Ämter Itzehoe-Land, Krempermarsch, Schenefeld, Wilstermarsch"
)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content Security Policy: only our own origin; no inline script at all. The one inline
# style is the captcha widget's own stylesheet, allowed by its hash (static/vendor/altcha).
ALTCHA_STYLE_HASH = "'sha256-be85zOGuGBhguQBGd1ooC4KSYE5ispDi4aCmIYqI/L0='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, ALTCHA_STYLE_HASH],
    # data: for Bootstrap's inline SVG icons and the logo preview.
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# A load balancer probes the health check over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the whole domain and its subdomains for years: the domain owner
        # opts in with DJANGO_HSTS_PRELOAD=1, it is not ours to decide by default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "digitale-agenda@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Mail: SMTP when DJANGO_EMAIL_HOST is set, otherwise printed to the console (development).
if os.environ.get("DJANGO_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["DJANGO_EMAIL_HOST"],
                "port": int(os.environ.get("DJANGO_EMAIL_PORT", "587")),
                "username": os.environ.get("DJANGO_EMAIL_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Rate limits and captcha replay need a cache all app servers share: Redis in production.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Behind a reverse proxy the client address comes from a header, e.g. HTTP_X_REAL_IP.
RATELIMIT_IP_META_KEY = os.environ.get("AGENDA_CLIENT_IP_HEADER") or None
RATELIMIT_ENABLE = env_bool("AGENDA_RATELIMIT", True)
# Whole public pages for anonymous visitors from the cache (agenda/pagecache/); off in tests,
# which read the context of responses; tests/agenda/test_page_cache.py turns it on.
AGENDA_PAGE_CACHE = env_bool("AGENDA_PAGE_CACHE", True)
# Staff list pages as well, each user their own (agenda/pagecache/staff.py); needs the above.
AGENDA_STAFF_PAGE_CACHE = env_bool("AGENDA_STAFF_PAGE_CACHE", True)

# The canonical address links in mails point to; set it in production (mails sent outside a
# request need it). Unset, links follow the request that sent the mail (`make run PORT=…`).
AGENDA_BASE_URL = os.environ.get("AGENDA_BASE_URL", "")
# Load tests only (bench/load.py): routes a view that does nothing, to compare against.
AGENDA_BENCH_BARE_VIEW = env_bool("AGENDA_BENCH_BARE_VIEW", False)

# Background work (report rendering): the database backend and its worker (`run_worker`).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("AGENDA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}
# WeasyPrint keeps memory after rendering: each report is laid out in a short-lived process.
REPORT_RENDER_IN_SUBPROCESS = env_bool("AGENDA_REPORT_SUBPROCESS", True)
# A queued or running report without a sign of life for this long has lost its worker.
REPORT_STALE_MINUTES = float(os.environ.get("AGENDA_REPORT_STALE_MINUTES", "10"))

# Import: an uploaded XLSX is read in a process of its own with these limits (hostile files).
AGENDA_IMPORT_SECONDS = int(os.environ.get("AGENDA_IMPORT_SECONDS", "20"))
AGENDA_IMPORT_MEMORY_MB = int(os.environ.get("AGENDA_IMPORT_MEMORY_MB", "512"))

# Citizen participation
PARTICIPATION_IDEA_RATE = os.environ.get("AGENDA_IDEA_RATE", "5/h")
PARTICIPATION_SUPPORT_RATE = os.environ.get("AGENDA_SUPPORT_RATE", "60/h")
# Per address and idea: a household or office behind one address can still support.
PARTICIPATION_SUPPORT_IDEA_RATE = os.environ.get("AGENDA_SUPPORT_IDEA_RATE", "10/d")
PARTICIPATION_RETENTION_DAYS = int(os.environ.get("AGENDA_RETENTION_DAYS", "365"))
# Ideas that never get a final answer (left open, hidden spam): counted from submission.
PARTICIPATION_UNANSWERED_RETENTION_DAYS = int(
    os.environ.get("AGENDA_UNANSWERED_RETENTION_DAYS", "365")
)
PARTICIPATION_CONFIRM_DAYS = int(os.environ.get("AGENDA_CONFIRM_DAYS", "7"))
ALTCHA_HMAC_KEY = os.environ.get("AGENDA_ALTCHA_KEY", "")
# PBKDF2 iterations per attempt; about 256 attempts take a browser well under a second.
ALTCHA_COST = int(os.environ.get("AGENDA_ALTCHA_COST", "5000"))
ALTCHA_EXPIRES_SECONDS = int(os.environ.get("AGENDA_ALTCHA_EXPIRES", "1200"))

# One JSON object per line on stdout in production (journald, log shippers); text in development.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json").strip().lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    # Private tokens in paths (status links, confirmations) are masked in every line, also in
    # what Django's own loggers write (CSRF failures, 404, 405); gunicorn uses the same rule.
    "filters": {
        "mask_tokens": {"()": "participation.log_masking.MaskTokensFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["mask_tokens"],
        },
        "mail_admins": {
            "level": "ERROR",
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "mask_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's default handlers (an unmasked console, runserver's own access log):
        # their records go to the masked root handler instead.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        # WeasyPrint reports every page at INFO; the report task reads that itself.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
