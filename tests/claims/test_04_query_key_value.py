"""Claims of notebook 04 (docs/CLAIMS.md), over seeds, sizes and widths, each mechanism with a
negative control: a setting where the mechanism is absent and the check must fail.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.checks.attention import attention_test_inputs
from helpers.core import attention as A
from helpers.lessons import attention as experiments
from helpers.lessons import bilinear, examples
from tests.support.sweeps import SETTINGS, seeds

EYE = np.eye(2)


def _plain():
    return examples.plain_example(2)[1]


# ---- the check itself: a tie is not a strict win ---------------------------------------------------
def test_strict_diagonal_wins_does_not_count_a_tie():
    S = np.array([[1.0, 1.0, 0.0], [0.0, 1.0, 0.5], [0.2, 0.3, 0.1]])
    assert bilinear.diagonal_wins(S).tolist() == [True, True, False]
    assert bilinear.diagonal_wins(S, strict=True).tolist() == [False, True, False]
    X = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])  # a repeated word: ties, which only the default allows
    S = X @ X.T
    assert bilinear.diagonal_wins(S).all()
    assert bilinear.diagonal_wins(S, strict=True).tolist() == [False, False, True]


# ---- section 5: M decides the scores; the weights too, at a fixed scale ---------------------------
@SETTINGS
@given(seeds, st.integers(2, 8), st.integers(1, 5), st.integers(1, 5))
def test_c04_the_weights_depend_on_M_only_at_a_fixed_scale(seed, T, d_in, d_k):
    rng = np.random.default_rng(seed)
    X, W_q, W_k = rng.normal(size=(T, d_in)), rng.normal(size=(d_in, d_k)), rng.normal(size=(d_in, d_k))
    B = rng.normal(size=(d_k, d_k)) + 3 * np.eye(d_k)  # invertible: (W_q B, W_k B^-T) has the same M
    W_q2, W_k2 = W_q @ B, W_k @ np.linalg.inv(B).T
    assert np.allclose(bilinear.bilinear_form(W_q2, W_k2), bilinear.bilinear_form(W_q, W_k))
    for scale in (None, 0.7):  # same d_k: the default scale is the same number too
        w1 = A.qkv_self_attention(X, W_q, W_k, X.T @ X, scale=scale)[1]
        w2 = A.qkv_self_attention(X, W_q2, W_k2, X.T @ X, scale=scale)[1]
        assert np.allclose(w1, w2, atol=1e-8)


def test_c04_the_default_scale_reads_d_k_which_M_does_not_record():
    # negative control of the test above: two zero columns keep M = I and change d_k from 2 to 4
    X = _plain()
    pad = np.hstack([EYE, np.zeros((2, 2))])
    assert np.allclose(bilinear.bilinear_form(pad, pad), EYE)
    default = [A.qkv_self_attention(X, W, W, W)[1] for W in (EYE, pad)]
    fixed = [A.qkv_self_attention(X, W, W, W, scale=0.5)[1] for W in (EYE, pad)]
    assert np.abs(default[0] - default[1]).max() > 0.05 and np.allclose(*fixed)


# ---- section 5: W_q = 2 W_k keeps the diagonal only when the M-lengths are equal ---------------------
def test_c04_w_q_2_w_k_loses_go_with_the_notebooks_uneven_w_k():
    X, W_k = _plain(), np.diag([2.0, 0.5])
    M = bilinear.bilinear_form(2 * W_k, W_k)
    assert np.allclose(M, M.T) and np.all(np.linalg.eigvalsh(M) > 0)  # symmetric positive-definite ...
    assert np.ptp(bilinear.self_scores(X, M)) > 1  # ... with unequal M-lengths
    _, W = A.qkv_self_attention(X, 2 * W_k, W_k, EYE)
    assert bilinear.diagonal_wins(W, strict=True).tolist() == [True, False, True]


@pytest.mark.parametrize("seed", range(3))
def test_c04_w_q_2_w_k_often_loses_a_row_and_never_when_w_k_keeps_lengths_equal(seed):
    rng, X = np.random.default_rng(seed), _plain()
    lost = [not bilinear.diagonal_wins(A.qkv_self_attention(X, 2 * Wk, Wk, EYE)[1], strict=True).all()
            for Wk in rng.normal(size=(300, 2, 2))]
    assert np.mean(lost) > 0.3  # "in general does not"
    for a, c in rng.uniform(0.2, 3.0, size=(50, 2)):  # control: W_k = c R keeps every word's length equal
        Wk = c * examples.rotation(np.degrees(a))
        assert bilinear.diagonal_wins(A.qkv_self_attention(X, 2 * Wk, Wk, EYE)[1], strict=True).all()


# ---- section 5: antisymmetric M ---------------------------------------------------------------------
@SETTINGS
@given(seeds, st.integers(2, 8), st.integers(2, 6))
def test_c04_antisymmetric_M_a_word_tops_its_row_exactly_when_its_other_scores_are_negative(seed, T, d):
    rng = np.random.default_rng(seed)
    B, X = rng.normal(size=(d, d)), rng.normal(size=(T, d))
    S = X @ (B - B.T) @ X.T  # self-scores 0
    others_negative = np.all(np.where(np.eye(T, dtype=bool), -1.0, S) < 0, axis=1)
    assert np.array_equal(bilinear.diagonal_wins(S, strict=True), others_negative)


def test_c04_antisymmetric_M_some_words_still_top_their_rows():
    # "the self-weight still depends on the other scores": strict wins happen, over many sentences
    rng = np.random.default_rng(0)
    wins = [bilinear.diagonal_wins(X @ (B - B.T) @ X.T, strict=True).mean()
            for X, B in zip(rng.normal(size=(200, 4, 3)), rng.normal(size=(200, 3, 3)), strict=True)]
    assert 0.02 < np.mean(wins) < 0.5


def test_c04_under_the_rotation_home_ties_with_I_at_twice_its_weight_on_go():
    X = _plain()
    R = examples.rotation(90)
    S = X @ bilinear.bilinear_form(R, EYE) @ X.T
    assert np.allclose(X[2], -X[0]) and abs(S[2, 0]) < 1e-12 and S[2, 1] < -0.9  # "home" = -"I"
    _, W = A.qkv_self_attention(X, R, EYE, EYE)
    assert abs(W[2, 2] - W[2, 0]) < 1e-12 and 1.9 < W[2, 2] / W[2, 1] < 2.1
    assert not bilinear.diagonal_wins(W, strict=True).any()


# ---- section 6: the words between change the weight, not the score --------------------------------
@SETTINGS
@given(seeds, st.integers(3, 30), st.integers(2, 8), st.floats(0.2, 5.0).filter(lambda f: abs(f - 1) > 0.05))
def test_c04_the_words_between_change_the_first_words_weight_not_its_score(seed, T, d, factor):
    rng = np.random.default_rng(seed)
    X, (W_q, W_k, W_v) = rng.normal(size=(T, d)), examples.random_maps(d, rng)
    mid = bilinear.middle_words_change_the_weight(X, W_q, W_k, W_v, factor)
    assert mid.score[0] == pytest.approx(mid.score[1], abs=1e-12)
    assert abs(mid.weight[1] - mid.weight[0]) > 1e-9  # the sum over every word changed


@SETTINGS
@given(seeds, st.integers(3, 30), st.integers(2, 8))
def test_c04_middle_words_that_keep_their_scores_keep_the_first_words_weight(seed, T, d):
    # negative control: move the words between so that their scores with the last query stay the
    # same; the first word's weight stays too. They act through their scores only.
    rng = np.random.default_rng(seed)
    X, (W_q, W_k, W_v) = rng.normal(size=(T, d)), examples.random_maps(d, rng)
    u = W_k @ (X[-1] @ W_q)  # [d]: x_j . u is word j's score with the last query (unscaled)
    step = rng.normal(size=(T - 2, d))
    Y = X.copy()
    Y[1:-1] += step - np.outer(step @ u / (u @ u), u)  # no component along u
    w = [A.qkv_self_attention(Z, W_q, W_k, W_v)[1][-1, 0] for Z in (X, Y)]
    assert w[0] == pytest.approx(w[1], rel=1e-9)


# ---- section 6: the crossing, and distance in one sentence ------------------------------------------
SEEDS_NOT_IN_THE_NOTEBOOK = range(8, 16)


def test_c04_where_the_curves_cross_moves_with_the_seed_and_the_scale_of_w_v():
    comps = [bilinear.first_word_reach(30, 8, np.random.default_rng(s)) for s in SEEDS_NOT_IN_THE_NOTEBOOK]
    cross = [bilinear.crossing_distance(c) for c in comps]
    assert None not in cross and max(cross) - min(cross) >= 3
    doubled = [bilinear.crossing_distance(c._replace(attention_influence=2 * c.attention_influence))
               for c in comps]
    assert all(b <= a for a, b in zip(cross, doubled, strict=True)) and doubled != cross


@SETTINGS
@given(seeds, st.integers(2, 8), st.integers(1, 4), st.floats(0.1, 10.0))
def test_c04_attentions_influence_is_proportional_to_w_v(seed, T, d, c):
    rng = np.random.default_rng(seed)
    X, (W_q, W_k, W_v) = rng.normal(size=(T, d)), examples.random_maps(d, rng)
    assert np.allclose(experiments.attention_influence(X, W_q, W_k, c * W_v),
                       c * experiments.attention_influence(X, W_q, W_k, W_v))


def test_c04_crossing_distance_reads_where_attention_stays_above():
    def comp(att, rnn):
        k = np.arange(len(att))
        return bilinear.ReachComparison(k, np.array(rnn, float), np.array(att, float), k * 0.0, k, k)

    assert bilinear.crossing_distance(comp([9, 1, 3, 3, 3], [9, 2, 2, 2, 2])) == 2
    assert bilinear.crossing_distance(comp([9, 3, 1, 3, 3], [9, 2, 2, 2, 2])) == 3  # above, below, above
    assert bilinear.crossing_distance(comp([9, 3, 3, 3, 1], [9, 2, 2, 2, 2])) is None
    assert bilinear.crossing_distance(comp([9, 3, 3], [9, 2, 2])) == 1


@pytest.mark.parametrize("seed", SEEDS_NOT_IN_THE_NOTEBOOK)
def test_c04_in_one_sentence_attention_shows_no_trend_with_distance_the_rnn_falls(seed):
    one = bilinear.reach_in_one_sentence(30, 8, np.random.default_rng(seed))
    att, rnn = one.attention_influence[1:], one.rnn_influence[1:]  # distances 1..29
    assert 0.7 < att[-10:].mean() / att[:10].mean() < 1.4
    assert rnn[-10:].mean() / rnn[:10].mean() < 0.1  # negative control: the RNN decays with distance


@pytest.mark.parametrize("seed", range(4))
def test_c04_attentions_influence_follows_the_word_not_its_position(seed):
    rng = np.random.default_rng(seed)
    X, (W_xh, W_hh, b_h), (W_q, W_k, W_v) = bilinear.sentence_and_models(12, 8, rng, 0.9)
    perm = np.r_[0, rng.permutation(np.arange(1, 11)), 11]  # reorder the words between first and last
    att = experiments.attention_influence(X, W_q, W_k, W_v, rows=[-1])[-1]
    att_p = experiments.attention_influence(X[perm], W_q, W_k, W_v, rows=[-1])[-1]
    assert np.allclose(att_p, att[perm])  # each word keeps its influence wherever it sits
    from helpers.core.rnn import input_influence

    rnn, rnn_p = (input_influence(Z, W_xh, W_hh, b_h)[-1] for Z in (X, X[perm]))
    assert not np.allclose(rnn_p, rnn[perm], rtol=0.1)  # negative control: the RNN's does not


def test_reach_in_one_sentence_reads_the_same_sentence_as_first_word_reach():
    one = bilinear.reach_in_one_sentence(30, 8, np.random.default_rng(2))
    grow = bilinear.first_word_reach(30, 8, np.random.default_rng(2))
    assert one.rnn_influence[-1] == pytest.approx(grow.rnn_influence[-1])  # word 1 -> word 30, both
    assert one.attention_influence[-1] == pytest.approx(grow.attention_influence[-1])
    assert one.attention_weight[-1] == pytest.approx(grow.attention_weight[-1])


@pytest.mark.parametrize("seed", range(3))
def test_c04_without_the_scale_the_slope_and_then_the_query_gradient_vanish(seed):
    g = experiments.softmax_gradients([1, 16, 256, 1024], np.random.default_rng(seed), n_trials=400)
    assert np.all((g.slope_scaled > 0.3) & (g.slope_scaled < 0.4))  # negative control: the scale
    assert np.all((g.query_scaled > 0.2) & (g.query_scaled < 0.45))
    assert g.slope_plain[2] < 0.02 and g.slope_plain[3] < 0.001  # the slope goes first
    assert g.query_plain[1] > 2 * g.query_scaled[1]  # at d_k = 16 the plain gradient is even larger
    assert g.query_plain[2] < 0.1 and g.query_plain[3] < 0.01  # from 256 on it all but vanishes


# ---- section 9: order ---------------------------------------------------------------------------------
@SETTINGS
@given(seeds, st.integers(3, 8), st.integers(1, 6))
def test_c04_a_causal_mask_tells_positions_apart(seed, T, d):
    rng = np.random.default_rng(seed)
    X, (W_q, W_k, W_v) = rng.normal(size=(T, d)), examples.random_maps(d, rng)
    perm = np.arange(T)[::-1]
    causal = np.tril(np.ones((T, T), dtype=bool))

    def out(Z, mask):
        return A.dot_product_attention(Z @ W_q, Z @ W_k, Z @ W_v, mask=mask)[0]

    assert np.allclose(out(X[perm], None), out(X, None)[perm])  # unmasked: order-blind
    assert not np.allclose(out(X[perm], causal), out(X, causal)[perm])  # masked: not


# ---- section 4: the explorer question, and exercise 1's wording -------------------------------------
def test_c04_only_w_k_0_1_makes_go_attend_most_to_i_from_about_0_76():
    from helpers.ui import QKVExplorer

    ex = QKVExplorer()
    slider = ex.W_k.sliders[0][1]
    grid = np.round(np.arange(slider.min, slider.max + slider.step / 2, slider.step), 2)  # -3.00 .. 3.00
    works = {}
    for r, c in np.ndindex(2, 2):
        for t in grid:
            W_k = EYE.copy()
            W_k[r, c] = t
            if np.argmax(A.qkv_self_attention(ex.X, EYE, W_k, EYE, scale=ex.scale)[1][1]) == 0:
                works.setdefault((r, c), []).append(t)
    assert list(works) == [(0, 1)] and min(works[(0, 1)]) == 0.76 and max(works[(0, 1)]) == 3.0
    # "go"'s query (100°) scores word j by cos(angle) + t sin(100°) cos(angle of j): "I" passes "go" at
    c20, c80, c100, s100 = np.cos(np.radians([20, 80, 100])).tolist() + [np.sin(np.radians(100))]
    assert (1 - c80) / (s100 * (c20 - c100)) == pytest.approx(0.754, abs=1e-3)


def test_exercise_1_checks_2_queries_and_3_keys_of_width_4_and_3_values_of_width_5():
    Q, K, V = attention_test_inputs()
    assert (Q.shape, K.shape, V.shape) == ((2, 4), (3, 4), (3, 5))
