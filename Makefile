# Prevent Hub: the two commands a fresh machine needs are `make demo` and
# `make test`. Everything they need is installed from here.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# uv runs as a module of the interpreter named in .python-version (pyenv
# shims pick it), so a uv installed for another Python cannot get in the way.
BOOT_PY := $(shell command -v python$(PYTHON_VERSION) 2>/dev/null || command -v python3)
UV := $(BOOT_PY) -m uv
CHROMIUM ?= $(shell command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null)

.PHONY: help demo test install uv python-deps frontend static migrate demo-data chromium lint serve clean

help:
	@echo "make demo   install everything, load demo data and serve http://127.0.0.1:8000"
	@echo "make test   install everything and run the whole test suite (browser tests included)"
	@echo "make lint   ruff and mypy"

uv:
	@$(UV) --version >/dev/null 2>&1 || { echo "Installing uv with pip"; $(BOOT_PY) -m pip install --quiet uv; }

python-deps: uv
	$(UV) sync --frozen --python $(PYTHON_VERSION)

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend/build/application.css: frontend/node_modules/.package-lock.json frontend/build.mjs $(wildcard frontend/src/*)
	cd frontend && node build.mjs

frontend: frontend/build/application.css

install: python-deps frontend

static: install
	$(MANAGE) collectstatic --noinput -v0

migrate: install
	$(MANAGE) migrate --noinput

demo-data: migrate
	$(MANAGE) load_demo

demo: static demo-data
	@echo ""
	@echo "Prevent Hub is starting at http://127.0.0.1:8000 (Ctrl+C to stop)."
	@echo "Demo mode: demo users sign in with their password only."
	$(MANAGE) runserver 127.0.0.1:8000

chromium:
	@if [ -n "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium) and run make test again." >&2; \
		exit 1; \
	fi

test: install chromium
	CHROMIUM_PATH="$$(command -v chromium || command -v chromium-browser)" $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: python-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

clean:
	rm -rf $(VENV) frontend/node_modules frontend/build staticfiles
