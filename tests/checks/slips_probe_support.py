"""Shared by the ``test_*_slips_probe.py`` files: a slip is refused with its own hint, a right answer passes.

Self-contained on purpose (no import from other test modules), so the files stay valid while the
test tree is reorganised.
"""

from __future__ import annotations

import re

from helpers.checks import CheckResult

#: Phrases of the class-level fallbacks: a slip these tests name must get more than one of these.
GENERIC = (
    "values differ",
    "largest gap",
    "Check which axis",
    "check what you sum or index over",
    "in the wrong places: check the order",
)


def refused(result: CheckResult, *phrases: str) -> str:
    """Assert NOT YET, each phrase (case-sensitive) in the message, no generic fallback, tidy text."""
    assert isinstance(result, CheckResult), result
    assert not result.passed, result
    message = result.message
    for phrase in phrases:
        assert phrase in message, (phrase, message)
    assert not any(g in message for g in GENERIC), message
    assert "Traceback" not in message and "\n" not in message, message
    for m in re.finditer(r"(\S*)[.!?]\s+\(?([A-Za-z]\w*)(\s*=)?", message):
        before, word, assignment = m.groups()
        if before and before.lower() not in {"e.g", "i.e"} and not assignment and "_" not in word:
            assert word[0].isupper(), f"sentence opens in lower case in {message!r}"
    return message


def accepted(result: CheckResult) -> CheckResult:
    """Assert PASS."""
    assert isinstance(result, CheckResult), result
    assert result.passed, result
    return result
