"""helpers.lessons.bilinear: the bilinear form, self-scores, the diagonal test and the first word's reach."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.core.rnn import init_rnn, rnn_forward
from helpers.lessons import examples
from tests.reference import (
    loop_attention_weights,
    loop_self_attention,
)
from tests.support.messages import raises_naming


def test_first_word_reach_compares_the_same_quantity():
    from helpers.lessons.bilinear import first_word_reach

    res = first_word_reach(12, 6, np.random.default_rng(0), radius=0.8)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(12, 6)) / np.sqrt(6)
    W_xh, W_hh, b_h = init_rnn(6, 6, rng, radius=0.8)
    W_q, W_k, W_v = examples.random_maps(6, rng)
    h = 1e-6
    for k in (1, 5, 11):  # central differences of the last position of the first k + 1 words
        J_rnn, J_att = np.zeros((6, 6)), np.zeros((6, 6))
        for a in range(6):
            Xp, Xm = X[: k + 1].copy(), X[: k + 1].copy()
            Xp[0, a] += h
            Xm[0, a] -= h
            J_rnn[:, a] = (rnn_forward(Xp, W_xh, W_hh, b_h)[-1]
                           - rnn_forward(Xm, W_xh, W_hh, b_h)[-1]) / (2 * h)
            J_att[:, a] = (loop_self_attention(Xp, W_q, W_k, W_v, 1 / math.sqrt(6))[2][-1]
                           - loop_self_attention(Xm, W_q, W_k, W_v, 1 / math.sqrt(6))[2][-1]) / (2 * h)
        assert res.rnn_influence[k] == pytest.approx(np.linalg.norm(J_rnn), rel=1e-5)
        assert res.attention_influence[k] == pytest.approx(np.linalg.norm(J_att), rel=1e-5)
        w = loop_attention_weights(X[: k + 1] @ W_q, X[: k + 1] @ W_k, 1 / math.sqrt(6))
        assert res.attention_weight[k] == pytest.approx(w[-1, 0])
    assert res.rnn_steps[-1] == 11 and res.attention_steps[-1] == 1 and res.attention_steps[0] == 0


# ----------------------------------------------------------------------------- bilinear (notebook 04)


def test_bilinear_form_is_w_q_w_k_transposed():
    from helpers.lessons.bilinear import bilinear_form

    rng = np.random.default_rng(0)
    W_q, W_k = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    M = bilinear_form(W_q, W_k)
    loop = [[sum(W_q[a, c] * W_k[b, c] for c in range(2)) for b in range(3)] for a in range(3)]
    np.testing.assert_allclose(M, loop)
    X = rng.normal(size=(4, 3))  # then score(i, j) = q_i . k_j = x_i M x_j^T
    np.testing.assert_allclose((X @ W_q) @ (X @ W_k).T, X @ M @ X.T)
    raises_naming(bilinear_form, W_q, np.zeros((3, 4)), names=["(3, 2)", "(3, 4)"])
    raises_naming(bilinear_form, [np.nan, 1.0], W_k, names=["W_q"])
    raises_naming(bilinear_form, W_q, [np.nan, 1.0], names=["W_k"])
    raises_naming(bilinear_form, np.ones((3, 2, 2)), W_k, names=["W_q", "3-D"])
    raises_naming(bilinear_form, W_q, np.ones((3, 2, 2)), names=["W_k", "3-D"])


def test_self_scores_are_each_words_score_with_itself():
    from helpers.lessons.bilinear import self_scores

    rng = np.random.default_rng(1)
    X, M = rng.normal(size=(5, 3)), rng.normal(size=(3, 3))  # M not symmetric
    loop = [sum(X[i, a] * M[a, b] * X[i, b] for a in range(3) for b in range(3)) for i in range(5)]
    np.testing.assert_allclose(self_scores(X, M), loop)
    raises_naming(self_scores, np.ones((4, 2)), np.eye(3), names=["[2, 2]", "(3, 3)"])
    raises_naming(self_scores, np.ones((4, 3)), np.ones((3, 2)), names=["[3, 3]", "(3, 2)"])
    for bad in ([np.nan, 1.0], np.ones((2, 3, 3))):
        raises_naming(self_scores, np.array(bad), M, names=["X"])
        raises_naming(self_scores, X, np.array(bad), names=["M"])
    raises_naming(self_scores, X, np.ones((2, 3, 3)), names=["M", "3-D"])


def test_diagonal_wins_row_by_row_with_ties_counting_as_wins():
    from helpers.lessons.bilinear import diagonal_wins

    S = np.array([[3.0, 1.0, 2.0], [0.0, 1.0, 5.0], [4.0, 4.0, 4.0]])
    np.testing.assert_array_equal(diagonal_wins(S), [True, False, True])
    big = 1e6 * np.array([[1.0, 1.0 + 1e-13], [2.0, 1.0]])  # a tie up to rounding at a large scale
    np.testing.assert_array_equal(diagonal_wins(big), [True, False])
    np.testing.assert_array_equal(diagonal_wins(np.array([[1.0, 1.0 + 1e-6], [0.0, 1.0]])), [False, True])
    rng = np.random.default_rng(2)
    batch = rng.normal(size=(4, 2, 5, 5))
    expect = [
        [[batch[a, b, i, i] >= batch[a, b, i].max() for i in range(5)] for b in range(2)] for a in range(4)
    ]
    np.testing.assert_array_equal(diagonal_wins(batch), expect)
    raises_naming(diagonal_wins, np.ones((2, 3)), names=["(2, 3)"])
    raises_naming(diagonal_wins, np.ones(3), names=["scores"])
    raises_naming(diagonal_wins, [[np.nan]], names=["scores"])


def test_first_word_reach_steps_and_defaults():
    from helpers.lessons.bilinear import first_word_reach

    res = first_word_reach(5, 3, np.random.default_rng(4))
    np.testing.assert_array_equal(res.distance, np.arange(5))
    np.testing.assert_array_equal(res.rnn_steps, [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(res.attention_steps, [0, 1, 1, 1, 1])
    assert res.attention_weight[0] == pytest.approx(1.0)  # a one-word sentence attends to itself
    same = first_word_reach(5, 3, np.random.default_rng(4), radius=0.9)
    np.testing.assert_allclose(res.rnn_influence, same.rnn_influence)
    other = first_word_reach(5, 3, np.random.default_rng(4), radius=0.5)
    assert not np.allclose(res.rnn_influence[1:], other.rnn_influence[1:])


def test_diagonal_wins_of_an_empty_sentence_is_an_empty_answer():
    from helpers.lessons.bilinear import diagonal_wins

    assert diagonal_wins(np.zeros((0, 0))).shape == (0,)
    assert diagonal_wins(np.zeros((3, 0, 0))).shape == (3, 0)
