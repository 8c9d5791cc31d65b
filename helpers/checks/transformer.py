"""Exercise checks for notebook 07 (toward the Transformer), built on :mod:`helpers.checks.base`.

Each check says PASS or names the likely class of mistake: the mask's orientation or its diagonal,
its dtype; for multi-head attention a missing ``W_o``, heads summed instead of concatenated, the
wrong scale, one head's maps used for all; for the preset puzzle, which pattern each heatmap has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from ..core.attention import dot_product_attention, softmax
from ..core.masks import causal_mask
from ..core.multi_head import multi_head_attention
from ..lessons.transformer import HEAD_PRESETS
from .base import CheckResult, as_option, check_array, check_choice
from .causal_mask import check_causal_mask
from .learner import ATOL, RTOL, call_learner, expect_function, expect_mapping, like, unused_hint

__all__ = [
    "check_causal_mask",
    "multi_head_test_inputs",
    "check_multi_head",
    "PUZZLE_ORDER",
    "check_head_presets",
]


def multi_head_test_inputs(rng=None):
    """X [4, 6] and 3 heads with d_k = 2, d_v = 3, W_o [9, 6]: every size differs."""
    rng = np.random.default_rng(21) if rng is None else rng
    X = rng.normal(size=(4, 6))
    W_q, W_k, W_v = rng.normal(size=(3, 6, 2)), rng.normal(size=(3, 6, 2)), rng.normal(size=(3, 6, 3))
    return X, W_q, W_k, W_v, rng.normal(size=(9, 6)) / 3


_MULTI_RECIPE = ("For each head j: dot_product_attention(X @ W_q[j], X @ W_k[j], X @ W_v[j]); join the h "
                 "outputs with np.concatenate(..., axis=-1); multiply by W_o.")


def check_multi_head(fn: Callable, rng=None) -> CheckResult:
    """Call ``fn(X, W_q, W_k, W_v, W_o)``: [T, d_model], [h, d_model, d_k] x2, [h, d_model, d_v],
    [h*d_v, d_model].

    It must return the outputs [T, d_model] (or a tuple starting with them).
    """
    name = "multi-head attention"
    bad = expect_function(name, fn, "check_multi_head(my_multi_head)")
    if bad is not None:
        return bad
    X, W_q, W_k, W_v, W_o = multi_head_test_inputs(rng)
    T, d_k, n = X.shape[0], W_q.shape[2], W_o.shape[0]
    product = (f"Here head j uses X @ W_q[j] ({T}, {d_k}); the heads joined side by side are "
               f"[T, h * d_v] = ({T}, {n}), and W_o is {W_o.shape}.")
    args = (X, W_q, W_k, W_v, W_o)
    got, err = call_learner(name, fn, *args, params="(X, W_q, W_k, W_v, W_o)", product=product)
    if err is not None:
        return err
    if isinstance(got, tuple):
        got = got[0]
    expected, _ = multi_head_attention(X, W_q, W_k, W_v, W_o)
    return check_array(
        name,
        got,
        expected,
        rtol=RTOL,
        atol=ATOL,
        hints=_multi_head_hints(*args) + [unused_hint(fn, args, ["X", "W_q", "W_k", "W_v", "W_o"],
                                                      shape=expected.shape, then=_MULTI_RECIPE)],
        recipe=_MULTI_RECIPE,
        exact_shape=True,
    )


def _multi_head_hints(X, W_q, W_k, W_v, W_o):
    h, d_k, d_v, T = W_q.shape[0], W_q.shape[2], W_v.shape[2], X.shape[0]

    def heads(scale=None, which=None, swap=False, mask=None):  # list of per-head outputs [T, d_v]
        out = []
        for j in range(h):
            k = j if which is None else which
            Q, K = X @ W_q[k], X @ W_k[k]
            Q, K = (K, Q) if swap else (Q, K)
            out.append(dot_product_attention(Q, K, X @ W_v[k], scale=scale, mask=mask)[0])
        return out

    def mixed(**kw):
        return np.concatenate(heads(**kw), axis=1) @ W_o

    expected = mixed()
    per_column = [softmax(X @ W_q[j] @ (X @ W_k[j]).T / np.sqrt(d_k), axis=0) @ (X @ W_v[j])
                  for j in range(h)]
    columns = np.concatenate(per_column, axis=1) @ W_o  # each key's weights summing to 1, not each query's
    concat = np.concatenate(heads(), axis=1)
    return [
        like(
            np.zeros_like(expected),
            "every output is 0: the function still returns the stub's zeros; run "
            "each head, concatenate, multiply by W_o.",
        ),
        (
            lambda g: g.shape == concat.shape,
            f"shape {concat.shape} is [T, h * d_v]: the heads are concatenated "
            "but not mixed. Multiply by W_o to get back to [T, d_model].",
        ),
        (
            lambda g: g.shape == (h * T, d_v) or g.shape == (h, T, d_v),
            "the heads are stacked along the wrong axis: concatenate each token's head outputs side by side "
            "(axis=-1), giving [T, h * d_v], then multiply by W_o.",
        ),
        (
            lambda g: g.shape == (h, T, T),
            f"shape {(h, T, T)} is [h, T, T]: those are the heads' attention "
            "weights. Return the outputs: the heads' weights @ V, joined, @ W_o.",
        ),
        (
            lambda g: g.shape == (T, h * T),
            f"shape {(T, h * T)} is [T, h * T]: the heads' attention weights side by side. "
            "dot_product_attention returns (outputs, weights): keep the outputs, [0], join them and "
            "multiply by W_o.",
        ),
        (
            lambda g: g.shape == (T, d_v),
            f"shape [T, d_v] = {(T, d_v)}: did you add (or average) the heads instead of concatenating them?",
        ),
        like(
            mixed(scale=1.0),
            "you forgot the scale: each head divides its scores by sqrt(d_k), the head's own width.",
        ),
        like(
            mixed(scale=1 / np.sqrt(X.shape[1])),
            f"you divided by sqrt(d_model) = sqrt({X.shape[1]}); divide by sqrt(d_k) = sqrt({d_k}), the "
            f"width of one head's queries (dot_product_attention does that when you leave scale=None).",
        ),
        like(
            mixed(scale=1 / d_k),
            f"your scores are divided by d_k = {d_k}, that is by sqrt(d_k) twice: dot_product_attention "
            "already divides by sqrt(d_k), so do not scale the queries, keys or scores yourself (if you "
            "wrote the softmax yourself, divide by sqrt(d_k), not by d_k).",
        ),
        like(
            mixed(scale=1 / np.sqrt(d_v)),
            f"you divided by sqrt(d_v) = sqrt({d_v}), the width of the values; "
            f"the scale is 1/sqrt(d_k) = 1/sqrt({d_k}), the width of the queries "
            "and keys.",
        ),
        like(mixed(scale=np.sqrt(d_k)), "you multiplied the scores by sqrt(d_k); divide by it."),
        like(
            np.concatenate([X @ W_q[j] @ (X @ W_k[j]).T / np.sqrt(d_k) @ (X @ W_v[j]) for j in range(h)], 1)
            @ W_o,
            "the softmax is missing: each head's weights are softmax(scores), not the raw scores.",
        ),
        like(
            mixed(swap=True),
            "queries and keys are swapped: the queries are X @ W_q[j], the keys X @ W_k[j] "
            "(each row of weights belongs to a query).",
        ),
        like(mixed(which=0), "every head used the first head's maps: head j needs W_q[j], W_k[j], W_v[j]."),
        like(
            np.stack(heads(), axis=-1).reshape(T, -1) @ W_o,
            "np.stack(..., axis=-1) then reshape interleaves the heads' columns (head 0's first column, "
            "head 1's first column, ...): join them whole with np.concatenate(heads, axis=-1).",
        ),
        like(
            np.stack(heads()).reshape(T, -1) @ W_o,
            "np.stack(heads) is [h, T, d_v], and reshaping it to [T, h * d_v] mixes the tokens' rows: "
            "join the heads side by side with np.concatenate(heads, axis=-1).",
        ),
        like(
            np.concatenate([X @ W_v[j] for j in range(h)], axis=1) @ W_o,
            "the attention is missing: you joined the values X @ W_v[j] themselves. Each head averages "
            "them with its weights: dot_product_attention(X @ W_q[j], X @ W_k[j], X @ W_v[j])[0].",
        ),
        like(
            np.concatenate(heads()[::-1], axis=1) @ W_o,
            "the heads are concatenated in reverse order: head 0 "
            "first, so its columns meet W_o's first rows.",
        ),
        like(
            expected + X,
            "you added the residual X: that belongs to the Transformer block around the layer; "
            "multi-head attention itself returns the mixed heads, concat @ W_o.",
        ),
        like(expected / h, f"you divided by h = {h}: W_o does the mixing, so return concat @ W_o as it is."),
        like(
            mixed(mask=causal_mask(T)),
            "you applied a causal mask: here every query may read every key (no mask).",
        ),
        like(columns, "softmax over the wrong axis: each query's weights (a row, over the keys, axis=-1) "
                      "must sum to 1."),
    ]


#: The order of the heatmaps in the preset puzzle, labelled A, B, C, D.
PUZZLE_ORDER = ("first word", "previous word", "same word", "next word")


def check_head_presets(answer: Mapping[str, str]) -> CheckResult:
    """Check ``{"A": preset name, ...}`` against :data:`PUZZLE_ORDER` (heatmaps A-D of the puzzle)."""
    name = "which head made which heatmap"
    letters = "ABCD"
    four = [p for p in HEAD_PRESETS if p in PUZZLE_ORDER]  # the puzzle's presets, in the menu's order
    example = "{" + ", ".join(f'"{a}": "..."' for a in letters) + "}"
    bad = expect_mapping(name, answer, example + ", with preset names from " + str(four))
    if bad is not None:
        return bad
    answer = {as_option(k, list(letters)): as_option(v, list(HEAD_PRESETS)) for k, v in answer.items()}
    if sorted(answer) != list(letters):
        return CheckResult(
            name, False, f"give one preset name for each of A, B, C, D; you gave keys {sorted(answer)}."
        )
    for letter, preset in zip(letters, PUZZLE_ORDER, strict=True):
        given = answer[letter]
        if not check_choice(name, given, preset, "", options=list(HEAD_PRESETS)).passed:
            return CheckResult(name, False, _preset_mistake(letter, given, answer, four))
    return CheckResult(
        name,
        True,
        "correct: " + ", ".join(f"{a} = {p}" for a, p in zip(letters, PUZZLE_ORDER, strict=True)) + ".",
    )


def _preset_mistake(letter: str, given, answer: Mapping, four: list[str]) -> str:
    """What to say when heatmap ``letter`` got the wrong preset name ``given``."""
    if given not in HEAD_PRESETS:
        start = given.strip().lower() if isinstance(given, str) else ""
        close = [p for p in four if start and p.startswith(start)]
        guess = f" (did you mean {close[0]!r}?)" if len(close) == 1 else ""
        return f"answer with one of the four presets {four}; you gave {given!r}{guess}."
    said = (f"heatmap {letter} is not {given!r}: look where each row's brightest cell sits (on the diagonal, "
            "one left of it, one right of it, or in the first column).")
    twice = [k for k, v in answer.items() if v == given]
    if len(twice) > 1:
        said += f" Each of the four presets is used once; you gave {given!r} for {', '.join(twice)}."
    return said
