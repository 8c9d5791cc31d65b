"""Figures of notebooks 01-02 (helpers/plots/rnn.py) read back as drawn.

Each test builds a tiny input by hand, works out what the figure must show with plain loops, and
reads the figure back: rendered cell colours (through the cividis colour list), line and bar data,
tick texts, limits and scales. Texts are checked for the numbers and tokens they must name and
with ``plain_words`` (no wording is pinned). Complements tests/test_drawn_plots.py.
"""

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from tests.drawn import cell_fractions, numbers, plain_words, sentence_case_titles, words
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
    lines = plots.plot_curves(x, curves, ax, title="Five decays")
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
    lax = lin[0].axes
    assert lax.get_yscale() == "linear" and lax.get_ylabel() == "size" and lax.get_xlabel() == "steps k"
    logged = plots.plot_curves(x, {"a": [1, 2, 3]}, title="Logged", ylabel="size")[0].axes.get_ylabel()
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
    lines = plots.plot_probe(results, ax, metric="accuracy")
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
    r2 = plots.plot_probe(results)
    rax = r2[0].axes
    np.testing.assert_allclose(r2[1].get_ydata(), results["linear"].r2)
    assert list(r2[2].get_ydata()) == [0.0, 0.0] and r2[2].get_label()
    assert [t.get_text() for t in rax.get_legend().get_texts()][:2] == ["tanh", "linear"]
    assert len(rax.get_legend().get_texts()) == 3
    assert rax.get_ylabel() and rax.get_ylabel() != acc_texts[0]
    assert rax.get_title() and rax.get_title() != acc_texts[1]
    assert any(g.get_visible() for g in rax.yaxis.get_gridlines())
    sentence_case_titles(rax.figure)
    plain_words(rax.figure, at_least=8)
    assert plots.plot_probe(results, title="Mine")[0].axes.get_title() == "Mine"
    with pytest.raises(ValueError) as err:
        plots.plot_probe(results, metric="loss")
    assert "loss" in str(err.value)


# ---------------------------------------------------------------- plot_influence_maps


def test_influence_maps_sit_side_by_side_and_name_both_directions():
    T = 3
    f = [[1.0 if s <= t else 0.0 for s in range(T)] for t in range(T)]
    b = [[2.0 if s >= t else 0.0 for s in range(T)] for t in range(T)]
    both = [[(f[t][s] ** 2 + b[t][s] ** 2) ** 0.5 for s in range(T)] for t in range(T)]
    arts = plots.plot_influence_maps(f, b, both, ["I", "go", "home"], fmt=".3f")
    top = max(max(row) for row in both)
    for art, m in zip(arts, (f, b, both), strict=True):
        assert art.image.get_clim() == (0.0, top)
        np.testing.assert_allclose(cell_fractions(art.ax, T, T), np.array(m) / top, atol=1.5 / 256)
        assert art.texts[0][0].get_text() == f"{m[0][0]:.3f}"
        assert [t.get_text() for t in art.ax.get_xticklabels()] == ["I", "go", "home"]
        assert "s" in words(art.ax.get_xlabel()) and "t" in words(art.ax.get_ylabel())
    fig = arts[0].ax.figure
    fig.canvas.draw()
    boxes = [a.ax.get_position() for a in arts]
    assert boxes[0].x1 < boxes[1].x0 and boxes[1].x1 < boxes[2].x0
    assert boxes[0].y0 == pytest.approx(boxes[1].y0) == pytest.approx(boxes[2].y0)
    titles = [a.ax.get_title().replace("\n", " ") for a in arts]
    assert len(set(titles)) == 3
    assert "RNN" in words(titles[0]) and "RNN" in words(titles[1]) and "T" in words(titles[1])
    plain_words(fig, at_least=20)
    with pytest.raises(ValueError) as err:
        plots.plot_influence_maps(f, b, np.ones((2, 2)), ["I", "go", "home"])
    assert "(2, 2)" in str(err.value) and "3" in str(err.value)
    _, four = plt.subplots(1, 4)
    with pytest.raises(ValueError):
        plots.plot_influence_maps(f, b, both, ["I", "go", "home"], axes=four)  # one axes per map


# ---------------------------------------------------------------- plot_contributions


def test_contribution_pairs_are_centred_on_their_word_in_palette_colours():
    rows = {"forward": [0.5, 1.0, 2.0], "backward": [2.0, 1.0, 0.25], "both": [1.0, 1.0, 1.0]}
    tokens = ["I", "go", "home"]
    fig, ax = plt.subplots()
    bars = plots.plot_contributions(rows, tokens, 2, ax, logy=False)
    assert all(p.axes is ax for c in bars for p in c)
    for container, vals in zip(bars, rows.values(), strict=True):
        assert [p.get_height() for p in container] == vals
    for s in range(3):
        centres = [c[s].get_x() + c[s].get_width() / 2 for c in bars]
        assert np.mean(centres) == pytest.approx(s) and centres == sorted(centres)
    cols = palette_colours([c[0] for c in bars], get=lambda p: p.get_facecolor())
    assert len(set(cols)) == 3
    labels = [t.get_text() for t in ax.get_xticklabels()]
    for s, (label, tok) in enumerate(zip(labels, tokens, strict=True)):
        assert numbers(label) == [s + 1] and tok in label
    assert 3 in numbers(ax.get_title()) and "home" in ax.get_title()  # word t=2 is word 3
    assert 1 in numbers(ax.get_xlabel())
    linear = ax.get_ylabel()
    assert "h_t" in linear and "x_s" in linear and "log" not in words(linear)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(rows)
    assert any(g.get_visible() for g in ax.yaxis.get_gridlines())
    sentence_case_titles(fig)
    plain_words(fig, at_least=9)
    log = plots.plot_contributions(rows, tokens, 0)
    lax = log[0][0].axes
    assert lax.get_yscale() == "log" and "log" in words(lax.get_ylabel())
    assert lax.get_ylabel().startswith(linear)
    # The same quantity, written the same way, as in the influence maps of the same notebook; the
    # log axis is marked as in plot_curves.
    maps = plots.plot_influence_maps(np.eye(3), np.eye(3), np.eye(3), tokens)
    assert maps[0].ax.get_title().replace("\n", " ").startswith(linear.replace(" ", "") + ",")
    curve_ax = plots.plot_curves([1, 2], {"a": [1, 2]}, title="c", ylabel="size")[0].axes
    assert lax.get_ylabel()[len(linear):] == curve_ax.get_ylabel()[len("size"):]
    plain_words(lax.figure, at_least=9)
