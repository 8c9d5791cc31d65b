"""Notebook 02, section 4: the relay shrinks over many steps, not at every step; the tent.

The sentences: a single step of the chain can stretch (every one-step Jacobian of the notebook's
forward RNN has norm above 1) while the product over several steps shrinks; the joined encoding
falls roughly geometrically to both sides at radius 0.9, and not at radius 3 (negative control).
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core import embed_tokens, tokenize
from helpers.core import rnn_analysis as ra
from helpers.core.rnn import init_rnn, rnn_forward
from helpers.lessons import SHORT_SENTENCE


def networks(seed, radius=0.9, T=31):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(T, 8)) / np.sqrt(8)  # entries of the embeddings' size
    return X, init_rnn(8, 8, rng, radius=radius), init_rnn(8, 8, rng, radius=radius)


@pytest.mark.parametrize("seed", range(8))
def test_c02_single_steps_stretch_while_the_product_over_several_steps_shrinks(seed):
    X, forward, _ = networks(seed)
    H = rnn_forward(X, *forward)
    one_step = np.array([np.linalg.norm(ra.step_jacobian(H[k], forward[1]), 2) for k in range(1, len(X))])
    assert np.mean(one_step > 1) > 0.9  # nearly every single step stretches some direction
    assert np.linalg.norm(ra.jacobian_product(H, forward[1], 10, 15), 2) < 0.7  # five steps shrink
    assert np.linalg.norm(ra.jacobian_product(H, forward[1], 0, 15), 2) < 0.1  # fifteen shrink more


def test_c02_the_notebook_forward_rnn_stretches_at_every_step():
    rng = np.random.default_rng(0)
    forward = init_rnn(8, 8, rng, radius=0.9)
    H = rnn_forward(embed_tokens(tokenize(SHORT_SENTENCE), 8), *forward)
    norms = [np.linalg.norm(ra.step_jacobian(H[k], forward[1]), 2) for k in range(1, len(H))]
    assert min(norms) > 1.1
    assert np.linalg.norm(ra.jacobian_product(H, forward[1], 0, 5), 2) < 0.6


def _log_linear_r2(y):
    x = np.arange(len(y))
    A = np.column_stack([x, np.ones_like(x)])
    resid = y - A @ np.linalg.lstsq(A, y, rcond=None)[0]
    return 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))


@pytest.mark.parametrize("seed", range(6))
def test_c02_the_tent_falls_roughly_geometrically_to_both_sides(seed):
    X, forward, backward = networks(seed)
    _, _, both = ra.birnn_influence(X, forward, backward)
    row = np.log(both[15] / both[15, 15])  # the middle word's encoding, log scale
    assert _log_linear_r2(row[:16]) > 0.9 and _log_linear_r2(row[15:]) > 0.9  # a line on each side
    assert row[0] < np.log(0.2) and row[-1] < np.log(0.2)


@pytest.mark.parametrize("seed", range(6))
def test_c02_at_radius_3_the_far_ends_do_not_fade(seed):
    # Negative control for test_c02_far_words_fade_on_both_sides_at_radius_0_9
    # (tests/claims/test_02_both_directions.py),
    # with the same draws: at radius 3 at least one end keeps 20% of the word's own influence.
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(31, 8)) / np.sqrt(8)
    _, _, both = ra.birnn_influence(X, init_rnn(8, 8, rng, radius=3.0), init_rnn(8, 8, rng, radius=3.0))
    assert max(both[15, 0], both[15, -1]) >= 0.2 * both[15, 15]
