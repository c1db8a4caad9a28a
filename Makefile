# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint typecheck imports pytest scenarios bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/firedrill

test: $(STAMP_TEST) lint typecheck imports scenarios pytest

lint: $(STAMP_TEST)
	$(BIN)/ruff check firedrill tests bench

typecheck: $(STAMP_TEST)
	$(BIN)/mypy firedrill

# The layering contracts of [tool.importlinter] in pyproject.toml.
imports: $(STAMP_TEST)
	$(BIN)/lint-imports

pytest: $(STAMP_TEST)
	$(BIN)/python -m pytest -q

# Every shipped scenario replayed against the rules; exits 1 on a failed expectation.
scenarios: $(STAMP_TEST)
	$(BIN)/firedrill replay scenarios/*.yaml --check

bench: $(STAMP_TEST)
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
