# The front door: `make demo` serves the demo territory, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: demo demo-sso demo-code test test-fast quality lock check-system fix install migrate worker beat serve clean bench bench-national

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make lock — recompile the locked, hashed versions (requirements/*.txt, used by CI and the Docker image)
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "pip-tools>=7.4,<8"
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --output-file requirements/base.txt pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --extra dev --output-file requirements/dev.txt pyproject.toml

migrate: install
	$(BIN)/python manage.py migrate --noinput

## make check-system — what pip cannot install: Pango, which WeasyPrint needs for the PDF
check-system: install
	@$(BIN)/python -c "import weasyprint" >/dev/null 2>&1 || { \
		echo "Pango est introuvable : WeasyPrint en a besoin pour fabriquer les PDF (dossiers de séance, fiches)."; \
		echo "Installez-le avec le système, puis relancez make demo :"; \
		echo "  Debian, Ubuntu : sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"; \
		echo "  Fedora : sudo dnf install pango ; macOS : brew install pango"; \
		exit 1; }

## make demo — venv, install, Pango check, migrate, load the demo territory, serve on 127.0.0.1:$(PORT)
demo: check-system migrate
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Cité de l'emploi : http://127.0.0.1:$(PORT)/  (Ctrl+C pour arrêter)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make demo-sso — the same demo, with a local OpenID Connect provider standing for ProConnect (127.0.0.1:$(SSO_PORT)):
## « S'identifier avec ProConnect » on the sign-in page; the provider's page offers the demo accounts' identities.
SSO_PORT ?= 9400
demo-sso: check-system migrate
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Cité de l'emploi avec ProConnect (fournisseur local http://127.0.0.1:$(SSO_PORT)) : http://127.0.0.1:$(PORT)/  (Ctrl+C pour arrêter)"
	@$(BIN)/python -m tests.oidc_provider --port $(SSO_PORT) & provider=$$!; \
	trap 'kill $$provider 2>/dev/null' EXIT INT TERM; \
	PROCONNECT_ISSUER=http://127.0.0.1:$(SSO_PORT) PROCONNECT_CLIENT_ID=cite-emploi-demo \
	PROCONNECT_CLIENT_SECRET=secret-de-demonstration SITE_URL=http://127.0.0.1:$(PORT) \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make demo-code ACCOUNT=coordinatrice — print the current one-time code of a demo account (two-factor sign-in)
demo-code:
	@$(BIN)/python manage.py demo_otp $(or $(ACCOUNT),coordinatrice)

## make test — the whole suite (PostgreSQL and Redis when they answer, else SQLite), on TEST_WORKERS processes
## (pytest-xdist; each has its own test database, Redis database and media folder: cite_emploi/settings/test.py).
## 2 is the fastest measured on 2 cores (the suite is mostly CPU); one process: make test TEST_WORKERS=0
TEST_WORKERS ?= 2
XDIST = -n $(TEST_WORKERS) --dist worksteal
test: install
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

## make test-fast — the inner loop: everything but the slow tests (browser, schemathesis, operations, demo, permission matrix, filter sweep)
test-fast: install
	$(BIN)/python -m pytest $(XDIST) -m "not slow" $(PYTEST_ARGS)

## make quality — lint, format check, layers (import-linter), types (mypy), migrations in sync with the models
quality: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DATABASE_URL=sqlite:///:memory: $(BIN)/mypy
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=cite_emploi.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

fix: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make worker / make beat — Celery against REDIS_URL (production-like)
worker: install
	$(BIN)/celery -A cite_emploi worker --loglevel=INFO

beat: install
	$(BIN)/celery -A cite_emploi beat --loglevel=INFO --schedule $(VENV)/celerybeat-schedule

## make bench — bench/national.py at its small scale (PostgreSQL), the load test on it (locust), the meeting pack
## make bench-national — the national data set of issue 13 (84 territories, 37,800 people), then the same table
bench: install
	@for script in bench/national.py bench/load.py bench/meeting_pack.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

bench-national: install
	$(BIN)/python bench/national.py --scale national

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
