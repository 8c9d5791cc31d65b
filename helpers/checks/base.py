"""Self-checks for exercises: a clear pass line, or the most likely mistake in plain words.

A topic module (``checks.rnn``, ``checks.attention``) builds on :func:`check_array`, passing
*hints*: pairs of (a test on the learner's answer, the explanation to show when it holds).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["CheckResult", "as_option", "assert_passed", "check_array", "check_choice", "diagnose"]

Hint = tuple[Callable[[np.ndarray], bool], str | Callable[[np.ndarray], str]]


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
                atol: float = 1e-8, recipe: str = "", exact_shape: bool = False) -> CheckResult:
    """Compare a learner's array with the expected one; explain the likely mistake if it differs.

    Parameters
    ----------
    name : str
        What the exercise asked for, e.g. ``"one RNN step"``.
    got, expected : array_like
    hints : sequence of (predicate, message)
        Tried in order on ``got`` (as an array) when it is wrong; the first predicate that holds
        gives the explanation shown (a message may be a function of ``got`` returning the text).
        Predicates that raise are skipped.
    rtol, atol : float
        Tolerance of a right answer (``atol=0.006`` accepts numbers rounded to two decimals).
    recipe : str
        The steps to redo, named when the answer is wrong in no recognised way.
    exact_shape : bool
        Require ``expected``'s shape exactly: use it for what a learner's function returns (a state of
        shape [1, d_h] breaks the next step). Off, a vector typed as one row or one column counts.

    When no hint fits, a wrong answer is diagnosed by class (see :func:`diagnose`): a wrong shape
    (an extra axis of length 1, several arrays returned, transposed, joined along the wrong axis), a
    constant factor (scale or sign), the right numbers in the wrong places (order), before a plain
    "values differ".
    """
    if got is None:
        return CheckResult(name, False, "your function returned None: did you forget `return`?")
    e = np.asarray(expected, dtype=float)
    bundle = _bundle(got, e, recipe, rtol=rtol, atol=atol)
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        if bundle is not None:
            return CheckResult(name, False, bundle)
        return CheckResult(name, False, f"expected an array of numbers of shape {e.shape} (a list or a numpy "
                                        f"array), got {type(got).__name__}.")
    if bundle is None and _extra_unit_axes(g.shape, e.shape):
        flat = g.reshape(e.shape)
        if not exact_shape and e.ndim == 1 and g.ndim == 2:
            g = flat  # a vector typed as one row or one column: the same numbers
        else:
            inner = check_array(name, flat, expected, hints=hints, rtol=rtol, atol=atol, recipe=recipe,
                                exact_shape=True)
            return CheckResult(name, False, _unit_axes_message(g.shape, e.shape, inner))
    if g.shape != e.shape:
        said = _first_hint(hints, g)
        if said is None:
            said = bundle or diagnose(g, e, recipe=recipe, atol=max(atol, 1e-8))
        return CheckResult(name, False, said)
    if np.allclose(g, e, rtol=rtol, atol=atol):
        return CheckResult(name, True, "correct.")
    said = _first_hint(hints, g)
    return CheckResult(name, False, said or diagnose(g, e, recipe=recipe, atol=max(atol, 1e-8)))


def _first_hint(hints: Sequence[Hint], g: np.ndarray) -> str | None:
    """The message of the first hint whose predicate holds for ``g``, or None."""
    for predicate, message in hints:
        if _holds(predicate, g):
            return message(g) if callable(message) else message
    return None


def _extra_unit_axes(g_shape: tuple, e_shape: tuple) -> bool:
    """True when ``g_shape`` is ``e_shape`` with one or more axes of length 1 added."""
    def drop(shape):
        return tuple(n for n in shape if n != 1)

    return len(g_shape) > len(e_shape) and drop(g_shape) == drop(e_shape) and 1 not in e_shape


def _unit_axes_message(g_shape: tuple, e_shape: tuple, inner: CheckResult) -> str:
    """Say that an axis of length 1 is extra, and what the numbers themselves look like."""
    extra = len(g_shape) - len(e_shape)
    axes = "an extra axis" if extra == 1 else f"{extra} extra axes"
    vector = " (a row or a column, not a 1-D vector)" if len(e_shape) == 1 and len(g_shape) == 2 else ""
    dims = str(e_shape[0]) if len(e_shape) == 1 else ", ".join(map(str, e_shape))
    fix = (f"Return shape {e_shape}: leave out what adds the axis (x[None], [:, None], np.atleast_2d, "
           f"keepdims=True, a list around the result) or end with .reshape({dims}).")
    if inner.passed:
        return (f"the numbers are right, but the shape is {g_shape}, not {e_shape}: {axes} of length "
                f"1{vector}. {fix}")
    return (f"shape {g_shape}, expected {e_shape}: {axes} of length 1{vector}. {fix} The numbers differ too: "
            f"{inner.message}")


def _bundle(got, e: np.ndarray, recipe: str, *, rtol: float, atol: float) -> str | None:
    """When ``got`` is several arrays (a tuple or list of them) where one array is expected: what to say."""
    if not isinstance(got, list | tuple) or not got:
        return None
    if not all(x is None or isinstance(x, np.ndarray) for x in got) or all(x is None for x in got):
        return None
    try:
        if np.asarray(got, dtype=float).ndim <= e.ndim:
            return None  # rows of one matrix, say: judged as that matrix
    except (TypeError, ValueError):
        pass
    kind, n = type(got).__name__, len(got)
    right = [i for i, x in enumerate(got)
             if x is not None and x.shape == e.shape and np.allclose(x, e, rtol=rtol, atol=atol)]
    if n == 1:
        said = f"you returned a {kind} holding one array of shape {got[0].shape}; return the array itself"
        return f"{said}." if right else f"{said}, of shape {e.shape}. {recipe}".rstrip()
    shapes = [None if x is None else x.shape for x in got]
    same = len(set(shapes)) == 1
    each = f"each of shape {shapes[0]}" if same else "of shapes " + ", ".join(map(str, shapes))
    said = f"you returned a {kind} of {n} items ({each}); return one array of shape {e.shape}."
    if right:
        return f"{said} Item {right[0]} is the right answer: return it alone, not inside a {kind}."
    return f"{said} {recipe}".rstrip()


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
