"""helpers.plots.attention: the curves of notebooks 03-04 read back as drawn.

Curves are read from their line data, mapped through the axes; reference lines are compared with
values worked out here (1/T, 1/n_k).
"""

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from helpers.lessons import attention as aa
from tests.drawn import (
    plain_words,
    sentence_case_titles,
)
from tests.support.figures import hex_colour, in_palette


def _level_lines(ax, value):
    """Horizontal lines of ``ax`` drawn at ``value`` (reference lines)."""
    return [ln for ln in ax.get_lines() if len(set(ln.get_ydata())) == 1 and ln.get_ydata()[0] == value]


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
    left, right = out.axes
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
    left, right = out.axes
    left.figure.canvas.draw()
    assert left.get_position().x1 < right.get_position().x0
    assert left.get_position().y0 == pytest.approx(right.get_position().y0)
    assert len(_level_lines(left, 0.25)) == 1
    sentence_case_titles(left.figure)
    plain_words(left.figure, at_least=12)
    none = plots.self_weight_plot({"x": _curve([0.5] * 4, [0.5] * 4, T=0)})
    assert all(len(a.get_lines()) == 1 for a in none.axes)


# ---------------------------------------------------------------- saturation_plot


def test_saturation_curves_and_the_one_hot_and_uniform_lines():
    s = SimpleNamespace(d_k=np.array([2, 8, 32]), max_weight_plain=np.array([0.5, 0.8, 0.99]),
                        max_weight_scaled=np.array([0.4, 0.4, 0.41]), n_k=8)
    fig, ax = plt.subplots()
    out = plots.saturation_plot(s, ax)
    assert out.ax is ax
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
    assert plots.saturation_plot(s, title="Own").ax.get_title() == "Own"


def test_analysis_curves_are_drawn_from_their_numbers():
    c = SimpleNamespace(
        d=np.array([1, 2, 4, 8]),
        mean_self_weight=np.array([0.4, 0.5, 0.7, 0.9]),
        self_top_share=np.array([0.3, 0.6, 0.9, 1.0]),
        T=5,
    )
    out = plots.self_weight_plot({"naive": c})
    mean, share = out["lines"]["naive"]
    np.testing.assert_allclose(mean.get_ydata(), c.mean_self_weight)
    np.testing.assert_allclose(share.get_ydata(), c.self_top_share)
    left = out.axes[0]
    assert any(np.allclose(ln.get_ydata(), 0.2) for ln in left.get_lines())  # 1/T
    assert left.get_xscale() == "log"
    s = SimpleNamespace(
        d_k=np.array([2, 8, 32]),
        max_weight_plain=np.array([0.5, 0.8, 0.99]),
        max_weight_scaled=np.array([0.4, 0.4, 0.41]),
        n_k=10,
    )
    sat = plots.saturation_plot(s)
    np.testing.assert_allclose(sat["lines"]["plain"].get_ydata(), s.max_weight_plain)
    np.testing.assert_allclose(sat["lines"]["scaled"].get_ydata(), s.max_weight_scaled)
    assert any(np.allclose(ln.get_ydata(), 0.1) for ln in sat.ax.get_lines())
    dist = SimpleNamespace(
        distance=np.arange(5),
        rnn_influence=np.array([2.0, 1.0, 0.1, 0.0, 0.001]),
        attention_influence=np.array([0.5, 0.3, 0.2, 0.2, 0.2]),
        attention_weight=np.array([1.0, 0.5, 0.3, 0.25, 0.2]),
    )
    d = plots.distance_plot(dist)
    assert d.ax.get_yscale() == "log"
    rnn, att = d["lines"]["rnn"], d["lines"]["attention"]
    n = len(rnn.get_ydata())  # the figure may leave out distance 0
    assert n >= 4
    np.testing.assert_allclose(rnn.get_xdata(), dist.distance[-n:])
    assert np.all(rnn.get_ydata() > 0)  # a zero is drawn at the bottom of the log axis, not dropped
    np.testing.assert_allclose(np.asarray(rnn.get_ydata())[[0, 1, 3]], dist.rnn_influence[-n:][[0, 1, 3]])
    np.testing.assert_allclose(att.get_ydata(), dist.attention_influence[-n:])


def test_curve_plots_show_the_computed_numbers():
    import matplotlib.pyplot as plt

    from helpers.plots.attention import distance_plot, saturation_plot, self_weight_plot, word_arrows

    curve = aa.self_weight_vs_dimension([1, 4], np.random.default_rng(0), T=4, n_sentences=10)
    lines = self_weight_plot({"naive": curve})["lines"]["naive"]
    assert np.allclose(lines[0].get_ydata(), curve.mean_self_weight)
    assert np.allclose(lines[1].get_ydata(), curve.self_top_share)
    sat = aa.softmax_saturation([1, 8], np.random.default_rng(0), n_trials=20)
    sl = saturation_plot(sat)["lines"]
    assert np.allclose(sl["plain"].get_ydata(), sat.max_weight_plain)
    assert np.allclose(sl["scaled"].get_ydata(), sat.max_weight_scaled)
    from helpers.lessons.bilinear import first_word_reach

    comp = first_word_reach(6, 3, np.random.default_rng(0))
    dl = distance_plot(comp)["lines"]
    assert np.allclose(dl["attention"].get_ydata(), comp.attention_influence[1:])
    assert np.allclose(dl["weight"].get_ydata(), comp.attention_weight[1:])
    assert np.allclose(dl["rnn"].get_xdata(), comp.distance[1:])
    fig = lines[0].figure
    fig.canvas.draw()
    ticks = [t.get_text() for t in lines[0].axes.get_xticklabels() if t.get_text()]
    assert ticks == ["1", "4"]  # integer widths, not 1.0 / 4.0
    axes = [word_arrows(M, ["a", "b"], lim=2.5).ax for M in (np.eye(2), 0.1 * np.eye(2))]
    assert all(ax.get_xlim() == (-2.5, 2.5) and ax.get_ylim() == (-2.5, 2.5) for ax in axes)
    plt.close("all")
