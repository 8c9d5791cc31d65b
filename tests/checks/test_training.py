"""The exercise checks of notebook 05 pass the right answers and name each likely mistake."""

import numpy as np

from helpers.checks.training import check_race_prediction, check_rnn_step_backward, check_softmax_backward


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
