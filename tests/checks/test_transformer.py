"""Checks of notebooks 03, 04 and 07 fed a student's mistakes: each hint names the mistake it diagnoses."""

import numpy as np

from helpers.checks.attention import (
    HAND_ATOL,
    attention_test_inputs,
    check_scaled_attention,
    check_top_keys,
    check_weights_for_I,
    exercise_vectors,
)
from helpers.checks.transformer import (
    PUZZLE_ORDER,
    check_causal_mask,
    check_head_presets,
    check_multi_head,
    multi_head_test_inputs,
)
from helpers.lessons.examples import naive_example
from helpers.lessons.transformer import HEAD_PRESETS
from tests.reference import loop_attention_weights, numpy_attention, numpy_softmax
from tests.support.checks import said

# ------------------------------------------------------------------ notebook 03: weights of "I" by hand


def test_exercise_vectors():
    tokens, X = exercise_vectors()
    assert tokens == ["I", "go", "home"] and X.shape == (3, 2)
    assert HAND_ATOL >= 0.005  # an answer rounded to two decimals is at most 0.005 off
    # the hand computation the notebook's solution states (issue 11, item 7): 0.239 / 0.113 / 0.649
    assert np.allclose(loop_attention_weights(X[:1], X, 1.0)[0], [0.239, 0.113, 0.649], atol=5e-4)


def _I_mistakes():
    _, X = exercise_vectors()
    S = X @ X.T
    s = S[0]
    nX = naive_example()[1]
    return (
        X,
        s,
        {
            "only the row": numpy_softmax(S),
            "equal weights": np.full(3, 1 / 3),
            "raw dot products": s,
            "did not divide": np.exp(s),
            "without exp": s / s.sum(),
            "ex_X": numpy_softmax(nX @ nX[0]),
            "sqrt(d)": numpy_softmax(s / np.sqrt(2)),
            "another word": numpy_softmax(S[2]),
            "whole matrix": np.exp(S[0]) / np.exp(S).sum(),
            "sum to 1": 1.3 * numpy_softmax(s),
            "rounding": numpy_softmax(s) + np.array([0.02, -0.01, -0.01]),
        },
    )


def test_weights_for_I_each_mistake_rounded_by_hand_gets_its_own_hint():
    X, s, mistakes = _I_mistakes()
    said(check_weights_for_I(np.round(numpy_softmax(s), 2)), passed=True, name='"I"')
    msgs = set()
    for key, wrong in mistakes.items():
        msgs.add(said(check_weights_for_I(np.round(wrong, 2)), key, name='"I"'))
    assert len(msgs) == len(mistakes)
    for key in ("only the row", "equal weights", "ex_X", "whole matrix"):  # they name the word "I"
        said(check_weights_for_I(np.round(mistakes[key], 2)), '"I"')
    said(check_weights_for_I(np.round(numpy_softmax(X @ X.T)[1], 2)), "row 0", "ex_X[0]")
    said(check_weights_for_I(mistakes["ex_X"]), "0.2 / 0.1 / 0.7")


def test_weights_for_I_on_other_vectors():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, -1.0]])
    right = numpy_softmax(X @ X[0])
    said(check_weights_for_I(np.round(right, 2), X), passed=True)
    said(check_weights_for_I(np.round(numpy_softmax(X @ X[3]), 2), X), "another word")
    said(check_weights_for_I(right[:3] / right[:3].sum(), X), "(3,)", "(4,)")  # a word left out


def test_weights_for_I_hand_rounding_that_sums_to_one_hundredth_more_is_not_called_unnormalised():
    # the old solution comment's numbers: off by 0.011 and summing to 1.01, as hand rounding does
    said(check_weights_for_I([0.25, 0.12, 0.64]), "rounding")


def test_weights_for_I_unrecognised_answer_gets_the_recipe():
    said(check_weights_for_I([0.3, 0.3, 0.4]), "ex_X @ ex_X[0]", "exp")


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


