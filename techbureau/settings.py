"""Settings come from the environment; with nothing set, an embedded SQLite under var/ is used."""

import decimal
import hashlib
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TECHBUREAU_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def dev_secret_key() -> str:
    # A developer machine gets a stable random key kept out of the repository, so sessions and
    # the encrypted personal data survive restarts without anyone choosing a weak key.
    path = VAR_DIR / "secret_key.txt"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or dev_secret_key()
# The audit chain's HMAC key. Production sets its own (and keeps it with the backups: a restored
# log verifies only under the key it was written with); otherwise it is derived from SECRET_KEY.
AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY") or hashlib.sha256(f"audit-chain:{SECRET_KEY}".encode()).hexdigest()
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# The project's own apps; api.py, nav.py, demo.py and indicator_sources.py are discovered in these.
LOCAL_APPS = [
    "core", "accounts", "directory", "credit", "plans", "projects", "reviews", "registries", "ip", "assessment",
    "instruments", "agencies", "achievements", "talent", "rural", "outreach", "portal",
]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    *LOCAL_APPS,
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "techbureau.urls"
WSGI_APPLICATION = "techbureau.wsgi.application"

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
                "core.navigation.navigation",
            ],
        },
    },
]

# Each app-server thread keeps its connection across requests (opening one to PostgreSQL costs more
# than most pages' queries) and checks it before reuse, so a restarted database costs one retry,
# not an error page. CONN_MAX_AGE (seconds) bounds how long one is kept.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'techbureau.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the dev server read while a background import writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
# `manage.py backup` writes this format: Django's JSON with times to the microsecond.
SERIALIZATION_MODULES = {"exactjson": "core.backup"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.MixedCharacterClassesValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "accounts:login"
LOCKOUT_THRESHOLD = int(os.environ.get("LOCKOUT_THRESHOLD", "5"))
LOCKOUT_MINUTES = int(os.environ.get("LOCKOUT_MINUTES", "15"))
# One authentication path with the lockout: django-axes checks every authenticate() call (web
# login, admin login, /api/token/), counts failures per username and refuses a locked one.
AUTHENTICATION_BACKENDS = [
    "accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Per account only: the bureau's staff share a few NAT addresses, so a per-address lock would lock
# out a whole office. Axes' W006 is about parameters an attacker can rotate; a username is not one.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_FAILURE_LIMIT = "accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = "accounts.lockout.cool_off"
AXES_RESET_ON_SUCCESS = True
# A lock ends LOCKOUT_MINUTES after it began; tries during the lock do not prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["core.formats"]  # ISO dates first in every language (see core/formats)
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing root before collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": os.environ.get("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads above this are refused before they reach a form; big sheets are still well under it.
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))

