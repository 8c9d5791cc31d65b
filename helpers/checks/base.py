"""Self-checks for exercises: a clear pass line, or the most likely mistake in plain words.

A topic module (``checks.rnn``, ``checks.attention``) builds on :func:`check_array`, passing
*hints*: pairs of (a test on the learner's answer, the explanation to show when it holds).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["CheckResult", "as_option", "assert_passed", "check_array", "check_choice", "diagnose"]

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


def assert_passed(result: CheckResult) -> CheckResult:
    """Graded mode: raise ``AssertionError`` carrying the check's own line unless ``result`` passed.

    nbgrader counts a test cell as failed when it raises; ``assert_passed(check_x(answer))`` fails with
    the same "[NOT YET] ..." text the interactive notebook prints, and shows the "[PASS] ..." line
    otherwise. The notebooks themselves call ``check_x(answer)`` alone and never raise.
    """
    if not isinstance(result, CheckResult):
        raise TypeError(f"assert_passed(result): expected the CheckResult a check returns, got "
                        f"{type(result).__name__}.")
    if not result.passed:
        raise AssertionError(repr(result))
    return result


def check_array(name: str, got, expected, *, hints: Sequence[Hint] = (), rtol: float = 1e-6,
                atol: float = 1e-8, recipe: str = "") -> CheckResult:
    """Compare a learner's array with the expected one; explain the likely mistake if it differs.

    Parameters
    ----------
    name : str
        What the exercise asked for, e.g. ``"one RNN step"``.
    got, expected : array_like
    hints : sequence of (predicate, message)
        Tried in order on ``got`` (as an array) when it is wrong; the first predicate that holds
        gives the explanation shown. Predicates that raise are skipped.
    rtol, atol : float
        Tolerance of a right answer (``atol=0.006`` accepts numbers rounded to two decimals).
    recipe : str
        The steps to redo, named when the answer is wrong in no recognised way.

    When no hint fits, a wrong answer is diagnosed by class (see :func:`diagnose`): a wrong shape
    (transposed, joined along the wrong axis), a constant factor (scale or sign), the right numbers
    in the wrong places (order), before a plain "values differ".
    """
    if got is None:
        return CheckResult(name, False, "your function returned None: did you forget `return`?")
    e = np.asarray(expected, dtype=float)
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return CheckResult(name, False, f"expected an array of numbers of shape {e.shape} (a list or a numpy "
                                        f"array), got {type(got).__name__}.")
    if e.ndim == 1 and g.ndim == 2 and 1 in g.shape and g.size == e.size:
        g = g.ravel()  # a vector written as one row or one column: the same numbers
    if g.shape != e.shape:
        for predicate, message in hints:
            if _holds(predicate, g):
                return CheckResult(name, False, message)
        return CheckResult(name, False, diagnose(g, e, recipe=recipe, atol=max(atol, 1e-8)))
    if np.allclose(g, e, rtol=rtol, atol=atol):
        return CheckResult(name, True, "correct.")
    for predicate, message in hints:
        if _holds(predicate, g):
            return CheckResult(name, False, message)
    return CheckResult(name, False, diagnose(g, e, recipe=recipe, atol=max(atol, 1e-8)))


def diagnose(g: np.ndarray, e: np.ndarray, *, recipe: str = "", atol: float = 1e-8) -> str:
    """Name the class of a wrong answer ``g`` (expected ``e``): shape, axis, scale, sign, order or values."""
    redo = f" {recipe}" if recipe else " Redo it one step at a time and compare each step with the text."
    if g.shape != e.shape:
        if g.shape == e.T.shape and g.ndim == 2 and np.allclose(g, e.T, rtol=1e-6, atol=atol):
            return f"shape {g.shape}, expected {e.shape}: your answer is transposed (rows, columns swapped)."
        if g.ndim == e.ndim == 2 and g.size == e.size:
            return (f"shape {g.shape}, expected {e.shape}: the right number of entries, arranged wrongly; "
                    f"did you join or stack along the wrong axis?")
        if g.ndim != e.ndim:
            return (f"shape {g.shape}, expected {e.shape}: {g.ndim} axes instead of {e.ndim}; check what you "
                    f"sum or index over.")
        return f"shape {g.shape}, expected {e.shape}. Check which axis you multiply, sum or join over."
    def close(a, b):
        return np.allclose(a, b, rtol=1e-6, atol=atol)

    gf, ef = g.ravel(), e.ravel()
    if g.ndim == 2 and g.shape[0] == g.shape[1] and close(g, e.T):
        return "your answer is the transpose of the right one: rows and columns are swapped."
    if ef @ ef > 0:
        c = float(gf @ ef / (ef @ ef))
        if abs(c) > 1e-12 and abs(c - 1.0) > 0.05 and close(g, c * e):  # 0.99 is a near miss, no factor
            what = "the sign is flipped" if np.isclose(c, -1.0) else "a scale factor is missing or extra"
            return f"every entry is {c:.3g} times the right value: {what}."
    if close(np.sort(gf), np.sort(ef)):
        return ("the right numbers, in the wrong places: check the order (which index is the row, which step "
                "comes first).")
    worst = float(np.max(np.abs(g - e)))
    off = np.argwhere(~np.isclose(g, e, rtol=1e-6, atol=atol))
    if g.size >= 3 and 0 < len(off) <= g.size // 3:  # mostly right: say where
        at = ", ".join(str(tuple(int(i) for i in ix)) if g.ndim > 1 else str(int(ix[0])) for ix in off[:4])
        return (f"right shape {g.shape}, and right except {len(off)} of {g.size} entries (at {at}; largest "
                f"gap {worst:.3g}).{redo}")
    return (f"right shape {g.shape}, but values differ (largest gap {worst:.3g}), not by a transpose, a "
            f"factor or the order.{redo}")


def _holds(predicate: Callable[[np.ndarray], bool], g: np.ndarray) -> bool:
    try:
        return bool(predicate(g))
    except Exception:  # a hint that does not apply to this answer
        return False


def check_choice(name: str, got, expected, explanation: str, options: Sequence | None = None) -> CheckResult:
    """Check a prediction (a word or a number picked from a few options).

    A word that differs from an option only in letter case or surrounding spaces is read as that option.
    """
    got = as_option(got, expected if options is None else options)
    if options is not None and not any(_equal(got, o) for o in options):
        return CheckResult(name, False, f"answer with one of {list(options)}; you gave {got!r}.")
    if _equal(got, expected):
        return CheckResult(name, True, f"correct. {explanation}")
    return CheckResult(name, False, f"not {got!r}. {explanation}")


def as_option(got, options):
    """``got`` as the option it names, ignoring letter case, surrounding spaces and how words are joined
    (``"First_word"`` is ``"first word"``); else unchanged."""
    if not isinstance(got, str):
        return got
    options = list(options) if isinstance(options, Sequence) and not isinstance(options, str) else [options]
    same = [o for o in options if isinstance(o, str) and _words(o) == _words(got)]
    return got if got in options or len(same) != 1 else same[0]


def _words(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def _equal(a, b) -> bool:
    """``a == b`` as one truth value (False when it is not one, e.g. for an array)."""
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False
