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

# French catalogues, one per package, each extracted from inside its folder (no settings needed). The sandbox's
# catalogue (sandbox/locale, in its LOCALE_PATHS) covers its templates, settings and demo apps. The shop's
# scripts read their texts from data attributes of the templates, so there is no djangojs catalogue.
LOCALE_PACKAGES := socialshop oscar_ext cms_blocks sandbox

messages: install
	for package in $(LOCALE_PACKAGES); do \
		(cd $$package && ../$(BIN)/django-admin makemessages -l fr --no-obsolete \
			--ignore=media --ignore=var --ignore=static \
		&& ../$(BIN)/django-admin compilemessages -l fr) || exit 1; \
	done

clean:
	rm -rf $(VENV) sandbox/db.sqlite3 sandbox/media sandbox/var .test-db*
