# Two commands: `make run` serves the platform with demo data, `make test` runs every check.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

PY := $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.12.1/bin/python3) \
        $(shell command -v python3.12 2>/dev/null) $(shell command -v python3.13 2>/dev/null))
UV := $(PY) -m uv
BIN := .venv/bin

.PHONY: run serve test test-fast test-year-ahead lint fmt system-packages bench bench-platform bench-pdf bench-load messages fuzz

.venv/.synced: pyproject.toml uv.lock
	@test -n "$(PY)" || { echo "需要 Python 3.12 或 3.13 (Python 3.12+ is required; see .python-version)"; exit 1; }
	@$(PY) -m uv --version >/dev/null 2>&1 || $(PY) -m pip install -q 'uv==0.13.9'
	$(UV) sync --frozen
	@touch $@

DEMO_ENTERPRISES ?= 500
PORT ?= 8000

run: .venv/.synced system-packages
	$(BIN)/python manage.py setup_demo --enterprises $(DEMO_ENTERPRISES)
	@$(BIN)/python manage.py db_worker --no-reload --queue-name default,pdf & worker=$$!; \
	$(BIN)/python manage.py run_periodic & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	echo ""; \
	echo "高企服务云 gaoqi: http://127.0.0.1:$(PORT)/   (API docs: http://127.0.0.1:$(PORT)/api/v1/docs)"; \
	echo "演示账号 demo logins (password gaoqi-demo): enterprise, bureau, district (黄埔 440112), mentor, station, bank, owner (场景方)"; \
	echo ""; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production server (gunicorn, WhiteNoise, one task worker per queue); needs GAOQI_SECRET_KEY, DATABASE_URL and
# GAOQI_SITE_URL (docs/platform.md, "Production").
serve: .venv/.synced system-packages
	scripts/serve

messages: .venv/.synced
	cd gaoqi && ../$(BIN)/django-admin makemessages -l en --no-wrap --no-location -i "rules/*" --settings=gaoqi.config.settings --pythonpath=..
	cd gaoqi && ../$(BIN)/django-admin compilemessages --settings=gaoqi.config.settings --pythonpath=..

lint: .venv/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

fmt: .venv/.synced
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

system-packages:
	scripts/system-packages

# With DATABASE_URL set, the platform tests run on PostgreSQL beside the SQLite run (one process each, two cores);
# the PostgreSQL run's output follows the SQLite run's.
test: lint system-packages
	@if [ -z "$$DATABASE_URL" ]; then exec $(BIN)/pytest -q; fi; \
	mkdir -p test-artifacts; \
	$(BIN)/pytest -q -p no:cacheprovider tests/platform > test-artifacts/postgresql.log 2>&1 & postgresql=$$!; \
	env -u DATABASE_URL $(BIN)/pytest -q; sqlite=$$?; \
	wait $$postgresql; pg=$$?; \
	echo "== platform tests on PostgreSQL ($$DATABASE_URL) =="; cat test-artifacts/postgresql.log; \
	exit $$(( sqlite || pg ))

# The inner loop: rules tests and platform tests on SQLite, without the browser journeys, the layout walk and the API
# fuzzing (docs/platform.md, "Tests").
test-fast: .venv/.synced
	env -u DATABASE_URL $(BIN)/pytest -q -m "not browser" tests/rules tests/platform \
		--ignore=tests/platform/layout --ignore=tests/platform/test_api_fuzz.py

# The platform tests that involve dates (deadlines, SLAs, sessions, fiscal years, demo data), with the clock a year
# ahead (GAOQI_TEST_CLOCK_OFFSET_DAYS, tests/conftest.py): a date bomb shows up here a year before it goes off. Left
# out: browser tests, the per-app authorisation matrices and the mentoring solver (no dates of their own), and the
# crash test (its worker subprocess runs on the real clock).
YEAR_AHEAD_DAYS ?= 365
YEAR_AHEAD_TESTS := tests/platform/notifications tests/platform/servicedesk tests/platform/training \
	tests/platform/policies tests/platform/mentoring tests/platform/test_demo_setup.py \
	tests/platform/test_assessment_services.py tests/platform/test_enterprise_services.py \
	tests/platform/test_background.py tests/platform/test_web_console.py tests/platform/test_excel.py \
	tests/platform/test_registration_dates.py
test-year-ahead: .venv/.synced
	env -u DATABASE_URL GAOQI_TEST_CLOCK_OFFSET_DAYS=$(YEAR_AHEAD_DAYS) $(BIN)/pytest -q -m "not browser" \
		--ignore-glob="*_authorisation.py" --ignore-glob="*_solver.py" --ignore-glob="*_crash.py" $(YEAR_AHEAD_TESTS)

bench: .venv/.synced
	$(BIN)/python bench/rules_bench.py

fuzz: .venv/.synced
	$(BIN)/python scripts/fuzz_api.py

bench-platform: .venv/.synced
	$(BIN)/python bench/platform_bench.py --enterprises $(or $(ENTERPRISES),100000)
