"""helpers.ui.explorers.rnn: notebook 02's Bi-RNN explorer; its bars are the chain rule's."""

import html
import re

import numpy as np
import pytest

from helpers.core.embeddings import embed_tokens, tokenize
from helpers.core.rnn import init_rnn, with_spectral_radius
from helpers.core.rnn_analysis import birnn_influence
from helpers.lessons.examples import SHORT_SENTENCE
from helpers.ui import BiRNNExplorer
from tests.drawn import axis_map, bars, plain_text, px_tol, read_svg
from tests.reference import at_radius, fd_jacobian_norm, loop_rnn, loop_rnn_jacobian_norms
from tests.support.widgets import labels_are_plain, nums, reaches


def test_birnn_explorer_bars_are_the_finite_difference_influence():
    from helpers.ui import BiRNNExplorer

    ex = BiRNNExplorer()
    ex.radius.value = 1.2
    t = 2
    ex.word.value = t
    X = ex.X
    T = len(X)
    rows = {}
    for name, (W_xh, W_hh, b) in (("forward", ex.forward_params), ("backward", ex.backward_params)):
        W_r = at_radius(W_hh, 1.2)
        row = []
        for s in range(T):

            def fn(xs, s=s, W_xh=W_xh, W_r=W_r, b=b, name=name):
                Xp = X.copy()
                Xp[s] = xs
                if name == "forward":
                    return loop_rnn(Xp, W_xh, W_r, b)[t]
                return loop_rnn(Xp[::-1], W_xh, W_r, b)[T - 1 - t]  # the backward RNN reads right to left

            row.append(fd_jacobian_norm(fn, X[s]))
        rows[name] = np.minimum(row, 3.0)  # the chart's fixed top
    heights, centres, svg = bars(ex.chart.html.value)
    fy = axis_map(svg.y_ticks())
    np.testing.assert_allclose(heights["forward"], rows["forward"], atol=2 * px_tol(fy) + 1e-6)
    np.testing.assert_allclose(heights["backward"], rows["backward"], atol=2 * px_tol(fy) + 1e-6)
    assert np.all(heights["forward"][t + 1 :] == 0) and np.all(heights["backward"][:t] == 0)
    assert f"'{ex.tokens[t]}'" in svg.title


# --------------------------------------------------------------------- notebook 02: Bi-RNN


def _birnn_rows(t, radius, seed=0, d=8):
    tokens = tokenize(SHORT_SENTENCE)
    X = embed_tokens(tokens, d, seed=seed)
    rng = np.random.default_rng(seed)
    (fx, fh, fb), (bx, bh, bb) = init_rnn(d, d, rng, radius=1.0), init_rnn(d, d, rng, radius=1.0)
    fh, bh = at_radius(fh, radius), at_radius(bh, radius)
    T = len(tokens)
    fwd, bwd = np.zeros(T), np.zeros(T)
    for s in range(t + 1):  # forward: d h_t / d x_s for s <= t
        fwd[s] = loop_rnn_jacobian_norms(X[s : t + 1], fx, fh, fb, h0=_h_before(X[:s], fx, fh, fb))[-1]
    Xr = X[::-1]
    tr = T - 1 - t
    for s in range(tr + 1):
        h0 = _h_before(Xr[:s], bx, bh, bb)
        bwd[T - 1 - s] = loop_rnn_jacobian_norms(Xr[s : tr + 1], bx, bh, bb, h0=h0)[-1]
    both = np.sqrt(fwd**2 + bwd**2)
    return tokens, fwd, bwd, both


def _h_before(X, W_xh, W_hh, b):
    """The state after the words of X (zeros when X is empty): where the next word starts from."""
    H = loop_rnn(X, W_xh, W_hh, b)
    return H[-1] if len(H) else np.zeros(W_hh.shape[0])


@pytest.mark.parametrize("t", [3, 9])  # the farthest word is the last one, then the first
def test_birnn_bars_and_readout_match_the_chain_rule(t):
    ex = BiRNNExplorer()
    ex.radius.value = 1.2
    ex.word.value = t
    tokens, fwd, bwd, both = _birnn_rows(t, 1.2)
    heights, centres, svg = bars(ex.chart.html.value)
    np.testing.assert_allclose(heights["forward"], np.minimum(fwd, 3.0), atol=0.02)
    np.testing.assert_allclose(heights["backward"], np.minimum(bwd, 3.0), atol=0.02)
    assert np.all(np.diff(centres["forward"]) > 0)
    T = len(tokens)
    far = max(range(T), key=lambda s: abs(s - t))
    assert far == (T - 1 if t < T / 2 else 0)
    text = html.unescape(ex.readout.value)
    assert f"'{tokens[t]}'" in text and f"'{tokens[far]}'" in text
    shown = nums(re.sub(r"'[^']*'", "", text))
    assert shown[:4] == [1, t + 1, t + 1, T]  # forward reads words 1..t+1, backward t+1..T (from 1)
    assert shown[4] == pytest.approx(both[t], abs=0.006)
    assert shown[5] == abs(far - t) and shown[6] == pytest.approx(both[far], rel=6e-3)
    x_label, y_label = svg.axis_labels()
    assert "word" in x_label and "dh" in y_label
    plain_text(x_label), plain_text(y_label)


def test_birnn_opens_on_the_middle_word_with_a_fixed_axis():
    ex = BiRNNExplorer(seed=2)
    tokens = tokenize(SHORT_SENTENCE)
    t = len(tokens) // 2
    assert ex.word.value == t and ex.radius.value == 0.9
    assert f"word {t + 1} '{tokens[t]}'" in read_svg(ex.chart.html.value).title
    _, fwd, bwd, _ = _birnn_rows(t, 0.9, seed=2)
    heights, _, svg = bars(ex.chart.html.value)
    np.testing.assert_allclose(heights["forward"], np.minimum(fwd, 3.0), atol=0.02)
    ticks = [float(v) for _, v in svg.y_ticks()]
    assert max(ticks) == pytest.approx(3.0)  # the same scale at every radius
    labels_are_plain(ex.word, ex.radius)
    assert "word" in ex.word.description and "W_hh radius" in ex.radius.description
    assert (ex.radius.min, ex.radius.max) == (0.5, 1.5)
    assert reaches(ex.radius, 0.95) and reaches(ex.radius, 1.0) and reaches(ex.radius, 1.05)  # fine near 1


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
