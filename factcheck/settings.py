"""Settings for the fact-tracking app.

Everything that differs between a laptop, CI and production comes from environment variables, read
here and nowhere else. The defaults are the embedded ones: a SQLite file in the project and Celery
tasks run in-process. Give ``DATABASE_URL`` and ``CELERY_BROKER_URL`` to use PostgreSQL and Redis.
"""

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


_Number = TypeVar("_Number", int, float)


def _env_number(name: str, default: _Number, parse: Callable[[str], _Number], what: str) -> _Number:
    value = env_str(name)
    try:
        return parse(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be {what}, not {value!r}") from exc


def env_int(name: str, default: int) -> int:
    return _env_number(name, default, int, "an integer")


def env_float(name: str, default: float) -> float:
    return _env_number(name, default, float, "a number")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without a key and with DEBUG off, the web application refuses to start (factcheck/startup.py,
# called by wsgi.py and asgi.py, which runserver loads too); commands that sign nothing (migrate,
# check, ingest, extract_claims, export_verdicts) still run, so tools need no secret to use them.
SECRET_KEY = env_str("SECRET_KEY") or (
    "insecure-development-key-only-used-with-debug-on" if DEBUG else ""
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "articles",
    "claims",
]

MIDDLEWARE = [
    "factcheck.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "factcheck.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default is used by a web process and in-process tasks at once: WAL and a busy
    # timeout let readers and one writer share the file without "database is locked" errors.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "DATABASE_JIT"
):
    # PostgreSQL compiles any plan whose estimated cost passes jit_above_cost, and the review
    # queue's plans do: 1 to 2 s of compiling for a query that runs in 50 ms. The app runs short
    # queries only, so JIT stays off unless DATABASE_JIT=1 (a session setting given at connect
    # time: no extra query).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The desk's time zone: dates and times on its pages (history, my work, verdicts) are shown in it;
# the database keeps UTC.
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# In production (DEBUG off) collectstatic writes content-hashed, compressed copies and WhiteNoise
# serves them from STATIC_ROOT with far-future Cache-Control (make serve runs collectstatic first).
# Development and the tests keep plain names served straight from the app and project folders.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "/review/"

# Security: on whenever DEBUG is off (behind TLS in production).
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Probes and the metrics scraper talk to the web port directly, without the proxy's TLS.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Celery: no broker means tasks run in-process, eagerly, with their errors raised to the caller.
TASKS_IN_PROCESS = not env_str("CELERY_BROKER_URL")
# In-process mode still gets a broker URL: Celery sets up a producer pool even for eager calls, and
# the in-memory transport keeps it from looking for a broker on localhost.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "memory://localhost/"
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or (
    None if TASKS_IN_PROCESS else CELERY_BROKER_URL
)
CELERY_TASK_ALWAYS_EAGER = TASKS_IN_PROCESS
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "factcheck")
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker child whose resident memory passed this many KiB after a task is replaced by a fresh
# one, so a large article's parse (a 1 MB text peaks near 510 MB) is given back to the system
# instead of staying with the child for good. 0 turns the limit off.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = (
    env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 768 * 1024) or None
)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged task to another worker after the visibility timeout: it must be
# longer than the hard time limit, or a task still running would be started twice. The reconciler
# (claims/services/reconcile.py) recovers a dead worker's articles well before it.
WORK_VISIBILITY_TIMEOUT = env_int("WORK_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT * 2)
if WORK_VISIBILITY_TIMEOUT <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "WORK_VISIBILITY_TIMEOUT must be longer than CELERY_TASK_TIME_LIMIT "
        f"({WORK_VISIBILITY_TIMEOUT} <= {CELERY_TASK_TIME_LIMIT})"
    )
# The web tier never waits on the broker: connecting gives up after about a second and publishing
# is tried twice; a task that could not be queued stays recorded in its row for the reconciler.
BROKER_CONNECT_TIMEOUT = env_float("BROKER_CONNECT_TIMEOUT", 1.0)
_FAST_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_CONNECT_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": WORK_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": BROKER_CONNECT_TIMEOUT,
    **_FAST_RETRY,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = _FAST_RETRY
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = BROKER_CONNECT_TIMEOUT
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": _FAST_RETRY}
CELERY_RESULT_EXPIRES = 60 * 60 * 24
# Task events, so Flower or `celery events` can watch the workers.
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_SEND_SENT_EVENT = True
# Background work (factcheck/work.py, claims/services/reconcile.py): every task's intent is a row; the
# reconciler hands out again what is due and not running, every WORK_RECONCILE_INTERVAL seconds
# (beat) and once when a worker starts.
WORK_RECONCILE_INTERVAL = env_float("WORK_RECONCILE_INTERVAL", 60.0)
WORK_QUEUED_GRACE = env_int("WORK_QUEUED_GRACE", 300)
WORK_MAX_ATTEMPTS = env_int("WORK_MAX_ATTEMPTS", 5)
WORK_RETRY_BACKOFF = env_float("WORK_RETRY_BACKOFF", 2.0)
WORK_RETRY_BACKOFF_MAX = env_float("WORK_RETRY_BACKOFF_MAX", 120.0)
WORK_RETRY_FOR = env_int("WORK_RETRY_FOR", 900)
if WORK_RETRY_BACKOFF_MAX >= WORK_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured(
        "WORK_RETRY_BACKOFF_MAX must be shorter than WORK_VISIBILITY_TIMEOUT"
    )
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {"task": "articles.tasks.poll_due_feeds", "schedule": 60.0},
    "reconcile-work": {"task": "claims.tasks.reconcile_work", "schedule": WORK_RECONCILE_INTERVAL},
}

