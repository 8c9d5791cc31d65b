"""Notebook 02's general sentences: what each direction of a Bi-RNN sees, and the decay on both sides."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core import rnn_analysis as ra
from helpers.core.rnn import init_rnn
from tests.support.sweeps import SETTINGS, rng_of, seeds


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
