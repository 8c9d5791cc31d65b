"""Live explorers of notebooks 01-02: move a widget, the chart shows what the compute helpers give."""

import numpy as np
import pytest

from helpers.core.embeddings import embed_tokens, tokenize
from helpers.core.rnn import init_rnn, input_influence, with_spectral_radius
from helpers.core.rnn_analysis import birnn_influence
from helpers.lessons.examples import LONG_SENTENCE, SHORT_SENTENCE
from helpers.lessons.rnn import fate_of
from helpers.ui import BiRNNExplorer, Explorer, InfluenceExplorer


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


def test_fate_of():
    assert fate_of(np.array([1.0, 1e-3])) == "vanishing"
    assert fate_of(np.array([1.0, 1e3])) == "exploding"
    assert fate_of(np.array([1.0, np.inf])) == "exploding"
    assert fate_of(np.array([1.0, 0.5])) == "steady"
    assert fate_of(np.array([10.0, 1e-2])) == "vanishing"  # the ratio last / first decides, 1e-3 here
    assert fate_of(np.array([1e-3, 1e-3])) == "steady"
    assert fate_of(np.array([1.0, 0.5]), low=0.6) == "vanishing"  # the thresholds are passed on
    assert fate_of(np.array([1.0, 0.5]), low=0.1, high=0.4) == "exploding"


def test_fate_of_a_curve_starting_at_zero_says_so_quietly():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no divide-by-zero warning reaches the notebook
        assert fate_of(np.array([0.0, 1.0])) == "exploding"


@pytest.mark.parametrize(("word", "radius"), [(0, 0.9), (5, 1.3), (11, 0.5)])
def test_birnn_explorer_bars_follow_word_and_radius(word, radius):
    ex = BiRNNExplorer()
    ex.word.value = word
    ex.radius.value = radius
    tokens = tokenize(SHORT_SENTENCE)
    X = embed_tokens(tokens, 8, seed=0)
    rng = np.random.default_rng(0)
    (fx, fh, fb), (bx, bh, bb) = init_rnn(8, 8, rng, radius=1.0), init_rnn(8, 8, rng, radius=1.0)
    fwd, bwd, _ = birnn_influence(X, (fx, with_spectral_radius(fh, radius), fb),
                                  (bx, with_spectral_radius(bh, radius), bb))
    np.testing.assert_allclose(ex.chart.values["forward"], fwd[word])
    np.testing.assert_allclose(ex.chart.values["backward"], bwd[word])
    assert np.all(ex.chart.values["forward"][word + 1:] == 0)  # the forward RNN has not read later words
    assert np.all(ex.chart.values["backward"][:word] == 0)
    assert f"word {word + 1} '{tokens[word]}'" in ex.chart.title  # words counted from 1 on screen
    assert ex.word.label == f"{word + 1}: {tokens[word]}"
    assert ex.chart.labels == tokens


def test_birnn_explorer_has_separate_parameters():
    ex = BiRNNExplorer()
    assert not np.allclose(ex.forward_params[1], ex.backward_params[1])
    assert "interactive" in repr(ex)


def test_explorers_render_svg_in_place():
    ex = InfluenceExplorer()
    chart_widget = ex.chart.html
    ex.radius.value = 1.2
    assert ex.chart.html is chart_widget  # the same widget, new content
    assert "<svg" in chart_widget.value and "first word" in chart_widget.value
    bi = BiRNNExplorer()
    bi.word.value = 0
    assert "<svg" in bi.chart.html.value and "rta-bar" in bi.chart.html.value
