# lgsite: two commands to start (see README): `make serve` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site serve serve-cymru test audit bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

## Build the example council into example-council/site/.
site: $(STAMP)
	$(BIN)/lgsite build example-council
	@echo "Open example-council/site/index.html, or run make serve."

## Build, then preview the example council on http://127.0.0.1:8000/ (rebuilds on change).
serve: site
	$(BIN)/lgsite serve example-council --dev-addr 127.0.0.1:8000

## Build, then preview the bilingual Welsh example council (English and Cymraeg) on http://127.0.0.1:8000/.
serve-cymru: $(STAMP)
	$(BIN)/lgsite build example-council-cymru
	$(BIN)/lgsite serve example-council-cymru --dev-addr 127.0.0.1:8000

## Run every test.
test: $(STAMP)
	bash scripts/install-browser-deps.sh
	$(BIN)/python -m pytest

## Lighthouse (mobile and desktop) on one page of each type; prints scores and bytes. Not run in CI.
audit: site
	bash scripts/install-browser-deps.sh --lighthouse
	$(BIN)/python tests/browser/lighthouse_audit.py example-council/site

## Build benchmark: synthetic 500- and 2,000-page councils built with lgsite, plain Material and
## Material with navigation.prune; prints the table (bench/run.py). SERVE=1 also times lgsite serve
## after an edit; PROFILE=1 also profiles the 2,000-page lgsite build. Sites go to bench-out/.
bench: $(STAMP)
	$(BIN)/python -m bench.run $(if $(SERVE),--serve) $(if $(PROFILE),--profile)

clean:
	rm -rf example-council/site example-council-cymru/site build dist *.egg-info
