"""The shared body of the "same numbers on every machine" tests (one test module per notebook).

Each module runs its notebook again once per noise seed (``NUDGE_SEEDS``: 1 in ``make test``,
more in ``make test-slow``, which ``.ci/run`` calls) with every trained model's initial weights
nudged by a relative 1e-12 and two BLAS threads (see ``tests/perturbed.py``), then checks, cell by
cell, that every string the notebook prints is the committed one. The test ids list the cells
covered (every code cell, by its opening comment) and the noise seed.
"""

from __future__ import annotations

import os

import pytest

from tests.perturbed import committed, first_line, printed, run_nudged

N_SEEDS = int(os.environ.get("NUDGE_SEEDS", "1"))


def code_cells(name):
    """(index, opening comment) of every code cell of the committed notebook."""
    return [(i, first_line(c)) for i, c in enumerate(committed(name).cells) if c.cell_type == "code"]


def make_tests(name, n_seeds=N_SEEDS):
    """A module-scoped fixture (one nudged run per noise seed) and one test per code cell and seed."""

    @pytest.fixture(scope="module", params=range(1, n_seeds + 1), ids=lambda s: f"noise seed {s}")
    def nudged_run(request):
        return request.param, run_nudged(name, request.param)

    cells = code_cells(name)

    @pytest.mark.parametrize(("index", "cell"), cells, ids=[c for _, c in cells])
    def test_cell_prints_the_same_after_a_nudge(nudged_run, index, cell):
        seed, nb = nudged_run
        want, got = printed(committed(name).cells[index]), printed(nb.cells[index])
        assert got == want, (
            f"{name}, cell {index} ({cell}) printed other text with initial weights nudged by 1e-12 "
            f"(noise seed {seed}) and 2 BLAS threads:\n--- committed\n{want}\n--- nudged\n{got}"
        )

    return nudged_run, test_cell_prints_the_same_after_a_nudge
