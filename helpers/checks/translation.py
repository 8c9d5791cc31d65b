"""Exercise checks of notebook 06: one decoder step's context, an alignment, why the bottleneck fails."""

from __future__ import annotations

import numpy as np

from ..core.attention import softmax
from ..lessons.translation_experiments import CONTEXT_EXERCISE
from .base import CheckResult, check_array, check_choice
from .learner import expect_answer, like

__all__ = ["check_context", "check_reversal_alignment", "check_bottleneck_reason", "BOTTLENECK_OPTIONS"]


def _context_parts():
    s, H = CONTEXT_EXERCISE["s"], CONTEXT_EXERCISE["H"]
    scores = H @ s / np.sqrt(len(s))  # [T]
    weights = softmax(scores)
    return scores, weights, weights @ H  # [T], [T], [d_h]


#: Two decimals are enough: an answer rounded or truncated to two decimals is at most 0.01 off.
TWO_DECIMALS = 0.01 + 1e-9


def _context_hints(s, H, scores, weights):
    d_h, T = len(s), len(H)

    def hand(value, message):
        return like(value, message, rtol=0, atol=TWO_DECIMALS)

    return [
        hand(
            np.zeros(d_h),
            "all zeros: that is the placeholder. Score each encoder state against s, "
            "turn the scores into weights with softmax, and average the states.",
        ),
        (
            lambda g: g.shape == weights.shape and np.allclose(g, weights, atol=TWO_DECIMALS),
            "these are the weights; the context is their weighted sum of the encoder states, weights @ H.",
        ),
        hand(
            softmax(H @ s) @ H,
            f"you left out the scale: divide each score s . h_t by sqrt(d_h) = {np.sqrt(d_h):.3f} first.",
        ),
        hand(
            softmax(H @ s / d_h) @ H,
            f"you divided the scores by d_h = {d_h}; divide by its square root, "
            f"sqrt(d_h) = {np.sqrt(d_h):.3f}.",
        ),
        hand(softmax(H @ s * np.sqrt(d_h)) @ H, "you multiplied the scores by sqrt(d_h); divide by it."),
        hand(
            softmax(H @ s / np.sqrt(T)) @ H,
            f"you divided by sqrt({T}), the number of characters; the scale "
            f"is 1/sqrt(d_h), the width of one state: sqrt({d_h}).",
        ),
        hand(
            H.mean(axis=0),
            "that is the plain average of the encoder states: weight them by softmax(scores) instead.",
        ),
        hand(
            H.sum(axis=0),
            "that is the plain sum of the encoder states: weight each by its softmax weight "
            "(the weights sum to 1).",
        ),
        hand(
            scores @ H, "you weighted by the raw scores: pass them through softmax so the weights sum to 1."
        ),
        hand(
            np.exp(scores) @ H,
            "you took exp of the scores but did not divide by their sum: the weights must sum to 1.",
        ),
        hand(
            scores / scores.sum() @ H,
            "you divided the scores by their sum without exp: softmax exponentiates first.",
        ),
        hand(
            H[np.argmax(weights)],
            "that is one encoder state (the one with the largest weight, here also "
            "the last): the context averages all of them, weighted.",
        ),
        *(
            hand(H[t], f"that is one encoder state, H[{t}]: the context averages all of them, weighted by "
                       "softmax(scores).")
            for t in range(T)
        ),
        hand(
            s,
            "that is the decoder state s itself, the query: the context is built from the encoder states H.",
        ),
        like(
            np.round(weights @ H, 1),
            "you rounded to one decimal: keep two (and more until the last step).",
            rtol=0,
            atol=1e-6,
        ),
        (
            lambda g: g.shape == H.shape,
            "one row per encoder state: you weighted the states but did not add "
            "them up; sum over the characters, (weights[:, None] * H).sum(axis=0) "
            "or weights @ H.",
        ),
        (
            lambda g: g.shape == weights.shape,
            f"{T} numbers, one per character; the context has d_h = {d_h}, "
            "one per coordinate of a state: weights @ H.",
        ),
    ]


def check_context(context) -> CheckResult:
    """``context``: the decoder's context vector [d_h] for ``CONTEXT_EXERCISE`` (2 decimals are enough)."""
    name = "one decoder step's context"
    bad = expect_answer(name, context, "the context (2 numbers)", "[0.25, 0.5]")
    if bad is not None:
        return bad
    s, H = CONTEXT_EXERCISE["s"], CONTEXT_EXERCISE["H"]
    scores, weights, expected = _context_parts()
    return check_array(
        name,
        context,
        expected,
        atol=TWO_DECIMALS,
        rtol=0,
        hints=_context_hints(s, H, scores, weights),
        recipe="scores = H @ s / sqrt(2); weights = softmax(scores), that is np.exp(scores) / "
        "np.exp(scores).sum(); context = weights @ H.",
    )


