"""Run what a learner passed to a check: say what to pass when it is the wrong kind, explain an error.

Every check starts here, so a list where a dict is expected, a string where a function is expected,
or None gets a [NOT YET] line saying what to pass, never a traceback; an error raised inside the
learner's function is shown in one line with what it usually means (shapes of a product, an
element-wise operation, a name not defined). When a function's answer is wrong in no named way,
:func:`unused_hint` tests whether it ignores an argument (a weight read from an earlier cell).
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import warnings
from collections.abc import Callable, Mapping, Sequence

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
    "unused_arguments",
    "unused_hint",
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


def unused_arguments(fn: Callable, args: Sequence, names: Sequence[str], *, seed: int = 0) -> list[str]:
    """The names of the arguments whose values do not change what ``fn`` returns.

    Each argument in turn is replaced by a nudged copy; when the result stays the same, ``fn`` reads
    that value from elsewhere (a variable of an earlier notebook cell), not from its argument. Calls
    that raise count as "it depends"; anything the function prints is swallowed.
    """
    rng = np.random.default_rng(seed)
    base = _quiet_call(fn, args)
    if base is None:
        return []
    unused = []
    for i, name in enumerate(names):
        nudged = list(args)
        nudged[i] = _nudge(args[i], rng)
        out = _quiet_call(fn, nudged)
        if out is not None and out.shape == base.shape and np.allclose(out, base, rtol=1e-12, atol=0):
            unused.append(name)
    return unused


def unused_hint(fn: Callable, args: Sequence, names: Sequence[str], *, shape: tuple, then: str = "") -> Hint:
    """A hint that holds when ``fn`` ignores one of its arguments (checked only for an answer of the
    right ``shape`` that no earlier hint explains); ``then`` is the recipe to add."""
    found: list[list[str]] = []

    def unused() -> list[str]:
        if not found:
            found.append(unused_arguments(fn, args, names))
        return found[0]

    def message(_g) -> str:
        which = unused()
        params = f"({', '.join(names)})"
        if len(which) == len(names):
            said = (f"your function gives the same result whatever it is passed: it uses none of its "
                    f"arguments {params}. Compute the answer from them, not from variables of earlier cells.")
        else:
            listed = which[0] if len(which) == 1 else ", ".join(which[:-1]) + " and " + which[-1]
            verb = "is" if len(which) == 1 else "are"
            said = (f"your function gives the same result whatever {listed} it is passed: {listed} {verb} "
                    f"left out, or read from a variable of an earlier cell instead of the function's "
                    f"arguments {params}.")
        return f"{said} {then}".rstrip()

    return (lambda g: g.shape == tuple(shape) and bool(unused()), message)


def _quiet_call(fn: Callable, args: Sequence) -> np.ndarray | None:
    """``fn(*copies of args)`` as a float array, with its output swallowed; None when that fails."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            out = fn(*copy.deepcopy(list(args)))
        if isinstance(out, tuple) and out and isinstance(out[0], np.ndarray):
            out = out[0]  # (outputs, weights)
        return np.asarray(out, dtype=float)
    except Exception:  # the learner's code on changed inputs: no verdict
        return None


def _nudge(value, rng):
    """A changed copy of an argument: every number moved; tuples and lists element by element."""
    if isinstance(value, tuple | list):
        return type(value)(_nudge(v, rng) for v in value)
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.floating):
        return value * rng.uniform(0.5, 1.5, size=value.shape) + rng.normal(scale=0.3, size=value.shape)
    return value
