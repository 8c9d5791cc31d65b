"""Checks of notebooks 03, 04 and 07 fed more slips than tests/test_checks_diagnose_attention.py, and right
answers written every equivalent way (float32, lists, truncated hand numbers, a loop, other letter case)."""

import numpy as np
import pytest

from helpers.checks.attention import (
    check_scaled_attention,
    check_top_keys,
    check_weights_for_I,
    exercise_vectors,
)
from helpers.checks.transformer import PUZZLE_ORDER, check_causal_mask, check_head_presets, check_multi_head
from tests.reference import numpy_attention, numpy_softmax
from tests.support.checks import f32, said, specific

# ------------------------------------------------------------------ 03, exercise 1: weights of "I" by hand


def test_weights_for_I_rounded_truncated_and_other_layouts_pass():
    _, X = exercise_vectors()
    right = numpy_softmax(X @ X[0])  # about 0.239 / 0.113 / 0.649
    for answer in (
        right,
        np.round(right, 2),
        np.trunc(right * 100) / 100,
        [0.23, 0.11, 0.64],
        [0.24, 0.11, 0.65],
        right.astype(np.float32),
        right[None, :],
        tuple(np.round(right, 3)),
    ):
        said(check_weights_for_I(answer), passed=True, name='"I"')


def test_weights_for_I_more_slips_each_get_their_own_hint():
    _, X = exercise_vectors()
    s = X @ X[0]
    slips = {
        "percentages": 100 * numpy_softmax(s),
        "largest value": np.exp(s) / np.exp(s).max(),
        "vector of": numpy_softmax(X[0]),
        "cosine": numpy_softmax(s / np.linalg.norm(X, axis=1) / np.linalg.norm(X[0])),
        "one decimal": numpy_softmax(s),  # rounded to 1 decimal below
    }
    msgs = {
        specific(check_weights_for_I(np.round(v, 1 if key == "one decimal" else 2)), key, '"I"')
        for key, v in slips.items()
    }
    assert len(msgs) == len(slips)


# ------------------------------------------------------------------ 04, exercise 1: scaled attention

ATTENTION_RIGHT = {
    "loop": lambda Q, K, V: np.array([numpy_softmax(K @ q / np.sqrt(K.shape[1])) @ V for q in Q]),
    "einsum": lambda Q, K, V: numpy_softmax(np.einsum("qd,kd->qk", Q, K) / K.shape[1] ** 0.5) @ V,
    "a list": lambda Q, K, V: numpy_attention(Q, K, V).tolist(),
    "scale on Q": lambda Q, K, V: numpy_softmax((Q / np.sqrt(Q.shape[-1])) @ K.T) @ V,
}


@pytest.mark.parametrize("key", ATTENTION_RIGHT)
def test_scaled_attention_right_answers_in_other_forms_pass(key):
    said(check_scaled_attention(ATTENTION_RIGHT[key]), passed=True, name="attention")
    said(check_scaled_attention(f32(ATTENTION_RIGHT[key]), np.random.default_rng(9)), passed=True)


