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

.PHONY: help run serve-prod test lint messages demo clean check-python vendor-altcha vendor-kern screenshots

help:
	@echo "make run   - set up and serve the demo on http://$(HOST):$(PORT) (SQLite)"
	@echo "make serve-prod - the production configuration on loopback: PostgreSQL, gunicorn, worker"
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
	DJANGO_DEBUG=1 $(MANAGE) load_demo_council
	DJANGO_DEBUG=1 $(MANAGE) create_demo_users --url http://$(HOST):$(PORT)

# The tasks worker renders reports in the background; it waits out a database outage and
# stops with the server.
run: demo
	@DJANGO_DEBUG=1 $(MANAGE) run_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

# Production settings (DEBUG off, JSON logs, hashed static files through WhiteNoise, gunicorn)
# on plain HTTP on loopback, against PostgreSQL. The secret key is made once into .secret-key.
PROD_DATABASE_URL := $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/digitale_agenda_prod)
serve-prod: $(VENV)/.installed messages
	@set -euo pipefail; \
	export DATABASE_URL="$(PROD_DATABASE_URL)"; \
	db="$${DATABASE_URL##*/}"; db="$${db%%\?*}"; \
	psql "$$DATABASE_URL" -Atqc 'SELECT 1' >/dev/null 2>&1 \
		|| createdb --maintenance-db="$${DATABASE_URL%/*}/postgres" "$$db"; \
	if [ -z "$${DJANGO_SECRET_KEY:-}" ]; then \
		test -s .secret-key || (umask 077; $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret-key); \
		export DJANGO_SECRET_KEY="$$(cat .secret-key)"; fi; \
	unset DJANGO_DEBUG; \
	export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0; \
	export GUNICORN_BIND="$${GUNICORN_BIND:-$(HOST):$(PORT)}"; \
	$(MANAGE) migrate --noinput -v 0; \
	$(MANAGE) collectstatic --noinput -v 0; \
	if $(MANAGE) shell -v 0 -c 'import sys; from strategy.models import ActionField; sys.exit(ActionField.objects.exists())'; then \
		$(MANAGE) load_demo; $(MANAGE) load_demo_ideas; $(MANAGE) load_demo_council; $(MANAGE) create_demo_users --force --url "http://$$GUNICORN_BIND"; fi; \
	$(MANAGE) run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null || true' EXIT INT TERM; \
	echo "Production configuration on http://$$GUNICORN_BIND (database $$db); Ctrl-C stops it."; \
	$(VENV)/bin/gunicorn -c gunicorn.conf.py

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/bandit -q -c pyproject.toml -r agenda strategy measures participation --severity-level medium
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run -v 1

# Two workers, one per core of the CI machine: the suite halves its wall time. A test file
# stays on one worker (--dist loadfile), so its module fixtures are built once.
# PYTEST_WORKERS=0 runs it in one process (for debugging with -x, -s or pdb).
PYTEST_WORKERS ?= 2
test: $(VENV)/.installed-test lint messages
	$(VENV)/bin/pytest $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist loadfile) $(PYTEST_ARGS)

# The README's pictures, from a fresh demo (docs/screenshots.py; needs poppler's pdftoppm).
screenshots: $(VENV)/.installed-test messages
	$(VENV)/bin/python docs/screenshots.py

# The captcha widget is vendored from the npm registry (no CDN, no Node needed to run or test).
ALTCHA_VERSION := 3.2.2
vendor-altcha:
	@tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent altcha@$(ALTCHA_VERSION) >/dev/null && tar xzf altcha-$(ALTCHA_VERSION).tgz) \
	&& cp $$tmp/package/dist/external/altcha.umd.min.cjs static/vendor/altcha/altcha.min.js \
	&& cp $$tmp/package/dist/i18n/de.umd.cjs static/vendor/altcha/altcha-de.js \
	&& cp $$tmp/package/dist/workers/pbkdf2.js static/vendor/altcha/pbkdf2-worker.js \
	&& cp $$tmp/package/LICENSE.txt static/vendor/altcha/LICENSE.txt && rm -rf $$tmp \
	&& echo "ALTCHA widget $(ALTCHA_VERSION) copied to static/vendor/altcha/"

# KERN, the administration's UX standard: its plain CSS kit, the self-hosted fonts the font
# stylesheets name (nothing else of the package), KERN's licence, and the fonts' licence (the
# SIL OFL 1.1 text, which the KERN package does not ship) from the Noto Sans font package.
KERN_VERSION := 2.7.2
KERN_OFL_FROM := @fontsource/noto-sans@5.3.0
KERN_DIR := static/vendor/kern
vendor-kern:
	@set -euo pipefail; tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	(cd $$tmp && npm pack --silent @kern-ux/native@$(KERN_VERSION) >/dev/null \
		&& tar xzf kern-ux-native-$(KERN_VERSION).tgz && mkdir ofl \
		&& npm pack --silent --pack-destination ofl $(KERN_OFL_FROM) >/dev/null \
		&& tar xzf ofl/*.tgz -C ofl); \
	rm -rf $(KERN_DIR)/fonts; mkdir -p $(KERN_DIR)/fonts; \
	cp $$tmp/package/dist/kern.min.css $$tmp/package/dist/kern-grid.min.css $(KERN_DIR)/; \
	cp $$tmp/package/LICENSE.md $(KERN_DIR)/LICENSE.md; \
	for css in fira-sans.css noto-sans.css; do \
		cp $$tmp/package/dist/fonts/$$css $(KERN_DIR)/fonts/; \
		grep -o 'url([^)]*)' $$tmp/package/dist/fonts/$$css | sed -E 's/^url\(["'\'']?(\.\/)?//; s/["'\'']?\)$$//' \
		| while read -r font; do mkdir -p $(KERN_DIR)/fonts/$$(dirname $$font); \
			cp $$tmp/package/dist/fonts/$$font $(KERN_DIR)/fonts/$$font; done; \
	done; \
	sed -n '/^SIL OPEN FONT LICENSE/,$$p' $$tmp/ofl/package/LICENSE > $(KERN_DIR)/fonts/OFL.txt; \
	echo "KERN $(KERN_VERSION) copied to $(KERN_DIR)/"

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
