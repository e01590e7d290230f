# Two commands: `make run` serves the platform with demo data, `make test` runs every check.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

PY := $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.12.1/bin/python3) \
        $(shell command -v python3.12 2>/dev/null) $(shell command -v python3.13 2>/dev/null))
UV := $(PY) -m uv
BIN := .venv/bin

.PHONY: run test lint fmt rules-test bench

.venv/.synced: pyproject.toml uv.lock
	@test -n "$(PY)" || { echo "需要 Python 3.12 或 3.13 (Python 3.12+ is required; see .python-version)"; exit 1; }
	@$(PY) -m uv --version >/dev/null 2>&1 || $(PY) -m pip install -q 'uv==0.13.9'
	$(UV) sync --frozen
	@touch $@

run: .venv/.synced
	$(BIN)/gaoqi assess examples/profile-complete.json --format text

lint: .venv/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

fmt: .venv/.synced
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/pytest -q

bench: .venv/.synced
	$(BIN)/python bench/rules_bench.py
