# The two commands a newcomer needs: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test test-sqlite test-postgres lint check typecheck schema install content bench messages clean superuser audit bench-load bench-faults bench-deploy

run: install ## Serve the whole toolkit at http://127.0.0.1:$PORT (8000 unless PORT is set)
	@exec $(PY) manage.py serve

install: $(VENV)/.synced ## Create .venv and install the locked dependencies

$(UV):
	@command -v python3 >/dev/null || { echo "Python 3.11 or newer is needed"; exit 1; }
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --inexact --quiet --compile-bytecode
	@touch $@

superuser: install ## Create an account for an editor (asks for a password; none is built in)
	$(PY) manage.py createsuperuser

node_modules/axe-core/axe.min.js: package.json
	@if command -v npm >/dev/null; then npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: browser tests will say they are skipped"; fi

test: install node_modules/axe-core/axe.min.js lint check typecheck test-sqlite test-postgres ## Every test

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check:
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

schema: install ## After adding a migration: rewrite the prepared SQLite schema new databases start from
	$(PY) manage.py prepare_schema

typecheck: install ## Static types of toolkit/lib (mypy; files and settings in pyproject.toml)
	$(VENV)/bin/mypy

audit: install ## Fail on installed packages with known vulnerabilities (needs pypi.org)
	.ci/audit --strict

test-sqlite:
	$(VENV)/bin/pytest

test-postgres:
	@if $(PY) -m tests.postgres_cluster --available; then \
		TEST_DB=postgres $(VENV)/bin/pytest -m "not browser"; \
	else echo "PostgreSQL server binaries (initdb, pg_ctl) not found: SKIPPING the PostgreSQL run."; fi

bench: install ## Measure pages, the catalogue and the PDF (see docs/performance.md)
	$(PY) bench/pages.py
	$(PY) bench/catalogue.py
	$(PY) bench/pdf.py
	$(PY) bench/publish.py --count 5000

bench-load: install ## 50 visitors reading, searching, planning and submitting (docs/performance.md)
	$(PY) bench/load.py --database both

bench-faults: install ## Kill -9, SMTP and Redis outages, read-only and full database, races (docs/reliability.md)
	$(PY) bench/faults.py --database both

bench-deploy: install ## The deployment recipes with nginx, Redis and S3 (docs/deploying.md; needs root)
	$(PY) bench/deploy_recipes.py

messages: install ## Extract and compile interface translations
	cd toolkit && ../$(PY) ../manage.py makemessages --all --no-obsolete --ignore "content/*" --ignore "*/tests/*" && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf var/static var/cache
