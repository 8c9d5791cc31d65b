"""Self-checks for exercises: a clear pass line, or the most likely mistake in plain words.

A topic module (``rnn_checks``, ``attention_checks``) builds on :func:`check_array`, passing
*hints*: pairs of (a test on the learner's answer, the explanation to show when it holds).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["CheckResult", "check_array", "check_choice"]

Hint = tuple[Callable[[np.ndarray], bool], str]


@dataclass
class CheckResult:
    """The outcome of a check; shows itself as one readable block in a notebook."""

    name: str
    passed: bool
    message: str

    def __repr__(self) -> str:
        mark = "PASS" if self.passed else "NOT YET"
        return f"[{mark}] {self.name}: {self.message}"

    def __bool__(self) -> bool:
        return self.passed


def check_array(name: str, got, expected, *, hints: Sequence[Hint] = (), rtol: float = 1e-6,
                atol: float = 1e-8) -> CheckResult:
    """Compare a learner's array with the expected one; explain the likely mistake if it differs.

    Parameters
    ----------
    name : str
        What the exercise asked for, e.g. ``"one RNN step"``.
    got, expected : array_like
    hints : sequence of (predicate, message)
        Tried in order on ``got`` (as an array) when it is wrong; the first predicate that holds
        gives the explanation shown. Predicates that raise are skipped.
    """
    if got is None:
        return CheckResult(name, False, "your function returned None: did you forget `return`?")
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return CheckResult(name, False, f"expected an array of numbers, got {type(got).__name__}.")
    e = np.asarray(expected, dtype=float)
    if g.shape != e.shape:
        for predicate, message in hints:
            if _holds(predicate, g):
                return CheckResult(name, False, message)
        return CheckResult(name, False, f"shape {g.shape}, expected {e.shape}. Check which axis you "
                                        f"multiply or sum over.")
    if np.allclose(g, e, rtol=rtol, atol=atol):
        return CheckResult(name, True, "correct.")
    for predicate, message in hints:
        if _holds(predicate, g):
            return CheckResult(name, False, message)
    worst = float(np.max(np.abs(g - e)))
    return CheckResult(name, False, f"right shape {g.shape}, but values differ (largest gap {worst:.3g}). "
                                    f"Re-read the formula above the exercise.")


def _holds(predicate: Callable[[np.ndarray], bool], g: np.ndarray) -> bool:
    try:
        return bool(predicate(g))
    except Exception:  # a hint that does not apply to this answer
        return False


def check_choice(name: str, got, expected, explanation: str, options: Sequence | None = None) -> CheckResult:
    """Check a prediction (a word or a number picked from a few options)."""
    if options is not None and got not in options:
        return CheckResult(name, False, f"answer with one of {list(options)}; you gave {got!r}.")
    if got == expected:
        return CheckResult(name, True, f"correct. {explanation}")
    return CheckResult(name, False, f"not {got!r}. {explanation}")
