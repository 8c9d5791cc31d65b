"""helpers.lessons.rnn: naming a curve's fate (vanish, explode, neither) as the explorers print it."""

import numpy as np

from helpers.lessons.rnn import fate_of


def test_fate_of():
    assert fate_of(np.array([1.0, 1e-3])) == "vanishing"
    assert fate_of(np.array([1.0, 1e3])) == "exploding"
    assert fate_of(np.array([1.0, np.inf])) == "exploding"
    assert fate_of(np.array([1.0, 0.5])) == "steady"
    assert fate_of(np.array([10.0, 1e-2])) == "vanishing"  # the ratio last / first decides, 1e-3 here
    assert fate_of(np.array([1e-3, 1e-3])) == "steady"
    assert fate_of(np.array([1.0, 0.5]), low=0.6) == "vanishing"  # the thresholds are passed on
    assert fate_of(np.array([1.0, 0.5]), low=0.1, high=0.4) == "exploding"


def test_fate_of_a_curve_starting_at_zero_says_so_quietly():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no divide-by-zero warning reaches the notebook
        assert fate_of(np.array([0.0, 1.0])) == "exploding"
