"""helpers.checks: pass lines and likely-mistake explanations."""

import numpy as np
import pytest

from helpers.checks import CheckResult, assert_passed, check_array, check_choice


def test_pass_and_shape_and_value_messages():
    ok = check_array("x", [1.0, 2.0], [1.0, 2.0])
    assert ok.passed and repr(ok) == "[PASS] x: correct."
    shape = check_array("x", [[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0])
    assert not shape and "shape (2, 2), expected (2,)" in shape.message
    value = check_array("x", [1.0, 2.5], [1.0, 2.0])
    assert not value and "largest gap 0.5" in value.message
    assert "return" in check_array("x", None, [1.0]).message


def test_hints_explain_the_likely_mistake_and_broken_hints_are_skipped():
    expected = np.array([0.2, 0.8])
    hints = [(lambda g: g[5] > 0, "never shown: this hint raises IndexError"),
             (lambda g: np.allclose(g, expected[::-1]), "reversed")]
    r = check_array("w", [0.8, 0.2], expected, hints=hints)
    assert not r.passed and r.message == "reversed"


def test_wrong_answers_are_diagnosed_by_class():
    e = np.array([[0.1, 0.7], [0.3, 0.2], [0.5, 0.9]])
    assert "transposed" in check_array("x", e.T, e).message  # shape: transposed
    assert "wrong axis" in check_array("x", e.reshape(2, 3), e).message  # same size, wrong arrangement
    assert "axes" in check_array("x", e.ravel(), e).message
    assert "2 times" in check_array("x", 2 * e, e).message  # scale
    assert "sign is flipped" in check_array("x", -e, e).message
    assert "wrong places" in check_array("x", e[::-1], e).message  # order
    sq = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert "transpose" in check_array("x", sq.T, sq).message
    other = check_array("x", e + np.array([[0.0, 0.1], [0.0, 0.0], [0.0, 0.0]]), e, recipe="Do A then B.")
    assert "largest gap 0.1" in other.message and "Do A then B." in other.message
    assert "formula above" not in other.message


def test_check_choice():
    assert check_choice("pick", "a", "a", "because").passed
    assert "not 'b'" in check_choice("pick", "b", "a", "because").message
    assert "answer with one of" in check_choice("pick", "z", "a", "", options=["a", "b"]).message
    assert isinstance(check_choice("p", 1, 1, ""), CheckResult)


def test_assert_passed_raises_the_checks_own_line_and_returns_a_pass():
    wrong = check_array("x", [1.0, 2.5], [1.0, 2.0])
    with pytest.raises(AssertionError) as err:
        assert_passed(wrong)
    assert str(err.value) == repr(wrong) and str(err.value).startswith("[NOT YET] x: ")
    right = check_choice("pick", "a", "a", "because")
    assert assert_passed(right) is right and repr(right) == "[PASS] pick: correct. because"
    with pytest.raises(TypeError, match="expected the CheckResult a check returns, got NoneType"):
        assert_passed(None)
