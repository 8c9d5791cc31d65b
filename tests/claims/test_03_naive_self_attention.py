"""Notebook 03's general sentences: softmax sees differences, when the diagonal wins, width."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core import attention as A
from helpers.lessons import attention as experiments
from helpers.lessons import bilinear, examples
from tests.support.sweeps import SETTINGS, rng_of, seeds


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
