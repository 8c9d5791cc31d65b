"""Exercise checks of notebook 06: one decoder step's context, an alignment, why the bottleneck fails."""

from __future__ import annotations

import numpy as np

from ..core.attention import softmax
from ..lessons.translation_experiments import CONTEXT_EXERCISE
from .base import CheckResult, check_array, check_choice

__all__ = ["check_context", "check_reversal_alignment", "check_bottleneck_reason", "BOTTLENECK_OPTIONS"]


def _context_parts():
    s, H = CONTEXT_EXERCISE["s"], CONTEXT_EXERCISE["H"]
    scores = H @ s / np.sqrt(len(s))             # [T]
    weights = softmax(scores)
    return scores, weights, weights @ H          # [T], [T], [d_h]


def check_context(context) -> CheckResult:
    """``context``: the decoder's context vector [d_h] for ``CONTEXT_EXERCISE`` (2 decimals are enough)."""
    s, H = CONTEXT_EXERCISE["s"], CONTEXT_EXERCISE["H"]
    scores, weights, expected = _context_parts()
    unscaled = softmax(H @ s) @ H
    return check_array("one decoder step's context", context, expected, atol=0.006, rtol=0, hints=[
        (lambda g: g.shape == weights.shape and np.allclose(g, weights, atol=0.006),
         "these are the weights; the context is their weighted sum of the encoder states, weights @ H."),
        (lambda g: np.allclose(g, unscaled, atol=0.006),
         f"you left out the scale: divide each score s . h_t by sqrt(d_h) = {np.sqrt(len(s)):.3f} first."),
        (lambda g: np.allclose(g, H.mean(axis=0), atol=0.006),
         "that is the plain average of the encoder states: weight them by softmax(scores) instead."),
        (lambda g: np.allclose(g, scores @ H, atol=0.006),
         "you weighted by the raw scores: pass them through softmax so the weights sum to 1."),
    ], recipe="scores = H @ s / sqrt(2); weights = softmax(scores); context = weights @ H.")


def check_reversal_alignment(prediction, source="31415") -> CheckResult:
    """``prediction``: for each output character of reversing ``source``, the source position it looks at."""
    L = len(source)
    expected = np.arange(L)[::-1]
    return check_array(f"alignment of reversing {source!r}", prediction, expected, atol=0, hints=[
        (lambda g: np.array_equal(g, np.arange(L)), "that is the diagonal: copying, not reversing. "
                                                     "The first output character is the last digit."),
        (lambda g: np.array_equal(g, np.arange(1, L + 1)[::-1]), "positions count from 0 here: the last "
                                                                 f"of {L} characters is position {L - 1}."),
    ], recipe="output character u copies source position L - 1 - u.")


BOTTLENECK_OPTIONS = {
    "a": "the encoder RNN cannot read more than a few digits",
    "b": "everything the decoder writes is carried from s_0 through its own recurrence, one step per "
         "output character; at this budget the late outputs lose it, and a long string needs many outputs",
    "c": "s_0 has too few numbers to hold a long string",
    "d": "the decoder has seen fewer long strings in training",
}


def check_bottleneck_reason(answer) -> CheckResult:
    """``answer``: the letter of ``BOTTLENECK_OPTIONS`` that says why accuracy falls with length."""
    return check_choice(
        "why the bottleneck fails", str(answer).strip().lower(), "b",
        "Without attention the decoder sees the source only through s_0, and to write its u-th "
        "character it must carry what it needs through u steps of its own recurrence. Sections 3 and 4 "
        "measured it: on dates the field written last fails, whichever field that is; on reversal the "
        "u-th digit written fails about equally at every input length. Not (c): twice the room "
        "(d_h = 128) did not move the curve, and longer training taught the same 64 numbers to carry 9 "
        "digits. Not (a): the attention model has the same encoder and reverses every length. Not (d): "
        "every length is equally common in training.",
        options=list(BOTTLENECK_OPTIONS),
    )
