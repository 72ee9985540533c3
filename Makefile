# Veerkracht: `make run` to try it, `make test` for everything CI checks.
VENV   := .venv
PY     := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)

.PHONY: run test bench lint messages clean

run: $(VENV)/.installed  ## migrate, load the demo, start web + Celery worker + beat
	bin/run

test: $(VENV)/.installed-dev  ## services, ruff, Django checks, migrations check, pytest
	bin/test

bench: $(VENV)/.installed-dev  ## the floor (bare Django) and the app at two sizes: latency, req/s, CPU, ratios, writes, jobs, memory -> bench/results.json
	bin/services
	$(PY) bench/run.py $(BENCH_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

messages: $(VENV)/.installed  ## update and compile the nl/en translations
	$(PY) manage.py makemessages -l nl -l en --ignore=.venv
	$(PY) manage.py compilemessages --ignore=.venv

clean:  ## generated files only; keeps .venv, db.sqlite3, media/ and var/backups/
	rm -rf staticfiles .pytest_cache .ruff_cache .hypothesis .schemathesis test-results
	[ ! -d var ] || find var -mindepth 1 -maxdepth 1 ! -name backups -exec rm -rf {} +
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

$(PY):
	$(PYTHON) -m venv $(VENV)

# Stamps: reinstall only when a requirements file is newer than the last install.
$(VENV)/.installed: requirements.txt | $(PY)
	@echo "Installing requirements.txt into $(VENV) (about a minute the first time) ..."
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	@echo "Installing requirements-dev.txt into $(VENV) (about a minute the first time) ..."
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed
