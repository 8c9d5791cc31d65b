"""Notebook 07's general sentences: when the diagonal wins, the residual, and attention's influence.

The bilinear conditions (symmetric positive-definite M, equal M-norms) are sufficient, not
necessary; without the residual a stack of blocks makes the words alike; every term of attention's
influence carries its weight.
"""

import itertools

import numpy as np
import pytest

from helpers.core.attention import qkv_self_attention, softmax
from helpers.lessons import transformer as lt
from helpers.lessons.examples import EXAMPLE_TOKENS, random_maps

GRID = list(itertools.product(range(5), (2, 5, 10), (1, 2, 3, 8)))  # seed, T, d


def random_spd(rng, d):
    B = rng.normal(size=(d, d))
    return B @ B.T + 0.1 * np.eye(d)


@pytest.mark.parametrize("seed,T,d", GRID)
def test_spd_and_equal_self_scores_make_the_diagonal_win(seed, T, d):
    rng = np.random.default_rng(seed)
    M = random_spd(rng, d)
    X = lt.with_unit_self_scores(rng.normal(size=(T, d)), M)
    assert np.allclose(lt.self_scores(X, M), 1.0)
    S = lt.bilinear_scores(X, M)
    assert np.all(np.diagonal(S)[:, None] >= S - 1e-12)  # Cauchy-Schwarz in the M inner product
    if d >= 2:  # no two random rows are parallel: the self-score is strictly the largest
        off = S[~np.eye(T, dtype=bool)].reshape(T, T - 1)
        assert np.all(np.diagonal(S)[:, None] > off + 1e-9)
    L = np.linalg.cholesky(M)  # W_q = W_k = L gives M = W_q W_k^T; the weights peak on the diagonal too
    _, W = qkv_self_attention(X, L, L, np.eye(d))
    assert np.all(np.diagonal(W)[:, None] >= W - 1e-12)


def test_w_q_2i_w_k_i_keeps_every_row_on_itself():
    X = lt.head_input(EXAMPLE_TOKENS, position_scale=0.0)  # notebook 04's equal-length words
    _, W = qkv_self_attention(X, 2 * np.eye(2), np.eye(2), np.eye(2))
    assert list(np.argmax(W, axis=1)) == [0, 1, 2]


def test_unequal_self_scores_can_break_the_diagonal():
    X = np.array([[1.0, 0.0], [2.0, 0.0]])  # M = I is symmetric positive-definite
    S = lt.bilinear_scores(X, np.eye(2))
    assert S[0, 1] > S[0, 0]  # word 1 scores word 2 above itself
    _, W = qkv_self_attention(X, np.eye(2), np.eye(2), np.eye(2))
    assert W[0, 1] > W[0, 0]


def test_symmetry_is_needed_too():
    M = np.eye(2) + np.array([[0.0, 2.0], [-2.0, 0.0]])  # symmetric part I, plus an antisymmetric part
    X = np.eye(2)  # equal M-norms: both self-scores are 1
    S = lt.bilinear_scores(X, M)
    assert np.allclose(np.diagonal(S), 1.0) and S[0, 1] > S[0, 0]


@pytest.mark.parametrize("seed,T,d", GRID)
def test_antisymmetric_m_gives_zero_self_scores(seed, T, d):
    rng = np.random.default_rng(seed)
    B = rng.normal(size=(d, d))
    _, A = lt.split_bilinear(B)
    X = rng.normal(size=(T, d)) * 3
    assert np.allclose(np.diagonal(lt.bilinear_scores(X, A)), 0.0, atol=1e-12)
    S, A2 = lt.split_bilinear(B)
    assert np.allclose(S + A2, B) and np.allclose(S, S.T) and np.allclose(A2, -A2.T)
    assert np.allclose(lt.self_scores(X, B), lt.self_scores(X, S))  # self-scores come from S alone


def test_antisymmetric_self_weight_still_depends_on_the_others():
    A = np.array([[0.0, 1.0], [-1.0, 0.0]])
    x = np.array([1.0, 0.0])
    weights = []
    for other in ([0.0, 1.0], [0.0, -1.0]):  # the same word, next to two different words
        X = np.array([x, other])
        s = lt.bilinear_scores(X, A)
        assert s[0, 0] == 0.0
        weights.append(softmax(s[0])[0])
    assert weights[0] < 0.5 < weights[1]  # self-score 0 both times, self-weight 0.27 vs 0.73


# ---- issue 20: the diagonal's conditions are sufficient, not necessary; residual; influence; puzzle ----
def _unit_words(rng, T, d):
    X = rng.normal(size=(T, d))
    return X / np.linalg.norm(X, axis=1, keepdims=True)