SPACY_MODEL = env_str("SPACY_MODEL", "en_core_web_sm")
os.environ.setdefault("SPACY_MODEL", SPACY_MODEL)

# Article fetching (see articles/fetching.py).
FETCH_ALLOW_PRIVATE_ADDRESSES = env_bool("FETCH_ALLOW_PRIVATE_ADDRESSES", False)
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_CONNECT_TIMEOUT = env_float("FETCH_CONNECT_TIMEOUT", 5.0)
FETCH_READ_TIMEOUT = env_float("FETCH_READ_TIMEOUT", 15.0)
# Room for a submitted document at the fetch cap plus its JSON or form encoding; the API answers
# anything between the cap and this with a clear message (articles/api.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", FETCH_MAX_BYTES * 2 + 64 * 1024)
FETCH_USER_AGENT = env_str("FETCH_USER_AGENT", "factcheck-bot/0.1 (+https://example.org/factcheck)")

# The longest clean text the extractor reads (spaCy's own default limit); longer articles are
# stored and marked skipped with the reason, whichever way they came in.
EXTRACT_MAX_CHARS = env_int("EXTRACT_MAX_CHARS", 1_000_000)

# Verdict exports with more rows than this run as a background job writing a file (claims/exports).
EXPORT_ASYNC_THRESHOLD = env_int("EXPORT_ASYNC_THRESHOLD", 50_000)

# Claim matching (claims/matching): a statement scoring at least MATCH_SAME_THRESHOLD against a
# known claim, with no hard difference (number, negation, named entity, speaker), is that claim;
# from MATCH_SIMILAR_THRESHOLD it is suggested to reviewers; below, unrelated. MATCH_CANDIDATES is
# how many claims the index proposes per statement before they are scored.
MATCH_SAME_THRESHOLD = env_float("MATCH_SAME_THRESHOLD", 0.88)
MATCH_SIMILAR_THRESHOLD = env_float("MATCH_SIMILAR_THRESHOLD", 0.55)
MATCH_CANDIDATES = env_int("MATCH_CANDIDATES", 10)

# Who publishes the fact-checks (ClaimReview ``author``) and where verdict pages live.
PUBLISHER_NAME = env_str("PUBLISHER_NAME", "Factcheck Desk")
PUBLISHER_URL = env_str("PUBLISHER_URL", "https://factcheck.example.org")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "factcheck.auth_cache.CachedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # One permission class for every endpoint: model permissions, and read-only tokens refused writes.
    "DEFAULT_PERMISSION_CLASSES": ["factcheck.api_permissions.ApiPermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "token": env_str("API_THROTTLE_RATE", "5000/hour"),
        "graph": env_str("API_GRAPH_THROTTLE_RATE", "600/hour"),
    },
    # Services raise Django's ValidationError and Conflict: one handler answers them (400, 409).
    "EXCEPTION_HANDLER": "factcheck.api_errors.exception_handler",
    # DRF's JSON, encoded by orjson (factcheck/api_renderers.py); the browsable API as before.
    "DEFAULT_RENDERER_CLASSES": [
        "factcheck.api_renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "factcheck.api_parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck API",
    "DESCRIPTION": "Claims, attributions, sources, verdicts and the claim graph.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's assets ship in a package, so /api/docs/ works offline and under the CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One schema name per model choice set (several serializers share them).
    "ENUM_NAME_OVERRIDES": {
        "SourceKindEnum": "claims.models.Source.Kind",
        "AttributionKindEnum": "claims.models.Attribution.Kind",
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "VerdictStatusEnum": "claims.models.Verdict.Status",
        "WebhookDeliveryStatusEnum": "claims.models.WebhookDelivery.Status",
        "ArticleStatusEnum": "articles.models.Article.Status",
    },
}

# /metrics (factcheck/metrics.py): staff sessions, or "Authorization: Bearer <METRICS_TOKEN>".
METRICS_TOKEN = env_str("METRICS_TOKEN")

# Throttle counters and other shared state: Redis when CACHE_URL is given, so every web process
# counts against the same limits; per-process memory otherwise (the embedded default).
CACHE_URL = env_str("CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Sessions, users, their permissions and API tokens read from that cache instead of three or four
# queries per request (factcheck/auth_cache.py). On by default only when the cache is shared: a
# per-process one would keep a change made in one web process from reaching the others.
AUTH_CACHE = env_bool("AUTH_CACHE", bool(CACHE_URL))
AUTHENTICATION_BACKENDS = ["factcheck.auth_cache.CachedModelBackend"]
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if AUTH_CACHE
    else "django.contrib.sessions.backends.db"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "filters": {
        "refusal_without_traceback": {"()": "factcheck.log_filters.RefusalWithoutTraceback"}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["refusal_without_traceback"]},
        # Both log an ERROR for every short fragment (a feed entry's summary) they cannot date or
        # extract; the cleaner already falls back and records what it could not read.
        "trafilatura": {"level": "CRITICAL"},
        "htmldate": {"level": "CRITICAL"},
    },
}
