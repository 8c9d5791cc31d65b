"""helpers.checks.base.check_array: a function's value needs the exact shape; several arrays are named.

A value returned by a learner's function (``exact_shape=True``) with an extra axis of length 1 is
refused with both shapes named, whether or not its numbers are right; a typed vector written as one
row or one column still counts. A tuple or list of arrays is called what it is.
"""

import numpy as np
import pytest

from helpers.checks import check_array

from .slips_probe_support import accepted, refused

E = np.array([0.5, -0.25, 0.125, 1.0])  # a 1-D answer [d]
M = np.arange(6.0).reshape(2, 3) / 7  # a matrix answer


@pytest.mark.parametrize(
    "got, shape",
    [
        (E[None, :], "(1, 4)"),
        (E[:, None], "(4, 1)"),
        (np.atleast_2d(E), "(1, 4)"),
        (E.reshape(1, 1, 4), "(1, 1, 4)"),
    ],
)
def test_a_vector_with_an_extra_axis_of_length_one_is_refused_with_both_shapes(got, shape):
    message = refused(check_array("v", got, E, exact_shape=True), "numbers are right", shape, "(4,)")
    assert "axis" in message or "axes" in message
    if got.ndim == 2:
        accepted(check_array("v", got, E))  # typed by hand as one row or one column: the same numbers
    else:
        refused(check_array("v", got, E), shape, "numbers are right")


def test_an_extra_axis_and_wrong_numbers_are_both_said():
    message = refused(check_array("v", 2 * E[None], E, exact_shape=True), "(1, 4)", "numbers differ too")
    assert "2 times" in message  # the flattened answer is diagnosed as well
    hints = [(lambda g: np.allclose(g, -E), "the sign is flipped: no minus.")]
    refused(check_array("v", -E[:, None], E, hints=hints, exact_shape=True), "(4, 1)", "no minus")


def test_a_matrix_with_a_leading_axis_of_one_names_it():
    refused(check_array("m", M[None], M), "(1, 2, 3)", "(2, 3)", "extra axis of length 1")
    refused(check_array("m", M[None], M, exact_shape=True), "numbers are right", "reshape(2, 3)")


def test_several_arrays_returned_are_named_and_the_right_one_pointed_at():
    refused(check_array("v", (E, E), E, exact_shape=True), "tuple of 2 items", "Item 0 is the right answer")
    refused(check_array("v", (E, None), E, exact_shape=True), "tuple of 2 items", "Item 0")
    refused(check_array("v", [2 * E, E], E, exact_shape=True), "list of 2 items", "Item 1")
    refused(check_array("v", [E], E, exact_shape=True), "list holding one array", "return the array itself")
    said = refused(check_array("m", [M + 1, M - 1], M, recipe="Multiply A @ B."), "list of 2 items",
                   "each of shape (2, 3)", "Multiply A @ B.")
    assert "Item" not in said


def test_rows_of_a_matrix_and_plain_numbers_are_still_one_answer():
    accepted(check_array("m", [M[0], M[1]], M, exact_shape=True))  # rows as arrays: one matrix
    accepted(check_array("v", list(E), E, exact_shape=True))
    accepted(check_array("v", tuple(E.astype(np.float32)), E, exact_shape=True, rtol=1e-5))


def test_a_hint_message_may_be_computed_from_the_answer():
    hints = [(lambda g: g.shape == (3,), lambda g: f"you gave {len(g)} numbers, not 4.")]
    refused(check_array("v", [1.0, 2.0, 3.0], E, hints=hints), "you gave 3 numbers")
