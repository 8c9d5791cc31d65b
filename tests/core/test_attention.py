"""helpers.core.attention against explicit loops, by properties, and on bad input."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers.core import attention
from helpers.core.attention import (
    attention_scores,
    dot_product_attention,
    naive_self_attention,
    qkv_self_attention,
    softmax,
)
from tests.reference import loop_attention, loop_softmax_rows
from tests.support.core import D_K, D_V, T, a
from tests.support.messages import mentions

finite = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


def test_softmax_matches_definition():
    x = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    np.testing.assert_allclose(softmax(x), loop_softmax_rows(x))
    np.testing.assert_allclose(softmax(x, axis=0), loop_softmax_rows(x, axis=0))


def test_softmax_huge_inputs_are_finite_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        w = softmax(np.array([1e300, -1e300, 0.0, 1e300]))
    assert np.all(np.isfinite(w))
    np.testing.assert_allclose(w, [0.5, 0.0, 0.0, 0.5])


@pytest.mark.parametrize("scale", [None, 1.0, 0.3])
def test_dot_product_attention_matches_loop(scale):
    rng = np.random.default_rng(1)
    Q, K, V = rng.normal(size=(2, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 3))
    out, w = dot_product_attention(Q, K, V, scale=scale)
    ref_out, ref_w = loop_attention(Q, K, V, 1 / np.sqrt(4) if scale is None else scale)
    np.testing.assert_allclose(w, ref_w, rtol=1e-12)
    np.testing.assert_allclose(out, ref_out, rtol=1e-12)
    assert out.shape == (2, 3) and w.shape == (2, 5)


def test_default_scale_is_one_over_sqrt_dk():
    rng = np.random.default_rng(2)
    Q, K = rng.normal(size=(3, 9)), rng.normal(size=(3, 9))
    np.testing.assert_allclose(attention_scores(Q, K), Q @ K.T / 3.0)


def test_naive_self_attention_is_plain_dot_product():
    X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    out, w = naive_self_attention(X)
    ref_out, ref_w = loop_attention(X, X, X, 1.0)
    np.testing.assert_allclose(w, ref_w)
    np.testing.assert_allclose(out, ref_out)


def test_qkv_matches_projected_loop():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(4, 3))
    Wq, Wk, Wv = rng.normal(size=(3, 2)), rng.normal(size=(3, 2)), rng.normal(size=(3, 5))
    out, w = qkv_self_attention(X, Wq, Wk, Wv)
    ref_out, ref_w = loop_attention(X @ Wq, X @ Wk, X @ Wv, 1 / np.sqrt(2))
    np.testing.assert_allclose(w, ref_w, rtol=1e-12)
    np.testing.assert_allclose(out, ref_out, rtol=1e-12)


def test_qkv_with_identity_maps_and_scale_one_is_naive():
    X = np.random.default_rng(4).normal(size=(3, 2))
    I2 = np.eye(2)
    for got, want in zip(qkv_self_attention(X, I2, I2, I2, scale=1.0), naive_self_attention(X), strict=True):
        np.testing.assert_allclose(got, want)


def test_one_token_sentence_works():
    out, w = naive_self_attention(np.array([[0.3, -1.0]]))
    np.testing.assert_allclose(w, [[1.0]])
    np.testing.assert_allclose(out, [[0.3, -1.0]])


def test_large_embeddings_give_finite_weights_without_warnings():
    X = np.random.default_rng(5).normal(size=(6, 8)) * 1e3
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out, w = naive_self_attention(X)
        out2, w2 = qkv_self_attention(X, np.eye(8), np.eye(8), np.eye(8))
    assert np.all(np.isfinite(w)) and np.all(np.isfinite(out)) and np.all(np.isfinite(w2))
    np.testing.assert_allclose(w.sum(axis=1), 1.0)


@settings(max_examples=40, deadline=None)
@given(arrays(float, (4, 3), elements=finite), arrays(float, (5, 3), elements=finite),
       arrays(float, (5, 2), elements=finite))
def test_rows_sum_to_one_and_outputs_are_convex_combinations(Q, K, V):
    out, w = dot_product_attention(Q, K, V)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0)
    assert np.all(w >= 0)
    assert np.all(out <= V.max(axis=0) + 1e-9) and np.all(out >= V.min(axis=0) - 1e-9)


@settings(max_examples=40, deadline=None)
@given(arrays(float, (5, 3), elements=finite), st.permutations(range(5)))
def test_self_attention_is_permutation_equivariant(X, perm):
    perm = np.array(perm)
    out, w = naive_self_attention(X)
    out_p, w_p = naive_self_attention(X[perm])
    np.testing.assert_allclose(out_p, out[perm], atol=1e-9)
    np.testing.assert_allclose(w_p, w[np.ix_(perm, perm)], atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(arrays(float, (3, 4, 2), elements=finite), arrays(bool, (4, 4)))
def test_masked_weights_are_zero_and_batch_equals_loop(X, mask):
    mask = mask.copy()
    mask[np.arange(4), np.arange(4)] = True  # every query keeps at least itself
    out, w = dot_product_attention(X, X, X, mask=mask)
    assert np.all(w[:, ~mask] == 0.0)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0)
    for b in range(3):
        ob, wb = dot_product_attention(X[b], X[b], X[b], mask=mask)
        np.testing.assert_allclose(out[b], ob)
        np.testing.assert_allclose(w[b], wb)


def test_causal_mask_matches_loop_on_allowed_keys():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(4, 3))
    causal = np.tril(np.ones((4, 4), dtype=bool))
    out, w = dot_product_attention(X, X, X, mask=causal, scale=1.0)
    for t in range(4):
        ref_out, ref_w = loop_attention(X[t:t + 1], X[: t + 1], X[: t + 1], 1.0)
        np.testing.assert_allclose(w[t, : t + 1], ref_w[0])
        np.testing.assert_allclose(out[t], ref_out[0])


# ---- bad input: clear messages --------------------------------------------------------------

def test_keys_values_count_mismatch_names_both_counts():
    with pytest.raises(ValueError, match=r"keys and values must match in number: got 3 keys and 2 values"):
        dot_product_attention(np.ones((1, 2)), np.ones((3, 2)), np.ones((2, 2)))


def test_query_key_width_mismatch_names_both():
    with pytest.raises(ValueError, match=r"queries have d_k = 3, keys have d_k = 2"):
        dot_product_attention(np.ones((1, 3)), np.ones((2, 2)), np.ones((2, 2)))


def test_weight_rows_must_match_input_width():
    X = np.ones((3, 2))
    with pytest.raises(ValueError, match=r"W_k has 3 rows but X has width d_in = 2"):
        qkv_self_attention(X, np.eye(2), np.ones((3, 2)), np.eye(2))
    with pytest.raises(ValueError, match=r"W_q gives d_k = 2, W_k gives d_k = 3"):
        qkv_self_attention(X, np.ones((2, 2)), np.ones((2, 3)), np.eye(2))


def test_mask_row_without_keys_is_named():
    mask = np.array([[True, False], [False, False]])
    with pytest.raises(ValueError, match=r"mask allows no key for query row 1"):
        dot_product_attention(np.ones((2, 2)), np.ones((2, 2)), np.ones((2, 2)), mask=mask)


def test_non_bool_mask_and_1d_input_are_refused():
    with pytest.raises(ValueError, match="mask must be boolean"):
        dot_product_attention(np.ones((2, 2)), np.ones((2, 2)), np.ones((2, 2)), mask=np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        naive_self_attention(np.ones(3))
    with pytest.raises(ValueError, match="NaN or infinity"):
        naive_self_attention(np.array([[np.nan, 1.0]]))


@pytest.mark.parametrize(
    ("f", "kwargs", "arg"),
    [
        (attention.attention_scores, {"queries": a(T, D_K), "keys": a(T, D_K)}, "queries"),
        (attention.attention_scores, {"queries": a(T, D_K), "keys": a(T, D_K)}, "keys"),
        (attention.dot_product_attention, {"queries": a(T, D_K), "keys": a(T, D_K), "values": a(T, D_V)},
         "values"),
    ],
)
def test_a_single_vector_where_a_matrix_belongs_is_refused_naming_it(f, kwargs, arg):
    with pytest.raises(ValueError) as err:
        f(**{**kwargs, arg: np.ones(3)})
    assert mentions(str(err.value), arg) and "(3,)" in str(err.value), str(err.value)


def test_query_and_key_widths_are_both_named():
    with pytest.raises(ValueError) as err:
        attention.attention_scores(a(T, 2), a(T + 1, 3))
    message = str(err.value)
    assert "d_k = 2" in message and "d_k = 3" in message, message
    assert attention.attention_scores(a(2, 3, 4), a(2, 5, 4)).shape == (2, 3, 5)  # a batch is fine
