# The front door: `make demo` serves the demo territory, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: demo demo-code test quality fix install migrate worker beat serve clean bench bench-national

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

## make demo — venv, install, migrate, load the demo territory, serve on 127.0.0.1:$(PORT)
demo: migrate
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Cité de l'emploi : http://127.0.0.1:$(PORT)/  (Ctrl+C pour arrêter)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make demo-code ACCOUNT=coordinatrice — print the current one-time code of a demo account (two-factor sign-in)
demo-code:
	@$(BIN)/python manage.py demo_otp $(or $(ACCOUNT),coordinatrice)

## make test — the whole suite (PostgreSQL and Redis when they answer, else SQLite)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make quality — lint, format check, migrations in sync with the models
quality: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
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
