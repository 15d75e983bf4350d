# Fault Lines — developer entry points. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
VERSION ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help setup lock run test lint validate release schema codebook openapi sdk sdk-check bench wrk loadtest clean vendor browser

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(STAMP): pyproject.toml sdk/pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]' -e './sdk[pandas,progress]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the server, the SDK and dev tools (quick when done)

lock: ## re-resolve the dependencies to their newest allowed versions into constraints.txt
	rm -rf $(VENV)-lock && $(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet --upgrade pip
	$(VENV)-lock/bin/python -m pip install --quiet -e '.[dev]' -e './sdk[pandas,progress]'
	{ sed -n '1,2p' constraints.txt; $(VENV)-lock/bin/python -m pip freeze --exclude-editable | grep -iv '^faultlines'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt && rm -rf $(VENV)-lock

run: setup ## serve the API on http://$(HOST):$(PORT) over the bundled releases (SQLite by default)
	HOST=$(HOST) PORT=$(PORT) $(PY) -m api serve

test: setup browser ## run the whole test suite (what CI runs)
	$(PY) -m pytest

lint: setup ## ruff + mypy
	$(VENV)/bin/ruff check api sdk tests
	$(VENV)/bin/ruff format --check api sdk tests
	$(VENV)/bin/mypy api sdk/src

validate: setup ## validate every record under dataset/
	$(PY) -m api.curation validate

release: setup ## build dataset/releases/$(VERSION) (make release VERSION=x.y.z [ROOT=records] [OUT=dir])
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z [OUT=dir]"; exit 2; }
	$(PY) -m api.curation release $(VERSION) $(if $(ROOT),--root $(ROOT)) $(if $(OUT),--out $(OUT))

schema: setup ## export the JSON Schema of the records into dataset/schema/<version>/
	$(PY) -m api.curation schema

codebook: setup ## regenerate dataset/CODEBOOK.md from the vocabularies
	$(PY) -m api.curation codebook

openapi: setup ## export the OpenAPI contract into openapi/openapi.json
	$(PY) -m api openapi

sdk: setup ## regenerate the SDK's models from openapi/openapi.json
	$(PY) sdk/scripts/generate.py

vendor: setup ## re-download the pinned browser assets (npm registry), verify, rewrite their MANIFEST.json
	$(PY) -m api.web._vendor

bench: setup wrk ## benchmark side by side with Datasette and the ceiling (see docs/BENCHMARKS.md)
	$(PY) -m tests.bench.run

wrk: ## install the wrk load generator the benchmark drives (Debian package; root or sudo)
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "bench needs wrk: install it with your package manager (Debian: apt-get install wrk)"; exit 1; fi; \
	  command -v apt-get >/dev/null || { echo "bench needs wrk: install it with your package manager"; exit 1; }; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; }

browser: setup ## install Debian's chromium for the browser tests (root or sudo; else they skip)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; \
	  else echo "browser tests skip: install chromium with your package manager (Debian: apt-get install chromium)"; exit 0; fi; \
	  command -v apt-get >/dev/null || { echo "browser tests skip: install chromium with your package manager"; exit 0; }; \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; } \
	    || echo "browser tests skip: could not install chromium (apt-get install chromium)"; }
	@$(PY) -c "import playwright" 2>/dev/null || echo "browser tests skip: Playwright is missing (make setup)"

loadtest: setup ## bounded loopback load run on SQLite and PostgreSQL (see docs/RELIABILITY.md)
	$(PY) -m tests.load.run

clean: ## remove caches and the local database (keeps .venv)
	rm -rf var .pytest_cache .mypy_cache .ruff_cache build *.egg-info

sdk-check: setup ## fail if the SDK models drifted from openapi/openapi.json
	$(PY) sdk/scripts/generate.py --check
