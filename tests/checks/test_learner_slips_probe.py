"""helpers.checks.learner.unused_arguments / unused_hint: a function that ignores an argument is caught.

A learner's function that reads a variable of an earlier cell instead of its argument returns the
same value whatever that argument is; the check names the argument. Functions that use every
argument, or fail on changed inputs, get no such verdict; the caller's arrays are left unchanged
and anything the function prints is swallowed.
"""

import numpy as np

from helpers.checks.learner import unused_arguments, unused_hint

RNG = np.random.default_rng(4)
A, B = RNG.normal(size=(3, 3)), RNG.normal(size=3)
ELSEWHERE = RNG.normal(size=(3, 3))  # "a variable of an earlier cell"


def test_the_ignored_argument_is_named():
    assert unused_arguments(lambda a, b: ELSEWHERE @ b, (A, B), ["A", "b"]) == ["A"]
    assert unused_arguments(lambda a, b: a @ B, (A, B), ["A", "b"]) == ["b"]
    assert unused_arguments(lambda a, b: ELSEWHERE @ B, (A, B), ["A", "b"]) == ["A", "b"]


def test_a_function_using_every_argument_gets_no_verdict():
    assert unused_arguments(lambda a, b: a @ b, (A, B), ["A", "b"]) == []
    assert unused_arguments(lambda a, b: (a @ b, a), (A, B), ["A", "b"]) == []  # (outputs, weights)
    assert unused_arguments(lambda a, b: 1 / 0, (A, B), ["A", "b"]) == []  # raises: no verdict


def test_changed_inputs_that_make_the_function_fail_count_as_used():
    def only_for_the_first_values(a, b):
        if not np.array_equal(a, A):
            raise ValueError("another matrix")
        return ELSEWHERE @ b

    assert unused_arguments(only_for_the_first_values, (A, B), ["A", "b"]) == []


def test_the_callers_arrays_stay_unchanged_and_prints_are_swallowed(capsys):
    before = A.copy()

    def noisy_in_place(a, b):
        print("debug", a.sum())
        a += 1
        return ELSEWHERE @ b

    assert unused_arguments(noisy_in_place, (A, B), ["A", "b"]) == ["A"]
    assert np.array_equal(A, before)
    assert capsys.readouterr().out == ""


def test_the_hint_holds_only_for_an_answer_of_the_right_shape_and_names_the_argument():
    predicate, message = unused_hint(
        lambda a, b: ELSEWHERE @ b, (A, B), ["A", "b"], shape=(3,), then="Do A @ b."
    )
    assert predicate(np.zeros(3)) and not predicate(np.zeros(4))
    text = message(np.zeros(3))
    assert "whatever A it is passed" in text and "earlier cell" in text and text.endswith("Do A @ b.")
    predicate, message = unused_hint(lambda a, b: ELSEWHERE @ B, (A, B), ["A", "b"], shape=(3,))
    assert "none of its arguments (A, b)" in message(np.zeros(3))
    predicate, _ = unused_hint(lambda a, b: a @ b, (A, B), ["A", "b"], shape=(3,))
    assert not predicate(np.zeros(3))
