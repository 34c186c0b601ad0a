"""The settings module: production refuses to start without a secret key; env values are read."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "CELERY_BROKER_URL"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS, "
            "settings.CELERY_TASK_ALWAYS_EAGER, settings.DATABASES['default']['ENGINE'], "
            "','.join(settings.ALLOWED_HOSTS))",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "factcheck.settings", **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_secret_key():
    result = load_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_production_settings_are_secure():
    result = load_settings(DEBUG="0", SECRET_KEY="s3cret", ALLOWED_HOSTS="factcheck.example.org")
    assert result.returncode == 0, result.stderr
    debug, secure_cookie, hsts, eager, _engine, hosts = result.stdout.split()
    assert (debug, secure_cookie, hosts) == ("False", "True", "factcheck.example.org")
    assert int(hsts) >= 31536000
    assert eager == "True"


def test_broker_url_turns_off_in_process_tasks():
    result = load_settings(DEBUG="1", CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[3] == "False"


def test_database_url_selects_postgresql():
    result = load_settings(DEBUG="1", DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert result.stdout.split()[4] == "django.db.backends.postgresql"


def test_malformed_boolean_is_reported_by_name():
    result = load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
