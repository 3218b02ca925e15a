# Warmtetoolbox — set-up, site and tests. Every target installs what it needs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install serve build check test lint format browser bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 niet gevonden; installeer python3.11." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

serve: install
	WARMTETOOLBOX_EDITION=internal $(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: install
	$(BIN)/mkdocs build --strict

check: install
	$(BIN)/warmtetoolbox check

browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Chromium installeren (Debian-pakket chromium)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@$(CHROMIUM) --version

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install browser lint
	$(BIN)/warmtetoolbox schema --check
	$(BIN)/warmtetoolbox check
	WARMTETOOLBOX_CHROMIUM=$(CHROMIUM) $(BIN)/pytest

bench: install
	$(BIN)/python scripts/bench_build.py --sizes 1000
	$(BIN)/python scripts/bench_search.py --sizes 1000 10000
	$(BIN)/python scripts/bench_reuse.py --sizes 1000 10000
	WARMTETOOLBOX_CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/bench_site_search.py --sizes 1000 10000

clean:
	rm -rf site $(VENV) .pytest_cache .ruff_cache
