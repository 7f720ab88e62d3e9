# Prevent Hub: the two commands a fresh machine needs are `make demo` and
# `make test`. Everything they need is installed from here (Python packages
# with uv into .venv, GOV.UK Frontend with npm into frontend/node_modules,
# Chromium for the browser tests and the Pango libraries for WeasyPrint with
# apt-get when running as root).
SHELL := /bin/bash
.DEFAULT_GOAL := help
# A recipe that fails part-way leaves no half-made target behind.
.DELETE_ON_ERROR:

PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# uv runs as a module of the interpreter named in .python-version (pyenv
# shims pick it), so a uv installed for another Python cannot get in the way.
BOOT_PY := $(shell command -v python$(PYTHON_VERSION) 2>/dev/null || command -v python3)
UV := $(BOOT_PY) -m uv
# Re-evaluated each time it is used, so it finds a Chromium installed below.
CHROMIUM ?= $(shell command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null)
DEMO_PORT ?= 8000

.PHONY: help demo demo-reset test lint bench install uv python-deps frontend pdf-libs chromium static migrate demo-data clean

help:
	@echo "make demo   install everything, load demo data and serve http://127.0.0.1:$(DEMO_PORT)"
	@echo "make demo-reset  delete the demo database and its uploaded files, then make demo"
	@echo "make test   install everything and run the whole test suite (browser tests included)"
	@echo "            on SQLite, or on PostgreSQL when DATABASE_URL is set; PYTEST_ARGS=... for pytest"
	@echo "make lint   ruff check, ruff format --check, mypy, a missing-migrations check and bandit"
	@echo "make bench  generated data (BENCH_SCALE=0.01), gunicorn, page timings into docs/performance.md"
	@echo "make clean  remove .venv, node_modules and built assets"

# ---- installing -----------------------------------------------------------

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

install: python-deps frontend pdf-libs

# Debian packages: installed with apt-get when missing and we are root,
# otherwise make stops and says what to install. $(1) packages, $(2) why.
define apt_install
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages for $(2): $(1)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
		echo "Prevent Hub needs $(2). Install the Debian/Ubuntu packages" >&2; \
		echo "    sudo apt-get install $(1)" >&2; \
		echo "(or run make as root and it installs them) and run make again." >&2; \
		exit 1; \
	fi
endef

# Chromium drives the browser tests (set CHROMIUM=/path to use another one).
chromium:
	@if [ -z "$(CHROMIUM)" ]; then $(call apt_install,chromium,Chromium for the browser tests); fi
	@[ -n "$(CHROMIUM)" ] || command -v chromium >/dev/null || { echo "chromium is still not on the PATH." >&2; exit 1; }

# WeasyPrint (PDF exports) needs Pango and HarfBuzz from the system.
pdf-libs: python-deps
	@$(PY) -c "import weasyprint" >/dev/null 2>&1 || { \
		$(call apt_install,libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0,the Pango libraries for PDF exports); }
	@$(PY) -c "import weasyprint" >/dev/null || { echo "WeasyPrint still cannot load its libraries." >&2; exit 1; }

# ---- the demo -------------------------------------------------------------

static: install
	$(MANAGE) collectstatic --noinput -v0

migrate: install
	$(MANAGE) migrate --noinput

demo-data: migrate
	$(MANAGE) load_demo

demo: static demo-data
	@echo ""
	@echo "Prevent Hub is starting at http://127.0.0.1:$(DEMO_PORT) (Ctrl+C to stop)."
	@echo "Demo mode: demo users sign in with their password only."
	$(MANAGE) runserver 127.0.0.1:$(DEMO_PORT)

# Start the demo again from nothing: the SQLite database and the uploaded
# files of the demo go, then `make demo` loads everything afresh.
demo-reset:
	@[ -z "$$DATABASE_URL" ] || { echo "make demo-reset deletes only the SQLite demo database: unset DATABASE_URL." >&2; exit 1; }
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	rm -rf "$${PREVENT_PRIVATE_MEDIA_ROOT:-private-media}"
	$(MAKE) demo

# ---- checks ---------------------------------------------------------------

test: install chromium
	CHROMIUM_PATH="$(CHROMIUM)" $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: python-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(MANAGE) makemigrations --check --dry-run --skip-checks
	$(VENV)/bin/bandit -c pyproject.toml -r prevent config -ll -q

# Page timings under gunicorn over generated data (docs/performance.md): a
# throwaway SQLite database, or the PostgreSQL one DATABASE_URL names when
# its name contains "bench". BENCH_ARGS=--smoke for a quick check.
BENCH_SCALE ?= 0.01
bench: install
	BENCH_SCALE=$(BENCH_SCALE) $(PY) -m prevent.core.scale.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) frontend/node_modules frontend/build staticfiles
