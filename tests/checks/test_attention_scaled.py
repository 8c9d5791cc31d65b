"""helpers.checks.attention: notebook 04's scaled attention, right in every form, and each slip's hint."""

import math

import numpy as np
import pytest

from helpers.checks import attention as ac
from helpers.checks.attention import (
    attention_test_inputs,
    check_scaled_attention,
)
from tests.reference import loop_attention, numpy_attention, numpy_softmax
from tests.support.checks import f32, said, specific

# ------------------------------------------------------------------ notebook 04: scaled attention


def test_attention_test_inputs_sizes_all_differ():
    Q, K, V = attention_test_inputs()
    assert (Q.shape, K.shape, V.shape) == ((2, 4), (3, 4), (3, 5))
    assert np.array_equal(attention_test_inputs()[0], Q)  # the same inputs every time
    Q2, _, _ = attention_test_inputs(np.random.default_rng(0))
    assert Q2.shape == (2, 4) and not np.allclose(Q2, Q)


SCALED_MISTAKES = {
    "placeholder": lambda Q, K, V: np.zeros((len(Q), V.shape[1])),
    "[n_q, n_k]": lambda Q, K, V: numpy_softmax(Q @ K.T / 2),
    "transposed": lambda Q, K, V: numpy_attention(Q, K, V).T,
    "forgot the scale": lambda Q, K, V: numpy_attention(Q, K, V, 1.0),
    "multiplied": lambda Q, K, V: numpy_attention(Q, K, V, 2.0),
    "square root": lambda Q, K, V: numpy_attention(Q, K, V, 1 / 4),
    "sqrt(d_v)": lambda Q, K, V: numpy_attention(Q, K, V, 1 / np.sqrt(V.shape[1])),
    "wrong axis": lambda Q, K, V: numpy_attention(Q, K, V, axis=0),
    "not normalised": lambda Q, K, V: np.exp(Q @ K.T / 2) @ V,
    "softmax is missing": lambda Q, K, V: (Q @ K.T / 2) @ V,
}


def test_scaled_attention_right_answers_pass():
    said(check_scaled_attention(numpy_attention), passed=True, name="attention")
    said(check_scaled_attention(lambda Q, K, V: (numpy_attention(Q, K, V), None)), passed=True)
    rng = np.random.default_rng(3)
    said(check_scaled_attention(numpy_attention, rng), passed=True)
    memorised = numpy_attention(*attention_test_inputs())  # right for the default inputs only
    said(check_scaled_attention(lambda Q, K, V: memorised, np.random.default_rng(3)))


def test_scaled_attention_each_mistake_gets_its_own_hint():
    msgs = {said(check_scaled_attention(fn), key, name="attention") for key, fn in SCALED_MISTAKES.items()}
    assert len(msgs) == len(SCALED_MISTAKES)
    said(check_scaled_attention(SCALED_MISTAKES["[n_q, n_k]"]), "(2, 3)", "(2, 5)", "weights @ V")
    said(check_scaled_attention(SCALED_MISTAKES["forgot the scale"]), "sqrt(d_k)", "Q K^T")
    said(check_scaled_attention(SCALED_MISTAKES["sqrt(d_v)"]), "K.shape[1]")
    said(check_scaled_attention(SCALED_MISTAKES["wrong axis"]), "axis=-1")
    said(check_scaled_attention(SCALED_MISTAKES["transposed"]), "queries", "[n_q, d_v]")
    said(check_scaled_attention(SCALED_MISTAKES["placeholder"]), "softmax", "V")
    assert not any("largest gap" in m for m in msgs)
    said(check_scaled_attention(lambda Q, K, V: numpy_attention(Q, K, V) + 0.1), "Q @ K.T", "axis=-1")
    said(check_scaled_attention(lambda Q, K, V: Q @ V), "ValueError", name="attention")


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


def test_scaled_attention_pass():
    res = ac.check_scaled_attention(lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0])
    assert res.passed and "PASS" in repr(res)
    res = ac.check_scaled_attention(
        lambda Q, K, V: (loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0], None))
    assert res.passed


@pytest.mark.parametrize(("fn", "words"), [
    (lambda Q, K, V: loop_attention(Q, K, V, 1.0)[0], "forgot the scale"),
    (lambda Q, K, V: loop_attention(Q, K, V, math.sqrt(Q.shape[1]))[0], "multiplied"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / Q.shape[1])[0], "square root"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]), axis=0)[0], "wrong axis"),
    (lambda Q, K, V: np.ones((Q.shape[0], K.shape[0])), "those are the weights"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0].T, "transposed"),
    (lambda Q, K, V: Q @ Q.T, "shape (2, 2)"),
    (lambda Q, K, V: 1 / 0, "ZeroDivisionError"),
    (lambda Q, K, V: np.zeros((Q.shape[0], V.shape[1])), "placeholder"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(V.shape[1]))[0], "sqrt(d_v)"),
    (lambda Q, K, V: np.exp(Q @ K.T / math.sqrt(Q.shape[1])) @ V, "not normalised"),
    (lambda Q, K, V: (Q @ K.T / math.sqrt(Q.shape[1])) @ V, "softmax is missing"),
    (lambda Q, K, V: -loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0], "sign is flipped"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0][::-1], "wrong places"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0].reshape(5, 2), "arranged wrongly"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0] + 0.1, "softmax along axis=-1"),
])
def test_scaled_attention_mistakes(fn, words):
    res = ac.check_scaled_attention(fn)
    assert not res.passed
    assert words in res.message


def test_attention_test_inputs_shapes():
    Q, K, V = ac.attention_test_inputs()
    assert (Q.shape, K.shape, V.shape) == ((2, 4), (3, 4), (3, 5))
