# `make` sets up .venv (once) and builds exports/ from seeds/ (committed: rebuild and commit it whenever the build
# writes something else; tests/test_export.py says when); `make test` runs the whole test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: build exports test clean

build: $(VENV)/.installed
	$(BIN)/seed-graph build seeds --out exports

exports: build

test: $(VENV)/.installed
	$(BIN)/python -m pytest

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("seed-graph needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
