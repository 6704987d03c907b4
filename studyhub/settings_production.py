"""Production settings: ``DJANGO_SETTINGS_MODULE=studyhub.settings_production``.

Everything of ``studyhub.settings`` plus: DEBUG off, HTTPS only (secure cookies, HSTS, SSL redirect
behind a proxy that sets X-Forwarded-Proto), static files served by whitenoise from compressed,
hashed files made by ``collectstatic``, and logs on stdout. Required from the environment (the
process refuses to start without them): SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL) and
REDIS_URL. See docs/deploy.md.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from studyhub.settings import *  # noqa: F403
from studyhub.settings import DATABASES, MIDDLEWARE, env_bool


def required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production (see docs/deploy.md)")
    return value


DEBUG = False

SECRET_KEY = required_env("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY must be a long random value in production (50+ characters)")
ALLOWED_HOSTS = [h.strip() for h in required_env("ALLOWED_HOSTS").split(",") if h.strip()]
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's hosts, not '*'")

# studyhub.settings already parsed DATABASE_URL; production must not fall back on the SQLite file,
# which several machines cannot share.
required_env("DATABASE_URL")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production")
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # studyhub/db.py checks liveness without a round trip

# Celery: the broker every web and worker machine shares (the filesystem broker is per machine).
REDIS_URL = required_env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False

# HTTPS: TLS ends at the load balancer, which must set X-Forwarded-Proto (and overwrite a client's).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (hx-headers), never from the cookie
X_FRAME_OPTIONS = "DENY"

# Behind the load balancer: one trusted proxy unless TRUSTED_PROXIES says otherwise (see settings.py).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "1"))

# Static files: whitenoise serves what collectstatic wrote, with hashed names and gzip/brotli copies.
MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STATIC_ROOT = os.environ.get("STATIC_ROOT") or STATIC_ROOT  # noqa: F405 - default: var/staticfiles
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
