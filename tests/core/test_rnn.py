"""helpers.core.rnn against explicit loops and a finite-difference Jacobian, and on bad input."""


import numpy as np
import pytest

from helpers.core import rnn
from helpers.core.rnn import (
    birnn_forward,
    init_rnn,
    input_influence,
    rnn_forward,
    spectral_radius,
    with_spectral_radius,
)
from tests.reference import loop_rnn
from tests.support.core import D_IN, RNN_ARGS


def params(rng, d_in=3, d_h=4, radius=0.9):
    W_xh, W_hh, _ = init_rnn(d_in, d_h, rng, radius=radius)
    return W_xh, W_hh, rng.normal(size=d_h) * 0.1


def test_rnn_forward_matches_loop():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 3))
    p = params(rng)
    np.testing.assert_allclose(rnn_forward(X, *p), loop_rnn(X, *p), rtol=1e-12)
    np.testing.assert_allclose(rnn_forward(X, *p, nonlinearity="none"), loop_rnn(X, *p, nonlinearity="none"))


def test_h0_is_used():
    rng = np.random.default_rng(1)
    X, p = rng.normal(size=(1, 3)), params(rng)
    h0 = rng.normal(size=4)
    np.testing.assert_allclose(rnn_forward(X, *p, h0=h0)[0], np.tanh(X[0] @ p[0] + h0 @ p[1] + p[2]))


def test_birnn_concatenates_forward_and_reversed_backward():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(5, 3))
    fwd, bwd = params(rng), params(rng)
    H = birnn_forward(X, fwd, bwd)
    assert H.shape == (5, 8)
    np.testing.assert_allclose(H[:, :4], loop_rnn(X, *fwd))
    np.testing.assert_allclose(H[:, 4:], loop_rnn(X[::-1], *bwd)[::-1])
    # the backward half at position 0 has read the whole sentence; the forward half only word 0
    assert not np.allclose(H[0, 4:], loop_rnn(X[:1], *bwd)[0])


def finite_difference_influence(X, p, nonlinearity, eps=1e-6):
    T, d_in = X.shape
    out = np.zeros((T, T))
    for s in range(T):
        J = np.zeros((T, p[1].shape[0], d_in))
        for i in range(d_in):
            Xp, Xm = X.copy(), X.copy()
            Xp[s, i] += eps
            Xm[s, i] -= eps
            J[:, :, i] = (rnn_forward(Xp, *p, nonlinearity=nonlinearity)
                          - rnn_forward(Xm, *p, nonlinearity=nonlinearity)) / (2 * eps)
        out[:, s] = np.linalg.norm(J, axis=(1, 2))
    return out


@pytest.mark.parametrize("nonlinearity", ["tanh", "none"])
def test_input_influence_matches_finite_differences(nonlinearity):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, 3))
    p = params(rng, radius=1.1)
    got = input_influence(X, *p, nonlinearity=nonlinearity)
    np.testing.assert_allclose(got, finite_difference_influence(X, p, nonlinearity), rtol=1e-5, atol=1e-8)
    assert np.all(np.triu(got, k=1) == 0)


def test_influence_decays_or_grows_with_spectral_radius():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(30, 3)) * 0.01
    W_xh, W_hh, b = init_rnn(3, 8, rng, radius=1.0)
    small = input_influence(X, W_xh, with_spectral_radius(W_hh, 0.5), b, nonlinearity="none")[:, 0]
    large = input_influence(X, W_xh, with_spectral_radius(W_hh, 1.5), b, nonlinearity="none")[:, 0]
    assert small[-1] < 1e-5 * small[0]
    assert large[-1] > 1e3 * large[0]


def test_spectral_radius_rescaling():
    W = np.random.default_rng(5).normal(size=(5, 5))
    assert spectral_radius(with_spectral_radius(W, 0.7)) == pytest.approx(0.7)
    assert spectral_radius(np.diag([0.5, -2.0])) == pytest.approx(2.0)


def test_one_token_sentence_works():
    rng = np.random.default_rng(6)
    p = params(rng)
    H = rnn_forward(np.ones((1, 3)), *p)
    assert H.shape == (1, 4)
    assert input_influence(np.ones((1, 3)), *p).shape == (1, 1)


def test_bad_input_messages():
    rng = np.random.default_rng(7)
    W_xh, W_hh, b = params(rng)
    with pytest.raises(ValueError, match=r"X must be 2-D \[T, d_in\].*shape \(3,\).*reshape\(1, -1\)"):
        rnn_forward(np.ones(3), W_xh, W_hh, b)
    with pytest.raises(ValueError, match=r"W_xh has 3 rows but X has width d_in = 2"):
        rnn_forward(np.ones((4, 2)), W_xh, W_hh, b)
    with pytest.raises(ValueError, match=r"W_hh must be square \[d_h, d_h\] = \[4, 4\]"):
        rnn_forward(np.ones((4, 3)), W_xh, np.ones((4, 3)), b)
    with pytest.raises(ValueError, match=r"b_h must have shape \[d_h\] = \[4\]"):
        rnn_forward(np.ones((4, 3)), W_xh, W_hh, np.ones(3))
    with pytest.raises(ValueError, match="at least one word"):
        rnn_forward(np.ones((0, 3)), W_xh, W_hh, b)
    with pytest.raises(ValueError, match="nonlinearity must be one of"):
        rnn_forward(np.ones((2, 3)), W_xh, W_hh, b, nonlinearity="relu")


def test_rnn_input_must_be_one_sentence_with_at_least_one_word():
    with pytest.raises(ValueError, match=r"\(4,\)") as err:
        rnn.rnn_forward(**{**RNN_ARGS, "X": np.ones(4)})
    assert "reshape" in str(err.value)  # says how to make one token a sentence
    with pytest.raises(ValueError, match="T = 0"):
        rnn.rnn_forward(**{**RNN_ARGS, "X": np.ones((0, D_IN))})


def test_unknown_nonlinearity_names_the_choices():
    with pytest.raises(ValueError) as err:
        rnn.rnn_forward(**RNN_ARGS, nonlinearity="relu")
    assert "'relu'" in str(err.value)
    assert "tanh" in str(err.value) and "none" in str(err.value)
