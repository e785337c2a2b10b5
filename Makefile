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

.PHONY: setup sandbox-tools course test release check lint bench site clean

setup: $(STAMP)

# Idempotent: re-runs only when pyproject.toml changes or the venv is missing.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '$(TORCH_PIN)'
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip check
	@$(MAKE) --no-print-directory sandbox-tools
	@touch $(STAMP)

# The batch grader confines student kernels with bubblewrap (Linux). Installed when we can
# (root with apt); elsewhere `grader autograde` explains what is missing.
sandbox-tools:
	@if [ "$$(uname)" = Linux ] && ! command -v bwrap >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -q bubblewrap >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null && apt-get install -y -q bubblewrap >/dev/null)) && echo "installed bubblewrap"; \
	  else echo "note: install bubblewrap for sandboxed grading (python -m grader autograde)"; fi; \
	fi

course: setup
	$(PY) -m grader course --jobs $(JOBS)

test: setup
	$(PY) -m pytest -n $(JOBS) --dist loadgroup

release: setup
	$(PY) -m grader release

check: setup
	$(PY) -m grader check

bench: setup
	$(PY) -m grader bench --students $${STUDENTS:-20} --rounds $${ROUNDS:-2} --jobs $(JOBS)

# The side-by-side reader (build/site/index.html): Sphinx + myst-nb + sphinx-design, offline.
# It shows `make course`'s executed notebooks when they match the sources, else runs them.
site: setup
	$(PY) -m grader site --jobs $(JOBS)

lint: setup
	$(PY) -m ruff check grader tests solutions notebooks

clean:
	rm -rf build
