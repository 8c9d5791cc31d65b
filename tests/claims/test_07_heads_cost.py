"""Notebook 07, section 4: what several heads cost (docs/CLAIMS.md, notebook 07 rows).

"h heads of width d/h do the same multiply-adds in the matrix products as one head of width d; the
softmax and the stored weights, h·T² numbers, grow with h." The products are counted as
``multi_head_attention`` does them (tests/support/counting.py), so the formulas of
``head_cost`` cannot drift from the code.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from helpers.core import multi_head_attention
from helpers.lessons.transformer_measures import head_cost
from tests.support.counting import counted_products


def _counted(T, d_model, h, d_k, rng):
    """The products multi_head_attention does, split by what they multiply, and its weights."""
    W_q, W_k, W_v = (rng.normal(size=(h, d_model, d_k)) for _ in range(3))
    W_o = rng.normal(size=(h * d_k, d_model))
    X = rng.normal(size=(T, d_model))
    (_, weights), log = counted_products(multi_head_attention, X, W_q, W_k, W_v, W_o)
    maps = sum(p.multiply_adds for p in log if p.b == (h, d_model, d_k))
    mix = sum(p.multiply_adds for p in log if p.b == (h * d_k, d_model))
    return maps, sum(p.multiply_adds for p in log) - maps - mix, mix, weights


@pytest.mark.parametrize("T,d_model,h", list(itertools.product((1, 3, 20), (8, 12), (1, 2, 4))))
def test_head_cost_is_what_multi_head_attention_multiplies(T, d_model, h):
    rng = np.random.default_rng(T + 10 * h)
    for d_k in (d_model // h, d_model):  # heads of width d/h, and full-width heads
        cost = head_cost(T, d_model, h, d_k, rng)
        maps, scores, mix, weights = _counted(T, d_model, h, d_k, rng)
        assert (cost.maps, cost.scores_and_sums, cost.mix) == (maps, scores, mix)
        assert cost.products == maps + scores + mix
        assert cost.weights_kept == weights.size == h * T * T and cost.weights_bytes == weights.nbytes


@pytest.mark.parametrize("T,d_model", [(5, 8), (20, 8), (64, 16)])
def test_h_heads_of_width_d_over_h_do_the_products_of_one_head_but_keep_h_times_the_weights(T, d_model):
    rng = np.random.default_rng(T)
    one = _counted(T, d_model, 1, d_model, rng)
    for h in (2, 4, 8):
        split = _counted(T, d_model, h, d_model // h, rng)
        assert split[:3] == one[:3]  # maps, scores and sums, W_o: each the same multiply-adds
        assert split[3].size == h * one[3].size  # the softmax weights (and their exponentials) grow with h
        # Negative control: full-width heads (d_k = d_model, as the demo heads of section 4) do h times
        # the products, so the same equality fails for them.
        full = _counted(T, d_model, h, d_model, rng)
        assert sum(full[:3]) == h * sum(one[:3]) != sum(one[:3])

