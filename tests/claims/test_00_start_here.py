"""Notebook 00's general sentences (softmax weights, temperature, a word and itself) over seeds and sizes."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from helpers.core import attention as A
from helpers.lessons.start_here import start_here_weights, temperature_weights
from tests.support.sweeps import SETTINGS, rng_of, seeds


# ---- 00: softmax rows, temperature ------------------------------------------------------------
@SETTINGS
@given(seeds, st.integers(1, 12), st.integers(1, 12))
def test_c00_softmax_rows_are_positive_and_sum_to_1(seed, n_q, n_k):
    S = rng_of(seed).uniform(-30, 30, size=(n_q, n_k))  # |score| < 30: exp does not underflow to 0
    W = A.softmax(S)
    assert np.all(W > 0) and np.allclose(W.sum(axis=-1), 1.0)


@SETTINGS
@given(seeds, st.integers(2, 10), st.floats(0.05, 5.0), st.floats(0.05, 5.0))
def test_c00_lower_temperature_sharpens_every_row(seed, T, t1, t2):
    lo, hi = sorted((t1, t2))
    X = rng_of(seed).normal(size=(T, 4))
    w_lo, w_hi = temperature_weights(X, lo), temperature_weights(X, hi)
    assert np.all(w_lo.max(axis=1) >= w_hi.max(axis=1) - 1e-12)  # the top weight never falls as T drops


def test_c00_go_does_not_win_its_own_row():
    # The exercise message: a word's dot product with itself is not always its largest.
    tokens, w = start_here_weights("I go home", temperature=0.1)
    assert tokens[int(np.argmax(w[1]))] == "I" and tokens[int(np.argmax(w[2]))] == "home"
