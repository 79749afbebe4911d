# Two commands a fresh machine needs: `make site` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
CHROMIUM ?= /usr/bin/chromium
# mkdocs is pinned below 2.0 (requirements.txt); its notice about 2.0 is not news here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve digest venv chromium clean bench

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEVSTAMP): $(STAMP) requirements-dev.txt requirements-dask.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(STAMP)

# Debian's Chromium for the browser tests (Playwright never downloads its own browser here),
# and Node.js, which runs Material's own search worker to check our prebuilt search index.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; \
	fi
	@if ! command -v node >/dev/null; then \
		echo "Installing Debian's nodejs for the search index test"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs; \
	fi

## Digest the bundled sample articles into content/
digest: $(STAMP)
	$(PY) build_digest.py

## Digest the bundled articles and build the static site into site/
site: digest
	$(PY) -m mkdocs build --strict

## Run every test (unit, end-to-end, site build, browser)
test: $(DEVSTAMP) chromium
	$(PY) -m pytest

## Live preview on http://127.0.0.1:8000
serve: digest
	$(PY) -m mkdocs serve

## Scale benchmark: digest + mkdocs build vs a stock Material peer (SIZES="1000 2000 10000"); writes docs/benchmarks.md
SIZES ?= 1000 2000
bench: $(DEVSTAMP) chromium
	$(PY) -m benchmarks.run --sizes $(SIZES) --browser
	$(PY) -m benchmarks.summaries

clean:
	rm -rf site $(VENV)
