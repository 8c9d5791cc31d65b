"""helpers/plots/transformer.py, loop_time_plot: the three measured times of the RNN's loop, read back."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.lessons.transformer_measures import time_rnn_loop
from helpers.plots import cost_plot, loop_time_plot
from tests.drawn import plain_words


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


def test_each_way_has_its_own_marker_and_the_axes_read_as_plain_numbers():
    timing = SimpleNamespace(T=[16, 32, 64], chain=np.array([1e-3, 2e-3, 4e-3]),
                             separate=np.array([9e-4, 2e-3, 4e-3]), one_product=np.array([1e-4, 1e-4, 2e-4]))
    drawn = loop_time_plot(timing)
    ax = drawn.ax
    markers = [line.get_marker() for line in drawn["lines"].values()]
    assert len(set(markers)) == 3 and None not in markers and "None" not in markers  # told apart in grey
    plain_words(ax.figure, at_least=6)
    ax.figure.canvas.draw()
    shown = {t.get_text() for t in ax.get_xticklabels() if t.get_visible() and t.get_text()}
    assert {"16", "32", "64"} <= shown  # the lengths, in powers of two, as plain numbers
    for t in ax.get_yticklabels():
        if t.get_text():
            float(t.get_text().replace("−", "-"))  # milliseconds as plain numbers, no 10^k notation
    # The RNN's loop wears the RNN's colour of the cost figure beside it.
    T = np.array([4, 8])
    cost = cost_plot(T, {"rnn": T, "attention": T}, SimpleNamespace(T=T, rnn_seconds=T * 1e-3,
                                                                   attention_seconds=T * 1e-4))
    assert drawn["lines"]["chain"].get_color() == cost["operations"]["rnn"].get_color()
