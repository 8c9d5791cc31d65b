"""Notebook 04's general sentences, each tested over seeds, sizes and widths, and where they stop holding.

docs/CLAIMS.md lists every sentence with the test here that backs it. A claim the notebook makes
about one example only is tested as that example (and the prose says it is one example).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core import attention as A
from helpers.core.rnn import init_rnn, input_influence
from helpers.lessons import attention as experiments
from helpers.lessons import bilinear, examples
from helpers.lessons.start_here import start_here_weights
from tests.support.sweeps import SETTINGS, rng_of, seeds


# ---- 04: the bilinear form decides -------------------------------------------------------------
@SETTINGS
@given(seeds, st.integers(1, 8), st.integers(1, 6), st.integers(1, 6))
def test_c04_scores_are_the_bilinear_form_of_M(seed, T, d_in, d_k):
    rng = rng_of(seed)
    X, W_q, W_k = rng.normal(size=(T, d_in)), rng.normal(size=(d_in, d_k)), rng.normal(size=(d_in, d_k))
    M = bilinear.bilinear_form(W_q, W_k)
    assert np.allclose((X @ W_q) @ (X @ W_k).T, X @ M @ X.T)


@SETTINGS
@given(seeds, st.integers(2, 10), st.integers(1, 8))
def test_c04_symmetric_positive_definite_M_and_equal_M_norms_keep_the_diagonal(seed, T, d):
    rng = rng_of(seed)
    B = rng.normal(size=(d, d))
    M = B @ B.T + 0.1 * np.eye(d)  # symmetric positive-definite
    X = rng.normal(size=(T, d))
    X = X / np.sqrt(bilinear.self_scores(X, M))[:, None]  # every word: x M x^T = 1
    assert np.all(bilinear.diagonal_wins(X @ M @ X.T))


def test_c04_without_equal_M_norms_the_diagonal_can_lose():
    # M = I: notebook 00's "go" and notebook 03's long "home" lose their own rows.
    tokens, w = start_here_weights("I go home")
    assert not bilinear.diagonal_wins(w)[1]


def test_c04_w_q_2I_w_k_I_keeps_every_word_on_itself():
    tokens, X = examples.plain_example(2)
    eye = np.eye(2)
    _, W = A.qkv_self_attention(X, 2 * eye, eye, eye)
    assert np.all(bilinear.diagonal_wins(W))


@SETTINGS
@given(seeds, st.integers(1, 10), st.integers(1, 8))
def test_c04_antisymmetric_M_gives_every_self_score_zero(seed, T, d):
    rng = rng_of(seed)
    B = rng.normal(size=(d, d))
    X = rng.normal(size=(T, d))
    assert np.allclose(bilinear.self_scores(X, B - B.T), 0.0, atol=1e-9)


def test_c04_antisymmetric_M_does_not_make_every_self_weight_small():
    tokens, X = examples.plain_example(2)
    eye = np.eye(2)
    _, W = A.qkv_self_attention(X, examples.rotation(90), eye, eye)
    assert np.allclose(bilinear.self_scores(X, bilinear.bilinear_form(examples.rotation(90), eye)), 0)
    assert bilinear.diagonal_wins(W).any()  # "home" still tops its own row


@pytest.mark.parametrize("T", [4, 8])
@pytest.mark.parametrize("d", [2, 8, 32])
@pytest.mark.parametrize("seed", range(3))
def test_c04_independent_random_maps_show_no_self_preference(seed, d, T):
    maps = experiments.self_weight_vs_dimension([d], rng_of(seed), T=T, n_sentences=400, learned_maps=True)
    naive = experiments.self_weight_vs_dimension([d], rng_of(seed), T=T, n_sentences=400, scaled=True)
    assert abs(maps.self_top_share[0] - 1 / T) < 0.06  # about 1/T: as if no preference
    assert naive.self_top_share[0] > maps.self_top_share[0] + 0.1  # like with like: same scale 1/sqrt(d)


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


@SETTINGS
@given(st.lists(st.floats(0.05, 1.0), min_size=3, max_size=3))
def test_c04_a_query_map_gives_any_weights_to_equal_length_words(raw):
    w = np.array(raw) / sum(raw)
    _, X = examples.plain_example(2)
    W_q = experiments.solve_query_map(X, w)
    _, W = A.qkv_self_attention(X, W_q, np.eye(2), np.eye(2))
    assert np.allclose(W[0], w)


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
