"""helpers.checks.attention: notebook 03's weights of "I" by hand, right and slipped."""

import math

import numpy as np
import pytest

from helpers.checks import attention as ac
from helpers.checks.attention import (
    HAND_ATOL,
    check_weights_for_I,
    exercise_vectors,
)
from helpers.lessons.examples import naive_example
from tests.reference import loop_attention_weights, loop_softmax, numpy_softmax
from tests.support.checks import said, specific


def test_weights_for_I_pass_and_mistakes():
    _, X = ac.exercise_vectors()
    scores = [float(X[0] @ x) for x in X]
    assert ac.check_weights_for_I(loop_softmax(scores)).passed
    assert "raw dot products" in ac.check_weights_for_I(scores).message
    assert "did not divide" in ac.check_weights_for_I(np.exp(scores)).message
    assert "without exp" in ac.check_weights_for_I(np.array(scores) / sum(scores)).message
    assert "equal weights" in ac.check_weights_for_I(np.full(3, 1 / 3)).message
    assert "only the row" in ac.check_weights_for_I(np.eye(3)).message
    assert "None" in ac.check_weights_for_I(None).message
    assert "sum to 1" in ac.check_weights_for_I([0.5, 0.2, 0.2]).message


def test_weights_for_I_accepts_hand_answers_rounded_to_two_decimals():
    _, X = ac.exercise_vectors()
    exact = loop_softmax([float(X[0] @ x) for x in X])
    assert ac.check_weights_for_I(np.round(exact, 2)).passed  # [0.24, 0.11, 0.65]
    assert ac.check_weights_for_I(np.round(exact, 3)).passed
    wrong = np.round(exact, 2) + np.array([0.01, -0.01, 0.0])  # off by more than rounding
    result = ac.check_weights_for_I(wrong)
    assert not result.passed and "rounding" in result.message
    assert not ac.check_weights_for_I([0.25, 0.12, 0.64]).passed  # the old solution comment: off by 0.011


@pytest.mark.parametrize(("mistake", "words"), [
    ("notebook", "notebook's own sentence"),
    ("sqrt_d", "sqrt(d)"),
    ("row_go", "another word"),
    ("row_home", "another word"),
    ("whole", "whole matrix"),
    ("reversed", "wrong places"),
])
def test_weights_for_I_hints_fire_on_the_mistake_they_name(mistake, words):
    from helpers.lessons.examples import naive_example

    _, X = ac.exercise_vectors()
    S = X @ X.T
    exp_all = np.exp(S)
    answers = {
        "notebook": loop_softmax(list(naive_example()[1] @ naive_example()[1][0])),
        "sqrt_d": loop_softmax(list(S[0] / math.sqrt(2))),
        "row_go": loop_softmax(list(S[1])),
        "row_home": loop_softmax(list(S[2])),
        "whole": exp_all[0] / exp_all.sum(),
        "reversed": loop_softmax(list(S[0]))[::-1],
    }
    result = ac.check_weights_for_I(answers[mistake])
    assert not result.passed and words in result.message


def test_weights_for_I_custom_vectors():
    X = np.array([[0.5, 0.0], [1.0, 1.0]])
    assert ac.check_weights_for_I(loop_softmax([0.25, 0.5]), X).passed


def test_exercise_vectors_have_a_unique_top_for_I():
    _, X = ac.exercise_vectors()
    s = sorted(X @ X[0])
    assert s[-1] - s[-2] > 0.5

# ------------------------------------------------------------------ notebook 03: weights of "I" by hand


def test_exercise_vectors():
    tokens, X = exercise_vectors()
    assert tokens == ["I", "go", "home"] and X.shape == (3, 2)
    assert HAND_ATOL >= 0.005  # an answer rounded to two decimals is at most 0.005 off
    # the hand computation the notebook's solution states (issue 11, item 7): 0.239 / 0.113 / 0.649
    assert np.allclose(loop_attention_weights(X[:1], X, 1.0)[0], [0.239, 0.113, 0.649], atol=5e-4)


