"""check_rnn_step (notebook 01, exercise 1): shape slips and a borrowed weight get their own hint.

The state a step returns feeds the next step, so [1, d_h] and [d_h, 1] are wrong (h_prev @ W_hh no
longer fits), and are refused naming both shapes. Returning two arrays, or reading W_hh from an
earlier cell instead of the argument, is named; right answers in every equivalent form pass.
"""

import numpy as np
import pytest

from helpers.checks.rnn import check_rnn_step

from .slips_probe_support import accepted, refused

_OLD = np.random.default_rng(7)
OLD_W_hh, OLD_b = _OLD.normal(size=(4, 4)), _OLD.normal(size=4)  # what an earlier cell left behind


def step(x, h, W_xh, W_hh, b):
    return np.tanh(x @ W_xh + h @ W_hh + b)


SHAPE_SLIPS = {
    "x as a row": (lambda x, h, Wx, Wh, b: np.tanh(x[None, :] @ Wx + h @ Wh + b), "(1, 4)"),
    "reshape to a column": (lambda x, h, Wx, Wh, b: step(x, h, Wx, Wh, b).reshape(-1, 1), "(4, 1)"),
    "atleast_2d": (lambda x, h, Wx, Wh, b: np.atleast_2d(step(x, h, Wx, Wh, b)), "(1, 4)"),
    "keepdims sum": (
        lambda x, h, Wx, Wh, b: np.tanh((x[:, None] * Wx).sum(axis=0, keepdims=True) + h @ Wh + b), "(1, 4)"
    ),
}


@pytest.mark.parametrize("key", SHAPE_SLIPS)
def test_an_extra_axis_of_length_one_is_refused_naming_both_shapes(key):
    fn, shape = SHAPE_SLIPS[key]
    refused(check_rnn_step(fn), shape, "(4,)", "extra axis of length 1", "numbers are right")


def test_a_row_with_wrong_numbers_names_the_shape_and_the_mistake():
    refused(check_rnn_step(lambda x, h, Wx, Wh, b: (x @ Wx + h @ Wh + b)[None]), "(1, 4)", "tanh is missing")


def test_two_arrays_returned_are_named():
    refused(check_rnn_step(lambda *a: (step(*a), step(*a))), "tuple of 2 items", "Item 0 is the right answer")
    refused(check_rnn_step(lambda *a: (step(*a), None)), "tuple of 2 items", "return it alone")
    refused(check_rnn_step(lambda *a: [step(*a)]), "list holding one array", "return the array itself")
    refused(check_rnn_step(lambda *a: (np.zeros(4), step(*a))), "Item 1 is the right answer")


def test_a_weight_from_an_earlier_cell_instead_of_the_argument_is_named():
    said = refused(check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ OLD_W_hh + b)),
                   "whatever W_hh it is passed", "earlier cell", "(x, h_prev, W_xh, W_hh, b_h)")
    assert "b_h" in said  # the recipe follows
    refused(check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + OLD_b)), "whatever b_h")
    both = refused(check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ OLD_W_hh + OLD_b)),
                   "W_hh and b_h are left out")
    assert "x," not in both.split("passed")[0]


def test_named_slips_keep_their_own_hint_before_the_argument_test():
    refused(check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh)), "you left out the bias")
    refused(check_rnn_step(lambda x, h, Wx, Wh, b: np.zeros(4)), "placeholder")
    refused(check_rnn_step(lambda x, h, Wx, Wh, b: 3 * np.tanh(x @ Wx + h @ Wh + b)), "outside -1..1")


RIGHT = {
    "reference": step,
    "np.dot": lambda x, h, Wx, Wh, b: np.tanh(np.dot(x, Wx) + np.dot(h, Wh) + b),
    "stacked": lambda x, h, Wx, Wh, b: np.tanh(np.concatenate([x, h]) @ np.vstack([Wx, Wh]) + b),
    "float32": lambda *a: step(*a).astype(np.float32),
    "list": lambda *a: [float(v) for v in step(*a)],
    "squeezed at the end": lambda x, h, Wx, Wh, b: np.tanh(x[None] @ Wx + h @ Wh + b).ravel(),
    "own tanh": lambda x, h, Wx, Wh, b: (lambda z: (1 - np.exp(-2 * z)) / (1 + np.exp(-2 * z)))(
        x @ Wx + h @ Wh + b
    ),
}


@pytest.mark.parametrize("key", RIGHT)
def test_right_answers_pass(key):
    accepted(check_rnn_step(RIGHT[key]))
