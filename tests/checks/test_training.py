"""helpers.checks.training: notebook 05's exercises pass right answers in every form and name each slip."""

import numpy as np
import pytest

from helpers.checks.training import check_race_prediction, check_rnn_step_backward, check_softmax_backward
from tests.reference import numpy_softmax
from tests.support.checks import f32, said, specific


def test_softmax_backward_check():
    assert check_softmax_backward(lambda a, da: a * (da - a @ da))
    cases = {
        "diagonal": lambda a, da: da * a * (1 - a),
        "unchanged": lambda a, da: da,
        "first term": lambda a, da: a * da,
        "returned None": lambda a, da: None,
        "raised": lambda a, da: 1 / 0,
    }
    for phrase, fn in cases.items():
        r = check_softmax_backward(fn)
        assert not r and phrase in r.message, (phrase, r.message)
    assert "NOT YET" in repr(check_softmax_backward(lambda a, da: np.zeros_like(a)))


def test_rnn_step_backward_check():
    assert check_rnn_step_backward(lambda h, W_hh, dh: (dh * (1 - h**2)) @ W_hh.T)
    for phrase, fn in {
        "slope": lambda h, W_hh, dh: dh @ W_hh.T,
        "W_hh.T": lambda h, W_hh, dh: (dh * (1 - h**2)) @ W_hh,
        "do not apply tanh again": lambda h, W_hh, dh: (dh * (1 - np.tanh(h) ** 2)) @ W_hh.T,
        "shape": lambda h, W_hh, dh: np.zeros(3),
    }.items():
        r = check_rnn_step_backward(fn)
        assert not r and phrase in r.message, (phrase, r.message)


def test_race_prediction_check():
    assert check_race_prediction("tie", "attention")
    assert "one pair" in check_race_prediction("rnn", "attention").message
    assert "16 pairs" in check_race_prediction("tie", "rnn").message
    assert "one of" in check_race_prediction("lstm", "attention").message
    assert check_race_prediction(" Tie", "ATTENTION ")  # letter case and surrounding spaces do not count
    assert "not 'rnn'" in check_race_prediction("RNN", "attention").message


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

# ------------------------------------------------------------------ 05, exercise 1: softmax backward

SOFTMAX_RIGHT = {
    "short form": lambda a, da: a * (da - a @ da),
    "Jacobian": lambda a, da: (np.diag(a) - np.outer(a, a)) @ da,
    "Jacobian on the left": lambda a, da: da @ (np.diag(a) - np.outer(a, a)),
    "two terms": lambda a, da: a * da - a * np.sum(a * da),
    "loop": lambda a, da: np.array(
        [sum(da[j] * a[j] * ((i == j) - a[i]) for j in range(len(a))) for i in range(len(a))]
    ),
    "a list": lambda a, da: [float(v) for v in a * (da - a @ da)],
}


@pytest.mark.parametrize("key", SOFTMAX_RIGHT)
def test_softmax_backward_right_answers_pass(key):
    said(check_softmax_backward(SOFTMAX_RIGHT[key]), passed=True, name="softmax")
    said(check_softmax_backward(f32(SOFTMAX_RIGHT[key]), seed=3), passed=True)


SOFTMAX_SLIPS = {
    "placeholder": lambda a, da: np.zeros_like(a),
    "diagonal": lambda a, da: da * a * (1 - a),
    "unchanged": lambda a, da: da,
    "first term": lambda a, da: a * da,
    "plain sum": lambda a, da: a * (da - da.sum()),
    "mean": lambda a, da: a * (da - da.mean()),
    "bare number": lambda a, da: a * da - a @ da,
    "both terms": lambda a, da: da - a @ da,
    "softmax to a again": lambda a, da: numpy_softmax(a) * (da - numpy_softmax(a) @ da),
    "sign is flipped": lambda a, da: a * (a @ da - da),
    "only the second term": lambda a, da: -a * (a @ da),
    "da is missing": lambda a, da: a * (1 - a),
    "a_i (1 - a_i) da_i": lambda a, da: da * (1 - a),
    "Jacobian diag(a) - a a^T itself": lambda a, da: np.diag(a) - np.outer(a, a),
    "broadcasts": lambda a, da: (np.diag(a) - np.outer(a, a)) * da,
    "one number": lambda a, da: a @ (da - a @ da),
    "outer product": lambda a, da: (np.diag(a) - a @ a.T) @ da,
    "left to right": lambda a, da: da * a - a * a @ da,
    "counted twice": lambda a, da: a * (1 - a) * da - a * (a @ da),
}


