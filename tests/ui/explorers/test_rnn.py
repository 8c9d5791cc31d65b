"""helpers.ui.explorers.rnn: notebook 01's influence explorer; its curve is the chain rule's."""

import math
import re

import numpy as np
import pytest

from helpers.core.embeddings import embed_tokens, tokenize
from helpers.core.rnn import init_rnn, input_influence, with_spectral_radius
from helpers.lessons.examples import LONG_SENTENCE
from helpers.ui import (
    BiRNNExplorer,
    Explorer,
    InfluenceExplorer,
)
from tests.drawn import (
    axis_map,
    line_chart_data,
    plain_text,
    px_tol,
    read_svg,
)
from tests.reference import at_radius, fd_jacobian_norm, loop_rnn, loop_rnn_jacobian_norms
from tests.support.widgets import labels_are_plain, nums, reaches


def _expected_first_word(T, radius, nonlinearity, d_in=8, d_h=16, seed=0):
    """Independent route: the full [T, T] influence map of helpers.core.rnn, column 0."""
    X = embed_tokens(tokenize(LONG_SENTENCE)[:T], d_in, seed=seed)
    W_xh, W_hh, b_h = init_rnn(d_in, d_h, np.random.default_rng(seed), radius=1.0)
    return input_influence(X, W_xh, with_spectral_radius(W_hh, radius), b_h, nonlinearity=nonlinearity)[:, 0]


def test_influence_explorer_is_an_explorer_with_fixed_repr():
    ex = InfluenceExplorer()
    assert isinstance(ex, Explorer)
    assert "interactive" in repr(ex)


@pytest.mark.parametrize(("radius", "length", "nonlinearity"),
                         [(0.5, 30, "tanh"), (1.5, 12, "none"), (1.0, 2, "none")])
def test_influence_explorer_moves_with_its_sliders(radius, length, nonlinearity):
    ex = InfluenceExplorer()
    before = ex.chart.series["first word"].copy()
    ex.radius.value = radius
    ex.length.value = length
    ex.nonlinearity.value = nonlinearity
    shown = ex.chart.series
    np.testing.assert_allclose(ex.chart.x, np.arange(length))
    np.testing.assert_allclose(shown["first word"], _expected_first_word(length, radius, nonlinearity))
    np.testing.assert_allclose(shown["radius^d"], radius ** np.arange(length))
    assert shown["to last state"][0] == pytest.approx(1.0)  # d h_T / d h_T is the identity
    assert not np.array_equal(before, shown["first word"])
    assert f"{radius:.2f}" in ex.chart.title and nonlinearity in ex.chart.title


def test_influence_explorer_can_vanish_and_explode():
    ex = InfluenceExplorer()
    ex.nonlinearity.value = "none"
    ex.radius.value = 0.5
    assert "vanishing" in ex.readout.value
    ex.radius.value = 1.5
    assert "exploding" in ex.readout.value
    assert ex.chart.series["first word"][-1] > 1e3 * ex.chart.series["first word"][0]


def test_explorers_render_svg_in_place():
    ex = InfluenceExplorer()
    chart_widget = ex.chart.html
    ex.radius.value = 1.2
    assert ex.chart.html is chart_widget  # the same widget, new content
    assert "<svg" in chart_widget.value and "first word" in chart_widget.value
    bi = BiRNNExplorer()
    bi.word.value = 0
    assert "<svg" in bi.chart.html.value and "rta-bar" in bi.chart.html.value


# ------------------------------------------------ the RNN explorers, against finite differences


@pytest.mark.parametrize(("radius", "length", "nonlinearity"), [(0.7, 10, "tanh"), (1.6, 14, "none")])
def test_influence_explorer_curve_is_the_finite_difference_influence(radius, length, nonlinearity):
    from helpers.ui import InfluenceExplorer

    ex = InfluenceExplorer()
    ex.length.value, ex.nonlinearity.value, ex.radius.value = length, nonlinearity, radius
    W_xh, W_hh, b = ex.params
    W_r = at_radius(W_hh, ex.radius.value)
    X = ex.X_full[:length].copy()

    def state_after(d):
        def fn(x0):
            Xp = X.copy()
            Xp[0] = x0
            return loop_rnn(Xp[: d + 1], W_xh, W_r, b, nonlinearity=nonlinearity)[-1]

        return fn

    expected = np.array([fd_jacobian_norm(state_after(d), X[0]) for d in range(length)])
    xs, ys, svg = line_chart_data(ex.chart.html.value, log=True)
    fy = axis_map(svg.y_ticks(), log=True)
    lo, hi = 1e-10, 1e12
    np.testing.assert_allclose(xs["first word"], np.arange(length), atol=px_tol(axis_map(svg.x_ticks())))
    np.testing.assert_allclose(
        np.log10(ys["first word"]), np.log10(np.clip(expected, lo, hi)), atol=px_tol(fy) + 1e-6
    )
    np.testing.assert_allclose(
        np.log10(ys["radius^d"]), [d * math.log10(radius) for d in range(length)], atol=px_tol(fy)
    )
    assert f"{length - 1} steps" in svg.title


