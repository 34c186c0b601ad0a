# Two commands on a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/factcheck
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15
# The embedded defaults: SQLite file, tasks in-process, development mode.
RUN_ENV := DEBUG=$${DEBUG:-1}

.PHONY: run serve worker beat test lint browser-deps bench clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

run: $(VENV)/.installed
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py seed_demo --local-url http://127.0.0.1:$(PORT)
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production: gunicorn with DEBUG off, after collectstatic; needs SECRET_KEY (factcheck/serve.py).
serve: $(VENV)/.installed
	$(PY) -m factcheck.serve

worker: $(VENV)/.installed
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0): without a broker tasks run in the web process."; exit 2; }
	$(RUN_ENV) $(PY) -m celery -A factcheck worker --loglevel=INFO

beat: $(VENV)/.installed
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) for the scheduler."; exit 2; }
	$(RUN_ENV) $(PY) -m celery -A factcheck beat --loglevel=INFO --schedule=$(VENV)/celerybeat-schedule

# Debian's chromium for the browser tests; Playwright drives it (never `playwright install`).
browser-deps:
	@test -x /usr/bin/chromium || { \
		echo "Installing Debian chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint --quiet
	DEBUG=1 $(VENV)/bin/mypy .
	DEBUG=1 $(PY) manage.py check
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

test: $(VENV)/.installed-test browser-deps lint
	@echo "== pass 1: SQLite, tasks in-process"
	env -u DATABASE_URL -u CELERY_BROKER_URL DEBUG=1 $(VENV)/bin/pytest -m "not integration"
	@echo "== pass 2: PostgreSQL, Redis broker, live Celery worker"
	@if TEST_DATABASE_URL=$(TEST_DATABASE_URL) TEST_BROKER_URL=$(TEST_BROKER_URL) $(PY) tests/services.py; then \
		DEBUG=1 DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) $(VENV)/bin/pytest; \
	elif [ "$$FACTCHECK_REQUIRE_SERVICES" = "1" ]; then \
		echo "FAILED: FACTCHECK_REQUIRE_SERVICES=1 and PostgreSQL or Redis is unreachable"; exit 1; \
	else \
		echo "SKIPPED pass 2: PostgreSQL or Redis is unreachable (set FACTCHECK_REQUIRE_SERVICES=1 to fail instead)"; \
	fi

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache .ruff_cache .mypy_cache
