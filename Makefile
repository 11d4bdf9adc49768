# articlebot — every target creates the virtual environment it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYNAPSE_VENV := .synapse-venv

.PHONY: run test test-slow bench lint clean postgres coverage lock

# Dependencies come from the locks (exact versions, checked hashes); the project itself is
# installed on top without resolving anything again.
$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(BIN)/.dev-installed: $(BIN)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

## lock: pin every dependency (with hashes) after a change of pyproject.toml
lock:
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet pip-tools
	.lock-venv/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links \
		-o requirements.lock pyproject.toml
	.lock-venv/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links \
		--extra dev --extra eval -o requirements-dev.lock pyproject.toml

$(SYNAPSE_VENV)/.installed: scripts/setup-synapse.sh
	bash scripts/setup-synapse.sh $(SYNAPSE_VENV) $(PYTHON)
	touch $@

postgres:
	bash scripts/setup-postgres.sh

## run: the bot on its default (console + ./data/articlebot.db)
run: $(BIN)/.installed
	$(BIN)/articlebot run

lint: $(BIN)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

ON_POSTGRES := tests/discord tests/matrix tests/web tests/core/test_commands.py \
	tests/core/test_communities.py tests/llm/test_summaries.py

## test: lint, type checks, import contracts and the whole test suite (Synapse and PostgreSQL
## included); the chat suites then run once more with their libraries on PostgreSQL
test: $(BIN)/.dev-installed $(SYNAPSE_VENV)/.installed postgres lint
	ARTICLEBOT_SYNAPSE_PYTHON=$(SYNAPSE_VENV)/bin/python $(BIN)/pytest
	ARTICLEBOT_SYNAPSE_PYTHON=$(SYNAPSE_VENV)/bin/python ARTICLEBOT_TEST_ENGINE=postgresql \
		$(BIN)/pytest -q $(ON_POSTGRES)

## test-slow: the long property-based, crash and flood runs
test-slow: $(BIN)/.dev-installed $(SYNAPSE_VENV)/.installed postgres
	ARTICLEBOT_SYNAPSE_PYTHON=$(SYNAPSE_VENV)/bin/python $(BIN)/pytest -m slow

## coverage: the main suite under coverage, child processes included (the CLI runs in them)
coverage: $(BIN)/.dev-installed $(SYNAPSE_VENV)/.installed postgres
	rm -f .coverage .coverage.*
	ARTICLEBOT_SYNAPSE_PYTHON=$(SYNAPSE_VENV)/bin/python $(BIN)/coverage run -m pytest -q
	$(BIN)/coverage combine -q
	$(BIN)/coverage report --sort=cover

## bench: the benchmark suite (figures with baselines and ratios)
bench: $(BIN)/.dev-installed
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(SYNAPSE_VENV) .lock-venv .mypy_cache .ruff_cache .pytest_cache .coverage .coverage.*
