# Svodka: `make demo` runs the product on the sandbox, `make test` runs every test.
# Everything installs into .venv/ at the repo root; only Python 3.11+ is assumed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
DEMO_DIR ?= demo
export SVODKA_TEST_PG_URL ?= postgresql+psycopg://postgres:postgres@127.0.0.1:5432/postgres

.PHONY: demo test lint format bench install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Stamps re-run pip only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e '.[test]'
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/svodka demo --dir $(DEMO_DIR) $(if $(NO_SERVE),--no-serve,)

test: install-test
	bash scripts/services.sh
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check svodka tests bench
	$(BIN)/ruff format --check svodka tests bench

format: install-test
	$(BIN)/ruff format svodka tests bench
	$(BIN)/ruff check --fix svodka tests bench

bench: install
	$(BIN)/python bench/ingest.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .ruff_cache
