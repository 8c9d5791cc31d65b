"""check_three_step_jacobian (notebook 01, exercise 2): slope slips, a list of factors, extra axes."""

import numpy as np
import pytest

from helpers.checks.jacobian import check_three_step_jacobian

from .slips_probe_support import accepted, refused

OLD_W_hh = np.random.default_rng(3).normal(size=(4, 4))


def J(H, W, k, slope=lambda h: 1 - h**2):
    return np.diag(slope(H[k])) @ W.T


def product(H, W, slope=lambda h: 1 - h**2):
    return J(H, W, 3, slope) @ J(H, W, 2, slope) @ J(H, W, 1, slope)


def test_slope_without_the_square_is_named():
    no_square = check_three_step_jacobian(lambda H, W: product(H, W, lambda h: 1 - h))
    refused(no_square, "1 - h_k is not", "h_k**2")
    refused(check_three_step_jacobian(lambda H, W: product(H, W, lambda h: 1 + h * h)), "with a minus")


def test_the_factors_returned_as_a_list_are_named_with_the_recipe():
    said = refused(check_three_step_jacobian(lambda H, W: [J(H, W, k) for k in (3, 2, 1)]),
                   "list of 3 items", "each of shape (4, 4)", "J_3 @ J_2 @ J_1")
    assert "Item" not in said
    refused(check_three_step_jacobian(lambda H, W: (product(H, W), J(H, W, 3))), "Item 0 is the right answer")


def test_an_extra_leading_axis_is_refused():
    refused(check_three_step_jacobian(lambda H, W: product(H, W)[None]), "(1, 4, 4)", "(4, 4)",
            "numbers are right")


def test_w_hh_from_an_earlier_cell_is_named():
    refused(check_three_step_jacobian(lambda H, W: product(H, OLD_W_hh)), "whatever W_hh", "earlier cell")


RIGHT = {
    "reference": product,
    "broadcast rows": lambda H, W: np.linalg.multi_dot([(1 - H[k] ** 2)[:, None] * W.T for k in (3, 2, 1)]),
    "float32": lambda H, W: product(H, W).astype(np.float32),
    "loop from the right": lambda H, W: J(H, W, 3) @ (J(H, W, 2) @ J(H, W, 1)),
}


@pytest.mark.parametrize("key", RIGHT)
def test_right_answers_pass(key):
    accepted(check_three_step_jacobian(RIGHT[key]))
