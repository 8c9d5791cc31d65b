"""Checks of notebooks 05 and 06 fed the slips a learner makes, one table per exercise.

Each slip is written the way a learner would write it; the test asserts NOT YET, a key word of the
hint that names that slip, that no slip falls through to the generic "values differ" message, and
that the hints are distinct. Right answers in every equivalent form (float32, lists, a column, the
Jacobian written out, truncated to two decimals) pass.
"""

import numpy as np
import pytest

from helpers.checks.training import check_rnn_step_backward, check_softmax_backward
from helpers.checks.translation import (
    BOTTLENECK_OPTIONS,
    check_bottleneck_reason,
    check_context,
    check_reversal_alignment,
)
from helpers.lessons.translation_experiments import CONTEXT_EXERCISE
from tests.reference import numpy_softmax
from tests.support.checks import f32, said, specific

# ------------------------------------------------------------------ 05, exercise 1: softmax backward

SOFTMAX_RIGHT = {
    "short form": lambda a, da: a * (da - a @ da),
    "Jacobian": lambda a, da: (np.diag(a) - np.outer(a, a)) @ da,
    "Jacobian on the left": lambda a, da: da @ (np.diag(a) - np.outer(a, a)),
    "two terms": lambda a, da: a * da - a * np.sum(a * da),
    "loop": lambda a, da: np.array(
        [sum(da[j] * a[j] * ((i == j) - a[i]) for j in range(len(a))) for i in range(len(a))]
    ),
    "a list": lambda a, da: [float(v) for v in a * (da - a @ da)],
    "a column": lambda a, da: (a * (da - a @ da))[:, None],
}


@pytest.mark.parametrize("key", SOFTMAX_RIGHT)
def test_softmax_backward_right_answers_pass(key):
    said(check_softmax_backward(SOFTMAX_RIGHT[key]), passed=True, name="softmax")
    said(check_softmax_backward(f32(SOFTMAX_RIGHT[key]), seed=3), passed=True)


SOFTMAX_SLIPS = {
    "placeholder": lambda a, da: np.zeros_like(a),
    "diagonal": lambda a, da: da * a * (1 - a),
    "unchanged": lambda a, da: da,
    "first term": lambda a, da: a * da,
    "plain sum": lambda a, da: a * (da - da.sum()),
    "mean": lambda a, da: a * (da - da.mean()),
    "bare number": lambda a, da: a * da - a @ da,
    "both terms": lambda a, da: da - a @ da,
    "softmax to a again": lambda a, da: numpy_softmax(a) * (da - numpy_softmax(a) @ da),
    "sign is flipped": lambda a, da: a * (a @ da - da),
    "only the second term": lambda a, da: -a * (a @ da),
    "da is missing": lambda a, da: a * (1 - a),
    "a_i (1 - a_i) da_i": lambda a, da: da * (1 - a),
    "Jacobian diag(a) - a a^T itself": lambda a, da: np.diag(a) - np.outer(a, a),
    "broadcasts": lambda a, da: (np.diag(a) - np.outer(a, a)) * da,
    "one number": lambda a, da: a @ (da - a @ da),
    "outer product": lambda a, da: (np.diag(a) - a @ a.T) @ da,
    "left to right": lambda a, da: da * a - a * a @ da,
    "counted twice": lambda a, da: a * (1 - a) * da - a * (a @ da),
}


def test_softmax_backward_each_slip_gets_its_own_hint():
    msgs = {specific(check_softmax_backward(fn), key, "softmax") for key, fn in SOFTMAX_SLIPS.items()}
    assert len(msgs) == len(SOFTMAX_SLIPS)
    for key, fn in SOFTMAX_SLIPS.items():  # computed in float32, on other inputs: the same hint
        assert key in check_softmax_backward(f32(fn), seed=7).message, key


def test_softmax_backward_unnamed_slip_gets_the_recipe():
    msg = said(check_softmax_backward(lambda a, da: a * (da - a @ da) + 0.01 * da))
    assert "a * (da - a @ da)" in msg


# ------------------------------------------------------------------ 05, exercise 2: one RNN step backward

