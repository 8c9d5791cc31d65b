"""The causal-mask check of notebook 07: True where query i may read key j (j <= i), for several T."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..core.masks import causal_mask
from .base import CheckResult
from .learner import call_learner, expect_function

__all__ = ["check_causal_mask"]


def check_causal_mask(fn: Callable) -> CheckResult:
    """Call ``fn(T)`` for T = 1, 4, 6; each must be the [T, T] bool mask, True where j <= i."""
    name = "causal mask"
    bad = expect_function(name, fn, "check_causal_mask(my_causal_mask)")
    if bad is not None:
        return bad
    for T in (4, 1, 6):
        got, err = call_learner(name, fn, T, params="(T)")
        if err is not None:
            return CheckResult(name, False, err.message.replace("raised", f"raised, for T = {T},", 1))
        if got is None:
            return CheckResult(name, False, "your function returned None: did you forget `return`?")
        try:
            g = np.asarray(got)
        except ValueError:  # rows of different lengths
            why = f"for T = {T} return a [{T}, {T}] array of booleans; your rows have different lengths."
            return CheckResult(name, False, why)
        want = causal_mask(T)
        if g.shape != (T, T):
            return CheckResult(
                name,
                False,
                f"for T = {T} the mask must have shape ({T}, {T}): one row per "
                f"query, one column per key; got {g.shape}.",
            )
        if g.dtype != bool:
            if np.array_equal(g.astype(bool), want) or np.array_equal(g, want.astype(g.dtype)):
                return CheckResult(
                    name,
                    False,
                    f"the pattern is right but the dtype is {g.dtype}: return "
                    "booleans (e.g. `np.tri(T, dtype=bool)` or "
                    "`... .astype(bool)`).",
                )
            if np.issubdtype(g.dtype, np.floating) and np.array_equal(g < 0, ~want) and not g[want].any():
                return CheckResult(
                    name,
                    False,
                    "that is an additive mask (0 where a word may attend, a "
                    "large negative number where it may not), the form added to "
                    "the scores; return the boolean mask: True where j <= i.",
                )
            g = g.astype(bool)
        if np.array_equal(g, want):
            continue
        hints = [
            (
                want.T,
                "you allowed later words and blocked earlier ones (upper triangle): the mask is "
                "transposed. Row i is the query: it may read keys j <= i.",
            ),
            (
                ~want,
                "True and False are swapped: here True means *may attend*, so the allowed part (j <= i) "
                "must be True.",
            ),
            (
                np.tri(T, k=-1, dtype=bool),
                "the diagonal is False: a word may attend to itself (j = i), and "
                "without it the first word has no key at all.",
            ),
            (np.ones((T, T), bool), "every entry is True: that is no mask; block the keys after the query."),
            (
                np.eye(T, dtype=bool),
                "only the diagonal: each word would read itself alone. Row i is True for "
                "every key j <= i, the words before it too.",
            ),
            (
                np.tri(T, k=1, dtype=bool),
                "one diagonal too many: the query at i would also read key i + 1, the "
                "next word. True where j <= i.",
            ),
            (
                want[:, ::-1],
                "your mask is mirrored left to right: column j is key j counted from the left, so row i is "
                "True in columns 0 to i (the keys up to and including i) and False after.",
            ),
            (
                want[::-1],
                "your mask is mirrored top to bottom: row i is query i counted from the top, so row 0 has "
                "a single True (column 0) and the last row is all True.",
            ),
        ]
        for pattern, message in hints:
            if np.array_equal(g, pattern):
                return CheckResult(name, False, message)
        bad = tuple(int(i) for i in np.argwhere(g != want)[0])
        may = "may" if want[bad] else "may not"
        row = bad[0]
        yours = [int(j) for j in np.flatnonzero(g[row])]
        return CheckResult(
            name,
            False,
            f"for T = {T}, entry {bad} should be {bool(want[bad])}: query {row} {may} read key {bad[1]}. "
            f"Row {row} must be True in columns 0 to {row} and False after; yours is True in columns "
            f"{yours}.",
        )
    return CheckResult(name, True, "correct: True on and below the diagonal, for every T tried.")
