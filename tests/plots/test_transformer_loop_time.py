"""helpers/plots/transformer.py, loop_time_plot: the three measured times of the RNN's loop, read back."""

from __future__ import annotations

import numpy as np

from helpers.lessons.transformer_measures import time_rnn_loop
from helpers.plots import loop_time_plot


def test_the_loop_figure_draws_the_three_measured_times():
    timing = time_rnn_loop([4, 8], 4, np.random.default_rng(0), repeats=1)
    drawn = loop_time_plot(timing)
    ax = drawn.ax
    assert list(drawn["lines"].values()) == ax.get_lines()
    times = [np.asarray(line.get_ydata()) / 1e3 for line in ax.get_lines()]
    assert np.allclose(times, [timing.chain, timing.separate, timing.one_product])
    assert [np.asarray(line.get_xdata()).tolist() for line in ax.get_lines()] == [[4, 8]] * 3
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "waits for the last" in labels[0] and "none waits" in labels[1] and "one product" in labels[2]
    assert len({line.get_color() for line in ax.get_lines()}) == 3
    assert ax.get_xscale() == ax.get_yscale() == "log" and "T" in ax.get_xlabel() and ax.get_title()
    w, h = ax.figure.get_size_inches()
    assert w <= 12.8 and h <= 7.2  # fits a 1280x720 projector at 100 dpi