STEP_RIGHT = {
    "row form": lambda h, W, dh: (dh * (1 - h**2)) @ W.T,
    "column form": lambda h, W, dh: W @ (dh * (1 - h**2)),
    "Jacobian": lambda h, W, dh: dh @ (np.diag(1 - h**2) @ W.T),
    "product of factors": lambda h, W, dh: ((1 - h) * (1 + h) * dh) @ W.T,
    "a list": lambda h, W, dh: list((dh * (1 - h**2)) @ W.T),
}


@pytest.mark.parametrize("key", STEP_RIGHT)
def test_rnn_step_backward_right_answers_pass(key):
    said(check_rnn_step_backward(STEP_RIGHT[key]), passed=True, name="RNN")
    said(check_rnn_step_backward(f32(STEP_RIGHT[key]), seed=4), passed=True)


STEP_SLIPS = {
    "placeholder": lambda h, W, dh: np.zeros_like(h),
    "left out tanh's slope": lambda h, W, dh: dh @ W.T,
    "transpose": lambda h, W, dh: (dh * (1 - h**2)) @ W,
    "tanh again": lambda h, W, dh: (dh * (1 - np.tanh(h) ** 2)) @ W.T,
    "(1 - h)**2": lambda h, W, dh: (dh * (1 - h) ** 2) @ W.T,
    "stopped at da": lambda h, W, dh: dh * (1 - h**2),
    "after the product": lambda h, W, dh: dh @ W.T * (1 - h**2),
    "wrong side": lambda h, W, dh: np.diag(1 - h**2) @ W.T @ dh,
    "sigmoid": lambda h, W, dh: (dh * h * (1 - h)) @ W.T,
    "with a minus": lambda h, W, dh: (dh * (1 + h**2)) @ W.T,
    "twice": lambda h, W, dh: ((dh * (1 - h**2)) @ W.T) * (1 - h**2),
    "dh is missing": lambda h, W, dh: (1 - h**2) @ W.T,
    "broadcasts": lambda h, W, dh: (dh * (1 - h**2)) * W,
    "binds tighter": lambda h, W, dh: (dh * 1 - h**2) @ W.T,
    "1 - h is not": lambda h, W, dh: (dh * (1 - h)) @ W.T,
}


def test_rnn_step_backward_each_slip_gets_its_own_hint():
    msgs = {specific(check_rnn_step_backward(fn), key, "RNN") for key, fn in STEP_SLIPS.items()}
    assert len(msgs) == len(STEP_SLIPS)
    for key, fn in STEP_SLIPS.items():
        assert key in check_rnn_step_backward(f32(fn), seed=2).message, key
    said(check_rnn_step_backward(STEP_SLIPS["transpose"]), "W_hh.T", "W_hh @ da")
    said(check_rnn_step_backward(STEP_SLIPS["stopped at da"]), "h_prev", "@ W_hh.T")


def test_rnn_step_backward_shape_errors_are_explained():
    msg = said(check_rnn_step_backward(lambda h, W, dh: W @ W @ dh[:2]), "ValueError", "@", "W_hh.T")
    assert "matrix product" in msg
    said(check_rnn_step_backward(lambda h, dh: dh), "3 arguments", "(h, W_hh, dh)", "(h, dh)")
    xor = said(check_rnn_step_backward(lambda h, W, dh: (dh * (1 - h ^ 2)) @ W.T), "TypeError", "h**2")
    assert "exclusive or" in xor


# ------------------------------------------------------------------ 06, exercise 1: the context by hand


def _context():
    s, H = CONTEXT_EXERCISE["s"], CONTEXT_EXERCISE["H"]
    scores = H @ s / np.sqrt(2)
    return s, H, scores, numpy_softmax(scores)


def test_context_rounded_and_truncated_answers_pass():
    s, H, scores, w = _context()
    right = w @ H  # about [0.716, 0.860]
    for answer in (
        right,
        np.round(right, 2),
        np.trunc(right * 100) / 100,
        [0.71, 0.86],
        [0.72, 0.85],
        right.astype(np.float32),
        right[None, :],
        right[:, None],
        tuple(np.round(right, 3)),
    ):
        said(check_context(answer), passed=True, name="context")
    said(check_context([0.70, 0.86]), "sqrt(2)", name="context")  # 0.016 off: more than two decimals allow


