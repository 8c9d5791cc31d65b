"""check_softmax_backward, check_rnn_step_backward, check_race_prediction (notebook 05).

A gradient returned as [1, n] or [n, 1] is refused naming both shapes (the next backward step would
broadcast it into a matrix); a borrowed W_hh is named; the race stub gets one line per wrong answer.
"""

import numpy as np
import pytest

from helpers.checks.training import check_race_prediction, check_rnn_step_backward, check_softmax_backward

from .slips_probe_support import accepted, refused

OLD_W_hh = np.random.default_rng(5).normal(size=(4, 4))


def ds(a, da):
    return a * (da - a @ da)


def dh_prev(h, W, dh):
    return (dh * (1 - h**2)) @ W.T


@pytest.mark.parametrize(
    "fn, shape",
    [
        (lambda a, da: ds(a, da)[None], "(1, 3)"),
        (lambda a, da: ds(a, da)[:, None], "(3, 1)"),
        (lambda a, da: a[None] * (da - a[None] @ da), "(1, 3)"),
        (lambda a, da: (np.diag(a) - np.outer(a, a)) @ da[:, None], "(3, 1)"),
    ],
)
def test_softmax_backward_with_an_extra_axis_names_both_shapes(fn, shape):
    refused(check_softmax_backward(fn), shape, "(3,)", "extra axis of length 1", "numbers are right")


def test_softmax_backward_slip_in_a_column_says_both():
    refused(check_softmax_backward(lambda a, da: (a * da)[:, None]), "(3, 1)", "numbers differ too",
            "a * (a @ da)")


def test_rnn_step_backward_with_an_extra_axis_or_borrowed_w_hh():
    refused(check_rnn_step_backward(lambda h, W, dh: dh_prev(h, W, dh)[None]), "(1, 4)", "(4,)",
            "numbers are right")
    refused(check_rnn_step_backward(lambda h, W, dh: dh_prev(h, OLD_W_hh, dh)), "whatever W_hh",
            "earlier cell", "da @ W_hh.T")
    refused(check_rnn_step_backward(lambda h, W, dh: (dh_prev(h, W, dh), None)), "tuple of 2 items", "Item 0")


@pytest.mark.parametrize(
    "fn",
    [ds, lambda a, da: list(ds(a, da)), lambda a, da: ds(a, da).astype(np.float32),
     lambda a, da: (a[None] * (da - a @ da)).ravel()],
)
def test_softmax_backward_right_answers_pass(fn):
    accepted(check_softmax_backward(fn))


@pytest.mark.parametrize("fn", [dh_prev, lambda h, W, dh: W @ (dh * (1 - h * h)),
                                lambda h, W, dh: dh_prev(h, W, dh).tolist()])
def test_rnn_step_backward_right_answers_pass(fn):
    accepted(check_rnn_step_backward(fn))


def test_race_prediction_explains_each_wrong_answer_at_once():
    both = refused(check_race_prediction("rnn", "rnn"), "at 1 pair: not 'rnn'", "At 16 pairs: not 'rnn'",
                   "both models reach 1.00", "32 numbers")
    assert both.count("not 'rnn'") == 2
    refused(check_race_prediction("attention", "tie"), "1 pair: not 'attention'", "16 pairs: not 'tie'")
    first_only = refused(check_race_prediction("rnn", "attention"), "not 'rnn'", "one pair")
    assert "16 pairs" not in first_only
    refused(check_race_prediction("tie", "atention"), "one of", "'atention'")  # a typo: the options
    accepted(check_race_prediction(" Tie", "ATTENTION"))