# --------------------------------------------------------------------- notebook 01: influence


def _influence_by_hand(T, radius, tanh, d_in=8, d_h=16, seed=0):
    X = embed_tokens(tokenize(LONG_SENTENCE)[:T], d_in, seed=seed)
    W_xh, W_hh, b = init_rnn(d_in, d_h, np.random.default_rng(seed), radius=1.0)
    W_r = at_radius(W_hh, radius)
    return loop_rnn_jacobian_norms(X, W_xh, W_r, b, "tanh" if tanh else "none"), W_r


def test_influence_readout_and_drawn_curve_match_the_chain_rule():
    ex = InfluenceExplorer()
    ex.radius.value, ex.length.value, ex.nonlinearity.value = 1.3, 10, "none"
    first, W_r = _influence_by_hand(10, 1.3, tanh=False)
    xs, ys, svg = line_chart_data(ex.chart.html.value, log=True)
    np.testing.assert_allclose(xs["first word"], np.arange(10), atol=0.05)
    np.testing.assert_allclose(np.log10(ys["first word"]), np.log10(first), atol=0.05)
    shown = nums(ex.readout.value)
    sv = np.linalg.svd(W_r, compute_uv=False)[0]
    # readout: ||dh/dx_0|| (x_0 is word 1) from first[0] to first[-1] after T-1 steps, ratio, largest sv
    assert shown[-5] == pytest.approx(first[0], rel=6e-3) and shown[-4] == pytest.approx(first[-1], rel=6e-3)
    assert shown[-3] == 9 and shown[-2] == pytest.approx(first[-1] / first[0], rel=0.06)
    assert shown[-1] == pytest.approx(sv, abs=0.006)
    title = svg.title
    assert f"'{tokenize(LONG_SENTENCE)[0]}'" in title and "9 steps" in title and "1.30" in title
    plain_text(re.sub(r"'[^']*'", "", ex.readout.value.replace("||", "")))


def test_influence_chart_axis_is_fixed_so_radii_compare():
    ex = InfluenceExplorer()
    for r in (0.5, 5.0):
        ex.radius.value = r
        svg = read_svg(ex.chart.html.value)
        to_data = axis_map(svg.y_ticks(), log=True)
        _, top, _, bottom = svg.frame
        assert np.log10(to_data(top)) == pytest.approx(12, abs=0.05)
        assert np.log10(to_data(bottom)) == pytest.approx(-10, abs=0.05)
    x_label, y_label = svg.axis_labels()
    assert "distance" in x_label and "log" in y_label
    plain_text(x_label), plain_text(y_label), plain_text(svg.title)


def test_influence_widgets_reach_the_regimes_the_text_names():
    ex = InfluenceExplorer()
    T = len(tokenize(LONG_SENTENCE))
    labels_are_plain(ex.radius, ex.length, ex.nonlinearity)
    assert "radius" in ex.radius.description and "W_hh" in ex.radius.description
    assert "words" in ex.length.description
    assert reaches(ex.radius, 0.5) and reaches(ex.radius, 1.0) and reaches(ex.radius, 5.0)
    assert reaches(ex.radius, 0.95) and reaches(ex.radius, 1.05)  # fine steps either side of 1
    assert ex.radius.max == 5.0 and (ex.length.min, ex.length.max, ex.length.value) == (2, T, T)
    assert ex.radius.value == 0.9 and "0.90" in read_svg(ex.chart.html.value).title
    assert list(ex.nonlinearity.options) == ["tanh", "none"]


def test_influence_explorer_uses_its_seed_and_sizes():
    ex = InfluenceExplorer(d_in=5, d_h=7, seed=4)
    ex.length.value = 6
    X = embed_tokens(tokenize(LONG_SENTENCE)[:6], 5, seed=4)
    W_xh, W_hh, b = init_rnn(5, 7, np.random.default_rng(4), radius=1.0)
    first = loop_rnn_jacobian_norms(X, W_xh, at_radius(W_hh, 0.9), b)
    _, ys, _ = line_chart_data(ex.chart.html.value, log=True)
    np.testing.assert_allclose(np.log10(ys["first word"]), np.log10(first), atol=0.05)