def test_softmax_backward_each_slip_gets_its_own_hint():
    msgs = {specific(check_softmax_backward(fn), key, "softmax") for key, fn in SOFTMAX_SLIPS.items()}
    assert len(msgs) == len(SOFTMAX_SLIPS)
    for key, fn in SOFTMAX_SLIPS.items():  # computed in float32, on other inputs: the same hint
        assert key in check_softmax_backward(f32(fn), seed=7).message, key


def test_softmax_backward_unnamed_slip_gets_the_recipe():
    msg = said(check_softmax_backward(lambda a, da: a * (da - a @ da) + 0.01 * da))
    assert "a * (da - a @ da)" in msg


# ------------------------------------------------------------------ 05, exercise 2: one RNN step backward

STEP_RIGHT = {
    "row form": lambda h, W, dh: (dh * (1 - h**2)) @ W.T,
    "column form": lambda h, W, dh: W @ (dh * (1 - h**2)),
    "Jacobian": lambda h, W, dh: dh @ (np.diag(1 - h**2) @ W.T),
    "product of factors": lambda h, W, dh: ((1 - h) * (1 + h) * dh) @ W.T,
    "a list": lambda h, W, dh: list((dh * (1 - h**2)) @ W.T),
}


@pytest.mark.parametrize("key", STEP_RIGHT)
def test_rnn_step_backward_right_answers_pass(key):
    said(check_rnn_step_backward(STEP_RIGHT[key]), passed=True, name="RNN")
    said(check_rnn_step_backward(f32(STEP_RIGHT[key]), seed=4), passed=True)


STEP_SLIPS = {
    "placeholder": lambda h, W, dh: np.zeros_like(h),
    "left out tanh's slope": lambda h, W, dh: dh @ W.T,
    "transpose": lambda h, W, dh: (dh * (1 - h**2)) @ W,
    "tanh again": lambda h, W, dh: (dh * (1 - np.tanh(h) ** 2)) @ W.T,
    "(1 - h)**2": lambda h, W, dh: (dh * (1 - h) ** 2) @ W.T,
    "stopped at da": lambda h, W, dh: dh * (1 - h**2),
    "after the product": lambda h, W, dh: dh @ W.T * (1 - h**2),
    "wrong side": lambda h, W, dh: np.diag(1 - h**2) @ W.T @ dh,
    "sigmoid": lambda h, W, dh: (dh * h * (1 - h)) @ W.T,
    "with a minus": lambda h, W, dh: (dh * (1 + h**2)) @ W.T,
    "twice": lambda h, W, dh: ((dh * (1 - h**2)) @ W.T) * (1 - h**2),
    "dh is missing": lambda h, W, dh: (1 - h**2) @ W.T,
    "broadcasts": lambda h, W, dh: (dh * (1 - h**2)) * W,
    "binds tighter": lambda h, W, dh: (dh * 1 - h**2) @ W.T,
    "1 - h is not": lambda h, W, dh: (dh * (1 - h)) @ W.T,
}


def test_rnn_step_backward_each_slip_gets_its_own_hint():
    msgs = {specific(check_rnn_step_backward(fn), key, "RNN") for key, fn in STEP_SLIPS.items()}
    assert len(msgs) == len(STEP_SLIPS)
    for key, fn in STEP_SLIPS.items():
        assert key in check_rnn_step_backward(f32(fn), seed=2).message, key
    said(check_rnn_step_backward(STEP_SLIPS["transpose"]), "W_hh.T", "W_hh @ da")
    said(check_rnn_step_backward(STEP_SLIPS["stopped at da"]), "h_prev", "@ W_hh.T")


def test_rnn_step_backward_shape_errors_are_explained():
    msg = said(check_rnn_step_backward(lambda h, W, dh: W @ W @ dh[:2]), "ValueError", "@", "W_hh.T")
    assert "matrix product" in msg
    said(check_rnn_step_backward(lambda h, dh: dh), "3 arguments", "(h, W_hh, dh)", "(h, dh)")
    xor = said(check_rnn_step_backward(lambda h, W, dh: (dh * (1 - h ^ 2)) @ W.T), "TypeError", "h**2")
    assert "exclusive or" in xor
