"""Reading an exercise check's verdict the way the learner reads it.

``said`` asserts a check's status and that its name, message and repr are plain readable text
whose sentences open with a capital; ``specific`` also asserts that a hint was picked (not the
generic "values differ" line); ``f32`` runs a learner's function in float32 from start to end.
"""

import re

import numpy as np

from helpers.checks import CheckResult
from tests.drawn import plain_text


def sentences_open_with_capitals(text: str) -> None:
    """After a full stop (or ! ?) and a space, the next sentence opens with a capital letter."""
    for m in re.finditer(r"(\S*)[.!?]\s+\(?([A-Za-z]\w*)(\s*=)?", text):
        before, word, assignment = m.groups()
        if not before or before.lower() in {"e.g", "i.e"} or assignment or "_" in word:
            continue  # code (``s . h_t``, ``scores = ...``), not the start of a sentence
        assert word[0].isupper(), f"sentence opens in lower case in {text!r}"


def said(result: CheckResult, *keys: str, passed: bool = False, name: str = "", capitals: bool = True) -> str:
    """Assert status, plain name/message/repr and that each key (case-sensitive) is in the message."""
    assert isinstance(result, CheckResult)
    assert result.passed is passed, result
    assert bool(result) is passed
    plain_text(result.name)
    plain_text(result.message)
    plain_text(repr(result))
    if capitals:
        sentences_open_with_capitals(result.message)
    assert name in result.name, (name, result.name)
    for key in keys:
        assert key in result.message, (key, result.message)
    return result.message


GENERIC = ("values differ", "largest gap")  # what a check says when no hint fits


def f32(fn):
    """The same function computed in float32 from start to end."""
    return lambda *args: fn(*(np.asarray(a, dtype=np.float32) for a in args))


def specific(result, key, name):
    """``said`` with one key, and the message is a hint of its own, not the generic one."""
    msg = said(result, key, name=name)
    assert not any(g in msg for g in GENERIC), msg
    return msg
