"""helpers.checks.base: check_array, diagnose and check_choice name a wrong answer's likely mistake.

Every wrong answer here is computed the way a student would get it wrong; the test asserts the
status, a distinguishing key word of the hint (not its wording) and that the name and message are
plain readable text whose sentences open with a capital (tests/support/checks.py: ``said``).
"""

import numpy as np
import pytest

from helpers.checks import CheckResult, assert_passed, check_array, check_choice
from helpers.checks.base import diagnose
from tests.drawn import plain_text
from tests.support.checks import said

# ------------------------------------------------------------------ base: check_array, diagnose, choice


def test_not_an_array_and_none_are_named():
    msg = said(check_array("x", {"a": 1.0}, [1.0]), "dict", "numbers", "(1,)", name="x")
    assert "axis" not in msg and "transposed" not in msg  # not diagnosed as a wrong shape
    said(check_array("the sum", None, [1.0]), "return", name="the sum")
    assert repr(check_array("x", [2.0], [1.0])).startswith("[NOT YET]")
    assert repr(check_array("x", [1.0], [1.0])).startswith("[PASS]")


def test_hints_also_explain_a_wrong_shape_and_keep_the_check_name():
    hints = [(lambda g: g.shape == (3, 1), "three rows: drop one.")]
    said(check_array("row", [[1.0], [2.0], [3.0]], [1.0, 2.0], hints=hints), "three", name="row")
    said(check_array("row", [[1.0, 2.0, 3.0]], [1.0, 2.0], hints=hints), "(1, 3)", "(2,)", name="row")


def test_a_vector_written_as_one_row_or_one_column_is_the_vector():
    said(check_array("v", [[1.0], [2.0]], [1.0, 2.0]), passed=True, name="v")
    said(check_array("v", np.array([[1.0, 2.0]], dtype=np.float32), [1.0, 2.0]), passed=True)
    said(check_array("v", [[2.0], [1.0]], [1.0, 2.0]), "order")  # then judged as the vector
    said(check_array("m", [[1.0, 2.0]], [[1.0], [2.0]]), "transposed")  # a matrix's shape still counts


def test_hand_tolerance_is_absolute_when_rtol_is_zero():
    assert check_array("x", [100.005], [100.0], rtol=0, atol=0.006)
    said(check_array("x", [100.0065], [100.0], rtol=0, atol=0.006))  # a relative 1e-5 would accept it


def test_a_rounded_hand_answer_with_a_factor_is_still_diagnosed_as_a_factor():
    e = np.array([0.239, 0.113, 0.649])
    said(check_array("w", np.round(2 * e, 2), e, rtol=0, atol=0.006), "2 times", "scale")
    said(check_array("w", np.round(e[::-1], 2), e, rtol=0, atol=0.006), "order")


def test_small_values_scaled_or_flipped_name_the_factor():
    e = np.array([0.1, 0.2, -0.3])  # |e|^2 < 1, like softmax weights
    scaled = said(check_array("x", 2 * e, e), "2 times", "scale")
    assert "sign" not in scaled
    flipped = said(check_array("x", -e, e), "sign")
    assert "scale" not in flipped


def test_a_zero_expected_answer_gives_the_plain_values_message():
    said(check_array("x", [1.0, 2.0], [0.0, 0.0]), "largest gap 2")


def test_without_a_recipe_the_generic_advice_is_given():
    said(check_array("x", [1.0, 2.5], [1.0, 2.0]), "step")
    msg = said(check_array("x", [1.0, 2.5], [1.0, 2.0], recipe="Add the bias."), "Add the bias.")
    assert "compare each step" not in msg


def test_a_rounded_hand_answer_transposed_is_called_transposed():
    e = np.array([[0.239, 0.113, 0.649], [0.5, 0.25, 0.25]])
    said(check_array("w", np.round(e.T, 2), e, rtol=0, atol=0.006), "transposed", "(3, 2)", "(2, 3)")
    said(check_array("w", 1.5 * e.T, e), "(3, 2)", "axis")  # transposed and scaled: not a transpose


def test_a_mostly_right_answer_says_where_it_is_off():
    e = np.arange(1.0, 7.0)
    g = e.copy()
    g[4] += 0.5
    msg = said(check_array("x", g, e), "1 of 6", "at 4", "largest gap 0.5")
    assert "values differ" not in msg
    m = np.arange(1.0, 10.0).reshape(3, 3)
    g = m.copy()
    g[2, 0] = 0.0
    said(check_array("m", g, m), "1 of 9", "(2, 0)")
    g[:, 1] = 0.0  # 4 of 9 wrong: more than a third, the plain diagnosis
    said(check_array("m", g, m), "values differ")


def test_diagnose_without_a_recipe_gives_plain_advice():
    msg = plain_text(diagnose(np.array([1.0, 2.5]), np.array([1.0, 2.0])))
    assert "largest gap 0.5" in msg and "step" in msg


def test_a_reshape_is_not_called_a_transpose():
    e = np.array([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
    msg = said(check_array("x", e.reshape(3, 2), e), "(3, 2)", "(2, 3)", "axis")
    assert "transposed" not in msg
    said(check_array("x", e.T, e), "transposed", "(3, 2)")
    sq = np.array([[1.0, 2.0], [3.0, 4.0]])
    said(check_array("x", sq.T, sq), "transpose")


def test_check_choice_reads_an_option_whatever_its_case_spaces_or_joins():
    for answer in ("Tie", " tie ", "TIE", "tie\n"):
        said(check_choice("pick", answer, "tie", "", options=["rnn", "attention", "tie"]), passed=True)
    said(check_choice("pick", "first_word", "first word", "", options=["first word", "average"]), passed=True)
    said(check_choice("pick", " Home", "home", ""), passed=True)  # no options: read against the answer
    said(check_choice("pick", "ti", "tie", "", options=["rnn", "tie"]), "one of", "'ti'")
    said(check_choice("pick", "a", "A", "", options=["a", "A"]), "'a'")  # two options alike: as written


def test_check_choice_names_and_messages():
    said(check_choice("pick", "a", "a", "Because."), "Because.", passed=True, name="pick")
    said(check_choice("pick", "b", "a", "Because."), "'b'", "Because.", name="pick")
    said(check_choice("pick", "z", "a", "", options=["a", "b"]), "'z'", "'a'", name="pick")


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
