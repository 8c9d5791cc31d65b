# RNN -> Attention. `make lab` opens the notebooks, `make test` runs every test.
# Each target sets up what it needs itself (a .venv at the repo root).

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8888
CHROMIUM ?= /usr/bin/chromium
NB ?= $(sort $(wildcard notebooks/*.ipynb))
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Kernel messages reach the browser without Nagle's delay (see helpers/server_tuning.py).
NODELAY := helpers.server_tuning.NoDelayKernelConnection

# One BLAS thread everywhere (tests, notebooks, lab, bench): the models here are small, so a second
# thread only doubles the CPU a training step takes (measured: 32.6 vs 14.6 ms), and the two xdist
# workers of `make test` already use both cores. The same setting for `make notebooks` and
# `make test` also keeps the stored outputs and CI's recomputation on the same arithmetic.
export OPENBLAS_NUM_THREADS := 1

.PHONY: setup lock lab present test test-browser install-chromium lint notebooks slides vendor bench mutants clean

setup: $(STAMP)

# Redo the install only when the lock file or the package metadata change. requirements.txt pins every
# package (transitive ones too); it is compiled from the direct dependencies in requirements.in.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed; found " + sys.version.split()[0] + ". Set PYTHON=/path/to/python3.11")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

# Recompile requirements.txt from requirements.in (pip-tools, pinned in requirements.in); then `make setup`.
lock: setup
	$(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  --output-file=requirements.txt requirements.in

# JUPYTER_PATH: the repo's share/jupyter, for the Hangul web font (a prebuilt extension) and for the
# slides at /voila/render/notebooks/<notebook>.ipynb?template=slides (Voila's server extension).
lab: setup
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(VENV)/bin/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(ROOT_FLAG) --ServerApp.root_dir=. \
	  --ServerApp.kernel_websocket_connection_class=$(NODELAY) notebooks/00_start_here.ipynb

# Classroom mode: every notebook as an app with no code, on 127.0.0.1 only, all assets local
# (the "classroom" template drops Voila's CDN links). Voila starts as root as it is.
# The list links each notebook as an app and as slides (?template=slides: Voila's reveal view through
# the "slides" template, reveal.js served locally); the Hangul web font comes from share/jupyter too.
# --classic-tree: the server writes the notebook list into the page. Voila's newer list is a
# JupyterLab file browser that loads the folder from the page once (its refresh interval is ~25
# days); on a busy 2-core machine it once stayed empty in the browser tests until a reload.
present: setup
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(VENV)/bin/voila notebooks --no-browser \
	  --Voila.ip=127.0.0.1 --port=$(PORT) --template=classroom --strip_sources=True --show_tracebacks=True \
	  --classic-tree --Voila.kernel_websocket_connection_class=$(NODELAY)

# Unit, widget and property tests, strict nbval of every notebook, and the real-browser tests,
# spread over both cores without splitting a notebook (or a browser test module) across workers.
test: setup install-chromium
	$(PY) -m pytest -n 2 --dist loadfile

test-browser: setup install-chromium
	$(PY) -m pytest -n 2 --dist loadfile tests/browser

# Debian's Chromium for the browser tests: installed when missing and we are root with apt;
# otherwise say so (the tests then skip with that message, and fail under CI=true).
install-chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "NOTE: Chromium is missing ($(CHROMIUM)) and cannot be installed here (needs root and apt)."; \
	  echo "      Install Debian's 'chromium' package; the browser tests will report it missing"; \
	  echo "      (a failure under CI=true)."; \
	fi

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

notebooks: setup
	$(PY) tests/tools/execute_notebooks.py $(NB)

# Slide metadata of every notebook (or NB=...) from its cells; run after editing a notebook.
slides: setup
	$(PY) tests/tools/slide_metadata.py $(NB)

# Refresh the committed web assets from the npm registry (reveal.js's stylesheets, the Nanum Gothic
# woff2 subsets); needs npm. Never needed to run, test or present: the files are in the repo.
vendor: setup
	$(PY) tests/tools/vendor_web_assets.py

# Interactive speed: every explorer update (compute / render / send) against a naive matplotlib
# redraw, interleaved; each notebook's run time; key press -> heatmap latency in JupyterLab.
# Writes benchmarks/results.json, results.md (copied into the README) and results.png, prints the
# tables, then asserts the ratios. `$(PY) -m benchmarks.bench --quick` is a smoke run that writes nothing.
bench: setup
	$(PY) -m benchmarks.bench
	$(PY) -m pytest -m perf tests/perf -p no:xdist

# Mutation testing (not part of `make test`; ~13k mutants, ~35 min on 2 cores): mutmut mutates helpers/ (settings in
# pyproject.toml) into mutants/, runs the unit tests against each mutant, then the report prints the
# share of mutants killed per module and fails below 90% (modules that draw) or 80% (helpers/ overall).
MUTANT_JOBS ?= 2
mutants: setup
	$(VENV)/bin/mutmut run --max-children $(MUTANT_JOBS) $(MUTANTS)
	$(PY) tests/tools/mutation_report.py mutants

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build *.egg-info test-artifacts mutants
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
