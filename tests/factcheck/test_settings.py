"""The settings module: production refuses to start without a secret key; env values are read."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


CONFIGURATION = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "CELERY_BROKER_URL"}
# What get_random_secret_key() gives: 50 characters of many kinds.
STRONG_KEY = "k8#v2@qz!m4^w7&p1*r9(x3)t6_y0+u5-s8=n2%c4$e7b1jd3f"


def run(*args: str, **env) -> subprocess.CompletedProcess:
    """Run Python in a fresh process with none of our configuration but ``env``."""
    bare = {k: v for k, v in os.environ.items() if k not in CONFIGURATION}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**bare, "DJANGO_SETTINGS_MODULE": "factcheck.settings", **env},
        capture_output=True,
        text=True,
    )


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    return run("-c", code, **env)


def load_settings(**env) -> subprocess.CompletedProcess:
    return run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS, "
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.DATABASES['default']['ENGINE'], "
        "','.join(settings.ALLOWED_HOSTS))",
        **env,
    )


def test_production_web_app_refuses_to_start_without_secret_key():
    for module in ("factcheck.wsgi", "factcheck.asgi"):
        result = run_python(f"import {module}", DEBUG="0")
        assert result.returncode != 0, module
        assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_production_web_app_starts_with_a_secret_key():
    result = run_python("import factcheck.wsgi", DEBUG="0", SECRET_KEY=STRONG_KEY)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "s3cr3",  # five characters
        "x" * 60,  # long, but one character
        "abcd" * 20,  # long, four different characters
        "django-insecure-" + STRONG_KEY,  # startproject's development key
        STRONG_KEY[:49],  # one short of Django's minimum
    ],
    ids=["short", "one-character", "four-characters", "insecure-prefix", "49-characters"],
)
def test_production_web_app_refuses_a_weak_secret_key(key):
    result = run_python("import factcheck.wsgi", DEBUG="0", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak for DEBUG off" in result.stderr
    assert "at least 50 characters long, with at least 5 different characters" in result.stderr
    assert "get_random_secret_key" in result.stderr
    assert key not in result.stderr  # the key itself is never printed


def test_a_weak_key_is_accepted_in_development():
    result = run_python("import factcheck.wsgi", DEBUG="1", SECRET_KEY="s3cr3")
    assert result.returncode == 0, result.stderr


def test_commands_that_sign_nothing_need_no_configuration():
    """Tools (the dev-set scorer runs extract_claims) work on a bare checkout."""
    result = run("manage.py", "extract_claims", "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: manage.py extract_claims" in result.stdout


def test_production_settings_are_secure():
    result = load_settings(DEBUG="0", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="factcheck.example.org")
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


def test_a_number_setting_reads_decimals_and_refuses_words():
    read = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.FETCH_READ_TIMEOUT)",
        DEBUG="1",
        FETCH_READ_TIMEOUT="2.5",
    )
    assert read.stdout.strip() == "2.5"
    refused = run_python("import django; django.setup()", DEBUG="1", FETCH_READ_TIMEOUT="soon")
    assert refused.returncode != 0
    assert "FETCH_READ_TIMEOUT must be a number, not 'soon'" in refused.stderr


def settings_value(expression: str, **env) -> str:
    result = run_python(
        f"import django; django.setup(); from django.conf import settings; print({expression})",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_cache_url_gives_every_web_process_one_cache_for_throttling():
    shared = "(settings.CACHES['default']['BACKEND'], settings.CACHES['default'].get('LOCATION'))"
    assert settings_value(shared, DEBUG="1") == (
        "('django.core.cache.backends.locmem.LocMemCache', None)"
    )
    assert settings_value(shared, DEBUG="1", CACHE_URL="redis://127.0.0.1:6379/1") == (
        "('django.core.cache.backends.redis.RedisCache', 'redis://127.0.0.1:6379/1')"
    )


def test_sessions_users_and_permissions_are_cached_only_in_a_shared_cache():
    cached = "(settings.AUTH_CACHE, settings.SESSION_ENGINE.rsplit('.', 1)[1])"
    redis = "redis://127.0.0.1:6379/1"
    assert settings_value(cached, DEBUG="1") == "(False, 'db')"
    assert settings_value(cached, DEBUG="1", CACHE_URL=redis) == "(True, 'cached_db')"
    assert settings_value(cached, DEBUG="1", CACHE_URL=redis, AUTH_CACHE="0") == "(False, 'db')"


def test_postgresql_runs_without_jit_unless_asked():
    options = "settings.DATABASES['default'].get('OPTIONS', {}).get('options')"
    url = "postgres://u@127.0.0.1:5432/x"
    assert settings_value(options, DEBUG="1", DATABASE_URL=url) == "-c jit=off"
    assert settings_value(options, DEBUG="1", DATABASE_URL=url, DATABASE_JIT="1") == "None"
    assert settings_value(options, DEBUG="1") == "None"  # SQLite has neither
