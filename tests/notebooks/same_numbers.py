"""The shared body of the "same numbers on every machine" tests (one test module per notebook).

Each module runs its notebook again ``NUDGE_SEEDS`` times (2 in ``make test``; ``.ci/run`` asks
for more) with every trained model's initial weights nudged by a relative 1e-12 and two BLAS
threads (see ``tests/perturbed.py``), then checks, cell by cell, that every string the notebook
prints is the committed one. The parametrised test ids list the cells covered: every code cell.
"""

from __future__ import annotations

import os

import pytest

from tests.perturbed import committed, first_line, printed, run_nudged

N_SEEDS = int(os.environ.get("NUDGE_SEEDS", "2"))


def code_cells(name):
    """(index, opening comment) of every code cell of the committed notebook."""
    return [(i, first_line(c)) for i, c in enumerate(committed(name).cells) if c.cell_type == "code"]


def make_tests(name, n_seeds=N_SEEDS):
    """A module-scoped fixture with the nudged runs, and one test per code cell comparing them."""

    @pytest.fixture(scope="module")
    def nudged_runs():
        return {seed: run_nudged(name, seed) for seed in range(1, n_seeds + 1)}

    @pytest.mark.parametrize(("index", "cell"), code_cells(name), ids=[c for _, c in code_cells(name)])
    def test_cell_prints_the_same_after_a_nudge(nudged_runs, index, cell):
        want = printed(committed(name).cells[index])
        for seed, nb in nudged_runs.items():
            got = printed(nb.cells[index])
            assert got == want, (
                f"{name}, cell {index} ({cell}) printed other text with initial weights nudged by 1e-12 "
                f"(noise seed {seed}) and 2 BLAS threads:\n--- committed\n{want}\n--- nudged\n{got}"
            )

    return nudged_runs, test_cell_prints_the_same_after_a_nudge