@pytest.mark.parametrize("seed,T,d", [g for g in GRID if g[2] >= 2])
def test_a_positive_definite_non_symmetric_m_can_lose_the_diagonal(seed, T, d):
    # Equal M-lengths (unit words, symmetric part I: x M x^T = |x|^2 = 1) and x M x^T > 0 for every x.
    X = _unit_words(np.random.default_rng(seed), T, d)
    x, y = X[0], X[1]
    c = 1.01 / (1 + x @ y)  # x A y^T = c (1 - cos^2): enough to lift the score of y above 1
    A = c * (np.outer(x, y) - np.outer(y, x))
    S = lt.bilinear_scores(X, np.eye(d) + A)
    assert np.allclose(lt.self_scores(X, np.eye(d) + A), 1.0)
    assert S[0, 1] > S[0, 0]  # word 1 prefers word 2
    S0 = lt.bilinear_scores(X, np.eye(d))  # negative control: without A the diagonal wins
    assert np.all(np.diagonal(S0)[:, None] >= S0 - 1e-12)


@pytest.mark.parametrize("seed,T,d", [g for g in GRID if g[2] >= 2])
def test_the_two_conditions_are_sufficient_not_necessary(seed, T, d):
    # A non-symmetric M = I + A keeps every row on its diagonal when ||A|| < 1 - (largest cosine).
    rng = np.random.default_rng(seed)
    X = _unit_words(rng, T, d)
    rho = np.max((X @ X.T)[~np.eye(T, dtype=bool)])
    _, A = lt.split_bilinear(rng.normal(size=(d, d)))
    A *= 0.9 * (1 - rho) / np.linalg.norm(A, 2)
    M = np.eye(d) + A
    assert not np.allclose(M, M.T)
    S = lt.bilinear_scores(X, M)
    assert np.all(np.argmax(S, axis=1) == np.arange(T))


def test_the_notebook_cases_of_2i_plus_a():
    X, A = lt.bilinear_words(), np.array([[0.0, 1.5], [-1.5, 0.0]])
    lose = lt.bilinear_scores(X, 2 * np.eye(2) + A)
    assert np.allclose(np.diagonal(lose), 2.0) and list(lose.argmax(axis=1)) == [1, 1, 2]
    assert list(lt.bilinear_scores(X, 2 * np.eye(2) + A / 3).argmax(axis=1)) == [0, 1, 2]


STACK_SEEDS = range(5, 15)  # the notebook uses 0..4


@pytest.mark.parametrize("n_heads", [1, 2, 4])
@pytest.mark.parametrize("sentence", ["I go home", "the cat saw the dog", "we go home now"])
def test_without_the_residual_a_stack_of_blocks_makes_the_words_alike(sentence, n_heads):
    tokens = sentence.split()
    off = lt.stack_spread(tokens, 4, STACK_SEEDS, n_heads=n_heads, residual=False)
    on = lt.stack_spread(tokens, 4, STACK_SEEDS, n_heads=n_heads, residual=True)
    assert np.median(off[:, 2]) < 0.05 and off[:, 4].max() < 0.05  # collapsed
    assert np.median(on[:, 4]) > 0.2 and on[:, 4].max() > 0.05  # apart after 4 (not 16: claims/test_07)


@pytest.mark.parametrize("seed,T,d", [(0, 3, 2), (1, 5, 3), (2, 6, 4), (3, 8, 2)])
def test_every_term_of_attentions_influence_carries_the_weight(seed, T, d):
    # d out_t / d x_s = w_ts [W_v + c (W_k q_t^T)(v_s - out_t)] for s != t, by finite differences.
    rng = np.random.default_rng(seed)
    X, (W_q, W_k, W_v) = rng.normal(size=(T, d)), random_maps(d, rng)
    out, w = qkv_self_attention(X, W_q, W_k, W_v)
    c, eps, t, s = 1 / np.sqrt(d), 1e-6, T - 1, 0
    J = np.zeros((d, d))
    for k in range(d):
        E = np.zeros((T, d))
        E[s, k] = eps
        up, down = qkv_self_attention(X + E, W_q, W_k, W_v)[0], qkv_self_attention(X - E, W_q, W_k, W_v)[0]
        J[k] = (up[t] - down[t]) / (2 * eps)
    bracket = W_v + c * np.outer(W_k @ (X[t] @ W_q), X[s] @ W_v - out[t])
    assert np.allclose(J, w[t, s] * bracket, atol=1e-7)
