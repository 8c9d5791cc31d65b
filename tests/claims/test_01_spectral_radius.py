"""Notebook 01's general sentences, over seeds, sizes and widths, and where they stop holding (issue 20).

Tanh bounds the state, not the Jacobian product; the spectral radius decides only the long run, and
only for a linear RNN. docs/CLAIMS.md names each test next to its sentence.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core import embed_tokens, tokenize
from helpers.core import rnn_analysis as ra
from helpers.core.rnn import init_rnn, rnn_forward, spectral_radius, with_spectral_radius
from helpers.lessons import FATE_MATRICES, LONG_SENTENCE
from tests.support.sweeps import SETTINGS, rng_of, seeds


def chain_matrix(n_chains=4, length=4, keep=0.9, passes=1.0):
    """Block diagonal, upper triangular: every eigenvalue ``keep``; each unit passes itself on."""
    return np.kron(np.eye(n_chains), keep * np.eye(length) + passes * np.eye(length, k=1))


# ---- 01: the spectral radius and the long run ---------------------------------------------------
def test_c01_the_notebook_chain_grows_although_every_eigenvalue_is_0_9():
    X = embed_tokens(tokenize(LONG_SENTENCE), 8)
    W_xh, _, b_h = init_rnn(8, 16, np.random.default_rng(0), radius=0.9)
    W = chain_matrix()
    assert np.isclose(spectral_radius(W), 0.9) and np.linalg.norm(W, 2) > 1.7
    linear = ra.first_word_influence(X, W_xh, W, b_h, nonlinearity="none")
    tanh = ra.first_word_influence(X, W_xh, W, b_h)
    assert linear[10] > 20 * linear[0] and tanh.max() > 4 * tanh[0]  # grows for a while...
    assert tanh[-1] < 1e-3 * tanh[0]  # ...and with tanh vanishes by the end of the sentence
    gain = ra.power_norms(W, 400)
    assert gain[29] > 100 and np.argmax(gain[1:] < 1) + 1 == 123 and gain[400] < 1e-10


@pytest.mark.parametrize("length", [2, 4, 8])
@pytest.mark.parametrize("seed", range(4))
def test_c01_below_radius_1_a_linear_rnn_decays_in_the_long_run_but_can_grow_first(seed, length):
    rng = np.random.default_rng(seed)
    keep = rng.uniform(-0.9, 0.9, size=length)
    W = np.diag(keep) + np.triu(rng.uniform(1.0, 2.0, size=(length, length)), 1)  # non-normal
    assert spectral_radius(W) < 0.91
    gain = ra.power_norms(W, 60)
    assert gain[1] > 1  # the first step stretches: the largest singular value is above 1
    assert np.all(gain[1:] <= np.linalg.norm(W, 2) ** np.arange(1, 61) * (1 + 1e-9))  # per-step bound
    assert np.linalg.norm(np.linalg.matrix_power(W.T, 3000), 2) < 1e-3  # the long run follows the radius


def test_c01_with_tanh_a_radius_below_1_does_not_even_settle_the_long_run():
    # Two units, radius 0.71; inputs keep one unit saturated at a time, so the Jacobians alternate
    # between diag(~1, ~0) W^T and diag(~0, ~1) W^T, whose product has eigenvalue b c = -3.5.
    W = np.array([[2.0, 1.75], [-2.0, -2.0]])
    assert spectral_radius(W) < 0.72
    T, h, X = 60, np.zeros(2), np.zeros((60, 2))
    for t in range(T):
        target = np.zeros(2)
        target[1 - t % 2] = 4.0  # pre-activation 4 on the saturated unit, 0 on the other
        X[t] = target - h @ W
        h = np.tanh(X[t] + h @ W)
    tanh = ra.first_word_influence(X, np.eye(2), W, np.zeros(2))
    linear = ra.first_word_influence(X, np.eye(2), W, np.zeros(2), nonlinearity="none")
    assert tanh[-1] > 1e10 * tanh[0]  # grows without bound
    assert linear[-1] < 1e-7 * linear[0]  # negative control: the same W without tanh decays


def test_c01_exercise_3_matrix_a_stretches_first_and_vanishes_over_60_steps():
    gain = ra.power_norms(FATE_MATRICES["A"], 60)
    assert gain[1] > 3 and gain[2] > 3 and gain[5] < 1 and ra.gradient_fate(FATE_MATRICES["A"]) == "vanish"


# ---- 01: tanh bounds the state, not the Jacobian product --------------------------------------
@SETTINGS
@given(seeds, st.integers(1, 64), st.floats(0.1, 10.0), st.integers(1, 40))
def test_c01_tanh_keeps_every_state_inside_minus_1_to_1(seed, d_h, radius, T):
    rng = rng_of(seed)
    params = init_rnn(4, d_h, rng, radius=radius)
    H = rnn_forward(5 * rng.normal(size=(T, 4)), *params)
    assert np.all(np.abs(H) <= 1.0)


@pytest.mark.parametrize("seed", range(5))
def test_c01_tanh_does_not_bound_the_jacobian_product(seed):
    # Radius 3, 64 units, 100 words: with tanh in the loop the influence still explodes.
    rng = rng_of(seed)
    W_xh, W_hh, b_h = init_rnn(8, 64, rng, radius=3.0)
    curve = ra.first_word_influence(rng.normal(size=(100, 8)), W_xh, W_hh, b_h)
    assert curve[-1] > 1e3 * curve[0]


def test_c01_the_notebook_network_explodes_at_radius_3_and_5_with_tanh():
    from helpers.core import embed_tokens, tokenize
    from helpers.lessons import LONG_SENTENCE

    X = embed_tokens(tokenize(LONG_SENTENCE), 8)
    W_xh, W_hh, b_h = init_rnn(8, 16, rng_of(0), radius=0.9)
    for r in (3.0, 5.0):
        curve = ra.first_word_influence(X, W_xh, with_spectral_radius(W_hh, r), b_h)
        assert curve[-1] > 50 * curve[0]


@SETTINGS
@given(seeds, st.integers(1, 32), st.floats(0.1, 6.0))
def test_c01_one_step_stretches_by_at_most_the_largest_singular_value(seed, d_h, radius):
    rng = rng_of(seed)
    W_hh = with_spectral_radius(rng.normal(size=(d_h, d_h)), radius)
    h = np.tanh(3 * rng.normal(size=d_h))
    bound = np.max(1 - h**2) * np.linalg.norm(W_hh, 2)  # times the step's largest tanh derivative
    assert np.linalg.norm(ra.step_jacobian(h, W_hh), 2) <= bound * (1 + 1e-12)


@SETTINGS
@given(seeds, st.integers(2, 16), st.floats(0.3, 3.0), st.integers(2, 25))
def test_c01_the_singular_value_bound_holds_at_every_distance(seed, d_h, radius, T):
    rng = rng_of(seed)
    W_xh, W_hh, b_h = init_rnn(4, d_h, rng, radius=radius)
    to_last = ra.hidden_influence(rng.normal(size=(T, 4)), W_xh, W_hh, b_h)[::-1]
    sigma = np.linalg.norm(W_hh, 2)
    assert np.all(to_last <= sigma ** np.arange(T) * (1 + 1e-9) + 1e-300)


@pytest.mark.parametrize("d_h", [2, 8, 32])
@pytest.mark.parametrize("seed", range(4))
def test_c01_a_linear_rnn_follows_the_spectral_radius_in_the_long_run(seed, d_h):
    W = rng_of(seed).normal(size=(d_h, d_h))
    rho = spectral_radius(W)
    n = 400
    rate = np.linalg.norm(np.linalg.matrix_power(W / rho, n), 2) ** (1 / n)  # -> 1 (Gelfand)
    assert abs(rate - 1) < 0.05
