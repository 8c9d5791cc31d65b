"""Static figures of notebooks 01-02: they draw what they are given, with labels and titles."""

import numpy as np
import pytest

from helpers.core.rnn_analysis import ProbeResult
from helpers.plots.rnn import (
    plot_contributions,
    plot_curves,
    plot_hidden_states,
    plot_influence_maps,
    plot_probe,
)


def test_plot_hidden_states_shows_transposed_states_with_token_labels():
    H = np.tanh(np.random.default_rng(0).normal(size=(3, 4)))
    art = plot_hidden_states(H, ["I", "go", "home"])
    np.testing.assert_allclose(art.image.get_array(), H.T)
    assert [t.get_text() for t in art.ax.get_xticklabels()] == ["1: I", "2: go", "3: home"]  # counted from 1
    assert art.texts[1][2].get_text() == f"{H[2, 1]:.2f}"
    with pytest.raises(ValueError, match="T = 2"):
        plot_hidden_states(H, ["I", "go"])


def test_plot_hidden_states_divides_forward_from_backward_units():
    H = np.tanh(np.random.default_rng(1).normal(size=(3, 6)))
    art = plot_hidden_states(H, ["I", "go", "home"], split=4)
    labels = [t.get_text() for t in art.ax.get_yticklabels()]
    assert labels[:4] == [f"fwd h[{i}]" for i in range(4)] and labels[4:] == ["bwd h[0]", "bwd h[1]"]
    divider = [ln for ln in art.ax.get_lines() if np.allclose(ln.get_ydata(), 3.5)]
    assert len(divider) == 1
    assert "backward" in art.ax.get_xlabel()


def test_plot_curves_log_scale():
    lines = plot_curves(np.arange(4), {"a": [1, 0.1, 0.01, 0.001], "b": [1, 2, 4, 8]}, title="t")
    assert [ln.get_label() for ln in lines] == ["a", "b"]
    np.testing.assert_allclose(lines[1].get_ydata(), [1, 2, 4, 8])
    assert lines[0].axes.get_yscale() == "log"


def test_plot_probe_draws_each_result_and_chance():
    res = ProbeResult(np.arange(3), np.array([1.0, 0.5, 0.0]), np.array([1.0, 0.4, 0.1]), 0.1)
    lines = plot_probe({"r=0.9": res}, metric="accuracy")
    np.testing.assert_allclose(lines[0].get_ydata(), res.accuracy)
    assert "chance" in lines[1].get_label()
    lines = plot_probe({"r=0.9": res})
    np.testing.assert_allclose(lines[0].get_ydata(), res.r2)
    with pytest.raises(ValueError, match="metric"):
        plot_probe({"x": res}, metric="loss")


def test_plot_influence_maps_three_panels_one_scale():
    f = np.tril(np.ones((3, 3)))
    b = 2 * np.triu(np.ones((3, 3)))
    arts = plot_influence_maps(f, b, np.sqrt(f**2 + b**2), ["I", "go", "home"])
    assert len(arts) == 3
    np.testing.assert_allclose(arts[1].image.get_array(), b)
    assert {a.image.get_clim() for a in arts} == {(0.0, float(np.sqrt(5)))}
    with pytest.raises(ValueError, match="3 tokens"):
        plot_influence_maps(f, b, f[:2], ["I", "go", "home"])


def test_plot_contributions_bars():
    bars = plot_contributions({"forward": [1.0, 0.5, 0.0], "backward": [0.0, 0.4, 0.2]},
                              ["I", "go", "home"], 1)
    assert [r.get_height() for r in bars[0]][:2] == [1.0, 0.5]
    assert "word 2 'go'" in bars[0][0].axes.get_title()  # words counted from 1
