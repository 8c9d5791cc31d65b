"""Figures of notebooks 03-04 (helpers/plots/attention.py) read back as drawn.

Arrows are read back from the rendered canvas (where the shaft starts, where the head ends, where
the word's name sits); curves from their line data, mapped through the axes; reference lines are
compared with values worked out here (1/T, 1/n_k). Complements tests/test_drawn_plots.py.
"""

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from tests.drawn import numbers, plain_words, sentence_case_titles, words
from tests.support.figures import hex_colour, in_palette


def _level_lines(ax, value):
    """Horizontal lines of ``ax`` drawn at ``value`` (reference lines)."""
    return [ln for ln in ax.get_lines() if len(set(ln.get_ydata())) == 1 and ln.get_ydata()[0] == value]


# ---------------------------------------------------------------- word_arrows


def test_arrows_run_from_the_origin_to_each_vector_with_the_name_beyond_the_tip():
    X = np.array([[2.0, 0.0], [0.0, 2.0]])
    fig, ax = plt.subplots()
    art = plots.word_arrows(X, ["a", "b"], ax=ax, encodings=[[1.0, 1.0], [-1.0, 0.5]])
    assert art["ax"] is ax and len(art["arrows"]) == len(art["labels"]) == 4
    assert all(a.get_text() == "" for a in art["arrows"])  # the name is a separate text
    names = [t.get_text() for t in art["labels"]]
    assert names[:2] == ["a", "b"] and "a" in names[2] and "b" in names[3] and names[2] not in ("a", "b")
    fig.canvas.draw()
    origin = ax.transData.transform((0, 0))
    ends = [[2.0, 0.0], [0.0, 2.0], [1.0, 1.0], [-1.0, 0.5]]
    for arrow, end in zip(art["arrows"], ends, strict=True):
        path = arrow.arrow_patch.get_path()
        pts = path.vertices[path.codes != path.CLOSEPOLY]
        tip = ax.transData.transform(end)
        assert np.min(np.linalg.norm(pts - origin, axis=1)) < 1.0  # the shaft starts at the origin
        farthest = pts[np.argmax(np.linalg.norm(pts - origin, axis=1))]
        assert np.linalg.norm(farthest - tip) < 4.0  # the head ends at the vector (line join ~3 px)
    for label, v in zip(art["labels"][:2], X, strict=True):
        pos = np.array(label.get_position())
        assert np.dot(pos - v, v) > 0  # beyond the tip along the arrow
    tip_y = ax.transData.transform((2.0, 0.0))[1]
    assert art["labels"][0].get_window_extent().y0 > tip_y  # the name is not struck through by its shaft
    colours = [hex_colour(a.arrow_patch.get_edgecolor()) for a in art["arrows"]]
    in_palette(colours)
    assert colours[0] != colours[1] and colours[2:] == colours[:2]  # an encoding in its word's colour
    assert [hex_colour(t.get_color()) for t in art["labels"]] == colours
    styles = [a.arrow_patch.get_linestyle() for a in art["arrows"]]
    assert styles[0] == styles[1] and styles[2] == styles[3] and styles[0] != styles[2]
    assert ax.get_xlim() == ax.get_ylim() == pytest.approx((-2.4, 2.4))  # 1.2 x the longest vector
    assert "1" in ax.get_xlabel() and "2" in ax.get_ylabel() and ax.get_title()
    sentence_case_titles(fig)
    plain_words(fig, at_least=9)


def test_arrow_limits_follow_short_vectors_and_a_given_half_width():
    short = plots.word_arrows([[0.5, 0.0], [0.0, -0.25]], ["a", "b"], title="Short")
    assert short["ax"].get_xlim() == pytest.approx((-0.6, 0.6)) and short["ax"].get_title() == "Short"
    fixed = plots.word_arrows([[0.5, 0.0]], ["a"], lim=3)
    assert fixed["ax"].get_xlim() == fixed["ax"].get_ylim() == (-3.0, 3.0)
    one = plots.word_arrows([[0.5, 0.5]], ["a"], encodings=[0.25, -0.25])  # one encoding, flat
    assert np.allclose(one["arrows"][1].xy, [0.25, -0.25])
    named = plots.word_arrows([[1.0, 0.0], [0.0, 1.0]], ["a", "b"], encodings=[[1, 1], [0, 0]],
                              encoding_labels=["mix", "none"])
    assert [t.get_text() for t in named["labels"]] == ["a", "b", "mix", "none"]
    with pytest.raises(ValueError):
        plots.word_arrows(np.eye(2), ["a", "b"], encodings=np.eye(2), encoding_labels=["only one"])


