# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test check lint types pytest schema bench bench-quick bench-peer clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

## Run the gateway on the embedded SQLite file with demo data, printing an API token.
serve: $(BIN)/.installed
	$(BIN)/crm-gateway serve --demo --host $(HOST) --port $(PORT)

## Format check, lint, types, and the whole test suite.
test: $(BIN)/.installed lint types pytest

lint: $(BIN)/.installed
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: $(BIN)/.installed
	$(BIN)/mypy

## The suite on one pytest-xdist worker per core (a module stays on one worker, so its
## servers start once), then the `serial` tests alone; PYTEST_WORKERS=0 runs it in one process.
## Exit status 5 (nothing selected, e.g. PYTEST_ARGS naming no serial test) is no failure.
PYTEST_WORKERS ?= auto
pytest: $(BIN)/.installed
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile -m "not serial" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/pytest -m serial $(PYTEST_ARGS) || [ $$? -eq 5 ]

## Measure every request shape (bench/shapes.py) against raw SQL, a bare Starlette endpoint
## and PostGraphile 5, in one run, and rewrite docs/performance.md's figures (~150 wrk
## cells of 5 s: half an hour or more; BENCH_ARGS="--seconds 1 --shapes N,E,S" for a
## short one; 127.0.0.1 only).
bench: $(BIN)/.installed
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## Every shape's gateway answer checked against raw SQL, timing nothing.
bench-quick: $(BIN)/.installed
	$(BIN)/python -m bench.run --quick $(BENCH_ARGS)

## PostGraphile 5's answer to every shape, printed and checked against the gateway's.
bench-peer: $(BIN)/.installed
	$(BIN)/python -m bench.run --peer-check $(BENCH_ARGS)

## Rewrite schema.graphql from the code (a test fails when it is stale).
schema: $(BIN)/.installed
	$(BIN)/crm-gateway export-schema --output schema.graphql

## The graphql-http GraphQL over HTTP audit against a live gateway with the demo data.
.PHONY: audit
audit: $(BIN)/.installed
	.ci/graphql-http/run.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
