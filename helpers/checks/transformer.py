"""Exercise checks for notebook 07 (toward the Transformer), built on :mod:`helpers.checks.base`.

Each check says PASS or names the likely class of mistake: the mask's orientation or its diagonal,
its dtype; for multi-head attention a missing ``W_o``, heads summed instead of concatenated, the
wrong scale, one head's maps used for all; for the preset puzzle, which pattern each heatmap has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from ..core.attention import dot_product_attention
from ..core.transformer import causal_mask, multi_head_attention
from ..lessons.transformer import HEAD_PRESETS
from .base import CheckResult, check_array, check_choice

__all__ = ["check_causal_mask", "multi_head_test_inputs", "check_multi_head", "PUZZLE_ORDER",
           "check_head_presets"]


def check_causal_mask(fn: Callable) -> CheckResult:
    """Call ``fn(T)`` for T = 1, 4, 6; each must be the [T, T] bool mask, True where j <= i."""
    name = "causal mask"
    for T in (4, 1, 6):
        try:
            got = fn(T)
        except Exception as err:  # the learner's error as a message, not a traceback
            return CheckResult(name, False, f"your function raised {type(err).__name__} for T = {T}: {err}")
        if got is None:
            return CheckResult(name, False, "your function returned None: did you forget `return`?")
        g = np.asarray(got)
        want = causal_mask(T)
        if g.shape != (T, T):
            return CheckResult(name, False, f"for T = {T} the mask must have shape ({T}, {T}): one row per "
                                            f"query, one column per key; got {g.shape}.")
        if g.dtype != bool:
            if np.array_equal(g.astype(bool), want) or np.array_equal(g, want.astype(g.dtype)):
                return CheckResult(name, False, f"the pattern is right but the dtype is {g.dtype}: return "
                                                "booleans (e.g. `np.tri(T, dtype=bool)` or "
                                                "`... .astype(bool)`).")
            if np.issubdtype(g.dtype, np.floating) and np.array_equal(g < 0, ~want) and not g[want].any():
                return CheckResult(name, False, "that is an additive mask (0 where a word may attend, a "
                                                "large negative number where it may not), the form added to "
                                                "the scores; return the boolean mask: True where j <= i.")
            g = g.astype(bool)
        if np.array_equal(g, want):
            continue
        hints = [
            (want.T, "you allowed later words and blocked earlier ones (upper triangle): the mask is "
                     "transposed. Row i is the query: it may read keys j <= i."),
            (~want, "True and False are swapped: here True means *may attend*, so the allowed part (j <= i) "
                    "must be True."),
            (np.tri(T, k=-1, dtype=bool), "the diagonal is False: a word may attend to itself (j = i), and "
                                          "without it the first word has no key at all."),
            (np.ones((T, T), bool), "every entry is True: that is no mask; block the keys after the query."),
        ]
        for pattern, message in hints:
            if np.array_equal(g, pattern):
                return CheckResult(name, False, message)
        bad = tuple(int(i) for i in np.argwhere(g != want)[0])
        may = "may" if want[bad] else "may not"
        return CheckResult(name, False, f"for T = {T}, entry {bad} should be {bool(want[bad])}: "
                                        f"query {bad[0]} {may} read key {bad[1]}.")
    return CheckResult(name, True, "correct: True on and below the diagonal, for every T tried.")


def multi_head_test_inputs(rng=None):
    """X [4, 6] and 3 heads with d_k = 2, d_v = 3, W_o [9, 6]: every size differs."""
    rng = np.random.default_rng(21) if rng is None else rng
    X = rng.normal(size=(4, 6))
    W_q, W_k, W_v = rng.normal(size=(3, 6, 2)), rng.normal(size=(3, 6, 2)), rng.normal(size=(3, 6, 3))
    return X, W_q, W_k, W_v, rng.normal(size=(9, 6)) / 3


def check_multi_head(fn: Callable, rng=None) -> CheckResult:
    """Call ``fn(X, W_q, W_k, W_v, W_o)``: [T, d_model], [h, d_model, d_k] x2, [h, d_model, d_v],
    [h*d_v, d_model].

    It must return the outputs [T, d_model] (or a tuple starting with them).
    """
    name = "multi-head attention"
    X, W_q, W_k, W_v, W_o = multi_head_test_inputs(rng)
    try:
        got = fn(X, W_q, W_k, W_v, W_o)
    except Exception as err:
        return CheckResult(name, False, f"your function raised {type(err).__name__}: {err}")
    if isinstance(got, tuple):
        got = got[0]
    expected, _ = multi_head_attention(X, W_q, W_k, W_v, W_o)
    h, d_k, d_v = W_q.shape[0], W_q.shape[2], W_v.shape[2]

    def heads(scale=None, which=None):  # list of per-head outputs [T, d_v]
        picks = [j if which is None else which for j in range(h)]
        return [dot_product_attention(X @ W_q[k], X @ W_k[k], X @ W_v[k], scale=scale)[0] for k in picks]

    concat = np.concatenate(heads(), axis=1)
    hints = [
        (lambda g: np.allclose(g, 0.0), "every output is 0: the function still returns the stub's zeros; "
                                        "run each head, concatenate, multiply by W_o."),
        (lambda g: g.shape == concat.shape, f"shape {concat.shape} is [T, h * d_v]: the heads are "
                                            "concatenated but not mixed. Multiply by W_o to get back to "
                                            "[T, d_model]."),
        (lambda g: g.shape == (h * X.shape[0], d_v) or g.shape == (h, X.shape[0], d_v),
         "the heads are stacked along the wrong axis: concatenate each token's head outputs side by side "
         "(axis=-1), giving [T, h * d_v], then multiply by W_o."),
        (lambda g: g.shape == (X.shape[0], d_v), f"shape [T, d_v] = {(X.shape[0], d_v)}: did you add "
                                                  f"(or average) the heads instead of concatenating them?"),
        (lambda g: np.allclose(g, np.concatenate(heads(scale=1.0), axis=1) @ W_o),
         "you forgot the scale: each head divides its scores by sqrt(d_k), the head's own width."),
        (lambda g: np.allclose(g, np.concatenate(heads(scale=1 / np.sqrt(X.shape[1])), axis=1) @ W_o),
         f"you divided by sqrt(d_model) = sqrt({X.shape[1]}); divide by sqrt(d_k) = sqrt({d_k}), the "
         f"width of one head's queries (dot_product_attention does that when you leave scale=None)."),
        (lambda g: np.allclose(g, np.concatenate(heads(which=0), axis=1) @ W_o),
         "every head used the first head's maps: head j needs W_q[j], W_k[j], W_v[j]."),
        (lambda g: np.allclose(g, np.concatenate(heads()[::-1], axis=1) @ W_o),
         "the heads are concatenated in reverse order: head 0 first, so its columns meet W_o's first rows."),
    ]
    return check_array(name, got, expected, hints=hints)


#: The order of the heatmaps in the preset puzzle, labelled A, B, C, D.
PUZZLE_ORDER = ("first word", "previous word", "same word", "next word")


def check_head_presets(answer: Mapping[str, str]) -> CheckResult:
    """Check ``{"A": preset name, ...}`` against :data:`PUZZLE_ORDER` (heatmaps A-D of the puzzle)."""
    name = "which head made which heatmap"
    letters = "ABCD"
    answer = dict(answer)
    if sorted(answer) != list(letters):
        return CheckResult(name, False, f"give one preset name for each of A, B, C, D; you gave keys "
                                        f"{sorted(answer)}.")
    for letter, preset in zip(letters, PUZZLE_ORDER, strict=True):
        res = check_choice(name, answer[letter], preset, "", options=list(HEAD_PRESETS))
        if not res.passed:
            if answer[letter] not in HEAD_PRESETS:
                return res
            return CheckResult(name, False, f"heatmap {letter} is not {answer[letter]!r}: look where each "
                                            "row's brightest cell sits (on the diagonal, one left of it, one "
                                            "right of it, or in the first column).")
    return CheckResult(name, True, "correct: " + ", ".join(f"{a} = {p}" for a, p in zip(letters, PUZZLE_ORDER,
                                                                                     strict=True)) + ".")
