"""Exercise checks fed the mistakes a learner makes: each hint names that mistake, in plain words.

Every wrong answer here is computed the way a student would get it wrong; the test asserts the
status, a distinguishing key word of the hint (not its wording) and that the name and message are
plain readable text whose sentences open with a capital. ``said`` is shared by the other
``test_checks_diagnose_*`` files.
"""


import numpy as np

from helpers.checks import check_array, check_choice
from helpers.checks.base import diagnose
from helpers.checks.training import check_race_prediction, check_rnn_step_backward, check_softmax_backward
from helpers.checks.translation import (
    BOTTLENECK_OPTIONS,
    check_bottleneck_reason,
    check_context,
    check_reversal_alignment,
)
from helpers.core.attention import softmax
from helpers.lessons.translation_experiments import CONTEXT_EXERCISE
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


# ------------------------------------------------------------------ training (notebook 05)


def test_softmax_backward_hints_are_plain_and_distinct():
    right = said(check_softmax_backward(lambda a, da: a * (da - a @ da)), passed=True, name="softmax")
    assert "3" in right
    msgs = {
        said(check_softmax_backward(lambda a, da: da * a * (1 - a)), "diagonal", "Jacobian"),
        said(check_softmax_backward(lambda a, da: da), "unchanged", "Jacobian"),
        said(check_softmax_backward(lambda a, da: a * da), "first term", "sum"),
    }
    assert len(msgs) == 3
    said(check_softmax_backward(lambda a, da: {}[0]), "KeyError", name="softmax")
    said(check_softmax_backward(lambda a, da: np.zeros(len(a) + 1)), "shape", name="softmax")


def test_rnn_step_backward_hints_are_plain_and_distinct():
    said(check_rnn_step_backward(lambda h, W, dh: (dh * (1 - h**2)) @ W.T), passed=True, name="RNN")
    msgs = {
        said(check_rnn_step_backward(lambda h, W, dh: dh @ W.T), "slope", "1 - h**2", name="RNN"),
        said(check_rnn_step_backward(lambda h, W, dh: (dh * (1 - h**2)) @ W), "W_hh.T", name="RNN"),
        said(check_rnn_step_backward(lambda h, W, dh: (dh * (1 - np.tanh(h) ** 2)) @ W.T), "tanh again"),
    }
    assert len(msgs) == 3
    half = said(check_rnn_step_backward(lambda h, W, dh: 0.5 * (dh * (1 - h**2)) @ W.T), "0.5 times")
    assert "scale" in half
    said(check_rnn_step_backward(lambda h, W, dh: h.missing), "AttributeError", name="RNN")


def test_race_prediction_names_each_step_and_checks_both_options():
    said(check_race_prediction("tie", "attention"), "1", "16", passed=True, name="race")
    said(check_race_prediction("attention", "attention"), "one pair", name="1 pair")
    said(check_race_prediction("tie", "rnn"), "RNN", "16", name="16 pairs")
    said(check_race_prediction("tie", "transformer"), "one of", "'transformer'", name="16 pairs")
    said(check_race_prediction("lstm", "attention"), "one of", name="1 pair")


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
