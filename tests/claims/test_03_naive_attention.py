"""Claims of notebook 03 (docs/CLAIMS.md), over seeds, sizes and widths.

Softmax sees only score differences; equal lengths put every row's maximum on the diagonal and
unequal ones can lose it; what the post's weights demand of "home" (a reach along "I", not a
direction); how often random words top their own row (from width 4 on, usually); and why their
self-weight tends to 1: the vectors get longer, which the same words at length about 1 (the negative
control) do not.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core import attention as A
from helpers.lessons import attention as experiments
from helpers.lessons import bilinear, examples
from tests.support.sweeps import SETTINGS, rng_of, seeds


# ---- section 3: weights fix a reach along "I", not a direction ------------------------------------
@SETTINGS
@given(seeds, st.integers(2, 16), st.floats(1.0, 1e3))
def test_c03_the_weights_leave_every_direction_but_the_reach_along_the_query_free(seed, d, size):
    rng = np.random.default_rng(seed)
    query = rng.normal(size=d)
    offsets = size * rng.normal(size=(3, d))  # any sideways part, however large
    X = examples.embeddings_for_weights(query, examples.EXAMPLE_WEIGHTS, offsets)
    assert np.allclose(A.softmax(X @ X[0]), examples.EXAMPLE_WEIGHTS)
    reach = X[1:] @ query / np.linalg.norm(query)  # the part along the query is fixed ...
    w = np.array(examples.EXAMPLE_WEIGHTS)
    assert np.allclose(reach, (query @ query + np.log(w[1:] / w[0])) / np.linalg.norm(query))


def test_c03_home_can_be_almost_at_right_angles_to_I_and_keep_its_weight():
    _, X = examples.naive_example()
    X_up = X.copy()
    X_up[2, 1] = 50.0  # the notebook's line: "home" moved straight up
    angle = np.degrees(np.arccos(X_up[2] @ X[0] / np.linalg.norm(X_up[2]) / np.linalg.norm(X[0])))
    assert angle > 85 and np.allclose(A.softmax(X_up @ X[0]), examples.EXAMPLE_WEIGHTS)
    X_along = X.copy()
    X_along[2, 0] += 0.5  # negative control: a longer reach along "I" changes the weights
    assert A.softmax(X_along @ X[0])[2] > 0.75


# ---- section 5: self means one sentence -----------------------------------------------------------
@SETTINGS
@given(seeds, st.integers(1, 8), st.integers(1, 6))
def test_c03_self_attention_with_three_maps_is_attention_of_one_sentence_to_itself(seed, T, d):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(T, d))
    W_q, W_k, W_v = examples.random_maps(d, rng)
    out, w = A.qkv_self_attention(X, W_q, W_k, W_v)
    ref_out, ref_w = A.dot_product_attention(X @ W_q, X @ W_k, X @ W_v)
    assert np.allclose(out, ref_out) and np.allclose(w, ref_w)


# ---- section 6: how often, and how much, random words look at themselves --------------------------
DIMS = [1, 2, 4, 8, 16, 64]


@pytest.mark.parametrize("T", [4, 8])
@pytest.mark.parametrize("seed", range(4))
def test_c03_random_words_usually_top_their_own_row_from_width_4(seed, T):
    share = experiments.self_weight_vs_dimension(DIMS, np.random.default_rng(seed), T=T).self_top_share
    assert np.all(np.diff(share) >= 0)  # more often the wider they are
    assert share[0] < 0.5 and share[2] > 0.6  # "usually" starts at d = 4, not at d = 1
    assert share[-2] > 0.98  # practically all from d = 16


@pytest.mark.parametrize("seed", range(3))
def test_c03_longer_sentences_need_wider_vectors(seed):
    # why the intro says "in random sentences of 8 words": at d = 4 the share falls with T
    shares = [experiments.self_weight_vs_dimension([4, 64], np.random.default_rng(seed), T=T,
                                                   n_sentences=100).self_top_share for T in (4, 16, 64)]
    at_4 = [s[0] for s in shares]
    assert at_4[0] > at_4[1] > at_4[2] and at_4[2] < 0.5  # 64 words of width 4: usually not
    assert all(s[1] > 0.95 for s in shares)  # width 64: practically always, whatever T


@pytest.mark.parametrize("T", [4, 8])
@pytest.mark.parametrize("seed", range(4))
def test_c03_the_self_weight_tends_to_1_only_because_the_vectors_get_longer(seed, T):
    dims = [*DIMS, 256]
    normal = experiments.self_weight_vs_dimension(dims, np.random.default_rng(seed), T=T)
    short = experiments.self_weight_vs_dimension(dims, np.random.default_rng(seed), T=T, length_about_1=True)
    assert normal.mean_self_weight[-2] > 0.95  # length about sqrt(d): the self-weight goes to 1
    # negative control: the same words at length about 1 keep a self-weight near e / (e + T - 1)
    assert np.all(short.mean_self_weight < 0.5)
    assert short.mean_self_weight[-1] == pytest.approx(np.e / (np.e + T - 1), abs=0.03)
    assert np.array_equal(short.self_top_share, normal.self_top_share)  # the top share is the same


@SETTINGS
@given(seeds, st.integers(2, 10), st.integers(1, 32), st.floats(1e-2, 1e2))
def test_c03_scaling_every_vector_by_one_number_keeps_each_rows_top(seed, T, d, c):
    # why the two top-share curves of section 6 coincide: c^2 multiplies every score alike
    X = np.random.default_rng(seed).normal(size=(T, d))
    assert np.array_equal(np.argmax((c * X) @ (c * X).T, axis=1), np.argmax(X @ X.T, axis=1))


@pytest.mark.parametrize("d", [16, 64, 256])
@pytest.mark.parametrize("seed", range(3))
def test_c03_the_self_score_grows_like_d_and_the_others_spread_like_sqrt_d(seed, d):
    X = np.random.default_rng(seed).normal(size=(200, 8, d))  # standard normal entries
    S = X @ X.swapaxes(-1, -2)
    off = S[:, ~np.eye(8, dtype=bool)]
    assert np.diagonal(S, axis1=1, axis2=2).mean() == pytest.approx(d, rel=0.05)
    assert off.std() == pytest.approx(np.sqrt(d), rel=0.05) and abs(off.mean()) < 0.2 * np.sqrt(d)
    U = X / np.sqrt(d)  # negative control: length about 1, the gap stays about 1 at every width
    S1 = U @ U.swapaxes(-1, -2)
    assert np.diagonal(S1, axis1=1, axis2=2).mean() == pytest.approx(1.0, rel=0.05)


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