@pytest.mark.parametrize(("X", "n", "shown"), [(np.ones(2), 2, "(2,)"), (np.ones((2, 3)), 2, "(2, 3)"),
                                               (np.ones((2, 2)), 3, "(2, 2)")])
def test_arrow_errors_name_the_shapes(X, n, shown):
    with pytest.raises(ValueError) as err:
        plots.word_arrows(X, [f"w{i}" for i in range(n)])
    assert shown in str(err.value) and str(n) in str(err.value)


# ---------------------------------------------------------------- self_weight_plot


def _curve(mean, share, T=5):
    return SimpleNamespace(d=np.array([1, 2, 4, 8]), mean_self_weight=np.array(mean),
                           self_top_share=np.array(share), T=T)


def _log2_axis_ok(ax, d):
    ax.figure.canvas.draw()
    assert ax.get_xscale() == "log" and ax.xaxis.get_transform().base == 2
    assert list(ax.get_xticks()) == list(d)
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(v) for v in d]  # whole numbers
    assert len(ax.xaxis.get_minorticklocs()) == 0


def _unit_range(ax):
    """Weights and shares are shown on their whole 0..1 range (a little headroom above 1)."""
    bottom, top = ax.get_ylim()
    assert bottom == 0 and 1 <= top <= 1.1


def test_self_weight_panels_draw_each_curve_with_the_no_preference_line():
    curves = {"naive": _curve([0.4, 0.5, 0.7, 0.9], [0.3, 0.6, 0.9, 1.0]),
              "learned": _curve([0.2, 0.3, 0.3, 0.35], [0.2, 0.2, 0.4, 0.4])}
    fig, axes = plt.subplots(1, 2)
    out = plots.self_weight_plot(curves, axes, title_prefix="Toy")
    left, right = out["axes"]
    assert (left, right) == tuple(axes)
    for label, c in curves.items():
        mean, share = out["lines"][label]
        assert mean.axes is left and share.axes is right
        assert list(mean.get_xdata()) == list(share.get_xdata()) == [1, 2, 4, 8]
        np.testing.assert_allclose(mean.get_ydata(), c.mean_self_weight)
        np.testing.assert_allclose(share.get_ydata(), c.self_top_share)
        assert mean.get_label() == share.get_label() == label
        assert hex_colour(mean.get_color()) == hex_colour(share.get_color())
    colours = [out["lines"][k][0].get_color() for k in curves]
    in_palette(colours)
    assert hex_colour(colours[0]) != hex_colour(colours[1])
    for a in (left, right):
        ref = _level_lines(a, 1 / 5)
        assert len(ref) == 1 and "5" in ref[0].get_label()
        assert [t.get_text() for t in a.get_legend().get_texts()] == ["naive", "learned", ref[0].get_label()]
        _log2_axis_ok(a, [1, 2, 4, 8])
        _unit_range(a)
        assert a.get_title().startswith("Toy") and a.get_xlabel()
    assert left.get_title() != right.get_title() and left.get_ylabel() != right.get_ylabel()
    assert left.get_ylabel() and right.get_ylabel()
    plain_words(fig, at_least=16)


