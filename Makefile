PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python sandbox/manage.py
STAMP := $(VENV)/.installed

.PHONY: install sandbox test lint messages clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

sandbox: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	$(MANAGE) runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

messages: install
	cd socialshop && ../$(BIN)/django-admin makemessages -l fr --no-obsolete && ../$(BIN)/django-admin compilemessages -l fr

clean:
	rm -rf $(VENV) sandbox/db.sqlite3 sandbox/media sandbox/var .test-db*