# E-mail for workflow events and reminders: printed to the console unless an SMTP host is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "techbureau@localhost")
EMAIL_SUBJECT_PREFIX = os.environ.get("EMAIL_SUBJECT_PREFIX", "科技局业务管理平台")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Days ahead a reminder is sent (report due dates, review deadlines, public notice ends).
REMINDER_DAYS = {"report_due": 7, "review_invitation": 3, "notice_end": 1}
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
# plans/linking.py: a parsed target is linked to its suggested data source at or above this confidence.
PLANS_AUTO_LINK_THRESHOLD = float(os.environ.get("PLANS_AUTO_LINK_THRESHOLD", "0.6"))
# Sheets bigger than this are imported by the task worker, with a progress page.
BACKGROUND_IMPORT_BYTES = int(os.environ.get("BACKGROUND_IMPORT_BYTES", str(512 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A search's lists and API count their results exactly up to this many, then say "more than" it
# (core.paging): counting a word found in every record read every match. 1,000: a county's count
# of 研究 took 22 ms on SQLite at 1,000 and 207 ms at 10,000 (BENCHMARKS.md, Search).
SEARCH_COUNT_CAP = int(os.environ.get("SEARCH_COUNT_CAP", "1000"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.paging.CappedPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TechBureau API",
    "DESCRIPTION": "科技局业务管理平台 REST API",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.schema.document_error_responses",
    ],
    # A region's level, and the one level of programmes, platforms and honours (core.models.Level).
    "ENUM_NAME_OVERRIDES": {
        "RegionLevelEnum": "directory.models.Region.Level",
        "LevelEnum": "core.models.Level",
        # A record's read and write schemas share their enums, so same-named fields need names.
        "OrganisationKindEnum": "directory.models.Organisation.Kind",
        "IndicatorKindEnum": "plans.models.Indicator.Kind",
        "PlatformKindEnum": "registries.models.Platform.Kind",
        "HighTechEnterpriseStatusEnum": "registries.models.HighTechEnterprise.Status",
        "PatentKindEnum": "ip.models.Patent.Kind",
        "PatentStatusEnum": "ip.models.Patent.Status",
        "IPAdvantageKindEnum": "ip.models.IPAdvantage.Kind",
        "IPAdvantageStatusEnum": "ip.models.IPAdvantage.Status",
        "InstrumentStatusEnum": "instruments.models.Instrument.Status",
        "BookingStatusEnum": "instruments.models.Booking.Status",
        "AgencyKindEnum": "agencies.models.Agency.Kind",
        "AgencyServiceKindEnum": "agencies.models.AgencyService.Kind",
        "AgencyServiceStatusEnum": "agencies.models.AgencyService.Status",
        "TechContractKindEnum": "agencies.models.TechContract.Kind",
        "AchievementKindEnum": "achievements.models.Achievement.Kind",
        "AchievementStatusEnum": "achievements.models.State",
        "EventKindEnum": "outreach.models.Event.Kind",
        "AgreementKindEnum": "outreach.models.Agreement.Kind",
        "ProgrammeKindEnum": "talent.models.Programme.Kind",
        "LiteratureKindEnum": "instruments.models.LiteratureKind",
        "AgencyGradeEnum": "agencies.models.AgencyEvaluation.Grade",
        "CommissionerGradeEnum": "rural.models.Evaluation.Grade",
    },
}

# Django's form renderer, its inputs and selects written in Python (core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.FormRenderer"
# django-tables2's bootstrap5 layout, each row written by one Python call (core/templatetags/table_rows.py).
DJANGO_TABLES2_TEMPLATE = "core/table.html"

# Without a worker (make run, tests) tasks run in-process; production sets TASK_BACKEND=database
# and runs `manage.py db_worker` on as many machines as it needs.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TASK_BACKEND", "immediate")]
    }
}

# E-mail (the plan's daily alerts): printed to the console unless EMAIL_HOST is set, then SMTP.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "techbureau@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The sharing network counts instruments of this original value (yuan) or more as large
# (大型科研仪器, 50万元); instruments/conf.py holds its other tunable figures.
INSTRUMENTS_LARGE_VALUE = decimal.Decimal(os.environ.get("INSTRUMENTS_LARGE_VALUE", "500000"))

# Demo data hooks (<app>/demo.py seed(scale, rng)) run in this dependency order.
DEMO_APPS = [
    "directory", "accounts", "credit", "registries", "ip", "projects", "reviews", "assessment", "instruments",
    "agencies", "achievements", "talent", "rural", "outreach", "plans", "portal",
]

# One cache shared by every app server (the database is what they share); django-ratelimit
# counts public objections in it. The table is created by portal's migration 0001.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "techbureau_cache",
    }
}
RATELIMIT_USE_CACHE = "default"
# Behind a proxy, name the header that carries the visitor's address (README: deployment).
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY", "REMOTE_ADDR")
PORTAL_OBJECTION_RATE = os.environ.get("PORTAL_OBJECTION_RATE", "5/h")

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Production (TECHBUREAU_ENV=production, behind a TLS-terminating proxy) hardens transport;
# `manage.py check --deploy` passes with zero warnings in that mode.
PRODUCTION = os.environ.get("TECHBUREAU_ENV") == "production"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if not os.environ.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set in production")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

