"""helpers.core.attention: the softmax backward, the forward/backward pair, and its public face."""

import numpy as np
import pytest

from helpers.core.attention import (
    attention_backward,
    attention_forward,
    default_scale,
    dot_product_attention,
    score_scale,
    softmax,
    softmax_backward,
)
from helpers.core.gradcheck import numerical_gradient, numerical_jacobian, relative_error
from tests.reference import loop_softmax_rows
from tests.support.core import assert_close


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_backward_is_the_softmax_jacobian_applied_to_the_gradient(seed):
    rng = np.random.default_rng(seed)
    s, da = rng.normal(size=5) * 2, rng.normal(size=5)
    a = softmax(s)
    jacobian = np.diag(a) - np.outer(a, a)  # d a / d s
    np.testing.assert_allclose(softmax_backward(a, da), jacobian @ da, rtol=1e-12, atol=1e-15)
    numeric = numerical_gradient(lambda: float(softmax(s) @ da), s)
    assert relative_error(softmax_backward(a, da), numeric) < 1e-7


def test_softmax_backward_gives_masked_entries_no_gradient_and_works_row_by_row():
    rng = np.random.default_rng(3)
    S = rng.normal(size=(2, 3, 4))
    S[..., 1] = -np.inf
    a, da = softmax(S), rng.normal(size=S.shape)
    ds = softmax_backward(a, da)
    assert np.all(ds[..., 1] == 0)
    for i in np.ndindex(S.shape[:-1]):
        np.testing.assert_allclose(ds[i], softmax_backward(a[i], da[i]), rtol=1e-13)


def test_one_default_scale():
    assert default_scale(16) == 0.25 and score_scale(None, 16) == 0.25 and score_scale(2, 16) == 2.0
    q, k = np.ones((1, 16)), np.ones((1, 16))
    assert dot_product_attention(q, k, k)[0].shape == (1, 16)
    _, _, cache = attention_forward(q, k, k)
    assert cache.scale == default_scale(16)


@pytest.mark.parametrize("seed", [0, 1])
def test_attention_backward_with_two_batch_axes_and_a_mask(seed):
    rng = np.random.default_rng(seed)
    Q, K, V = rng.normal(size=(2, 2, 3, 4)), rng.normal(size=(2, 2, 5, 4)), rng.normal(size=(2, 2, 5, 3))
    mask = rng.random((3, 5)) < 0.6
    mask[:, 0] = True
    G = rng.normal(size=(2, 2, 3, 3))

    def loss():
        return float((attention_forward(Q, K, V, mask)[0] * G).sum())

    out, weights, cache = attention_forward(Q, K, V, mask)
    np.testing.assert_array_equal(out, dot_product_attention(Q, K, V, mask=mask)[0])
    assert np.all(weights[..., ~mask] == 0)
    for analytic, wrt in zip(attention_backward(G, cache), (Q, K, V), strict=True):
        assert relative_error(analytic, numerical_gradient(loss, wrt)) < 1e-7


def test_numerical_jacobian_of_attention_matches_its_backward_row_by_row():
    rng = np.random.default_rng(5)
    Q, K, V = rng.normal(size=(1, 2, 3)), rng.normal(size=(1, 4, 3)), rng.normal(size=(1, 4, 2))
    J = numerical_jacobian(lambda: attention_forward(Q, K, V)[0], V)  # [1, 2, 2, 1, 4, 2]
    _, _, cache = attention_forward(Q, K, V)
    for i in np.ndindex(2, 2):
        G = np.zeros((1, 2, 2))
        G[(0, *i)] = 1.0
        np.testing.assert_allclose(attention_backward(G, cache)[2], J[(0, *i)], atol=1e-8)


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
