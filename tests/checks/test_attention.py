"""helpers.checks.attention: right answers pass, each typical mistake gets its explanation."""

import math

import numpy as np
import pytest

from helpers.checks import attention as ac
from tests.reference import loop_attention, loop_softmax


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


def test_scaled_attention_pass():
    res = ac.check_scaled_attention(lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0])
    assert res.passed and "PASS" in repr(res)
    res = ac.check_scaled_attention(
        lambda Q, K, V: (loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0], None))
    assert res.passed


@pytest.mark.parametrize(("fn", "words"), [
    (lambda Q, K, V: loop_attention(Q, K, V, 1.0)[0], "forgot the scale"),
    (lambda Q, K, V: loop_attention(Q, K, V, math.sqrt(Q.shape[1]))[0], "multiplied"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / Q.shape[1])[0], "square root"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]), axis=0)[0], "wrong axis"),
    (lambda Q, K, V: np.ones((Q.shape[0], K.shape[0])), "those are the weights"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0].T, "transposed"),
    (lambda Q, K, V: Q @ Q.T, "shape (2, 2)"),
    (lambda Q, K, V: 1 / 0, "ZeroDivisionError"),
    (lambda Q, K, V: np.zeros((Q.shape[0], V.shape[1])), "placeholder"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(V.shape[1]))[0], "sqrt(d_v)"),
    (lambda Q, K, V: np.exp(Q @ K.T / math.sqrt(Q.shape[1])) @ V, "not normalised"),
    (lambda Q, K, V: (Q @ K.T / math.sqrt(Q.shape[1])) @ V, "softmax is missing"),
    (lambda Q, K, V: -loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0], "sign is flipped"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0][::-1], "wrong places"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0].reshape(5, 2), "arranged wrongly"),
    (lambda Q, K, V: loop_attention(Q, K, V, 1 / math.sqrt(Q.shape[1]))[0] + 0.1, "softmax along axis=-1"),
])
def test_scaled_attention_mistakes(fn, words):
    res = ac.check_scaled_attention(fn)
    assert not res.passed
    assert words in res.message


def test_attention_test_inputs_shapes():
    Q, K, V = ac.attention_test_inputs()
    assert (Q.shape, K.shape, V.shape) == ((2, 4), (3, 4), (3, 5))


def test_check_top_keys():
    tokens = ["a", "b", "c"]
    Wt = np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6]])
    assert ac.check_top_keys(["b", "a", "c"], tokens, Wt).passed
    res = ac.check_top_keys(["a", "b", "c"], tokens, Wt)
    assert not res.passed and "a -> b (0.70)" in res.message
    assert "one token per query" in ac.check_top_keys(["a"], tokens, Wt).message