def check_reversal_alignment(prediction, source="31415") -> CheckResult:
    """``prediction``: for each output character of reversing ``source``, the source position it looks at.

    Python's negative indices (-1 for the last character) count as the positions they point at.
    """
    name = f"alignment of reversing {source!r}"
    L = len(source)
    bad = expect_answer(name, prediction, f"{L} positions, one per output character", f"{list(range(L))}")
    if bad is not None:
        return bad
    expected = np.arange(L)[::-1]
    try:
        g = np.asarray(prediction)
    except ValueError:  # rows of different lengths: check_array says what to give
        g = np.zeros(0)
    if g.shape == (L,) and np.issubdtype(g.dtype, np.number) and np.all((g >= -L) & (g < 0)):
        prediction = g % L  # -1 is the last position
    out, digits = source[::-1], [float(c) if c.isdigit() else np.nan for c in source]
    hints = [
        like(
            np.arange(L),
            "that is the diagonal: copying, not reversing. The first output character is the last digit.",
        ),
        like(
            np.arange(1, L + 1)[::-1],
            f"positions count from 0 here: the last of {L} characters is position {L - 1}.",
        ),
        like(
            np.arange(1, L + 1),
            f"that is the diagonal counted from 1: positions count from 0, and the first "
            f"output character copies the last one, position {L - 1}.",
        ),
        like(
            np.arange(L)[::-1] - 1,
            f"one off: the first output character copies position L - 1 = {L - 1}, the last one position 0.",
        ),
        like(
            [source.index(c) for c in out],
            "you looked each output digit up where it first occurs in the "
            "source; a digit that occurs twice is copied from the position "
            "reversal reads, L - 1 - u.",
        ),
        like(
            [source.rindex(c) for c in out],
            "you looked each output digit up where it last occurs in the "
            "source; reversal copies position L - 1 - u, whatever the digit.",
        ),
        like(
            [float(c) if c.isdigit() else np.nan for c in out],
            "those are the output characters themselves; give the source position each is copied from.",
        ),
        like(
            digits,
            "those are the source's characters; give, for each output character, the source "
            "position it is copied from.",
        ),
        (
            lambda g: g.ndim == 1 and len(g) != L,
            lambda g: f"you gave {len(g)} positions; reversing {source!r} writes {L} output characters, and "
            f"each needs the source position it copies: {L} numbers.",
        ),
    ]
    return check_array(
        name,
        prediction,
        expected,
        atol=0,
        hints=hints,
        recipe="output character u copies source position L - 1 - u.",
    )


BOTTLENECK_OPTIONS = {
    "a": "the encoder RNN cannot read more than a few digits",
    "b": "everything the decoder writes must come through s_0 and then through its own recurrence, one step "
         "per output character; at this budget what it writes late is lost on the way (on reversal even "
         "when s_0 holds it), and a long string needs many outputs",
    "c": "s_0 has too few numbers to hold a long string",
    "d": "the decoder has seen fewer long strings in training",
}


def check_bottleneck_reason(answer) -> CheckResult:
    """``answer``: the letter of ``BOTTLENECK_OPTIONS`` that says why accuracy falls with length.

    ``"B"``, ``" b "``, ``"(b)"``, ``"b)"`` and the option's own text all count as ``"b"``.
    """
    if isinstance(answer, str):
        text = answer.strip().lower()
        named = [k for k, v in BOTTLENECK_OPTIONS.items() if text == v.lower()]
        answer = named[0] if named else text.strip("().: ")
    return check_choice(
        "why the bottleneck fails", answer, "b",
        "Without attention the decoder sees the source only through s_0, and to write its u-th "
        "character it must carry what it needs through u steps of its own recurrence. Sections 3 and 4 "
        "measured it: on reversal the u-th digit written fails about equally at every input length, and "
        "the last digit is lost although a linear probe reads the source digit it copies off s_0; on "
        "dates the field written last fails, whichever field that is (there training also keeps less of "
        "it in s_0). Not (c), at this budget: twice the room (d_h = 128) did not move the curve, and a "
        "smaller learning rate taught the same 64 numbers to carry 9 digits (once that is learned the "
        "room counts too: d_h = 32 did worse). Not (a): the attention model has the same encoder and "
        "gets more than half of the strings of every trained length right. Not (d): every length is "
        "equally common in training.",
        options=list(BOTTLENECK_OPTIONS),
    )
