"""Notebook 04's sentences about the scale and the reach of one attention step: the 1/sqrt(d_k) scale
keeps the score spread near 1 for independent entries (and where it does not: correlated entries),
one step does not decay with distance, permuting the words permutes the outputs, keys and values
must match in number."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core import attention as A
from helpers.core.rnn import init_rnn, input_influence
from helpers.lessons import attention as experiments
from helpers.lessons import bilinear, examples
from tests.support.sweeps import SETTINGS, rng_of, seeds


@pytest.mark.parametrize("seed", range(4))
def test_c04_one_step_does_not_decay_geometrically_but_the_weight_is_about_1_over_T(seed):
    comp = bilinear.first_word_reach(30, 8, rng_of(seed), radius=0.9)
    k = np.arange(1, 30)
    assert comp.rnn_influence[29] < 0.05 * comp.rnn_influence[1]  # the RNN decays step by step
    assert comp.attention_influence[29] > comp.rnn_influence[29]
    share = comp.attention_weight[1:] * (k + 1)  # weight x number of words: about 1 for even scores
    assert np.all((share > 0.3) & (share < 3.0))


@SETTINGS
@given(seeds, st.integers(1, 6), st.integers(1, 6))
def test_c04_permuting_words_permutes_the_outputs(seed, T, d):
    rng = rng_of(seed)
    X = rng.normal(size=(T, d))
    W_q, W_k, W_v = examples.random_maps(d, rng)
    perm = rng.permutation(T)
    res = experiments.permutation_demo(X, perm, W_q, W_k, W_v)
    assert res.max_difference < 1e-10
    assert np.allclose(res.permuted_weights, res.weights[np.ix_(perm, perm)])


@SETTINGS
@given(st.integers(1, 5), st.integers(1, 5))
def test_c04_keys_and_values_must_match_in_number(n_k, n_v):
    Q, K, V = np.ones((2, 3)), np.ones((n_k, 3)), np.ones((n_v, 2))
    if n_k == n_v:
        A.dot_product_attention(Q, K, V)
    else:
        with pytest.raises(ValueError, match=f"{n_k} keys and {n_v} values"):
            A.dot_product_attention(Q, K, V)


@pytest.mark.parametrize("seed", range(3))
def test_c04_the_scale_keeps_the_score_spread_near_1(seed):
    sat = experiments.softmax_saturation([1, 16, 256, 1024], rng_of(seed), n_trials=200)
    assert np.all(np.abs(sat.score_std_scaled - 1) < 0.1)
    assert np.all(np.diff(sat.max_weight_plain) > 0)


def test_c04_input_influence_matches_the_rnn_row_used_by_first_word_reach():
    comp = bilinear.first_word_reach(6, 3, rng_of(0))
    rng = rng_of(0)
    X = rng.normal(size=(6, 3)) / np.sqrt(3)
    W_xh, W_hh, b_h = init_rnn(3, 3, rng, radius=0.9)
    assert np.allclose(comp.rnn_influence, input_influence(X, W_xh, W_hh, b_h)[:, 0])


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


def test_c04_correlation_between_neighbours_only_keeps_the_scaled_spread_near_1():
    # Why the notebook says "every two entries": with correlation 0.3^|i - j| the variance stays ~ d_k.
    rng = np.random.default_rng(0)
    for d in (16, 64, 256):
        i = np.arange(d)
        L = np.linalg.cholesky(0.3 ** np.abs(i[:, None] - i[None, :]))
        q, k = rng.normal(size=(200, d)) @ L.T, rng.normal(size=(200, 8, d)) @ L.T
        assert abs(np.einsum("nd,nkd->nk", q, k).std() / np.sqrt(d) - 1.1) < 0.15
