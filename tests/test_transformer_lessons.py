"""Notebook 07's claims: the bilinear view of self-scores, head presets, positions break permutation."""

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
def test_spd_and_equal_m_norms_make_the_diagonal_win(seed, T, d):
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


def test_unequal_m_norms_can_break_the_diagonal():
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


def test_bilinear_matrix_matches_qkv_scores():
    rng = np.random.default_rng(0)
    X, (W_q, W_k, W_v) = rng.normal(size=(4, 3)), random_maps(3, rng)
    _, W = qkv_self_attention(X, W_q, W_k, W_v, scale=1.0)
    assert np.allclose(W, softmax(lt.bilinear_scores(X, lt.bilinear_form(W_q, W_k))))


@pytest.mark.parametrize(
    "name,tops", [("same word", [0, 1, 2]), ("previous word", [0, 0, 1]), ("next word", [1, 2, 2]),
                  ("first word", [0, 0, 0])],
)
def test_head_presets_do_what_their_names_say_on_i_go_home(name, tops):
    _, W = qkv_self_attention(lt.head_input(), *lt.head_preset(name))
    assert list(np.argmax(W, axis=1)) == tops
    assert np.all(np.max(W, axis=1) > 0.5)


def test_average_preset_is_uniform_and_unknown_preset_raises():
    _, W = qkv_self_attention(lt.head_input(), *lt.head_preset("average"))
    assert np.allclose(W, 1 / 3)
    with pytest.raises(ValueError, match="previous word"):
        lt.head_preset("last word")


def test_stack_heads_averages_the_heads():
    Wq, Wk, Wv, Wo = lt.stack_heads([lt.head_preset("same word"), lt.head_preset("first word")])
    assert Wq.shape == (2, 2, 2) and Wo.shape == (4, 2)
    assert np.allclose(np.concatenate([np.ones((1, 2)), 3 * np.ones((1, 2))], axis=1) @ Wo, 2.0)


@pytest.mark.parametrize("seed", range(6))
def test_positions_break_the_permutation(seed):
    maps = random_maps(2, np.random.default_rng(seed))
    tokens = ["I", "go", "home"]
    plain = lt.permutation_with_positions(tokens, [2, 1, 0], maps, position_scale=0.0)
    assert plain.max_difference < 1e-12
    with_pos = lt.permutation_with_positions(tokens, [2, 1, 0], maps, position_scale=1.0)
    assert with_pos.max_difference > 1e-3


def test_permutation_rejects_bad_perm():
    with pytest.raises(ValueError, match="reorder"):
        lt.permutation_with_positions(["a", "b"], [0, 0], random_maps(2, np.random.default_rng(0)),
                                      position_scale=1.0)


@pytest.mark.parametrize("seed,T", [(0, 3), (1, 6)])
def test_influence_patterns_are_lower_triangular(seed, T):
    rnn, att = lt.influence_patterns(T, 3, np.random.default_rng(seed))
    upper = np.triu(np.ones((T, T), bool), 1)
    assert np.all(rnn[upper] == 0) and np.all(att[upper] < 1e-8)
    assert np.all(rnn[~upper] > 0) and np.all(att[~upper] > 1e-6)


def test_block_lesson_data():
    X = lt.block_input(["I", "go", "home", "I"])
    assert X.shape == (4, lt.BLOCK_D_MODEL) and np.array_equal(X[0], X[3])
    w1, w2 = lt.block_weights(2), lt.block_weights(2)
    assert np.array_equal(w1.W_q, w2.W_q) and lt.block_weights(4).W_q.shape == (4, 8, 2)
