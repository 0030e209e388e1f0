# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app

.PHONY: run demo test screenshots lint format bench clean vnu

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# Make `import app` work for any script run with this venv (bench tools, formbot).
	$(BIN)/python -c "import site; open(site.getsitepackages()[0] + '/formwork.pth', 'w').write('$(CURDIR)\\n')"

$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

## run: install, create/upgrade the schema, serve on http://127.0.0.1:5000
run: $(VENV)/.runtime
	$(FLASK) db upgrade
	$(FLASK) run $(RUN_ARGS)

## vnu: the Nu HTML Checker (pinned in package.json/package-lock.json) for tests/test_valid_html.py
# --ignore-scripts (also in .npmrc): the package's postinstall would download a Java runtime;
# the machine's own Java 17+ runs the jar. Without npm the validity test skips and says why.
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else echo "npm not found: tests/test_valid_html.py will skip (apt-get install -y npm)"; fi

vnu: $(VNU_JAR)

## demo: create/upgrade the schema, then add a demo author and a dozen recipes (idempotent)
demo: $(VENV)/.runtime
	$(FLASK) db upgrade
	$(FLASK) demo-data

## test: install test deps and run the whole suite (lint included), on every core, saying why a test skipped
PYTEST_WORKERS ?= auto
# The suite's throw-away files (databases, sessions, uploads) go on tmpfs where there is one:
# every test builds an app on files of its own, and a disk's fsyncs were a third of their cost.
# pytest keeps its last three runs' folders there (tens of MB); `TEST_TMPDIR= make test` keeps them in TMPDIR.
# --dist worksteal: an idle worker takes tests queued for the other; with xdist's default the
# first worker was handed every browser test and ran 26 s after the second had finished.
TEST_TMPDIR ?= $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm)
test: $(VENV)/.dev $(VNU_JAR)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR)) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal -rs $(PYTEST_ARGS)

## screenshots: the browser tests again, saving full-page screenshots (light and dark) in test-artifacts/
screenshots: $(VENV)/.dev
	SCREENSHOTS=1 $(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q tests/browser $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: the speed bars quoted in the README (builds the reference wizard's venv in .peer-venv)
bench: $(VENV)/.dev
	$(BIN)/python bench/quality_bars.py

clean:
	rm -rf $(VENV) .peer-venv .pytest_cache .ruff_cache node_modules
