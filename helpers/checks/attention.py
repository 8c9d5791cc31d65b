"""Exercise checks for notebooks 03 and 04, built on :mod:`helpers.checks`.

Each check returns a :class:`helpers.checks.CheckResult`: a pass line, or the likely mistake
(raw scores instead of weights, a forgotten scale, softmax over the wrong axis, a wrong shape).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..core.attention import dot_product_attention, softmax
from ..lessons.examples import naive_example
from .base import CheckResult, check_array
from .learner import ATOL, RTOL, call_learner, expect_answer, expect_function, like, unused_hint
from .top_keys import check_top_keys

__all__ = [
    "HAND_ATOL",
    "exercise_vectors",
    "check_weights_for_I",
    "attention_test_inputs",
    "check_scaled_attention",
    "check_top_keys",
]


#: Tolerance of checks on numbers worked out by hand: answers rounded or truncated to two decimals pass.
HAND_ATOL = 0.01 + 1e-9


def exercise_vectors():
    """The small sentence of the hand-computation exercise: tokens and [3, 2] vectors."""
    return ["I", "go", "home"], np.array([[1.0, 0.5], [0.0, 1.0], [2.0, 0.5]])


def check_weights_for_I(got, X=None) -> CheckResult:
    """Check the softmax weights the first word ("I") gives every word, naive attention.

    ``got`` : array of shape (T,); ``X`` : [T, d] vectors, :func:`exercise_vectors` by default.
    """
    bad = expect_answer('weights of "I"', got, "the 3 weights", "[0.2, 0.3, 0.5]")
    if bad is not None:
        return bad
    if X is None:
        X = exercise_vectors()[1]
    X = np.asarray(X, dtype=float)
    scores = X @ X[0]  # [T]
    expected = softmax(scores)
    S = X @ X.T  # [T, T]

    def near(g, v):  # a hand answer rounded to two decimals counts
        return np.shape(g) == np.shape(v) and np.allclose(g, v, rtol=0, atol=HAND_ATOL)

    notebook_X = naive_example()[1]
    hints = [
        (lambda g: g.ndim == 2, 'give only the row of "I" (shape (T,)), not the whole matrix.'),
        (
            lambda g: near(g, np.full(len(scores), 1.0 / len(scores))),
            'these are equal weights, as if every score were the same: compute the dot products of "I" with '
            "each word first.",
        ),
        (
            lambda g: near(g, scores),
            "these are the raw dot products; pass them through softmax "
            "(exp, then divide by the sum) to get weights.",
        ),
        (
            lambda g: near(g, np.exp(scores)),
            "you took exp of the scores but did not divide by their sum: weights must add up to 1.",
        ),
        (
            lambda g: near(g, scores / scores.sum()),
            "you divided the scores by their sum without exp: softmax exponentiates first.",
        ),
        (
            lambda g: near(g, softmax(notebook_X @ notebook_X[0])),
            'those are the weights of "I" in the notebook\'s own sentence (0.2 / 0.1 / 0.7): use the '
            "exercise's vectors, ex_X.",
        ),
        (
            lambda g: near(g, softmax(scores / np.sqrt(X.shape[1]))),
            "you divided the scores by sqrt(d); naive attention uses the plain dot product.",
        ),
        (
            lambda g: any(near(g, softmax(S[i])) for i in range(1, len(S))),
            'that is the row of another word; "I" is the first word, row 0 (ex_X[0]).',
        ),
        (
            lambda g: near(g, np.exp(S[0]) / np.exp(S).sum()),
            'you divided by the sum of exp over the whole matrix; divide by the sum over the row of "I".',
        ),
        (
            lambda g: near(g, 100 * expected),
            "these look like percentages: give the weights as fractions that sum to 1 (divide by 100).",
        ),
        (
            lambda g: near(g, np.exp(scores) / np.exp(scores).max()),
            "you divided exp(scores) by its largest value; softmax divides by their sum.",
        ),
        (
            lambda g: near(g, softmax(X[0])),
            'that is the softmax of the vector of "I" itself (one number per coordinate); the weights '
            'are one per word: softmax of the dot products of "I" with each word.',
        ),
        (
            lambda g: near(g, softmax(X @ X[0] / np.linalg.norm(X, axis=1) / np.linalg.norm(X[0]))),
            "you divided each dot product by the vectors' lengths (cosine similarity); naive attention uses "
            "the plain dot product.",
        ),
        (
            lambda g: near(g, np.round(expected, 1)),
            "you rounded to one decimal: keep two (and more until the last step).",
        ),
        (
            lambda g: near(g, softmax(-scores)),
            "the sign is flipped: exp(-s) gives the largest weight to the smallest score. Softmax takes "
            "exp(s), so the word with the largest dot product gets the largest weight.",
        ),
        (
            lambda g: near(g, expected[::-1]),
            'the right weights in the wrong places, reversed: entry t is the weight of word t, in the '
            'order "I", "go", "home".',
        ),
        (
            lambda g: near(np.sort(g), np.sort(expected)),
            'the right weights in the wrong places: entry t is the weight of word t, in the order "I", "go", '
            '"home".',
        ),
        (
            lambda g: np.isclose(g.sum(), 1.0, atol=0.02) and np.any(np.abs(g) < 0.005),
            "one weight is 0, but exp is never 0: every word gets a share. Divide exp of each of the "
            f"{len(scores)} scores by the sum over all {len(scores)}.",
        ),
        (
            lambda g: not np.isclose(g.sum(), 1.0, atol=0.02),
            "your weights do not sum to 1; softmax weights always do.",
        ),
        (
            lambda g: np.allclose(g, expected, atol=0.03),
            "close, but off by more than rounding to two decimals: keep more digits until the end.",
        ),
    ]
    return check_array(
        'weights of "I"',
        got,
        expected,
        hints=hints,
        atol=HAND_ATOL,
        rtol=0,
        recipe="Scores ex_X @ ex_X[0], then exp, then divide by their sum.",
    )


def attention_test_inputs(rng=None):
    """Test queries, keys and values with distinct sizes: n_q=2, n_k=3, d_k=4, d_v=5."""
    rng = np.random.default_rng(12) if rng is None else rng
    return rng.normal(size=(2, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 5))


def _attention_hints(Q, K, V):
    d_k, d_v, (n_q, n_k) = Q.shape[1], V.shape[1], (len(Q), len(K))
    expected, weights = dot_product_attention(Q, K, V)
    S = Q @ K.T / np.sqrt(d_k)  # [n_q, n_k]

    def scaled(scale):
        return dot_product_attention(Q, K, V, scale=scale)[0]

    row_max = np.exp(S - S.max(axis=0, keepdims=True))
    return [
        like(
            np.zeros_like(expected),
            "all zeros: that is the placeholder. Compute the scores, the softmax "
            "weights and their average of V.",
        ),
        (
            lambda g: g.shape == weights.shape,
            f"shape {weights.shape} is [n_q, n_k]: those are the weights. "
            f"Return weights @ V, shape [n_q, d_v] = {expected.shape}.",
        ),
        like(expected.T, "your output is transposed: rows should be queries, [n_q, d_v]."),
        like(scaled(1.0), "you forgot the scale: divide the scores Q K^T by sqrt(d_k) before the softmax."),
        like(scaled(np.sqrt(d_k)), "you multiplied the scores by sqrt(d_k); divide by it instead."),
        like(scaled(1.0 / d_k), "you divided by d_k; divide by its square root, sqrt(d_k)."),
        like(
            scaled(1.0 / np.sqrt(d_v)),
            "you divided by sqrt(d_v), the width of the values; the scale is "
            "1/sqrt(d_k), the width of the queries and keys (K.shape[1]).",
        ),
        like(
            scaled(1.0 / np.sqrt(n_k)),
            "you divided by sqrt(n_k), the number of keys (len(K)); the scale is "
            "1/sqrt(d_k), the width of each key (K.shape[1]).",
        ),
        like(
            scaled(1.0 / np.sqrt(n_q)),
            "you divided by sqrt(n_q), the number of queries (len(Q)); the scale "
            "is 1/sqrt(d_k), the width of each key (K.shape[1]).",
        ),
        like(
            scaled(1.0) / np.sqrt(d_k),
            "you divided by sqrt(d_k) after the softmax (or after @ V); the scale "
            "belongs to the scores, before the softmax.",
        ),
        like(
            softmax(S, axis=0) @ V,
            "softmax over the wrong axis: each query's weights (a row, over the keys, "
            "axis=-1) must sum to 1.",
        ),
        like(
            np.exp(S) / np.exp(S).sum() @ V,
            "you divided by the sum over the whole matrix: each query's row "
            "of weights must sum to 1 on its own (axis=-1, keepdims=True).",
        ),
        like(
            row_max / row_max.sum(axis=-1, keepdims=True) @ V,
            "the max you subtract for stability must be each row's own, S.max(axis=-1, keepdims=True): a max "
            "per column shifts each key differently and changes the weights.",
        ),
        like(np.exp(S) @ V, "the weights are not normalised: divide exp(scores) by its sum over each row."),
        like(S @ V, "the softmax is missing: weights are softmax(scores), not the raw scores."),
        like(
            np.tile(V.mean(axis=0), (n_q, 1)),
            "every query got the plain average of the values: the weights are missing (all equal). "
            "Weight the values by softmax(scores) per query, weights @ V.",
        ),
        like(S / S.sum(axis=-1, keepdims=True) @ V, "you divided the scores by their row sums without exp: "
                                                    "softmax exponentiates first."),
        (
            lambda g: g.shape == (n_q, d_k),
            f"shape {(n_q, d_k)} is [n_q, d_k]: you averaged the keys (or "
            "queries); the output averages the values, weights @ V.",
        ),
    ]


def check_scaled_attention(fn: Callable, rng=None) -> CheckResult:
    """Call ``fn(Q, K, V)`` (learner's scaled dot-product attention) and compare its outputs.

    ``fn`` : [n_q, d_k], [n_k, d_k], [n_k, d_v] -> [n_q, d_v] (or a tuple whose first item is that).
    """
    name = "scaled dot-product attention"
    bad = expect_function(name, fn, "check_scaled_attention(my_attention)")
    if bad is not None:
        return bad
    Q, K, V = attention_test_inputs(rng)
    got, err = call_learner(
        name,
        fn,
        Q,
        K,
        V,
        params="(Q, K, V)",
        product=f"Here Q is {Q.shape}, K {K.shape}, V {V.shape}: scores Q @ K.T are [n_q, n_k] = "
        f"{(len(Q), len(K))}, and weights @ V is [n_q, d_v].",
        broadcast="To divide each row by its own sum keep the axis: e.sum(axis=-1, keepdims=True).",
    )
    if err is not None:
        return err
    if isinstance(got, tuple):
        got = got[0]
    expected, _ = dot_product_attention(Q, K, V)
    recipe = "scores = Q @ K.T / sqrt(d_k) [n_q, n_k]; softmax along axis=-1; then weights @ V."
    unused = unused_hint(fn, (Q, K, V), ["Q", "K", "V"], shape=expected.shape, then=recipe)
    return check_array(
        name,
        got,
        expected,
        rtol=RTOL,
        atol=ATOL,
        hints=_attention_hints(Q, K, V) + [unused],
        recipe=recipe,
        exact_shape=True,
    )
