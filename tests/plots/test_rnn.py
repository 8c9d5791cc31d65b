"""helpers.plots.rnn: the hidden states, curves and probe of notebooks 01-02 read back as drawn.

Each test builds a tiny input by hand, works out what the figure must show with plain loops, and
reads the figure back: rendered cell colours (through the cividis colour list), line data, tick
texts, limits and scales. Texts are checked for the numbers and tokens they must name and with
``plain_words`` (no wording is pinned).
"""

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from helpers.core.rnn_analysis import ProbeResult
from helpers.plots.rnn import (
    plot_curves,
    plot_hidden_states,
    plot_probe,
)
from tests.drawn import (
    cell_colours,
    cell_fractions,
    colour_to_fraction,
    numbers,
    plain_words,
    sentence_case_titles,
    words,
)
from tests.support.figures import palette_colours

# ---------------------------------------------------------------- plot_hidden_states


def test_hidden_states_one_column_per_word_on_a_fixed_minus_one_to_one_scale():
    H = [[0.5, -0.25], [0.0, 1.0], [-0.75, 0.25]]  # [T=3 words, d_h=2 units], a plain list
    tokens = ["I", "go", "home"]
    fig, ax = plt.subplots()
    art = plots.plot_hidden_states(H, tokens, ax=ax, title="States of a tiny RNN")
    assert art.ax is ax and art.image.get_clim() == (-1.0, 1.0)
    expect = [[(H[t][i] + 1) / 2 for t in range(3)] for i in range(2)]  # row = unit, column = word
    np.testing.assert_allclose(cell_fractions(art.ax, 2, 3), expect, atol=1.5 / 256)
    assert [[t.get_text() for t in row] for row in art.texts] == [
        [f"{H[t][i]:.2f}" for t in range(3)] for i in range(2)
    ]
    xt = [t.get_text() for t in ax.get_xticklabels()]
    for t, (label, tok) in enumerate(zip(xt, tokens, strict=True)):
        assert numbers(label) == [t + 1] and tok in label  # counted from 1
    yt = [t.get_text() for t in ax.get_yticklabels()]
    assert [numbers(s) for s in yt] == [[0], [1]] and len(set(yt)) == 2
    assert ax.get_title() == "States of a tiny RNN"
    assert 1 in numbers(ax.get_xlabel()) and "unit" in words(ax.get_ylabel())  # rows are units
    assert not ax.get_lines()  # no forward/backward divider
    plain_words(fig, at_least=10)
    default = plots.plot_hidden_states(np.zeros((1, 1)), ["a"])
    assert default.ax.get_title()
    sentence_case_titles(default.ax.figure)
    plain_words(default.ax.figure)
    hidden = plots.plot_hidden_states(H, tokens, show_values=False)
    assert hidden.texts == [] and not hidden.ax.texts


def test_bi_rnn_states_are_divided_between_forward_and_backward_units():
    H = np.linspace(-0.9, 0.9, 10).reshape(2, 5)  # [T=2, 3 forward + 2 backward]
    art = plots.plot_hidden_states(H, ["I", "go"], split=3)
    ax = art.ax
    np.testing.assert_allclose(cell_fractions(art.ax, 5, 2), (H.T + 1) / 2, atol=1.5 / 256)
    yt = [t.get_text() for t in ax.get_yticklabels()]
    assert [numbers(s) for s in yt] == [[0], [1], [2], [0], [1]]  # each direction counts its units
    fwd, bwd = [set(words(s)) for s in yt[:3]], [set(words(s)) for s in yt[3:]]
    assert fwd[0] == fwd[1] == fwd[2] and bwd[0] == bwd[1] and fwd[0] != bwd[0]
    dividers = ax.get_lines()
    assert len(dividers) == 1 and list(dividers[0].get_ydata()) == [2.5, 2.5]  # between rows 2 and 3
    assert "T" in words(ax.get_xlabel()) and 1 in numbers(ax.get_xlabel())  # words 1..t and T..t
    unsplit = plots.plot_hidden_states(H[:, :2], ["I", "go"])
    assert ax.get_xlabel() != unsplit.ax.get_xlabel() and ax.get_ylabel() == unsplit.ax.get_ylabel()
    plain_words(ax.figure, at_least=9)


