"""helpers.checks.transformer: notebook 07's multi-head attention and preset puzzle; a hint per slip."""

import numpy as np
import pytest

from helpers.checks.transformer import (
    PUZZLE_ORDER,
    check_head_presets,
    check_multi_head,
    multi_head_test_inputs,
)
from helpers.core.multi_head import multi_head_attention
from helpers.lessons import transformer as lt
from helpers.lessons.transformer import HEAD_PRESETS
from tests.reference import numpy_attention, numpy_softmax
from tests.support.checks import f32, said, specific


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


def _side_by_side(*args, **kwargs):
    return np.concatenate(_heads(*args, **kwargs), axis=1)


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


@pytest.mark.parametrize(
    "fn,words",
    [(lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v), axis=-1), "Multiply by W_o"),
     (lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v), axis=0), "wrong axis"),
     (lambda X, q, k, v, o: sum(_heads(X, q, k, v)), "instead of concatenating"),
     (lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v, scale=1.0), axis=-1) @ o, "forgot the scale"),
     (lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v, scale=6**-0.5), axis=-1) @ o, "sqrt(d_model)"),
     (lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v, same=True), axis=-1) @ o, "first head's maps"),
     (lambda X, q, k, v, o: np.concatenate(_heads(X, q, k, v, order=[2, 1, 0]), -1) @ o, "reverse order"),
     (lambda X, q, k, v, o: 1 / 0, "ZeroDivisionError")],
)
def test_multi_head_check_names_each_mistake(fn, words):
    res = check_multi_head(fn)
    assert not res.passed and words in res.message, res.message


def test_multi_head_check_passes_right_answers():
    assert check_multi_head(_multi_head).passed
    assert check_multi_head(lambda *a: multi_head_attention(*a)).passed  # a tuple is fine


def test_head_preset_puzzle():
    right = dict(zip("ABCD", PUZZLE_ORDER, strict=True))
    assert check_head_presets(right).passed
    wrong = dict(right, A="same word")
    res = check_head_presets(wrong)
    assert not res.passed and "heatmap A" in res.message
    assert "one of" in check_head_presets(dict(right, B="last word")).message
    assert "A, B, C, D" in check_head_presets({"A": "same word"}).message
    # the puzzle's heatmaps really differ in each row's top key
    heads = [multi_head_attention(lt.head_input(), *lt.stack_heads([lt.head_preset(n)]))[1][0]
             for n in PUZZLE_ORDER]
    tops = {tuple(np.argmax(w, axis=1)) for w in heads}
    assert len(tops) == 4


def test_multi_head_stub_is_named():
    res = check_multi_head(lambda X, q, k, v, o: np.zeros((X.shape[0], o.shape[1])))
    assert not res.passed and "stub" in res.message