def test_self_weight_default_figure_is_two_panels_side_by_side_and_no_t_draws_no_line():
    out = plots.self_weight_plot({"x": _curve([0.5] * 4, [0.5] * 4, T=4)})
    left, right = out["axes"]
    left.figure.canvas.draw()
    assert left.get_position().x1 < right.get_position().x0
    assert left.get_position().y0 == pytest.approx(right.get_position().y0)
    assert len(_level_lines(left, 0.25)) == 1
    sentence_case_titles(left.figure)
    plain_words(left.figure, at_least=12)
    none = plots.self_weight_plot({"x": _curve([0.5] * 4, [0.5] * 4, T=0)})
    assert all(len(a.get_lines()) == 1 for a in none["axes"])


# ---------------------------------------------------------------- saturation_plot


def test_saturation_curves_and_the_one_hot_and_uniform_lines():
    s = SimpleNamespace(d_k=np.array([2, 8, 32]), max_weight_plain=np.array([0.5, 0.8, 0.99]),
                        max_weight_scaled=np.array([0.4, 0.4, 0.41]), n_k=8)
    fig, ax = plt.subplots()
    out = plots.saturation_plot(s, ax)
    assert out["ax"] is ax
    plain, scaled = out["lines"]["plain"], out["lines"]["scaled"]
    for line, y in ((plain, [0.5, 0.8, 0.99]), (scaled, [0.4, 0.4, 0.41])):
        assert list(line.get_xdata()) == [2, 8, 32] and list(line.get_ydata()) == y
    in_palette([plain.get_color(), scaled.get_color()])
    assert hex_colour(plain.get_color()) != hex_colour(scaled.get_color())
    one, uniform = _level_lines(ax, 1.0), _level_lines(ax, 1 / 8)
    assert len(one) == len(uniform) == 1 and "8" in uniform[0].get_label() and "1" in one[0].get_label()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) == len(set(legend)) == 4 and all(legend)
    assert "d_k" in ax.get_xlabel() and "d_k" in scaled.get_label()  # the scale is named by its width
    _log2_axis_ok(ax, [2, 8, 32])
    _unit_range(ax)
    assert ax.get_ylabel() and ax.get_title()
    sentence_case_titles(fig)
    plain_words(fig, at_least=12)
    assert plots.saturation_plot(s, title="Own")["ax"].get_title() == "Own"


# ---------------------------------------------------------------- distance_plot


def test_distance_plot_starts_at_distance_one_and_keeps_a_zero_at_the_bottom():
    T = 5
    c = SimpleNamespace(distance=np.arange(T), rnn_influence=np.array([3.0, 1.0, 0.1, 0.0, 0.01]),
                        attention_influence=np.array([9.0, 0.5, 0.4, 0.3, 0.3]),
                        attention_weight=np.array([1.0, 0.5, 0.3, 0.25, 0.2]))
    fig, ax = plt.subplots()
    out = plots.distance_plot(c, ax)
    assert out["ax"] is ax and ax.get_yscale() == "log" and "log" in words(ax.get_ylabel())
    rnn, att, w = (out["lines"][k] for k in ("rnn", "attention", "weight"))
    for line in (rnn, att, w):
        assert list(line.get_xdata()) == [1, 2, 3, 4]  # distance 0 (one word) is left out
    y = np.asarray(rnn.get_ydata(), dtype=float)
    assert list(y[[0, 1, 3]]) == [1.0, 0.1, 0.01]
    assert 0 < y[2] < 0.01 and np.isfinite(y[2])  # the zero is drawn below everything else, not dropped
    assert list(att.get_ydata()) == [0.5, 0.4, 0.3, 0.3] and list(w.get_ydata()) == [0.5, 0.3, 0.25, 0.2]
    colours = [line.get_color() for line in (rnn, att, w)]
    in_palette(colours)
    assert len({hex_colour(col) for col in colours}) == 3
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [rnn.get_label(), att.get_label(), w.get_label()] and len(set(labels)) == 3
    assert "RNN" in words(labels[0]) and "attention" in words(labels[1])
    assert set(numbers(ax.get_title())) == {2, T} and ax.get_xlabel()  # sentences of 2 to T words
    sentence_case_titles(fig)
    plain_words(fig, at_least=8)
    assert plots.distance_plot(c, title="Own")["ax"].get_title() == "Own"
