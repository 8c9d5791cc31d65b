"""helpers.checks: pass lines and likely-mistake explanations."""

import numpy as np

from helpers.checks import CheckResult, check_array, check_choice


def test_pass_and_shape_and_value_messages():
    ok = check_array("x", [1.0, 2.0], [1.0, 2.0])
    assert ok.passed and repr(ok) == "[PASS] x: correct."
    shape = check_array("x", [[1.0, 2.0]], [1.0, 2.0])
    assert not shape and "shape (1, 2), expected (2,)" in shape.message
    value = check_array("x", [1.0, 2.5], [1.0, 2.0])
    assert not value and "largest gap 0.5" in value.message
    assert "return" in check_array("x", None, [1.0]).message


def test_hints_explain_the_likely_mistake_and_broken_hints_are_skipped():
    expected = np.array([0.2, 0.8])
    hints = [(lambda g: g[5] > 0, "never shown: this hint raises IndexError"),
             (lambda g: np.allclose(g, expected[::-1]), "reversed")]
    r = check_array("w", [0.8, 0.2], expected, hints=hints)
    assert not r.passed and r.message == "reversed"


def test_check_choice():
    assert check_choice("pick", "a", "a", "because").passed
    assert "not 'b'" in check_choice("pick", "b", "a", "because").message
    assert "answer with one of" in check_choice("pick", "z", "a", "", options=["a", "b"]).message
    assert isinstance(check_choice("p", 1, 1, ""), CheckResult)
