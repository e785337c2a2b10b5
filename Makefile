# The two commands of the README: `make course` and `make test`.
# Both set up .venv themselves on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
JOBS ?= 2
# nbgrader calls `alembic` by name when it creates a gradebook: the venv's bin/
# must be on PATH for every recipe.
export PATH := $(abspath $(VENV))/bin:$(PATH)
# The exact torch pin, read from the one dependency list (pyproject.toml).
TORCH_PIN := $(shell grep -o '"torch==[^"]*"' pyproject.toml | tr -d '"')

.PHONY: setup course test release check lint bench clean

setup: $(STAMP)

# Idempotent: re-runs only when pyproject.toml changes or the venv is missing.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '$(TORCH_PIN)'
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip check
	@touch $(STAMP)

course: setup
	$(PY) -m grader course --jobs $(JOBS)

test: setup
	$(PY) -m pytest -n $(JOBS) --dist loadgroup

release: setup
	$(PY) -m grader release

check: setup
	$(PY) -m grader check

lint: setup
	$(PY) -m ruff check grader tests solutions notebooks

clean:
	rm -rf build
