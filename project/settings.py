"""Settings for the ISU work plans product, read from the environment (see README)."""

import json
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from project.countries import UN_NAMES
from project.env import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite under concurrent requests: a transaction takes the write lock as it begins, so a
    # second writer waits (up to `timeout` seconds) and then reads the first one's save (the
    # optimistic locking tells its user) instead of failing with "database is locked"; in WAL
    # mode pages are read while a save is being written.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "django_filters",
    "django_countries",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "lib",
    "isu",
    "meetings",
    "workplans",
    "budgets",
    "reporting",
    "financing",
    "sponsorship",
    "workspace",
    "demo",
    "django_htmx",
]

MIDDLEWARE = [
    # First: oversized bodies and NUL characters are refused before anything reads them.
    "project.middleware.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "project.middleware.LocaleMiddleware",  # Django's, without redirecting the API's 404s
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # An unverified session of a user who must give a code counts as anonymous.
    "project.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

# Staff land in their workspace (the admin's sign-in sends them there too).
LOGIN_REDIRECT_URL = "/workspace/"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins after repeated failures
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies that each append the
# address they were called from to X-Forwarded-For, the entry the outermost proxy appended (what
# a client writes there itself stays to its left and is never taken).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR"]
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1  # proxies listed in the header
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = None
IPWARE_STRICT = False  # entries a client prepends do not hide the address the proxy appended
# Staff with a TOTP device give its code when they sign in; with STAFF_REQUIRE_2FA every staff
# member must have one.
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "ISU work plans"

# Invitations, password resets and financial statements are e-mailed: through SMTP in
# production; in development each message is captured as a file under var/mail/ (the tests keep
# them in memory: tests/settings.py).
EMAIL_BACKEND = ("django.core.mail.backends.filebased.EmailBackend" if DEBUG
                 else "django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Long jobs (sending statements, binding a meeting's PDF) run in the background through Django's
# tasks API (the django-tasks backport). The database backend needs nothing else installed: a
# worker (`manage.py db_worker`) takes the jobs; `make run` starts one beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The account into which each convention's contributions are paid, printed on its invoices and
# statements (financing/letters.py, which validates the IBAN and refuses to print a letter without
# them): BANK_DETAILS is JSON, {"CCM": {"beneficiary": …, "bank": …, "address": …, "iban": …,
# "bic": …}, …}, by convention code. In development, clearly illustrative details for CCM and
# APMBC (the documentation's example IBANs), so that the demo prints its letters.
try:
    BANK_DETAILS = json.loads(env_str("BANK_DETAILS", "{}"))
except ValueError as error:
    raise ImproperlyConfigured(f"BANK_DETAILS is not valid JSON: {error}") from None
if not isinstance(BANK_DETAILS, dict):
    raise ImproperlyConfigured("BANK_DETAILS must be a JSON object keyed by convention code.")
if DEBUG and not BANK_DETAILS:
    BANK_DETAILS = {code: {
        "beneficiary": f"EXAMPLE ONLY – {code} Implementation Support Unit (demonstration)",
        "bank": "Example Bank (illustrative, not a real account)",
        "address": "1 Example Street, 1200 Geneva, Switzerland",
        "iban": iban, "bic": "EXMPCHZZXXX",
    } for code, iban in (("CCM", "CH9300762011623852957"), ("APMBC", "CH5604835012345678009"))}

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

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
                "isu.context_processors.site",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Chinese first because the seed documents are the Chinese versions. Every list of
# languages is derived from LANGUAGES; what each one prints by is in lib/languages.py, the dates
# of its documents in its formats module (project/formats/), its words in its catalog (locale/).
LANGUAGE_CODE = "en"
LANGUAGES = [("zh-hans", _("Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["project.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Zurich"

# States by the short names the United Nations gives them, in every language (project/countries.py).
COUNTRIES_COMMON_NAMES = False
COUNTRIES_OVERRIDE = UN_NAMES

# Each language of LANGUAGES has its columns; an empty one falls back to LANGUAGE_CODE's, then
# to the others'.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": (LANGUAGE_CODE, *(
    code for code in MODELTRANSLATION_LANGUAGES if code != LANGUAGE_CODE))}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Whole public pages are cached for anonymous visitors (lib/caching.py). With REDIS_URL the
# cache, shared by every worker, also holds the sessions; without it, local memory.
PUBLIC_PAGE_SECONDS = env_int("PUBLIC_PAGE_SECONDS", 300)
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"REDIS_URL={REDIS_URL!r} is not a redis:// address.")
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 2000}}}
# What a background job makes for the web to serve (a meeting's bound PDF) is kept where the
# worker and every web process read it: in Redis, else in files under var/cache/.
CACHES["shared"] = (
    {**CACHES["default"], "KEY_PREFIX": "shared"} if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
          "LOCATION": str(BASE_DIR / "var" / "cache"), "OPTIONS": {"MAX_ENTRIES": 200}})

# Requests are small: forms and the API take text, never files. A larger body, of any content
# type, is refused before it is read (project.middleware.RequestLimitsMiddleware).
REQUEST_MAX_BYTES = 2_500_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_500_000

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The admin's widgets set inline styles; no page runs inline script.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

REST_FRAMEWORK = {
    # Never a password alone (no HTTP Basic): a personal API token, or a session, verified with
    # an authenticator code where two-factor authentication applies (isu/auth.py). The token
    # comes first so that a client without credentials is told to authenticate (401).
    "DEFAULT_AUTHENTICATION_CLASSES": ["knox.auth.TokenAuthentication",
                                       "isu.auth.VerifiedSessionAuthentication"],
    "DEFAULT_SCHEMA_CLASS": "project.schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["lib.filtering.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "lib.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
# Personal API tokens: stored as hashes, shown once, revocable, valid for 90 days.
REST_KNOX = {"TOKEN_TTL": timedelta(days=90), "AUTO_REFRESH": False}
SPECTACULAR_SETTINGS = {
    "TITLE": "ISU work plans API",
    "DESCRIPTION": "Work plans of the Implementation Support Units, in Chinese and English.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Behind HTTPS in production; local development runs plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
