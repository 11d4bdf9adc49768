# articlebot — every target creates the virtual environment it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYNAPSE_VENV := .synapse-venv

.PHONY: run test test-slow bench lint clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(BIN)/.dev-installed: $(BIN)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(SYNAPSE_VENV)/.installed: scripts/setup-synapse.sh
	bash scripts/setup-synapse.sh $(SYNAPSE_VENV) $(PYTHON)
	touch $@

## run: the bot on its default (console + ./data/articlebot.db)
run: $(BIN)/.installed
	$(BIN)/articlebot run

lint: $(BIN)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## test: lint, type checks, import contracts and the whole test suite (Synapse included)
test: $(BIN)/.dev-installed $(SYNAPSE_VENV)/.installed lint
	ARTICLEBOT_SYNAPSE_PYTHON=$(SYNAPSE_VENV)/bin/python $(BIN)/pytest

## test-slow: the long property-based, crash and flood runs
test-slow: $(BIN)/.dev-installed $(SYNAPSE_VENV)/.installed
	ARTICLEBOT_SYNAPSE_PYTHON=$(SYNAPSE_VENV)/bin/python $(BIN)/pytest -m slow

## bench: the benchmark suite (figures with baselines and ratios)
bench: $(BIN)/.dev-installed
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(SYNAPSE_VENV) .mypy_cache .ruff_cache .pytest_cache
