"""Notebook 04's sentences about the diagonal: the scores are the bilinear form of M = W_q W_k^T,
symmetric positive-definite M with equal M-lengths keeps every word on itself (sufficient, not
necessary), and where that stops holding (unequal M-lengths, antisymmetric M, independent random maps,
a non-symmetric I + J)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core import attention as A
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
    assert np.all(bilinear.diagonal_wins(W, strict=True))


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
    assert W[2, 2] > 1.9 * W[2, 1]  # "home": twice its weight on "go", but a tie with "I" (home = -I),
    assert not bilinear.diagonal_wins(W, strict=True).any()  # so no word strictly tops its row


@pytest.mark.parametrize("T", [4, 8])
@pytest.mark.parametrize("d", [2, 8, 32])
@pytest.mark.parametrize("seed", range(3))
def test_c04_independent_random_maps_show_no_self_preference(seed, d, T):
    maps = experiments.self_weight_vs_dimension([d], rng_of(seed), T=T, n_sentences=400, random_qk=True)
    naive = experiments.self_weight_vs_dimension([d], rng_of(seed), T=T, n_sentences=400, scaled=True)
    assert abs(maps.self_top_share[0] - 1 / T) < 0.06  # about 1/T: as if no preference
    assert naive.self_top_share[0] > maps.self_top_share[0] + 0.1  # like with like: same scale 1/sqrt(d)


@SETTINGS
@given(st.lists(st.floats(0.05, 1.0), min_size=3, max_size=3))
def test_c04_a_query_map_gives_any_weights_to_equal_length_words(raw):
    w = np.array(raw) / sum(raw)
    _, X = examples.plain_example(2)
    W_q = experiments.solve_query_map(X, w)
    _, W = A.qkv_self_attention(X, W_q, np.eye(2), np.eye(2))
    assert np.allclose(W[0], w)


# ---- 04: the diagonal's conditions are sufficient, not necessary --------------------------------
def test_c04_i_plus_j_is_positive_definite_keeps_the_m_lengths_and_loses_i():
    _, X = examples.plain_example(2)
    J = np.array([[0.0, 1.0], [-1.0, 0.0]])
    lose, keep = X @ (np.eye(2) + J) @ X.T, X @ (np.eye(2) + 0.2 * J) @ X.T
    assert np.allclose(bilinear.self_scores(X, np.eye(2) + J), 1.0)
    assert np.all(np.linalg.eigvalsh((np.eye(2) + J + (np.eye(2) + J).T) / 2) > 0)  # x M x^T > 0
    assert bilinear.diagonal_wins(lose).tolist() == [False, True, True]
    assert bilinear.diagonal_wins(keep).all()  # not symmetric, and the diagonal still wins
