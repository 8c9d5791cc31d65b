"""The general sentences of notebooks 00-04, each tested over seeds, sizes and widths.

docs/CLAIMS.md lists every sentence with the test here that backs it. A claim the notebooks make
about one example only is tested as that example (and the prose says it is one example).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core import attention as A
from helpers.core import rnn_analysis as ra
from helpers.core.rnn import init_rnn, input_influence, rnn_forward, spectral_radius, with_spectral_radius
from helpers.lessons import attention as experiments
from helpers.lessons import bilinear, examples
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


@pytest.mark.parametrize("seed", range(5))
def test_c01_width_changes_the_answer_at_radius_1_5(seed):
    rng = rng_of(seed)
    W_xh, W_hh, b_h = init_rnn(8, 64, rng, radius=1.5)
    curve = ra.first_word_influence(rng.normal(size=(100, 8)), W_xh, W_hh, b_h)
    assert curve[-1] < 1e-4 * curve[0]  # 64 units, radius 1.5: vanishes


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


# ---- 02: what each direction sees; decay on both sides ----------------------------------------
@SETTINGS
@given(seeds, st.integers(2, 10), st.integers(1, 8), st.floats(0.3, 2.0))
def test_c02_forward_map_is_lower_and_backward_upper_triangular(seed, T, d_h, radius):
    rng = rng_of(seed)
    fwd, bwd, both = ra.birnn_influence(rng.normal(size=(T, 3)), init_rnn(3, d_h, rng, radius=radius),
                                        init_rnn(3, d_h, rng, radius=radius))
    assert np.allclose(fwd, np.tril(fwd)) and np.allclose(bwd, np.triu(bwd))
    assert np.all(both > 0)


@pytest.mark.parametrize("seed", range(6))
def test_c02_far_words_fade_on_both_sides_at_radius_0_9(seed):
    rng = rng_of(seed)
    X = rng.normal(size=(31, 8)) / np.sqrt(8)
    _, _, both = ra.birnn_influence(X, init_rnn(8, 8, rng, radius=0.9), init_rnn(8, 8, rng, radius=0.9))
    m = 15
    assert both[m, 0] < 0.2 * both[m, m] and both[m, -1] < 0.2 * both[m, m]


# ---- 03: naive attention and its diagonal ------------------------------------------------------
@SETTINGS
@given(seeds, st.integers(1, 8), st.floats(-50, 50))
def test_c03_softmax_sees_only_score_differences(seed, n, shift):
    s = rng_of(seed).normal(size=n)
    assert np.allclose(A.softmax(s + shift), A.softmax(s))


@SETTINGS
@given(seeds, st.integers(2, 10), st.integers(1, 32), st.floats(0.1, 10.0))
def test_c03_equal_lengths_put_every_row_maximum_on_the_diagonal(seed, T, d, length):
    X = examples.unit_rows(rng_of(seed).normal(size=(T, d))) * length
    assert np.all(bilinear.diagonal_wins(X @ X.T))


def test_c03_unequal_lengths_can_lose_the_diagonal():
    _, W = A.naive_self_attention(examples.naive_sentences()['long "home" (everyone looks at home)'])
    assert not np.all(bilinear.diagonal_wins(W))


@pytest.mark.parametrize("seed", range(4))
def test_c03_random_words_prefer_themselves_more_as_width_grows(seed):
    curve = experiments.self_weight_vs_dimension([1, 4, 16, 64], rng_of(seed), T=8, n_sentences=200)
    assert np.all(np.diff(curve.self_top_share) > 0)
    assert curve.self_top_share[-2] > 0.95 and curve.mean_self_weight[-1] > 0.95


@SETTINGS
@given(seeds, st.integers(1, 8), st.integers(1, 6))
def test_c03_identity_maps_at_scale_1_are_naive_attention(seed, T, d):
    X = rng_of(seed).normal(size=(T, d))
    eye = np.eye(d)
    out, w = A.qkv_self_attention(X, eye, eye, eye, scale=1.0)
    out_n, w_n = A.naive_self_attention(X)
    assert np.allclose(w, w_n) and np.allclose(out, out_n)


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
