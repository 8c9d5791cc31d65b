"""helpers.plots.frame: the axes a builder draws into, a faint grid, the legend; every builder takes ax."""

import matplotlib.pyplot as plt
import numpy as np

from helpers import plots


def test_builders_draw_into_the_axes_they_are_given():
    before = set(plt.get_fignums())  # figures other tests left open do not count
    fig, axes = plt.subplots(1, 4)
    assert plots.attention_heatmap(np.eye(2), ["a", "b"], ["a", "b"], ax=axes[0]).ax is axes[0]
    assert plots.plot_curves([0, 1], {"a": [1, 2]}, axes[1], title="t").ax is axes[1]
    assert plots.word_arrows(np.eye(2), ["a", "b"], ax=axes[2]).ax is axes[2]
    assert plots.offset_plot(np.eye(3), starts=(0,), ax=axes[3]).ax is axes[3]
    assert set(plt.get_fignums()) - before == {fig.number}  # no builder opened a figure of its own


def test_axes_or_new_keeps_the_given_axes_or_opens_one_figure_of_that_size():
    from helpers.plots.frame import axes_or_new

    _, given = plt.subplots()
    assert axes_or_new(given, (9, 9)) is given
    before = set(plt.get_fignums())
    ax = axes_or_new(None, (4.0, 2.5))
    assert set(plt.get_fignums()) - before == {ax.figure.number}
    np.testing.assert_allclose(ax.figure.get_size_inches(), [4.0, 2.5])
    assert ax.figure.get_layout_engine() is not None  # constrained: labels are not cut off


def test_faint_grid_sits_behind_the_data_and_the_legend_names_every_labelled_series():
    from helpers.plots.frame import add_legend, faint_grid

    _, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="rnn")
    ax.plot([0, 1], [1, 0], label="attention")
    ax.plot([0, 1], [0.5, 0.5])  # unlabelled: not in the legend
    faint_grid(ax, axis="y")
    y_lines, x_lines = ax.yaxis.get_gridlines(), ax.xaxis.get_gridlines()
    assert y_lines and all(g.get_visible() and g.get_alpha() < 0.5 for g in y_lines)
    assert not any(g.get_visible() for g in x_lines)  # ``axis="y"`` narrows the grid
    legend = add_legend(ax, loc="upper left")
    assert [t.get_text() for t in legend.get_texts()] == ["rnn", "attention"]
    assert legend is ax.get_legend()
    ax.figure.canvas.draw()
    box, frame = legend.get_window_extent(), ax.get_window_extent()
    assert box.x1 < frame.x0 + frame.width / 2 and box.y0 > frame.y0 + frame.height / 2  # upper left