def test_top_keys():
    tokens = ["the", "cat", "sat"]
    W = np.array([[0.2, 0.7, 0.1], [0.6, 0.3, 0.1], [0.1, 0.3, 0.6]])
    said(check_top_keys(["cat", "the", "sat"], tokens, W), "0.70", "0.60", passed=True, name="heatmap")
    said(check_top_keys(["cat", "cat", "sat"], tokens, W, what="map"), "the -> cat", name="map")
    said(check_top_keys(["cat"], tokens, W), "3", "1", name="heatmap")


# ------------------------------------------------------------------ notebook 07: mask, multi-head, puzzle


def test_causal_mask_right_and_each_mistake():
    said(check_causal_mask(lambda T: np.tri(T, dtype=bool)), "True", "T", passed=True, name="mask")
    mistakes = {
        "transposed": lambda T: np.tri(T, dtype=bool).T,
        "swapped": lambda T: ~np.tri(T, dtype=bool),
        "itself": lambda T: np.tri(T, k=-1, dtype=bool),
        "no mask": lambda T: np.ones((T, T), bool),
        "dtype": lambda T: np.tri(T),
    }
    msgs = {said(check_causal_mask(fn), key, name="mask") for key, fn in mistakes.items()}
    assert len(msgs) == len(mistakes)
    said(check_causal_mask(mistakes["swapped"]), "True", "False")
    said(check_causal_mask(mistakes["itself"]), "False", "diagonal")
    said(check_causal_mask(mistakes["no mask"]), "True")
    said(check_causal_mask(lambda T: np.tri(T).T), "transposed")  # 0/1 of the wrong pattern
    # the additive form (0 allowed, -inf or -1e9 blocked) is named, not called "True and False swapped"
    for blocked in (-np.inf, -1e9):
        additive = said(
            check_causal_mask(lambda T, b=blocked: np.where(np.tri(T, dtype=bool), 0.0, b)), "additive"
        )
        assert "swapped" not in additive
    said(check_causal_mask(lambda T: np.tri(T, dtype=int)), "int", "bool", "np.tri(T")
    said(check_causal_mask(lambda T: np.tri(T + 1, dtype=bool)), "(4, 4)", "(5, 5)")
    said(check_causal_mask(lambda T: None), "return", "None")
    said(check_causal_mask(lambda T: [][T]), "IndexError", "T = 4")
    only_four = lambda T: np.tri(4, dtype=bool)  # noqa: E731  works for the first size only
    said(check_causal_mask(only_four), "T = 1", "(1, 1)")
    said(check_causal_mask(lambda T: np.eye(T, dtype=bool)), "only the diagonal", "j <= i")
    said(check_causal_mask(lambda T: np.tri(T, k=1, dtype=bool)), "i + 1", "j <= i")
    band = said(
        check_causal_mask(lambda T: np.tri(T, dtype=bool) & ~np.tri(T, k=-2, dtype=bool)),
        "(2, 0)",
        "True",
        "query 2 may read key 0",
    )
    assert "may not" not in band
    said(
        check_causal_mask(lambda T: np.tri(T, dtype=bool) | np.eye(T, k=2, dtype=bool)),
        "(0, 2)",
        "False",
        "may not",
    )


def _heads(X, W_q, W_k, W_v, scale=None, order=None, same=False, swap=False, mask=None, axis=-1):
    """Each head's output as a learner computes it; the options are slips (head order, one head's maps
    for all, Q and K swapped, a mask, the softmax axis)."""
    idx = range(len(W_q)) if order is None else order
    idx = [0 if same else j for j in idx]
    W_q, W_k = (W_k, W_q) if swap else (W_q, W_k)
    return [numpy_attention(X @ W_q[j], X @ W_k[j], X @ W_v[j], scale, mask, axis) for j in idx]


def _multi_head(X, W_q, W_k, W_v, W_o, **slips):
    return np.concatenate(_heads(X, W_q, W_k, W_v, **slips), axis=1) @ W_o


