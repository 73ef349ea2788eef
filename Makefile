# The two commands of the README:  make demo  and  make test.
# Both create a virtual environment in .venv with the Python you have (3.11 or newer) and install into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_ENV := SMARTCITY_DEMO=1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install lint messages clean-demo help bench bench-scale bench-verify bench-catalogue

help:
	@echo "make demo   install and run the platform with demo data at http://$(HOST):$(PORT)"
	@echo "make test   install and run the whole test suite"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py createcachetable
	$(DEMO_ENV) $(BIN)/python manage.py demo_data
	@echo "Open http://$(HOST):$(PORT)/ — stop with Ctrl+C"
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks: results go to docs/benchmarks.md with the machine and date.
bench: $(VENV)/.installed-test
	$(BIN)/python bench/pages.py $(BENCH_N)

# Ten times the demo (1,000 proposals, 10,000 scorecards); DATABASE_URL=postgres://... to run it on PostgreSQL.
bench-scale: $(VENV)/.installed-test
	$(BIN)/python bench/scale.py $(BENCH_SCALE_ARGS)

# Public verification through gunicorn: requests per second (bench/verify.py SECONDS CONCURRENCY).
bench-verify: $(VENV)/.installed-test
	$(BIN)/python bench/verify.py $(BENCH_SECONDS) $(BENCH_CONCURRENCY)

# The open-data catalogue at 10,000 datasets (issue 15): DATABASE_URL=postgres://... make bench-catalogue
bench-catalogue: $(VENV)/.installed-test
	$(BIN)/python bench/catalogue.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

# Rebuild the Thai catalogue after changing user-facing strings (needs GNU gettext).
messages: $(VENV)/.installed-test
	cd src/smartcity && ../../$(BIN)/python ../../manage.py makemessages -l th --no-obsolete --no-location
	cd src/smartcity && ../../$(BIN)/python ../../manage.py makemessages -d djangojs -l th --no-obsolete --no-location
	cd src/smartcity && ../../$(BIN)/python ../../manage.py compilemessages -l th

clean-demo:
	rm -f var/smartcity.sqlite3
