"""Settings come from the environment; bad values stop start-up naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "project.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize(
    "variable, value",
    [("DEBUG", "maybe"), ("DATABASE_URL", "nonsense://"), ("DATABASE_URL", "sqlite://"),
     ("ALLOWED_HOSTS", "a,,b"),
     ("SECURE_SSL_REDIRECT", "sometimes"), ("SECURE_HSTS_SECONDS", "-1"),
     ("REDIS_URL", "localhost:6379"), ("STAFF_REQUIRE_2FA", "perhaps"),
     ("EMAIL_PORT", "smtp"), ("EMAIL_USE_TLS", "sometimes")],
)
def test_a_bad_value_stops_start_up_naming_the_variable(variable, value):
    result = manage("check", **{variable: value})
    assert result.returncode != 0
    assert variable in result.stderr


def test_production_needs_a_secret_key():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="false", SECRET_KEY="k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz!@#$",
        ALLOWED_HOSTS="isu.example.org", SECURE_SSL_REDIRECT="true",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_sends_e_mail_through_the_smtp_server_of_the_environment():
    code = ("from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, "
            "s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, "
            "s.DEFAULT_FROM_EMAIL)")
    result = manage("shell", "-c", code, DEBUG="false", SECRET_KEY="k" * 50,
                    EMAIL_HOST="smtp.example.org", EMAIL_PORT="587", EMAIL_HOST_USER="isu",
                    EMAIL_HOST_PASSWORD="mail-secret", EMAIL_USE_TLS="true",
                    DEFAULT_FROM_EMAIL="isu@example.org")
    assert result.stdout.split()[-7:] == ["django.core.mail.backends.smtp.EmailBackend",
                                     "smtp.example.org", "587", "isu", "mail-secret", "True",
                                     "isu@example.org"], result.stderr


def test_development_captures_e_mail_as_files_under_var_mail():
    result = manage("shell", "-c", "from django.conf import settings; "
                                   "print(settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH)",
                    DEBUG="true")
    backend, path = result.stdout.split()[-2:]
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert path.endswith("/var/mail")


def test_health_check_answers_with_a_tiny_body(anonymous):
    response = anonymous.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_with_redis_the_cache_and_the_sessions_use_it():
    code = ("from django.conf import settings; from django.core.cache import cache; "
            "cache.set('isu-settings-test', 'kept', 30); "
            "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, "
            "cache.get('isu-settings-test'))")
    result = manage("shell", "-c", code, REDIS_URL="redis://127.0.0.1:6379/15")
    if "Connection refused" in result.stderr or "Error 111" in result.stderr:
        pytest.skip("no Redis on 127.0.0.1:6379")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["django.core.cache.backends.redis.RedisCache",
                                     "django.contrib.sessions.backends.cached_db", "kept"]


def test_without_redis_the_cache_is_local_memory():
    result = manage("shell", "-c", "from django.conf import settings; "
                                   "print(settings.CACHES['default']['BACKEND'])")
    assert result.stdout.split()[-1] == "django.core.cache.backends.locmem.LocMemCache"
