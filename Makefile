# Warmtetoolbox — set-up, site and tests. Every target installs what it needs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
# The Nu Html Checker, from the validator project's own npm package, pinned exactly.
VNU_VERSION := 26.9.27
VNU_JAR := .cache/vnu-$(VNU_VERSION)/node_modules/vnu-jar/build/dist/vnu.jar
SUDO = $$( [ "$$(id -u)" = 0 ] || echo sudo )

.PHONY: install serve build check test lint format browser java bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 niet gevonden; installeer python3.11." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

serve: install
	WARMTETOOLBOX_EDITION=internal $(BIN)/mkdocs serve --dirty --dev-addr $(HOST):$(PORT)

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

# Java (Debian's default-jre-headless) and the Nu Html Checker for the HTML-validity tests.
java: $(VNU_JAR)
	@if ! command -v java >/dev/null; then \
	  echo "Java installeren (Debian-pakket default-jre-headless)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; \
	fi
	@java -version 2>&1 | head -n 1

$(VNU_JAR):
	@if ! command -v npm >/dev/null; then \
	  echo "npm installeren (Debian-pakket npm)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm >/dev/null; \
	fi
	npm install --silent --no-audit --no-fund --no-save --prefix .cache/vnu-$(VNU_VERSION) vnu-jar@$(VNU_VERSION)
	@test -f $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install browser java lint
	$(BIN)/warmtetoolbox schema --check
	$(BIN)/warmtetoolbox codeowners --check
	$(BIN)/warmtetoolbox check
	WARMTETOOLBOX_CHROMIUM=$(CHROMIUM) WARMTETOOLBOX_VNU_JAR=$(VNU_JAR) $(BIN)/pytest

bench: install
	$(BIN)/python scripts/bench_build_compare.py --sizes 1000 10000 --runs 2 --serve-size 1000
	$(BIN)/python scripts/bench_build.py --sizes 1000
	$(BIN)/python scripts/bench_search.py --sizes 1000 10000
	$(BIN)/python scripts/bench_reuse.py --sizes 1000 10000
	WARMTETOOLBOX_CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/bench_site_search.py --sizes 1000 10000

clean:
	rm -rf site $(VENV) .pytest_cache .ruff_cache .cache/bouw .cache/zoekindex

# Forge targets: GitHub Actions (.github/workflows/) and GitLab CI (.gitlab-ci.yml) only call
# these, so a pull request is checked the same way on both forges and on your own machine.
BASE ?=
SITE_URL ?= $(WARMTETOOLBOX_SITE_URL)
EDITION ?= public
OUT ?= site-publiek
NAAM ?=
PAGES_URL ?=
GEMEENTEN ?= site-gemeenten
REPORT ?= linkrapport.md
ORIGIN_BRANCH = $(BASE:origin/%=%)

.PHONY: ci-setup ci-check ci-base ci-build ci-editions ci-edition ci-assemble ci-links

ci-setup:
	git config --global --add safe.directory "$(CURDIR)"

ci-check: lint
	$(BIN)/warmtetoolbox schema --check
	$(BIN)/warmtetoolbox check

ci-base: install
	@test -n "$(BASE)" || { echo "Geef de doeltak van de pull request: make ci-base BASE=origin/main" >&2; exit 2; }
	@git rev-parse --verify --quiet "$(BASE)^{commit}" >/dev/null || \
	  git fetch --quiet --no-tags origin "+refs/heads/$(ORIGIN_BRANCH):refs/remotes/origin/$(ORIGIN_BRANCH)"
	$(BIN)/warmtetoolbox check --base "$(BASE)"

ci-build: install
	@test -n "$(SITE_URL)" || { echo "Geef het webadres van de site: make ci-build SITE_URL=https://… (uit de variabelen van GitHub of GitLab)" >&2; exit 2; }
	$(BIN)/warmtetoolbox build --edition "$(EDITION)" --out "$(OUT)" --site-url "$(SITE_URL)"

ci-editions:
	@printf '['; sep=; for f in toolbox/edities/*.yml; do [ -e "$$f" ] || continue; \
	  printf '%s"%s"' "$$sep" "$$(basename "$$f" .yml)"; sep=,; done; printf ']\n'

ci-edition: install
	@test -n "$(NAAM)" || { echo "Geef de gemeente-editie: make ci-edition NAAM=<naam> PAGES_URL=https://…" >&2; exit 2; }
	@test -n "$(PAGES_URL)" || { echo "Geef het adres van de Pages-site: PAGES_URL=https://…" >&2; exit 2; }
	$(BIN)/warmtetoolbox build --edition "gemeente:$(NAAM)" --out "$(GEMEENTEN)/gemeente-$(NAAM)" \
	  --site-url "$(PAGES_URL:%/=%)/gemeente-$(NAAM)/"

ci-assemble:
	@test -d "$(OUT)" || { echo "$(OUT) bestaat niet; bouw eerst de openbare editie (make ci-build)" >&2; exit 2; }
	@if [ -d "$(GEMEENTEN)" ]; then for d in "$(GEMEENTEN)"/*/; do [ -d "$$d" ] || continue; \
	  n=$$(basename "$$d"); if [ -e "$(OUT)/$$n" ]; then echo "$(OUT)/$$n bestaat al" >&2; exit 1; fi; \
	  cp -R "$$d" "$(OUT)/$$n"; echo "$$n toegevoegd aan $(OUT)"; done; fi

ci-links: install
	@rm -f "$(REPORT)"
	$(BIN)/warmtetoolbox links --report "$(REPORT)"