def _I_mistakes():
    _, X = exercise_vectors()
    S = X @ X.T
    s = S[0]
    nX = naive_example()[1]
    return (
        X,
        s,
        {
            "only the row": numpy_softmax(S),
            "equal weights": np.full(3, 1 / 3),
            "raw dot products": s,
            "did not divide": np.exp(s),
            "without exp": s / s.sum(),
            "ex_X": numpy_softmax(nX @ nX[0]),
            "sqrt(d)": numpy_softmax(s / np.sqrt(2)),
            "another word": numpy_softmax(S[2]),
            "whole matrix": np.exp(S[0]) / np.exp(S).sum(),
            "sum to 1": 1.3 * numpy_softmax(s),
            "rounding": numpy_softmax(s) + np.array([0.02, -0.01, -0.01]),
        },
    )


def test_weights_for_I_each_mistake_rounded_by_hand_gets_its_own_hint():
    X, s, mistakes = _I_mistakes()
    said(check_weights_for_I(np.round(numpy_softmax(s), 2)), passed=True, name='"I"')
    msgs = set()
    for key, wrong in mistakes.items():
        msgs.add(said(check_weights_for_I(np.round(wrong, 2)), key, name='"I"'))
    assert len(msgs) == len(mistakes)
    for key in ("only the row", "equal weights", "ex_X", "whole matrix"):  # they name the word "I"
        said(check_weights_for_I(np.round(mistakes[key], 2)), '"I"')
    said(check_weights_for_I(np.round(numpy_softmax(X @ X.T)[1], 2)), "row 0", "ex_X[0]")
    said(check_weights_for_I(mistakes["ex_X"]), "0.2 / 0.1 / 0.7")


def test_weights_for_I_on_other_vectors():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, -1.0]])
    right = numpy_softmax(X @ X[0])
    said(check_weights_for_I(np.round(right, 2), X), passed=True)
    said(check_weights_for_I(np.round(numpy_softmax(X @ X[3]), 2), X), "another word")
    said(check_weights_for_I(right[:3] / right[:3].sum(), X), "(3,)", "(4,)")  # a word left out


def test_weights_for_I_hand_rounding_that_sums_to_one_hundredth_more_is_not_called_unnormalised():
    # the old solution comment's numbers: off by 0.011 and summing to 1.01, as hand rounding does
    said(check_weights_for_I([0.25, 0.12, 0.64]), "rounding")


def test_weights_for_I_unrecognised_answer_gets_the_recipe():
    said(check_weights_for_I([0.3, 0.3, 0.4]), "ex_X @ ex_X[0]", "exp")

# ------------------------------------------------------------------ 03, exercise 1: weights of "I" by hand


def test_weights_for_I_rounded_truncated_and_other_layouts_pass():
    _, X = exercise_vectors()
    right = numpy_softmax(X @ X[0])  # about 0.239 / 0.113 / 0.649
    for answer in (
        right,
        np.round(right, 2),
        np.trunc(right * 100) / 100,
        [0.23, 0.11, 0.64],
        [0.24, 0.11, 0.65],
        right.astype(np.float32),
        right[None, :],
        tuple(np.round(right, 3)),
    ):
        said(check_weights_for_I(answer), passed=True, name='"I"')


def test_weights_for_I_more_slips_each_get_their_own_hint():
    _, X = exercise_vectors()
    s = X @ X[0]
    slips = {
        "percentages": 100 * numpy_softmax(s),
        "largest value": np.exp(s) / np.exp(s).max(),
        "vector of": numpy_softmax(X[0]),
        "cosine": numpy_softmax(s / np.linalg.norm(X, axis=1) / np.linalg.norm(X[0])),
        "one decimal": numpy_softmax(s),  # rounded to 1 decimal below
    }
    msgs = {
        specific(check_weights_for_I(np.round(v, 1 if key == "one decimal" else 2)), key, '"I"')
        for key, v in slips.items()
    }
    assert len(msgs) == len(slips)