CONTEXT_SLIPS = {
    "placeholder": lambda s, H, sc, w: np.zeros(2),
    "weighted sum": lambda s, H, sc, w: w,
    "left out the scale": lambda s, H, sc, w: numpy_softmax(H @ s) @ H,
    "d_h = 2": lambda s, H, sc, w: numpy_softmax(H @ s / 2) @ H,
    "multiplied": lambda s, H, sc, w: numpy_softmax(H @ s * np.sqrt(2)) @ H,
    "number of characters": lambda s, H, sc, w: numpy_softmax(H @ s / np.sqrt(3)) @ H,
    "plain average": lambda s, H, sc, w: H.mean(axis=0),
    "plain sum": lambda s, H, sc, w: H.sum(axis=0),
    "raw scores": lambda s, H, sc, w: sc @ H,
    "did not divide": lambda s, H, sc, w: np.exp(sc) @ H,
    "without exp": lambda s, H, sc, w: sc / sc.sum() @ H,
    "largest weight": lambda s, H, sc, w: H[-1],
    "H[0]": lambda s, H, sc, w: H[0],
    "decoder state s": lambda s, H, sc, w: s,
    "did not add": lambda s, H, sc, w: w[:, None] * H,
    "one per character": lambda s, H, sc, w: (w[:, None] * H).sum(axis=1),
}


def test_context_each_slip_rounded_or_truncated_gets_its_own_hint():
    s, H, sc, w = _context()
    msgs = set()
    for key, fn in CONTEXT_SLIPS.items():
        wrong = np.asarray(fn(s, H, sc, w), dtype=float)
        msgs.add(specific(check_context(np.round(wrong, 2)), key, "context"))
        assert key in check_context(np.trunc(wrong * 100) / 100).message, key
    assert len(msgs) == len(CONTEXT_SLIPS)


# ------------------------------------------------------------------ 06, exercise 2: the alignment


def test_reversal_alignment_right_forms_pass():
    for answer in (
        [4, 3, 2, 1, 0],
        np.arange(5)[::-1],
        range(4, -1, -1),
        [4.0, 3.0, 2.0, 1.0, 0.0],
        [-1, -2, -3, -4, -5],
        np.array([[4], [3], [2], [1], [0]]),
    ):
        said(check_reversal_alignment(answer), passed=True, name="31415")


REVERSAL_SLIPS = {
    "copying": [0, 1, 2, 3, 4],
    "position 4": [5, 4, 3, 2, 1],
    "counted from 1": [1, 2, 3, 4, 5],
    "one off": [3, 2, 1, 0, -1],
    "first occurs": [4, 1, 2, 1, 0],
    "last occurs": [4, 3, 2, 3, 0],
    "output characters": [5, 1, 4, 1, 3],
    "source's characters": [3, 1, 4, 1, 5],
}


def test_reversal_alignment_each_slip_gets_its_own_hint():
    msgs = {specific(check_reversal_alignment(v), key, "31415") for key, v in REVERSAL_SLIPS.items()}
    assert len(msgs) == len(REVERSAL_SLIPS)


# ------------------------------------------------------------------ 06, exercise 3: the option letter


@pytest.mark.parametrize(
    "answer",
    [
        "b",
        "B",
        " b ",
        "(b)",
        "b)",
        "B.",
        "(B) ",
        BOTTLENECK_OPTIONS["b"],                     # the option's own text
        BOTTLENECK_OPTIONS["b"].upper() + " ",
    ],
)
def test_bottleneck_reason_accepts_the_letter_however_written(answer):
    said(check_bottleneck_reason(answer), "s_0", passed=True, name="bottleneck")


def test_bottleneck_reason_other_answers():
    said(check_bottleneck_reason("(A)"), "'a'", "s_0", name="bottleneck")
    said(check_bottleneck_reason(None), "one of", "None", name="bottleneck")
    said(check_bottleneck_reason(2), "one of", name="bottleneck")