def _shifted_by_column_max(Q, K, V):
    S = Q @ K.T / 2
    e = np.exp(S - S.max(axis=0, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True) @ V


ATTENTION_SLIPS = {
    "number of keys": lambda Q, K, V: numpy_attention(Q, K, V, 1 / np.sqrt(len(K))),
    "number of queries": lambda Q, K, V: numpy_attention(Q, K, V, 1 / np.sqrt(len(Q))),
    "after the softmax": lambda Q, K, V: numpy_attention(Q, K, V, 1.0) / np.sqrt(K.shape[1]),
    "whole matrix": lambda Q, K, V: np.exp(Q @ K.T / 2) / np.exp(Q @ K.T / 2).sum() @ V,
    "row's own": _shifted_by_column_max,
    "averaged the keys": lambda Q, K, V: numpy_softmax(Q @ K.T / 2) @ K,
    "row sums without exp": lambda Q, K, V: (Q @ K.T / 2) / (Q @ K.T / 2).sum(axis=-1, keepdims=True) @ V,
}


def test_scaled_attention_more_slips_each_get_their_own_hint():
    msgs = {specific(check_scaled_attention(fn), key, "attention") for key, fn in ATTENTION_SLIPS.items()}
    assert len(msgs) == len(ATTENTION_SLIPS)
    for key, fn in ATTENTION_SLIPS.items():
        assert key in check_scaled_attention(f32(fn), np.random.default_rng(4)).message, key


def test_scaled_attention_errors_name_the_shapes_and_keepdims():
    said(
        check_scaled_attention(lambda Q, K, V: numpy_softmax(Q @ K) @ V),
        "matrix product",
        "(2, 3)",
        "Q @ K.T",
    )
    no_keepdims = lambda Q, K, V: np.exp(Q @ K.T / 2) / np.exp(Q @ K.T / 2).sum(axis=-1) @ V  # noqa: E731
    said(check_scaled_attention(no_keepdims), "element-wise", "keepdims=True")
    said(check_scaled_attention(lambda Q, K: Q), "3 arguments", "(Q, K, V)")


# ------------------------------------------------------------------ 03/04, exercise 2: top keys


def test_top_keys_reads_letter_case_and_says_what_to_pass():
    tokens = ["I", "go", "home"]
    W = np.array([[0.2, 0.1, 0.7], [0.1, 0.3, 0.6], [0.1, 0.1, 0.8]])
    said(check_top_keys(["home", " Home", "HOME "], tokens, W), passed=True, name="heatmap")
    said(check_top_keys(("home", "home", "home"), tokens, W), passed=True)
    said(check_top_keys(np.array(["home"] * 3), tokens, W), passed=True)
    said(check_top_keys("home home home", tokens, W), "list of 3 tokens", "a string")
    said(check_top_keys(None, tokens, W), "list of 3 tokens", "None")
    said(check_top_keys(["home", "house", "home"], tokens, W), "'house'", "not a token")


# ------------------------------------------------------------------ 07, exercise 1: causal mask


def test_causal_mask_right_forms_pass():
    for fn in (
        lambda T: np.tri(T, dtype=bool),
        lambda T: np.tril(np.ones((T, T))) > 0,
        lambda T: np.arange(T)[:, None] >= np.arange(T)[None, :],
        lambda T: ~np.triu(np.ones((T, T), bool), 1),
        lambda T: np.tri(T, dtype=bool).tolist(),
    ):
        said(check_causal_mask(fn), passed=True, name="mask")


# ------------------------------------------------------------------ 07, exercise 2: multi-head attention


def _heads(X, W_q, W_k, W_v, scale=None, order=None, same=False, swap=False, mask=None, axis=-1):
    """Each head's output as a learner computes it; the options are slips (head order, one head's maps
    for all, Q and K swapped, a mask, the softmax axis)."""
    idx = range(len(W_q)) if order is None else order
    idx = [0 if same else j for j in idx]
    W_q, W_k = (W_k, W_q) if swap else (W_q, W_k)
    return [numpy_attention(X @ W_q[j], X @ W_k[j], X @ W_v[j], scale, mask, axis) for j in idx]


def _side_by_side(*args, **kwargs):
    return np.concatenate(_heads(*args, **kwargs), axis=1)


def _multi_head(X, W_q, W_k, W_v, W_o, **slips):
    return np.concatenate(_heads(X, W_q, W_k, W_v, **slips), axis=1) @ W_o


MULTI_RIGHT = {
    "loop": _multi_head,
    "sum of slices of W_o": lambda X, Wq, Wk, Wv, Wo: sum(
        numpy_attention(X @ Wq[j], X @ Wk[j], X @ Wv[j]) @ Wo[3 * j : 3 * j + 3] for j in range(3)
    ),
    "batched": lambda X, Wq, Wk, Wv, Wo: _batched_heads(X, Wq, Wk, Wv) @ Wo,
}


def _batched_heads(X, Wq, Wk, Wv):  # all heads at once: [h, T, d] arrays, then heads side by side
    Q, K, V = (np.einsum("td,hde->hte", X, M) for M in (Wq, Wk, Wv))
    out = numpy_softmax(Q @ K.transpose(0, 2, 1) / np.sqrt(Q.shape[-1])) @ V  # [h, T, d_v]
    return out.transpose(1, 0, 2).reshape(len(X), -1)


@pytest.mark.parametrize("key", MULTI_RIGHT)
def test_multi_head_right_answers_pass(key):
    said(check_multi_head(MULTI_RIGHT[key]), passed=True, name="multi-head")
    said(check_multi_head(f32(MULTI_RIGHT[key]), np.random.default_rng(8)), passed=True)


MULTI_SLIPS = {
    "d_k = 2": lambda X, Wq, Wk, Wv, Wo: _side_by_side(X, Wq, Wk, Wv, scale=1 / 2) @ Wo,
    "sqrt(d_v)": lambda X, Wq, Wk, Wv, Wo: _side_by_side(X, Wq, Wk, Wv, scale=1 / np.sqrt(3)) @ Wo,
    "multiplied": lambda X, Wq, Wk, Wv, Wo: _side_by_side(X, Wq, Wk, Wv, scale=np.sqrt(2)) @ Wo,
    "swapped": lambda X, Wq, Wk, Wv, Wo: _side_by_side(X, Wq, Wk, Wv, swap=True) @ Wo,
    "residual": lambda X, Wq, Wk, Wv, Wo: _side_by_side(X, Wq, Wk, Wv) @ Wo + X,
    "divided by h": lambda X, Wq, Wk, Wv, Wo: _side_by_side(X, Wq, Wk, Wv) @ Wo / 3,
    "causal mask": lambda X, Wq, Wk, Wv, Wo: _side_by_side(X, Wq, Wk, Wv, mask=np.tri(len(X), dtype=bool))
    @ Wo,
    "wrong axis": lambda X, Wq, Wk, Wv, Wo: _side_by_side(X, Wq, Wk, Wv, axis=0) @ Wo,
    "softmax is missing": lambda X, Wq, Wk, Wv, Wo: (
        np.concatenate([X @ Wq[j] @ (X @ Wk[j]).T / np.sqrt(2) @ (X @ Wv[j]) for j in range(3)], axis=1) @ Wo
    ),
    "attention weights": lambda X, Wq, Wk, Wv, Wo: np.stack(
        [numpy_softmax(X @ Wq[j] @ (X @ Wk[j]).T / np.sqrt(2)) for j in range(3)]
    ),
}


def test_multi_head_more_slips_each_get_their_own_hint():
    msgs = {specific(check_multi_head(fn), key, "multi-head") for key, fn in MULTI_SLIPS.items()}
    assert len(msgs) == len(MULTI_SLIPS)
    for key, fn in MULTI_SLIPS.items():
        assert key in check_multi_head(f32(fn), np.random.default_rng(2)).message, key
    transposed_W_o = lambda X, Wq, Wk, Wv, Wo: _side_by_side(X, Wq, Wk, Wv) @ Wo.T  # noqa: E731
    said(check_multi_head(transposed_W_o), "matrix product", "(9, 6)")


# ------------------------------------------------------------------ 07, exercise 3: the preset puzzle


def test_head_presets_reads_letter_case_and_says_what_to_pass():
    right = dict(zip("ABCD", PUZZLE_ORDER, strict=True))
    said(check_head_presets({k.lower(): f" {v.title()} " for k, v in right.items()}), passed=True)
    said(check_head_presets({k: v.replace(" ", "_") for k, v in right.items()}), passed=True)
    said(check_head_presets({k: v.replace(" ", "-").upper() for k, v in right.items()}), passed=True)
    for wrong_kind in (list(PUZZLE_ORDER), tuple(PUZZLE_ORDER), "first word", None):
        said(check_head_presets(wrong_kind), "dict", '"A"', "'first word'", name="heatmap")
