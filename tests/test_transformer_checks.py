"""Notebook 07 exercise checks (each hint tried with the mistake it names) and static figures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.checks.transformer import (
    PUZZLE_ORDER,
    check_causal_mask,
    check_head_presets,
    check_multi_head,
)
from helpers.core.cost import multiply_adds, time_rnn_vs_attention
from helpers.core.transformer import multi_head_attention, sinusoidal_positions
from helpers.lessons import transformer as lt
from helpers.plots.transformer import cost_plot, head_grid, heatmap_row, offset_plot, positions_heatmap
from tests.reference import numpy_attention


def test_causal_mask_check_passes_right_answers():
    for fn in (lambda T: np.tri(T, dtype=bool), lambda T: np.tril(np.ones((T, T))) > 0,
               lambda T: np.arange(T)[None, :] <= np.arange(T)[:, None]):
        assert check_causal_mask(fn).passed


@pytest.mark.parametrize(
    "fn,words",
    [(lambda T: np.triu(np.ones((T, T), bool)), "transposed"),
     (lambda T: ~np.tri(T, dtype=bool), "swapped"),
     (lambda T: np.tri(T, k=-1, dtype=bool), "diagonal"),
     (lambda T: np.ones((T, T), bool), "no mask"),
     (lambda T: np.tri(T), "dtype"),
     (lambda T: np.tri(T, dtype=bool)[:, :-1], "shape"),
     (lambda T: None, "return"),
     (lambda T: 1 / 0, "ZeroDivisionError"),
     (lambda T: np.tri(T, k=1, dtype=bool), "next word"),
     (lambda T: np.tri(T, dtype=bool) | np.eye(T, k=2, dtype=bool), "should be False")],
)
def test_causal_mask_check_names_each_mistake(fn, words):
    res = check_causal_mask(fn)
    assert not res.passed and words in res.message, res.message


def _heads(X, W_q, W_k, W_v, scale=None, order=None, same=False, swap=False, mask=None, axis=-1):
    """Each head's output as a learner computes it; the options are slips (head order, one head's maps
    for all, Q and K swapped, a mask, the softmax axis)."""
    idx = range(len(W_q)) if order is None else order
    idx = [0 if same else j for j in idx]
    W_q, W_k = (W_k, W_q) if swap else (W_q, W_k)
    return [numpy_attention(X @ W_q[j], X @ W_k[j], X @ W_v[j], scale, mask, axis) for j in idx]


def _multi_head(X, W_q, W_k, W_v, W_o, **slips):
    return np.concatenate(_heads(X, W_q, W_k, W_v, **slips), axis=1) @ W_o


@pytest.mark.parametrize(
    "fn,words",
    [(lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v), axis=-1), "Multiply by W_o"),
     (lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v), axis=0), "wrong axis"),
     (lambda X, q, k, v, o: sum(_heads(X, q, k, v)), "instead of concatenating"),
     (lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v, scale=1.0), axis=-1) @ o, "forgot the scale"),
     (lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v, scale=6**-0.5), axis=-1) @ o, "sqrt(d_model)"),
     (lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v, same=True), axis=-1) @ o, "first head's maps"),
     (lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v, order=[2, 1, 0]), -1) @ o, "reverse order"),
     (lambda X, q, k, v, o: 1 / 0, "ZeroDivisionError")],
)
def test_multi_head_check_names_each_mistake(fn, words):
    res = check_multi_head(fn)
    assert not res.passed and words in res.message, res.message


def test_multi_head_check_passes_right_answers():
    assert check_multi_head(_multi_head).passed
    assert check_multi_head(lambda *a: multi_head_attention(*a)).passed  # a tuple is fine


def test_head_preset_puzzle():
    right = dict(zip("ABCD", PUZZLE_ORDER, strict=True))
    assert check_head_presets(right).passed
    wrong = dict(right, A="same word")
    res = check_head_presets(wrong)
    assert not res.passed and "heatmap A" in res.message
    assert "one of" in check_head_presets(dict(right, B="last word")).message
    assert "A, B, C, D" in check_head_presets({"A": "same word"}).message
    # the puzzle's heatmaps really differ in each row's top key
    heads = [multi_head_attention(lt.head_input(), *lt.stack_heads([lt.head_preset(n)]))[1][0]
             for n in PUZZLE_ORDER]
    tops = {tuple(np.argmax(w, axis=1)) for w in heads}
    assert len(tops) == 4


def _texts_inside(fig):
    """Every drawn text (titles, labels, tick labels in view, cell values) lies inside the saved image."""
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    tight = fig.get_tightbbox(r).transformed(fig.dpi_scale_trans)  # inches -> pixels
    assert tight.x0 >= -1 and tight.y0 >= -1 and tight.x1 <= fig.bbox.x1 + 1 and tight.y1 <= fig.bbox.y1 + 1
    for ax in fig.axes:
        for t in ax.texts:  # cell values are left out of the layout box: check them one by one
            bb = t.get_window_extent(r)
            assert bb.x0 >= 0 and bb.x1 <= fig.bbox.x1 and bb.y0 >= 0 and bb.y1 <= fig.bbox.y1, t.get_text()


def test_static_figures_show_the_computed_numbers():
    P = sinusoidal_positions(6, 4)
    art = positions_heatmap(P)
    assert np.allclose([[float(t.get_text()) for t in row] for row in art.texts], np.round(P, 1))
    _texts_inside(art.ax.figure)
    lines = offset_plot(sinusoidal_positions(12, 8), starts=(0, 3))
    G = sinusoidal_positions(12, 8) @ sinusoidal_positions(12, 8).T
    assert np.allclose(lines[1].get_ydata(), [G[3, 3 + k] for k in range(9)])
    _texts_inside(lines[0].figure)
    names = list(PUZZLE_ORDER)
    _, W = multi_head_attention(lt.head_input(), *lt.stack_heads([lt.head_preset(n) for n in names]))
    arts = head_grid(W, ["I", "go", "home"], names)
    fig = arts[0].ax.figure
    assert tuple(fig.get_size_inches() * fig.dpi) == (1280, 720)
    for j, a in enumerate(arts):
        assert np.allclose([[float(t.get_text()) for t in row] for row in a.texts], np.round(W[j], 2))
    _texts_inside(fig)
    arts = heatmap_row({"a": np.eye(2), "b": np.ones((2, 2)) / 2}, ["x", "y"])
    assert len(arts) == 2 and arts[1].texts[0][0].get_text() == "0.50"
    plt.close("all")


def test_cost_plot_draws_the_computed_counts_and_timings():
    Ts = [4, 8, 16]
    counts = {m: [multiply_adds(T, 4, m) for T in Ts] for m in ("rnn", "attention")}
    timing = time_rnn_vs_attention(Ts, 4, np.random.default_rng(0), repeats=1)
    ax_ops, ax_time = cost_plot(Ts, counts, timing)
    assert list(ax_ops.lines[0].get_ydata()) == counts["rnn"]
    assert list(ax_ops.lines[1].get_ydata()) == counts["attention"]
    assert np.allclose(ax_time.lines[0].get_ydata(), timing.rnn_seconds * 1e3)
    _texts_inside(ax_ops.figure)
    plt.close("all")


def test_multi_head_stub_is_named():
    res = check_multi_head(lambda X, q, k, v, o: np.zeros((X.shape[0], o.shape[1])))
    assert not res.passed and "stub" in res.message
