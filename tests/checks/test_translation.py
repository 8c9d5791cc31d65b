"""helpers.checks.translation: notebook 06's exercises fed the slips a learner makes, one table each.

Each slip is written the way a learner would write it; the test asserts NOT YET, a key word of the
hint that names that slip, that no slip falls through to the generic "values differ" message, and
that the hints are distinct. Right answers in every equivalent form pass.
"""

import numpy as np
import pytest

from helpers.checks.translation import (
    BOTTLENECK_OPTIONS,
    check_bottleneck_reason,
    check_context,
    check_reversal_alignment,
)
from helpers.core.attention import softmax
from helpers.lessons.translation_experiments import CONTEXT_EXERCISE
from tests.reference import numpy_softmax
from tests.support.checks import said, specific

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


# ------------------------------------------------------------------ translation (notebook 06)


def _context_mistakes():
    s, H = CONTEXT_EXERCISE["s"], CONTEXT_EXERCISE["H"]
    scores = H @ s / np.sqrt(len(s))
    return s, H, scores, softmax(scores)


def test_context_right_answer_passes_exact_and_rounded():
    s, H, scores, w = _context_mistakes()
    said(check_context(w @ H), passed=True, name="context")
    said(check_context(np.round(w @ H, 2)), passed=True)
    said(check_context(list(np.round(w @ H, 2))), passed=True)


def test_context_each_mistake_gets_its_own_hint_even_rounded():
    s, H, scores, w = _context_mistakes()
    mistakes = {
        "weighted sum": w,  # stopped at the weights
        "sqrt": softmax(H @ s) @ H,  # forgot the scale
        "plain average": H.mean(axis=0),  # uniform weights
        "raw scores": scores @ H,  # no softmax
    }
    msgs = set()
    for key, wrong in mistakes.items():
        msgs.add(said(check_context(np.round(wrong, 2)), key, name="context"))
    assert len(msgs) == len(mistakes)
    assert "@ H" in said(check_context(w))
    assert "1.414" in said(check_context(softmax(H @ s) @ H))


def test_context_unrecognised_answers_get_the_recipe_or_the_shape():
    s, H, scores, w = _context_mistakes()
    said(check_context(w @ H + np.array([0.3, -0.2])), "softmax", "@ H", "sqrt(2)")
    said(check_context(np.array([0.5, 0.1, 0.9])), "3 numbers", "d_h = 2")  # [T], not the weights
    said(check_context(H), "one row per encoder state", "weights @ H")
    said(check_context(np.ones((2, 2))), "(2, 2)", "(2,)")


def test_reversal_alignment_hints():
    said(check_reversal_alignment([4, 3, 2, 1, 0]), passed=True, name="31415")
    said(check_reversal_alignment(np.arange(5)), "diagonal", "copying")
    said(check_reversal_alignment([5, 4, 3, 2, 1]), "0", "position 4")
    said(check_reversal_alignment([6, 5, 4, 3, 2, 1], source="123456"), "position 5", name="123456")
    # one off: exact indices only; the recipe (a formula, opening in lower case) is shown
    said(check_reversal_alignment([4, 3, 2, 1, 1]), "L - 1 - u", capitals=False)
    said(check_reversal_alignment([3, 3, 2, 1, 0]), "L - 1 - u", capitals=False)


def test_bottleneck_reason():
    assert set(BOTTLENECK_OPTIONS) == {"a", "b", "c", "d"}
    said(check_bottleneck_reason(" B "), "s_0", passed=True, name="bottleneck")
    for wrong in "acd":
        said(check_bottleneck_reason(wrong), f"'{wrong}'", "s_0", name="bottleneck")
    said(check_bottleneck_reason("e"), "one of", name="bottleneck")


def test_context_check_passes_rounded_answers_and_names_mistakes():
    s, H = CONTEXT_EXERCISE["s"], CONTEXT_EXERCISE["H"]
    w = softmax(H @ s / np.sqrt(2))
    assert check_context(np.round(w @ H, 2))
    assert "scale" in check_context(softmax(H @ s) @ H).message
    assert "weights" in check_context(w).message
    assert not check_context(H.mean(axis=0))


def test_alignment_and_bottleneck_checks():
    assert check_reversal_alignment([4, 3, 2, 1, 0])
    assert "diagonal" in check_reversal_alignment([0, 1, 2, 3, 4]).message
    assert check_bottleneck_reason(" B ") and not check_bottleneck_reason("d")
    assert "answer with one of" in check_bottleneck_reason("e").message
    # the explanation answers each wrong option with what sections 3 and 4 measured
    why_not = check_bottleneck_reason("c").message
    assert "d_h = 128" in why_not and "9" in why_not and "written last" in why_not
