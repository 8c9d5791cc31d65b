"""Where the general sentences of notebooks 01-04 stop holding (issue 20), each with its counterexample.

The spectral radius decides only the long run, and only for a linear RNN; the sqrt(d_k) scale
assumes independent entries; the bilinear diagonal conditions are sufficient, not necessary.
docs/CLAIMS.md names each test next to its sentence.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core import embed_tokens, tokenize
from helpers.core import rnn_analysis as ra
from helpers.core.rnn import init_rnn, spectral_radius
from helpers.lessons import FATE_MATRICES, LONG_SENTENCE, bilinear, examples
from helpers.lessons import attention as experiments


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


# ---- 04: the sqrt(d_k) scale assumes independent entries ----------------------------------------
@pytest.mark.parametrize("correlation", [0.2, 0.5])
@pytest.mark.parametrize("seed", range(2))
def test_c04_with_correlated_entries_the_scaled_spread_grows_with_d_k(seed, correlation):
    d = np.array([16, 64, 256, 1024])
    rng = np.random.default_rng(seed)
    cor = experiments.softmax_saturation(d, rng, n_trials=200, correlation=correlation)
    assert np.all(np.diff(cor.score_std_scaled) > 0) and cor.score_std_scaled[-1] > 3
    assert np.all(np.abs(cor.score_std_scaled / np.sqrt(1 + (d - 1) * correlation**2) - 1) < 0.25)
    assert np.all(np.diff(cor.max_weight_scaled) > 0)  # softmax saturates despite the scale
    ind = experiments.softmax_saturation(d, np.random.default_rng(seed), n_trials=200)  # negative control
    assert np.all(np.abs(ind.score_std_scaled - 1) < 0.1)


def test_c04_correlation_must_be_below_1():
    with pytest.raises(ValueError, match="correlation"):
        experiments.softmax_saturation([4], np.random.default_rng(0), correlation=1.0)


# ---- 04: the diagonal's conditions are sufficient, not necessary --------------------------------
def test_c04_i_plus_j_is_positive_definite_keeps_the_m_lengths_and_loses_i():
    _, X = examples.plain_example(2)
    J = np.array([[0.0, 1.0], [-1.0, 0.0]])
    lose, keep = X @ (np.eye(2) + J) @ X.T, X @ (np.eye(2) + 0.2 * J) @ X.T
    assert np.allclose(bilinear.self_scores(X, np.eye(2) + J), 1.0)
    assert np.all(np.linalg.eigvalsh((np.eye(2) + J + (np.eye(2) + J).T) / 2) > 0)  # x M x^T > 0
    assert bilinear.diagonal_wins(lose).tolist() == [False, True, True]
    assert bilinear.diagonal_wins(keep).all()  # not symmetric, and the diagonal still wins


def test_c04_correlation_between_neighbours_only_keeps_the_scaled_spread_near_1():
    # Why the notebook says "every two entries": with correlation 0.3^|i - j| the variance stays ~ d_k.
    rng = np.random.default_rng(0)
    for d in (16, 64, 256):
        i = np.arange(d)
        L = np.linalg.cholesky(0.3 ** np.abs(i[:, None] - i[None, :]))
        q, k = rng.normal(size=(200, d)) @ L.T, rng.normal(size=(200, 8, d)) @ L.T
        assert abs(np.einsum("nd,nkd->nk", q, k).std() / np.sqrt(d) - 1.1) < 0.15
