"""Every backward pass in helpers.core.layers against central finite differences (float64)."""

import numpy as np
import pytest

from helpers.core.gradcheck import numerical_gradient
from helpers.core.layers import (
    attention_backward,
    attention_forward,
    embedding_backward,
    embedding_forward,
    linear_backward,
    linear_forward,
    softmax_cross_entropy,
    tanh_rnn_backward,
    tanh_rnn_forward,
)
from tests.reference import loop_cross_entropy, loop_softmax_rows
from tests.support.core import assert_close


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_cross_entropy_gradient_and_value(seed):
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=(3, 4, 5)) * 3
    y = rng.integers(0, 5, size=(3, 4))
    mask = rng.random((3, 4)) < 0.7
    mask[0, 0] = True
    loss, d = softmax_cross_entropy(logits, y, mask)
    assert loss == pytest.approx(loop_cross_entropy(logits, y, mask), rel=1e-12)
    num = numerical_gradient(lambda: softmax_cross_entropy(logits, y, mask)[0], logits)
    assert_close(d, num)
    assert np.all(d[~mask] == 0)


def test_softmax_cross_entropy_rejects_bad_labels():
    with pytest.raises(ValueError, match="class ids"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3]))
    with pytest.raises(ValueError, match="shape"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2]))
    with pytest.raises(ValueError, match="no rows"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1]), np.zeros(2, bool))


def test_linear_and_embedding_gradients():
    rng = np.random.default_rng(3)
    X, W, b = rng.normal(size=(2, 3, 4)), rng.normal(size=(4, 5)), rng.normal(size=5)
    G = rng.normal(size=(2, 3, 5))

    def f():
        return float((linear_forward(X, W, b)[0] * G).sum())

    dX, dW, db = linear_backward(G, linear_forward(X, W, b)[1])
    for analytic, x in [(dX, X), (dW, W), (db, b)]:
        assert_close(analytic, numerical_gradient(f, x))
    ids = np.array([[0, 2, 2], [1, 0, 2]])
    E = rng.normal(size=(4, 3))
    G = rng.normal(size=(2, 3, 3))
    dE = embedding_backward(G, embedding_forward(ids, E)[1])
    assert_close(dE, numerical_gradient(lambda: float((embedding_forward(ids, E)[0] * G).sum()), E))
    assert np.all(dE[3] == 0)          # an unused row gets no gradient


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


@pytest.mark.parametrize("seed,masked", [(0, False), (1, True), (2, True)])
def test_attention_backward_matches_finite_differences(seed, masked):
    rng = np.random.default_rng(seed)
    N, n_q, n_k, d_k, d_v = 2, 3, 5, 4, 3
    Q, K, V = rng.normal(size=(N, n_q, d_k)), rng.normal(size=(N, n_k, d_k)), rng.normal(size=(N, n_k, d_v))
    mask = None
    if masked:
        mask = rng.random((N, n_q, n_k)) < 0.6
        mask[..., 0] = True
    G = rng.normal(size=(N, n_q, d_v))

    def f():
        return float((attention_forward(Q, K, V, mask)[0] * G).sum())

    out, weights, cache = attention_forward(Q, K, V, mask)
    np.testing.assert_allclose(weights.sum(-1), 1.0)
    if masked:
        assert np.all(weights[~mask] == 0)
    for analytic, x in zip(attention_backward(G, cache), (Q, K, V), strict=True):
        assert_close(analytic, numerical_gradient(f, x))


def test_attention_forward_scale_and_full_mask_error():
    rng = np.random.default_rng(6)
    Q, K, V = rng.normal(size=(1, 2, 4)), rng.normal(size=(1, 3, 4)), rng.normal(size=(1, 3, 2))
    _, w, _ = attention_forward(Q, K, V, scale=1.0)
    s = Q[0] @ K[0].T
    np.testing.assert_allclose(w[0], loop_softmax_rows(s))
    with pytest.raises(ValueError, match="allows no key for query row"):
        attention_forward(Q, K, V, mask=np.zeros((1, 2, 3), bool))


@pytest.mark.parametrize("shape", [(3, 4), (2, 700, 5), (5000, 3)])
def test_gram_sums_in_blocks_like_one_product(shape):
    from helpers.core.layers import gram

    rng = np.random.default_rng(0)
    A, B = rng.normal(size=shape), rng.normal(size=shape[:-1] + (40,))
    np.testing.assert_allclose(gram(A, B), A.reshape(-1, shape[-1]).T @ B.reshape(-1, 40),
                               rtol=1e-12, atol=1e-10)