MULTI_MISTAKES = {
    "stub": lambda *a: np.zeros((4, 6)),
    "W_o": lambda X, Wq, Wk, Wv, Wo: _multi_head(X, Wq, Wk, Wv, np.eye(9)),
    "wrong axis": lambda X, Wq, Wk, Wv, Wo: np.vstack(
        [numpy_attention(X @ Wq[k], X @ Wk[k], X @ Wv[k]) for k in range(3)]
    ),
    "add": lambda X, Wq, Wk, Wv, Wo: sum(numpy_attention(X @ Wq[k], X @ Wk[k], X @ Wv[k]) for k in range(3)),
    "forgot the scale": lambda *a: _multi_head(*a, scale=1.0),
    "sqrt(d_model)": lambda *a: _multi_head(*a, scale=1 / np.sqrt(6)),
    "first head": lambda *a: _multi_head(*a, same=True),
    "reverse": lambda *a: _multi_head(*a, order=[2, 1, 0]),
}


def test_multi_head_right_and_each_mistake():
    said(check_multi_head(_multi_head), passed=True, name="multi-head")
    said(check_multi_head(lambda *a: (_multi_head(*a), None)), passed=True)
    said(check_multi_head(_multi_head, np.random.default_rng(5)), passed=True)
    msgs = {said(check_multi_head(fn), key, name="multi-head") for key, fn in MULTI_MISTAKES.items()}
    assert len(msgs) == len(MULTI_MISTAKES)
    assert not any("largest gap" in m for m in msgs)
    said(check_multi_head(MULTI_MISTAKES["W_o"]), "(4, 9)", "[T, h * d_v]", "[T, d_model]")
    said(check_multi_head(MULTI_MISTAKES["stub"]), "W_o")
    said(check_multi_head(MULTI_MISTAKES["wrong axis"]), "[T, h * d_v]", "W_o")
    said(check_multi_head(MULTI_MISTAKES["reverse"]), "W_o", "head 0")
    memorised = _multi_head(*multi_head_test_inputs())  # right for the default inputs only
    said(check_multi_head(lambda *a: memorised, np.random.default_rng(5)))
    said(check_multi_head(MULTI_MISTAKES["add"]), "(4, 3)", "[T, d_v]")
    said(check_multi_head(MULTI_MISTAKES["sqrt(d_model)"]), "sqrt(6)", "sqrt(2)")
    said(check_multi_head(MULTI_MISTAKES["first head"]), "W_q[j]")
    stacked = lambda X, Wq, Wk, Wv, Wo: np.stack([X @ Wv[k] for k in range(3)])  # noqa: E731
    said(check_multi_head(stacked), "wrong axis")
    said(check_multi_head(lambda *a: _multi_head(*a).T), "(6, 4)", "transposed")
    said(check_multi_head(lambda *a: {}["W_o"]), "KeyError", name="multi-head")


def test_multi_head_test_inputs_sizes_all_differ():
    X, W_q, W_k, W_v, W_o = multi_head_test_inputs()
    assert X.shape == (4, 6) and W_q.shape == W_k.shape == (3, 6, 2)
    assert W_v.shape == (3, 6, 3) and W_o.shape == (9, 6)
    assert np.array_equal(multi_head_test_inputs()[4], W_o)
    assert not np.allclose(multi_head_test_inputs(np.random.default_rng(0))[0], X)


def test_head_presets_puzzle():
    right = dict(zip("ABCD", PUZZLE_ORDER, strict=True))
    assert set(PUZZLE_ORDER) <= set(HEAD_PRESETS)
    msg = said(check_head_presets(right), passed=True, name="heatmap")
    assert all(f"{a} = {p}" in msg for a, p in right.items())
    swapped = dict(right, A=PUZZLE_ORDER[1], B=PUZZLE_ORDER[0])
    said(check_head_presets(swapped), "heatmap A", repr(PUZZLE_ORDER[1]), "diagonal", name="heatmap")
    said(check_head_presets(dict(right, D=PUZZLE_ORDER[0])), "heatmap D")
    said(check_head_presets(dict(right, C="diagonal")), "one of", "'diagonal'")
    said(check_head_presets({"A": PUZZLE_ORDER[0]}), "A, B, C, D", "['A']")