def test_hidden_state_errors_name_the_shapes():
    with pytest.raises(ValueError) as err:
        plots.plot_hidden_states(np.zeros((3, 2, 2)), ["a", "b", "c"])
    assert "(3, 2, 2)" in str(err.value) and "3" in str(err.value)
    with pytest.raises(ValueError) as err:
        plots.plot_hidden_states(np.zeros((2, 3)), ["a", "b", "c"])
    assert "(2, 3)" in str(err.value)


# ---------------------------------------------------------------- plot_curves


def test_curves_are_drawn_over_x_in_distinct_colours_and_dashes():
    x = [1, 2, 4]
    curves = {f"curve {i}": [10.0 ** (i - k) for k in range(3)] for i in range(5)}
    fig, ax = plt.subplots()
    lines = list(plots.plot_curves(x, curves, ax, title="Five decays")["lines"].values())
    assert len(lines) == 5 and all(ln.axes is ax for ln in lines)
    for line, (label, y) in zip(lines, curves.items(), strict=True):
        assert list(line.get_xdata()) == x and list(line.get_ydata()) == y and line.get_label() == label
    cols = palette_colours(lines)
    assert len(set(cols)) == 5
    dashes = [ln.get_linestyle() for ln in lines]
    assert len(set(dashes[:4])) == 4  # four dash patterns before they repeat
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(curves)
    assert ax.get_yscale() == "log" and "log" in words(ax.get_ylabel())
    assert ax.get_title() == "Five decays" and ax.get_xlabel() and ax.get_ylabel()
    assert any(g.get_visible() for g in ax.yaxis.get_gridlines())
    plain_words(fig, at_least=8)
    lin = plots.plot_curves(x, {"a": [1, 2, 3]}, title="Linear", xlabel="steps k", ylabel="size", logy=False)
    lax = lin.ax
    assert lax.get_yscale() == "linear" and lax.get_ylabel() == "size" and lax.get_xlabel() == "steps k"
    logged = plots.plot_curves(x, {"a": [1, 2, 3]}, title="Logged", ylabel="size").ax.get_ylabel()
    assert logged.startswith("size") and "log" in words(logged)
    plain_words(lax.figure, at_least=4)


# ---------------------------------------------------------------- plot_probe


def _probe(shift=0.0):
    return SimpleNamespace(
        distance=np.array([0, 2, 4]),
        r2=np.array([0.9, 0.4, 0.1]) - shift,
        accuracy=np.array([1.0, 0.5, 0.3]) - shift,
        chance=0.25,
    )


def test_probe_draws_each_result_against_distance_with_its_reference_line():
    results = {"tanh": _probe(), "linear": _probe(0.05)}
    fig, ax = plt.subplots()
    drawn = plots.plot_probe(results, ax, metric="accuracy")
    lines = [*drawn["lines"].values(), drawn["reference"]]
    assert all(ln.axes is ax for ln in lines) and len(lines) == 3
    for line, res in zip(lines[:2], results.values(), strict=True):
        assert list(line.get_xdata()) == [0, 2, 4]
        np.testing.assert_allclose(line.get_ydata(), res.accuracy)
    assert len(set(palette_colours(lines[:2]))) == 2
    assert lines[0].get_linestyle() != lines[1].get_linestyle()
    chance = lines[2]
    assert list(chance.get_ydata()) == [0.25, 0.25] and "0.25" in chance.get_label()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["tanh", "linear", chance.get_label()]
    acc_texts = (ax.get_ylabel(), ax.get_title())
    assert all(acc_texts) and ax.get_xlabel()
    sentence_case_titles(fig)
    plain_words(fig, at_least=8)
    drawn = plots.plot_probe(results)
    r2, rax = [*drawn["lines"].values(), drawn["reference"]], drawn.ax
    np.testing.assert_allclose(r2[1].get_ydata(), results["linear"].r2)
    assert list(r2[2].get_ydata()) == [0.0, 0.0] and r2[2].get_label()
    assert [t.get_text() for t in rax.get_legend().get_texts()][:2] == ["tanh", "linear"]
    assert len(rax.get_legend().get_texts()) == 3
    assert rax.get_ylabel() and rax.get_ylabel() != acc_texts[0]
    assert rax.get_title() and rax.get_title() != acc_texts[1]
    assert any(g.get_visible() for g in rax.yaxis.get_gridlines())
    sentence_case_titles(rax.figure)
    plain_words(rax.figure, at_least=8)
    assert plots.plot_probe(results, title="Mine").ax.get_title() == "Mine"
    with pytest.raises(ValueError) as err:
        plots.plot_probe(results, metric="loss")
    assert "loss" in str(err.value)


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
    drawn = plot_curves(np.arange(4), {"a": [1, 0.1, 0.01, 0.001], "b": [1, 2, 4, 8]}, title="t")
    lines = list(drawn["lines"].values())
    assert [ln.get_label() for ln in lines] == ["a", "b"]
    np.testing.assert_allclose(lines[1].get_ydata(), [1, 2, 4, 8])
    assert lines[0].axes.get_yscale() == "log"


