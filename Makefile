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

.PHONY: setup lock lab present test test-slow test-browser install-chromium lint notebooks slides vendor bench mutants clean

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
# --show_tracebacks=False: no traceback reaches the projector. The explorers show bad input as a
# one-line message of their own, and the notebooks' deliberate-error cells catch and print theirs.
present: setup
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(VENV)/bin/voila notebooks --no-browser \
	  --Voila.ip=127.0.0.1 --port=$(PORT) --template=classroom --strip_sources=True --show_tracebacks=False \
	  --classic-tree --Voila.kernel_websocket_connection_class=$(NODELAY)

# Unit, widget and property tests, strict nbval of every notebook, and the real-browser tests,
# spread over both cores without splitting a notebook (or a browser test module) across workers.
test: setup install-chromium
	$(PY) -m pytest -n 2 --dist loadfile

# The slower checks CI runs after `make test` (a few minutes): the long RNN runs that notebook 05
# quotes (tests/tools/long_runs.py) and the longer trainings notebook 06 quotes
# (tests/tools/translation_long_runs.py, 4 to 6 minutes), the tests marked slow (claims that train
# for minutes, the Voila runs of 05 and 07, whose explorers `make test` checks in JupyterLab, and
# both browser runs of 06: hence Chromium), then the "same numbers on every machine"
# runs: 05 and 06 with more noise seeds, the others once with two BLAS threads.
NUDGE_SEEDS_SLOW ?= 6
test-slow: setup install-chromium
	$(PY) tests/tools/long_runs.py
	$(PY) tests/tools/translation_long_runs.py
	$(PY) -m pytest -n 2 --dist loadfile -m slow tests --ignore=tests/notebooks
	NUDGE_SEEDS=$(NUDGE_SEEDS_SLOW) $(PY) -m pytest -n 2 --dist loadfile -m "not perf" tests/notebooks

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

# Mutation testing (not part of `make test`; ~19k mutants, over an hour on 2 cores): mutmut mutates helpers/ (settings in
# pyproject.toml) into mutants/, runs the unit tests against each mutant, then the report prints the
# share of mutants killed per module and fails below 90% (modules that draw) or 80% (helpers/ overall).
MUTANT_JOBS ?= 2
mutants: setup
	$(VENV)/bin/mutmut run --max-children $(MUTANT_JOBS) $(MUTANTS)
	$(PY) tests/tools/mutation_report.py mutants

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build *.egg-info test-artifacts mutants
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# ---- Hub and Binder: `make hub-check`, `make sizing` (README: "Running a course on a hub") ----
# hub-check: the Dockerfile repo2docker would build from a clean clone (Python 3.11 from runtime.txt,
# the lock, then the project, ./start for one BLAS thread), the lock resolved together with
# repo2docker's own environment, and Voila served as on a hub from the installed wheel. Needs the
# package registry; a few minutes, so .ci/run calls it after `make test`. repo2docker lives in a venv
# of its own (.venv/hub-tools), never in the lock.
HUB_TOOLS := $(VENV)/hub-tools
REPO2DOCKER_VERSION := 2026.4.0
.PHONY: hub-check sizing
hub-check: setup
	@$(HUB_TOOLS)/bin/repo2docker --version 2>/dev/null | grep -qx '$(REPO2DOCKER_VERSION)' || { \
	  rm -rf $(HUB_TOOLS) && $(PYTHON) -m venv $(HUB_TOOLS) && \
	  $(HUB_TOOLS)/bin/pip install --quiet --disable-pip-version-check jupyter-repo2docker==$(REPO2DOCKER_VERSION); }
	REPO2DOCKER=$(HUB_TOOLS)/bin/repo2docker $(PY) -m pytest -p no:xdist \
	  tests/hub/check_repo2docker.py tests/hub/check_hub_server.py

# sizing: one student's footprint (kernel peak RSS and CPU seconds per notebook, the server's RSS),
# measured by running every notebook top to bottom; prints the table and a Zero to JupyterHub snippet
# (README, "Sizing"), and keeps the figures in benchmarks/sizing.json.
sizing: setup
	$(PY) -m benchmarks.sizing --json benchmarks/sizing.json
# ---- Grading with nbgrader: `make assignments`, `make test-grading` --------------------------------
# nbgrader gets its own venv, so its server extension and menus never reach `make lab`, `make present`
# or a hub image. .venv-grading holds the main lock, nbgrader's lock (requirements-grading.txt, compiled
# with -c requirements.txt, so the shared packages keep the main pins) and the project: a second
# install of about the same size as .venv.
GRADING_VENV := .venv-grading
GRADING_PY := $(GRADING_VENV)/bin/python
GRADING_STAMP := $(GRADING_VENV)/.installed
COURSE ?= assignments
# nbgrader calls `alembic` by name, so the grading venv's bin/ goes first on PATH.
NBGRADER := PATH=$(CURDIR)/$(GRADING_VENV)/bin:$$PATH $(CURDIR)/$(GRADING_VENV)/bin/nbgrader

.PHONY: assignments test-grading lock-grading

$(GRADING_STAMP): requirements.txt requirements-grading.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed; found " + sys.version.split()[0] + ". Set PYTHON=/path/to/python3.11")'
	@test -x $(GRADING_PY) || $(PYTHON) -m venv $(GRADING_VENV)
	$(GRADING_PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-grading.txt
	$(GRADING_PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# nbgrader source notebooks (solutions and points) in $(COURSE)/source/<name>/, then nbgrader's own
# students' copies in $(COURSE)/release/<name>/. `make assignments NB=notebooks/01_rnn_long_range.ipynb`
# does one notebook.
assignments: $(GRADING_STAMP)
	$(GRADING_PY) -m grading.assignments --course $(COURSE) $(NB)
	cd $(COURSE) && $(NBGRADER) generate_assignment '*' --force --log-level=WARN

# The round trip through nbgrader itself (generate, then autograde a blank and a solved copy of every
# assignment in a temporary course); ~5 min on 2 cores, so it runs in .ci/run rather than `make test`.
test-grading: $(GRADING_STAMP)
	$(GRADING_PY) -m pytest -p no:xdist -m grading tests/grading

# Recompile requirements-grading.txt (after `make lock` changed requirements.txt, for instance).
lock-grading: setup
	$(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  --output-file=requirements-grading.txt requirements-grading.in

# `make clean` also drops the grading venv (never the course folder: its gradebook.db holds grades).
.PHONY: clean-grading
clean: clean-grading
clean-grading:
	rm -rf $(GRADING_VENV)
