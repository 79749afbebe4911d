# Two commands a fresh machine needs: `make site` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
BENCHSTAMP := $(VENV)/.installed-bench
CHROMIUM ?= /usr/bin/chromium
FIREFOX ?= /usr/bin/firefox-esr
# mkdocs is pinned below 2.0 (requirements.txt); its notice about 2.0 is not news here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve digest venv chromium clean bench bench-shards

# The project itself, editable (it runs this tree) and without dependencies (the pinned list
# above is what it gets): it registers the `directive-digest` MkDocs plugin and command.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(DEVSTAMP): $(STAMP) requirements-dev.txt requirements-dask.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Benchmarks only: Pagefind, the peer the search is measured against.
$(BENCHSTAMP): $(DEVSTAMP) requirements-bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

venv: $(STAMP)

# Debian's Chromium for the browser tests (Playwright never downloads its own browser here),
# Debian's Firefox ESR for the search test in Firefox,
# and Node.js, which runs the site's search script for the search engine's unit tests.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; \
	fi
	@if [ ! -x "$(FIREFOX)" ]; then \
		echo "Installing Debian's firefox-esr for the search test in Firefox"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq firefox-esr; \
	fi
	@if ! command -v node >/dev/null; then \
		echo "Installing Debian's nodejs for the search engine tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs; \
	fi

## Digest the bundled sample articles into content/
digest: $(STAMP)
	$(PY) build_digest.py

## Digest the bundled articles and build the static site into site/: one `mkdocs build --strict`,
## or above 5,000 articles shards built in parallel and assembled (directive_digest/shards/)
site: digest
	$(PY) -m directive_digest site --shards auto

## Run every test (unit, end-to-end, site build, browser)
test: $(DEVSTAMP) chromium
	$(PY) -m pytest

## Live preview on http://127.0.0.1:8000
serve: digest
	$(PY) -m mkdocs serve

## Scale benchmark: digest + mkdocs build vs a stock Material peer, search vs Material and Pagefind
## (SIZES="1000 10000 100000"; sizes over 50,000 get the search index only); writes docs/benchmarks.md
SIZES ?= 1000 2000
bench: $(BENCHSTAMP) chromium
	$(PY) -m benchmarks.run --sizes $(SIZES) --browser --recall
	$(PY) -m benchmarks.summaries

## Sharded site builds at scale (benchmarks/sharded.py): digest + `directive_digest site --shards auto`,
## one article changed, the stock Material peer (stopped after 20 min); writes docs/benchmarks.md
bench-shards: $(BENCHSTAMP) chromium
	$(PY) -m benchmarks.run --sizes $(SIZES) --sharded --browser

clean:
	rm -rf site $(VENV)
