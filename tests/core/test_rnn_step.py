"""helpers.core.rnn: one step forward and back, and the loops that reuse it.

The step's backward against central differences; the batched pair (tanh_rnn_forward/backward) and
the lesson loop (rnn_forward) against a plain loop over rnn_step_forward/rnn_step_backward, so every
RNN loop is checked to be that one step, repeated.
"""

import numpy as np
import pytest

from helpers.core.gradcheck import numerical_gradient, relative_error
from helpers.core.rnn import (
    RNNStepCache,
    recurrent_step,
    rnn_forward,
    rnn_step_backward,
    rnn_step_forward,
    tanh_rnn_backward,
    tanh_rnn_forward,
)
from tests.support.core import assert_close

N, T, D_IN, D_H = 3, 5, 4, 6


def _params(rng):
    return rng.normal(size=(D_IN, D_H)) * 0.5, rng.normal(size=(D_H, D_H)) * 0.5, rng.normal(size=D_H) * 0.1


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_step_backward_matches_central_differences(seed):
    rng = np.random.default_rng(seed)
    x, h_prev = rng.normal(size=(N, D_IN)), rng.normal(size=(N, D_H))
    W_xh, W_hh, b = _params(rng)
    G = rng.normal(size=(N, D_H))

    def loss():
        return float((rnn_step_forward(x, h_prev, W_xh, W_hh, b)[0] * G).sum())

    h, cache = rnn_step_forward(x, h_prev, W_xh, W_hh, b)
    assert isinstance(cache, RNNStepCache) and cache.h is h
    np.testing.assert_array_equal(h, np.tanh(x @ W_xh + b + h_prev @ W_hh))
    for analytic, wrt in zip(rnn_step_backward(G, cache), (x, h_prev, W_xh, W_hh, b), strict=True):
        assert relative_error(analytic, numerical_gradient(loss, wrt)) < 1e-7


def test_a_wrong_step_backward_is_caught():  # negative control for the check above
    rng = np.random.default_rng(3)
    x, h_prev = rng.normal(size=(N, D_IN)), rng.normal(size=(N, D_H))
    W_xh, W_hh, b = _params(rng)
    _, cache = rnn_step_forward(x, h_prev, W_xh, W_hh, b)
    wrong = cache._replace(h=np.zeros_like(cache.h))  # forgets tanh': slope 1 everywhere

    def loss():
        return float(rnn_step_forward(x, h_prev, W_xh, W_hh, b)[0].sum())

    dx = rnn_step_backward(np.ones((N, D_H)), wrong)[0]
    assert relative_error(dx, numerical_gradient(loss, x)) > 1e-2


@pytest.mark.parametrize("seed", [0, 1])
def test_the_batched_pair_is_the_step_pair_in_a_loop(seed):
    rng = np.random.default_rng(seed)
    X, h0 = rng.normal(size=(N, T, D_IN)), rng.normal(size=(N, D_H))
    W_xh, W_hh, b = _params(rng)
    dH = rng.normal(size=(N, T, D_H))
    H, cache = tanh_rnn_forward(X, W_xh, W_hh, b, h0)
    h, caches = h0, []
    for t in range(T):
        h, c = rnn_step_forward(X[:, t], h, W_xh, W_hh, b)
        caches.append(c)
        np.testing.assert_allclose(H[:, t], h, rtol=0, atol=1e-14)
    grads = {"dX": np.zeros_like(X), "dW_xh": 0.0, "dW_hh": 0.0, "db": 0.0}
    dh = np.zeros((N, D_H))
    for t in reversed(range(T)):
        dx, dh, dW_xh, dW_hh, db = rnn_step_backward(dH[:, t] + dh, caches[t])
        grads["dX"][:, t] = dx
        for name, g in (("dW_xh", dW_xh), ("dW_hh", dW_hh), ("db", db)):
            grads[name] = grads[name] + g
    batched = tanh_rnn_backward(dH, cache)
    looped = (grads["dX"], grads["dW_xh"], grads["dW_hh"], grads["db"], dh)
    for got, want in zip(batched, looped, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("nonlinearity", ["tanh", "none"])
def test_the_lesson_loop_is_the_same_step(nonlinearity):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(T, D_IN))
    W_xh, W_hh, b = _params(rng)
    f = np.tanh if nonlinearity == "tanh" else np.positive
    h, rows = np.zeros(D_H), []
    for t in range(T):
        h = recurrent_step(X[t] @ W_xh + b, h, W_hh, f)
        rows.append(h)
    got = rnn_forward(X, W_xh, W_hh, b, nonlinearity=nonlinearity)  # projects all inputs in one product
    np.testing.assert_allclose(got, np.array(rows), rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("seed,with_h0", [(0, False), (1, True), (2, True)])
def test_tanh_rnn_backward_matches_finite_differences(seed, with_h0):
    rng = np.random.default_rng(seed)
    N, T, d_in, d_h = 3, 5, 4, 6
    X = rng.normal(size=(N, T, d_in))
    W_xh, W_hh = rng.normal(size=(d_in, d_h)) * 0.5, rng.normal(size=(d_h, d_h)) * 0.5
    b_h = rng.normal(size=d_h) * 0.1
    h0 = rng.normal(size=(N, d_h)) * 0.5 if with_h0 else None
    G, g_last = rng.normal(size=(N, T, d_h)), rng.normal(size=(N, d_h))

    def f():
        H, _ = tanh_rnn_forward(X, W_xh, W_hh, b_h, h0)
        return float((H * G).sum() + (H[:, -1] * g_last).sum())

    H, cache = tanh_rnn_forward(X, W_xh, W_hh, b_h, h0)
    dX, dW_xh, dW_hh, db_h, dh0 = tanh_rnn_backward(G, cache, dh_last=g_last)
    pairs = [(dX, X), (dW_xh, W_xh), (dW_hh, W_hh), (db_h, b_h)] + ([(dh0, h0)] if with_h0 else [])
    for analytic, x in pairs:
        assert_close(analytic, numerical_gradient(f, x))


def test_tanh_rnn_forward_matches_the_single_sentence_rnn():
    from helpers.core.rnn import rnn_forward

    rng = np.random.default_rng(4)
    X = rng.normal(size=(2, 7, 3))
    W_xh, W_hh, b_h = rng.normal(size=(3, 4)), rng.normal(size=(4, 4)) * 0.4, rng.normal(size=4)
    H, _ = tanh_rnn_forward(X, W_xh, W_hh, b_h)
    for n in range(2):
        np.testing.assert_allclose(H[n], rnn_forward(X[n], W_xh, W_hh, b_h), atol=1e-12)


def test_tanh_rnn_backward_last_state_only_and_shared_h0():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(2, 4, 3))
    W_xh, W_hh, b_h = rng.normal(size=(3, 4)), rng.normal(size=(4, 4)) * 0.5, rng.normal(size=4)
    h0 = rng.normal(size=4)
    g = rng.normal(size=(2, 4))

    def f():
        return float((tanh_rnn_forward(X, W_xh, W_hh, b_h, h0)[0][:, -1] * g).sum())

    _, cache = tanh_rnn_forward(X, W_xh, W_hh, b_h, h0)
    dX, _, dW_hh, _, dh0 = tanh_rnn_backward(None, cache, dh_last=g)
    assert dh0.shape == (4,)
    for analytic, x in [(dX, X), (dW_hh, W_hh), (dh0, h0)]:
        assert_close(analytic, numerical_gradient(f, x))
