"""Every static figure notebooks 00-04 build keeps all of its text inside the saved image.

The notebooks save inline figures with ``bbox_inches=None`` (see helpers/plots/setup.py), so a
title or label that pokes out of the figure is clipped on screen. This test runs each notebook's
code cells in-process (Agg backend), draws every figure a cell leaves open, and checks the window
extent of every visible, non-empty text artist (titles, labels, tick labels, cell values, legends)
against the figure's own box.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest

from tests.drawn import text_outside

matplotlib.use("Agg")

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
OWN = ["00_start_here.ipynb", "01_rnn_long_range.ipynb", "02_bidirectional_rnn.ipynb",
       "03_naive_self_attention.ipynb", "04_query_key_value.ipynb"]
def figures_of(notebook: str):
    """Run the notebook's code cells and yield (cell index, figure) for every figure a cell draws."""
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    namespace: dict = {"__name__": "__main__"}
    old = Path.cwd()
    os.chdir(NOTEBOOKS)
    try:
        for i, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(source, f"{notebook}[{i}]", "exec"), namespace)
            for num in plt.get_fignums():
                yield i, plt.figure(num)
            plt.close("all")
    finally:
        os.chdir(old)
        plt.close("all")


@pytest.mark.parametrize("notebook", OWN)
def test_every_text_artist_lies_inside_the_saved_figure(notebook):
    problems, count = [], 0
    for i, fig in figures_of(notebook):
        count += 1
        problems += [f"cell {i}: {p}" for p in text_outside(fig)]
    assert count > 0, f"{notebook} drew no figure"
    assert not problems, "text outside the figure:\n" + "\n".join(problems)


def test_the_check_catches_a_clipped_title():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_title("a title far too long for a figure only three inches wide, so it is clipped")
    try:
        assert text_outside(fig)
    finally:
        plt.close(fig)
