"""helpers.plots.frame: every builder draws into the axes it is given (``ax=None`` makes its own)."""

import matplotlib.pyplot as plt
import numpy as np

from helpers import plots


def test_builders_draw_into_the_axes_they_are_given():
    before = set(plt.get_fignums())  # figures other tests left open do not count
    fig, axes = plt.subplots(1, 4)
    assert plots.attention_heatmap(np.eye(2), ["a", "b"], ["a", "b"], ax=axes[0]).ax is axes[0]
    assert plots.plot_curves([0, 1], {"a": [1, 2]}, axes[1], title="t")[0].axes is axes[1]
    assert plots.word_arrows(np.eye(2), ["a", "b"], ax=axes[2])["ax"] is axes[2]
    assert plots.offset_plot(np.eye(3), starts=(0,), ax=axes[3])[0].axes is axes[3]
    assert set(plt.get_fignums()) - before == {fig.number}  # no builder opened a figure of its own