def test_plot_probe_draws_each_result_and_chance():
    res = ProbeResult(np.arange(3), np.array([1.0, 0.5, 0.0]), np.array([1.0, 0.4, 0.1]), 0.1)
    drawn = plot_probe({"r=0.9": res}, metric="accuracy")
    np.testing.assert_allclose(drawn["lines"]["r=0.9"].get_ydata(), res.accuracy)
    assert "chance" in drawn["reference"].get_label()
    drawn = plot_probe({"r=0.9": res})
    np.testing.assert_allclose(drawn["lines"]["r=0.9"].get_ydata(), res.r2)
    with pytest.raises(ValueError, match="metric"):
        plot_probe({"x": res}, metric="loss")


def test_hidden_states_are_drawn_one_column_per_step():
    H = np.array([[0.5, -0.5], [0.9, 0.0], [-1.0, 1.0]])  # [T=3, d_h=2]
    art = plots.plot_hidden_states(H, ["I", "go", "home"])
    frac = colour_to_fraction(cell_colours(art.ax, 2, 3))
    np.testing.assert_allclose(frac, (H.T + 1) / 2, atol=1.5 / 256)  # -1..1 on the colour scale
    assert [t.get_text() for t in art.ax.get_yticklabels()] == ["h[0]", "h[1]"]
    xl = [t.get_text() for t in art.ax.get_xticklabels()]
    assert [s.split(": ")[-1] for s in xl] == ["I", "go", "home"] and len(set(xl)) == 3
    with pytest.raises(ValueError):
        plots.plot_hidden_states(H, ["I", "go"])


def _screen_y(line):
    ax = line.axes
    return ax.transData.transform(np.column_stack([line.get_xdata(), line.get_ydata()]))[:, 1]


def test_curves_are_drawn_at_their_values_and_larger_is_higher():
    x = list(range(8))
    curves = {"decay": [0.5**k for k in x], "grow": [2.0**k for k in x]}
    lines = list(plots.plot_curves(x, curves, title="t")["lines"].values())
    ax = lines[0].axes
    ax.figure.canvas.draw()
    for line, (label, y) in zip(lines, curves.items(), strict=True):
        np.testing.assert_allclose(line.get_ydata(), y)
        assert line.get_label() == label
    sy = _screen_y(lines[1])
    assert np.all(np.diff(sy) > 0)  # growing values climb on screen
    np.testing.assert_allclose(np.diff(sy), np.diff(sy)[0], rtol=1e-6)  # even steps: a log axis
    assert ax.get_yscale() == "log" and "log" in ax.get_ylabel()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["decay", "grow"]
    assert lines[0].get_color() != lines[1].get_color()
    lin = plots.plot_curves(x, {"a": x}, title="lin", logy=False)
    assert lin.ax.get_yscale() == "linear" and "log" not in lin.ax.get_ylabel()


def test_probe_plot_draws_scores_and_the_chance_line():
    res = SimpleNamespace(
        distance=np.arange(4),
        r2=np.array([0.9, 0.5, 0.2, 0.0]),
        accuracy=np.array([1.0, 0.6, 0.3, 0.25]),
        chance=0.25,
    )
    drawn = plots.plot_probe({"tanh": res}, metric="accuracy")
    lines = [*drawn["lines"].values(), drawn["reference"]]
    np.testing.assert_allclose(lines[0].get_ydata(), [1.0, 0.6, 0.3, 0.25])
    assert np.allclose(lines[-1].get_ydata(), 0.25) and "0.25" in lines[-1].get_label()
    assert np.all(np.diff(_screen_y(lines[0])) < 0)
    drawn = plots.plot_probe({"tanh": res})
    r2 = [*drawn["lines"].values(), drawn["reference"]]
    np.testing.assert_allclose(r2[0].get_ydata(), res.r2)
    assert np.allclose(r2[-1].get_ydata(), 0.0)
    assert r2[0].axes.get_ylim() == (-0.05, 1.05)
    with pytest.raises(ValueError):
        plots.plot_probe({"tanh": res}, metric="loss")
