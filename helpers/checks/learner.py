"""Run what a learner passed to a check: say what to pass when it is the wrong kind, explain an error.

Every check starts here, so a list where a dict is expected, a string where a function is expected,
or None gets a [NOT YET] line saying what to pass, never a traceback; an error raised inside the
learner's function is shown in one line with what it usually means (shapes of a product, an
element-wise operation, a name not defined).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping

import numpy as np

from .base import CheckResult, Hint

__all__ = [
    "kind",
    "expect_function",
    "expect_mapping",
    "expect_answer",
    "call_learner",
    "explain_error",
    "like",
    "near",
]

#: Tolerances that accept a right answer computed in float32 (relative 1e-7 per step) and still tell
#: apart every mistake the checks name (those differ by far more).
RTOL, ATOL = 1e-5, 1e-6


def kind(value) -> str:
    """What was passed, in words: ``None``, ``a string ('b')``, ``a list of 4 items``, ``a function``."""
    if value is None:
        return "None"
    if callable(value) and not isinstance(value, type):
        return "a function"
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "..."
        return f"a string ({short!r})"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    if isinstance(value, list | tuple | set | dict):
        n = len(value)
        return f"a {type(value).__name__} of {n} item{'s' if n != 1 else ''}"
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int | float | np.number):
        return f"the number {value}"
    name = type(value).__name__
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def expect_function(name: str, fn, call: str) -> CheckResult | None:
    """None when ``fn`` can be called; else a NOT YET naming what to pass (``call``, e.g. ``check(f)``)."""
    if callable(fn) and not isinstance(fn, type):
        return None
    called = isinstance(fn, np.ndarray | tuple | int | float | np.number)  # what a call returns
    hint = " (you called it: leave out the parentheses)" if called else ""
    return CheckResult(
        name, False, f"pass your function itself, by its name: {call}{hint}. You gave {kind(fn)}."
    )


def expect_mapping(name: str, got, example: str) -> CheckResult | None:
    """None when ``got`` is a dict (any mapping); else a NOT YET showing the dict to write."""
    if isinstance(got, Mapping):
        return None
    return CheckResult(name, False, f"give a dict, one entry per key, like {example}. You gave {kind(got)}.")


def expect_answer(name: str, got, what: str, example: str) -> CheckResult | None:
    """For an answer written as numbers: None when it may be numbers, else what to write instead."""
    if got is None:
        why = "your answer is None"
    elif callable(got) and not isinstance(got, type):
        why = "you gave a function; give the numbers themselves"
    elif isinstance(got, str | Mapping | set):
        why = f"you gave {kind(got)}"
    else:
        return None
    return CheckResult(name, False, f"{why}. Write {what} as a list or a numpy array, e.g. {example}.")


def call_learner(
    name: str, fn: Callable, *args, params: str, product: str = "", broadcast: str = ""
) -> tuple[object, CheckResult | None]:
    """``(fn(*args), None)``, or ``(None, NOT YET)`` when ``fn`` takes other arguments or raises.

    ``params`` names the arguments the check passes, e.g. ``"(a, da)"``; ``product`` and ``broadcast``
    say what to look at when a matrix product or an element-wise operation gets shapes that do not fit.
    """
    try:
        inspect.signature(fn).bind(*args)
    except TypeError:
        return None, CheckResult(
            name,
            False,
            f"your function must take {len(args)} arguments {params}; yours takes {_signature(fn)}.",
        )
    except ValueError:  # no signature to read (a builtin): just call it
        pass
    try:
        return fn(*args), None
    except Exception as err:  # the learner's code: report in one line, do not crash the notebook
        return None, CheckResult(name, False, explain_error(err, product=product, broadcast=broadcast))


def explain_error(err: Exception, *, product: str = "", broadcast: str = "") -> str:
    """``your function raised <Error>: <text>``, then what that error usually means."""
    text = str(err).strip().rstrip(".")
    said = f"your function raised {type(err).__name__}: {text}."
    if isinstance(err, TypeError) and ("for ^" in text or "bitwise_xor" in text):
        return f"{said} In Python ^ is not a power (it is exclusive or): write h**2."
    if isinstance(err, NameError):
        return f"{said} Define or import that name first (run the cell that does), or write it with np."
    if isinstance(err, ValueError) and ("matmul" in text or "not aligned" in text):
        return f"{said} The shapes of a matrix product (@) do not fit. {product}".rstrip()
    if isinstance(err, ValueError) and "broadcast" in text:
        advice = broadcast or "For a matrix product use @, not *."
        return f"{said} An element-wise operation (*, +, -, /) got arrays whose shapes do not match. {advice}"
    return said


def _signature(fn) -> str:
    try:
        return str(inspect.signature(fn))
    except (TypeError, ValueError):
        return "other arguments"


def near(g, v, *, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """True when ``g`` has ``v``'s shape and values (within float32 round-off)."""
    v = np.asarray(v, dtype=float)
    return np.shape(g) == v.shape and bool(np.allclose(g, v, rtol=rtol, atol=atol))


def like(value, message: str, *, rtol: float = RTOL, atol: float = ATOL) -> Hint:
    """A hint that holds when the answer equals ``value``, what one named mistake computes."""
    v = np.asarray(value, dtype=float)
    return (lambda g: near(g, v, rtol=rtol, atol=atol), message)
