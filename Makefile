# Digitale Agenda: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6.1 needs Python >= 3.12: take the first interpreter that qualifies.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /root/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null) \
	python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: help run test lint messages demo clean check-python vendor-altcha

help:
	@echo "make run   - set up and serve the demo on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test  - run the whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)"

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python >= 3.12 found. Install one (e.g. pyenv install 3.13) or set PYTHON=/path/to/python3.13." >&2; \
		exit 1; fi

$(VENV)/.installed: pyproject.toml | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

messages: $(VENV)/.installed
	@if command -v msgfmt >/dev/null; then DJANGO_DEBUG=1 $(MANAGE) compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

demo: $(VENV)/.installed messages
	DJANGO_DEBUG=1 $(MANAGE) migrate --noinput -v 0
	DJANGO_DEBUG=1 $(MANAGE) load_demo
	DJANGO_DEBUG=1 $(MANAGE) load_demo_ideas
	DJANGO_DEBUG=1 $(MANAGE) create_demo_users

# The tasks worker renders reports in the background; it stops with the server.
run: demo
	@DJANGO_DEBUG=1 $(MANAGE) db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run -v 1

test: $(VENV)/.installed-test lint messages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The captcha widget is vendored from the npm registry (no CDN, no Node needed to run or test).
ALTCHA_VERSION := 3.2.2
vendor-altcha:
	@tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent altcha@$(ALTCHA_VERSION) >/dev/null && tar xzf altcha-$(ALTCHA_VERSION).tgz) \
	&& cp $$tmp/package/dist/external/altcha.umd.min.cjs static/vendor/altcha/altcha.min.js \
	&& cp $$tmp/package/dist/i18n/de.umd.cjs static/vendor/altcha/altcha-de.js \
	&& cp $$tmp/package/dist/workers/pbkdf2.js static/vendor/altcha/pbkdf2-worker.js \
	&& cp $$tmp/package/LICENSE.txt static/vendor/altcha/LICENSE.txt && rm -rf $$tmp \
	&& echo "ALTCHA widget $(ALTCHA_VERSION) copied to static/vendor/altcha/"

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
