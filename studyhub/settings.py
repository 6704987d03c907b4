"""Settings, read from the environment with embedded defaults for a laptop.

DATABASE_URL  default: SQLite file ``db.sqlite3`` in the project folder; ``postgres://…`` uses psycopg 3.
REDIS_URL     when set, Celery's broker and result backend and a shared cache that degrades while Redis
              is down; otherwise an embedded filesystem broker under ``var/celery`` so a real worker
              and beat still run. Sessions live in the database either way.
SECRET_KEY, DEBUG, ALLOWED_HOSTS, EMAIL_BACKEND as usual.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("STUDYHUB_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_celery_beat",
    "axes",
    "csp",
    "studyhub",
    "notes",
    "quizzes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "studyhub.middleware.DatabaseUnavailableMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "studyhub.urls"
WSGI_APPLICATION = "studyhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["template_partials.templatetags.partials"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "studyhub.context.base",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# No SELECT 1 before each request's first query (CONN_HEALTH_CHECKS): a persistent connection that the
# server closed between requests (a restart) is found by studyhub/db.py without a round trip, and
# replaced. See docs/deploy.md (connections).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side parameters, and prepared statements: psycopg prepares a statement the fifth time a
    # connection runs it (Django turns that off unless OPTIONS sets prepare_threshold). Prepared, a
    # statement is still planned on every execution unless the server uses its generic plan, which
    # it did not choose by itself for the next-card statement (planning ~3 ms of its ~10): hence
    # plan_cache_mode (docs/deploy.md, "Prepared statements"; PG_PLAN_CACHE_MODE= leaves the server's).
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
    if plan_cache_mode := os.environ.get("PG_PLAN_CACHE_MODE", "force_generic_plan"):
        DATABASES["default"]["OPTIONS"]["options"] = f"-c plan_cache_mode={plan_cache_mode}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + immediate transactions let the web server and the Celery worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not :memory:, so a Celery worker started by an integration test sees the test data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "studyhub <noreply@studyhub.local>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# --- cache and sessions (issue #15.1: Redis is never a single point of failure) -----------------------
# Sessions always live in the database: one indexed query per request, and nothing a Redis outage can
# break. (cached_db was tried: Django 5.2 tolerates a cache error on its read but not on the write-back
# after a miss, on exists() nor on delete(), and a logout while Redis is down would leave the cached
# copy of the session alive once Redis is back.) With Redis, the shared cache degrades instead of
# failing (studyhub/cache.py): a read is a miss, a write does nothing, for as long as Redis is down.
# Without it, a per-process memory cache.
SESSION_ENGINE = "studyhub.sessions"  # the database backend, read without the ORM (studyhub/sessions.py)
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_SOCKET_TIMEOUT = float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.5"))  # seconds, per Redis call
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "studyhub.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_SOCKET_TIMEOUT,
                "socket_timeout": CACHE_SOCKET_TIMEOUT,
                "DOWN_SECONDS": 5,  # after an error, skip Redis this long (per process)
            },
        }
    }

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport (a real broker on disk).
CELERY_BROKER_DIR = VAR_DIR / "celery" / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR),
        "data_folder_out": str(CELERY_BROKER_DIR),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{VAR_DIR / 'celery' / 'results'}"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- recovery after a dead worker (issue #15.8) --------------------------------------------------------
# Every task is acks_late; a message whose worker died is redelivered by Redis after the visibility
# timeout, which is matched to the time limit of the batch tasks (a live task is killed at its limit
# before Redis could hand its message to a second worker). A prefork child killed mid-task (OOM) puts
# its message back at once (reject_on_worker_lost). A mail batch's claims are refreshed by a heartbeat
# every QUIZZES_EMAIL_CLAIM_HEARTBEAT seconds while it works, and a claim whose heartbeat stopped for
# QUIZZES_EMAIL_CLAIM_TIMEOUT seconds is a dead worker's: taken over by the redelivered message (4 min
# after the kill at most) or the next dispatch. Every email of a batch whose worker was SIGKILLed is
# out within 5 minutes (tests/integration/test_mail_recovery.py).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
QUIZZES_EMAIL_CLAIM_TIMEOUT = int(os.environ.get("QUIZZES_EMAIL_CLAIM_TIMEOUT", "90"))  # seconds
QUIZZES_EMAIL_CLAIM_HEARTBEAT = int(os.environ.get("QUIZZES_EMAIL_CLAIM_HEARTBEAT", "20"))  # seconds
BATCH_TASK_TIME_LIMIT = int(os.environ.get("BATCH_TASK_TIME_LIMIT", "180"))  # seconds
CELERY_TASK_ANNOTATIONS = {
    name: {"time_limit": BATCH_TASK_TIME_LIMIT, "soft_time_limit": BATCH_TASK_TIME_LIMIT - 20}
    for name in (
        "quizzes.tasks.send_weekly_batch",
        "quizzes.tasks.send_weekly_review",
        "quizzes.tasks.send_daily_reminders",
        "quizzes.tasks.rollups_batch",
    )
}
if REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": BATCH_TASK_TIME_LIMIT + 60}
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "15"))

# Ingestion limits
NOTES_MAX_FILE_BYTES = int(os.environ.get("NOTES_MAX_FILE_BYTES", str(5 * 1024 * 1024)))
NOTES_MAX_LINE_CHARS = int(os.environ.get("NOTES_MAX_LINE_CHARS", "10000"))

# --- client address behind proxies, and throttles (issue #15.3) ---------------------------------------
# TRUSTED_PROXIES: how many proxies (load balancer, nginx) stand in front of gunicorn, each appending the
# address it received the request from to X-Forwarded-For. 0 (the default): X-Forwarded-For is ignored.
# One function (studyhub/throttle.py::client_address) turns it into the client's address for axes and
# for the throttles on signup and password reset.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "studyhub.throttle.client_address"
SIGNUP_PER_ADDRESS_PER_HOUR = int(os.environ.get("SIGNUP_PER_ADDRESS_PER_HOUR", "10"))
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = int(os.environ.get("PASSWORD_RESET_PER_ADDRESS_PER_HOUR", "5"))
PASSWORD_RESET_PER_EMAIL_PER_HOUR = int(os.environ.get("PASSWORD_RESET_PER_EMAIL_PER_HOUR", "3"))

# django-axes: throttle password guessing (5 failures lock the username+address pair for an hour, so
# an attacker's failures never lock the owner out from another address).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"  # rendered with status 429 (AXES_HTTP_RESPONSE_CODE)

# Content-Security-Policy (django-csp): scripts only from our own static files, never inline, never
# eval; htmx is configured in base.html not to inject its indicator <style> nor to eval anything.
# Styles allow 'unsafe-inline' because Django's own admin templates carry inline <style> blocks and
# a few pages set style="" attributes; CSS cannot run script in current browsers.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
