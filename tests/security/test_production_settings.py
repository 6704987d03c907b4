"""The production settings path: ``manage.py check --deploy`` is clean with a real configuration, and
the settings refuse to start without what production needs. Each case runs in its own process, as
the web, worker and beat processes do."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "example.com",
    "DATABASE_URL": "postgres://studyhub:secret@db.example.com:5432/studyhub",
    "REDIS_URL": "redis://redis.example.com:6379/0",
}


NOT_INHERITED = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # Nothing of the test run's own environment that a deployment must not have (the browser tests
    # set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly reports).
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment.update(PRODUCTION_ENV | env)
    return subprocess.run(
        [sys.executable, "manage.py", *args, "--settings=studyhub.settings_production"],
        cwd=settings.BASE_DIR,
        env={k: v for k, v in environment.items() if v},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", SECRET_KEY="")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage("check", SECRET_KEY="short")
    assert result.returncode != 0 and "long random value" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", ALLOWED_HOSTS="")
    assert result.returncode != 0 and "ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_the_sqlite_file():
    result = manage("check", DATABASE_URL="sqlite:///db.sqlite3")
    assert result.returncode != 0 and "PostgreSQL" in result.stderr


def test_production_settings_serve_static_files_with_whitenoise():
    script = (
        "from django.conf import settings as s; "
        "after = s.MIDDLEWARE[s.MIDDLEWARE.index('django.middleware.security.SecurityMiddleware') + 1]; "
        "print(s.DEBUG, after, s.STORAGES['staticfiles']['BACKEND'], s.SECURE_HSTS_SECONDS)"
    )
    result = manage("shell", "-c", script)
    assert result.stdout.splitlines()[-1].split() == [
        "False",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "31536000",
    ]
