# lgsite: two commands to start (see README): `make serve` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site serve test clean

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

## Run every test.
test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf example-council/site build dist *.egg-info
