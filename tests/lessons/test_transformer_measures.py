"""helpers/lessons/transformer_measures.py: what each measurement returns (the claims they back are
tested in tests/claims/test_07_*.py)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.lessons import transformer as lt
from helpers.lessons.transformer_measures import head_cost, last_position_influence, time_rnn_loop


def test_last_position_influence_is_the_last_row_of_each_draws_patterns():
    rnn, att = last_position_influence(5, 3, [4, 7])
    assert rnn.shape == att.shape == (2, 5)
    for n, seed in enumerate([4, 7]):
        r, a = lt.influence_patterns(5, 3, np.random.default_rng(seed))
        assert np.array_equal(rnn[n], r[4]) and np.array_equal(att[n], a[4])


def test_head_cost_by_hand_for_one_small_case():
    c = head_cost(3, 4, 2, 2, np.random.default_rng(0))  # T = 3, d_model = 4, 2 heads of width 2
    assert (c.maps, c.scores_and_sums, c.mix) == (3 * 3 * 4 * 4, 2 * 2 * 9 * 2, 3 * 4 * 4)
    assert c.products == c.maps + c.scores_and_sums + c.mix
    assert (c.weights_kept, c.weights_bytes) == (2 * 9, 2 * 9 * 8)


def test_time_rnn_loop_times_every_length_three_ways():
    t = time_rnn_loop([3, 5], 4, np.random.default_rng(0), repeats=2)
    assert list(t.T) == [3, 5]
    for times in (t.chain, t.separate, t.one_product):
        assert times.shape == (2,) and np.all(times > 0) and np.all(np.isfinite(times))


@pytest.mark.parametrize("call,name", [
    (lambda: time_rnn_loop([0], 4, np.random.default_rng(0)), "T"),
    (lambda: time_rnn_loop([4], 2.0, np.random.default_rng(0)), "d"),
    (lambda: time_rnn_loop([4], 4, np.random.default_rng(0), repeats=0), "repeats"),
    (lambda: head_cost(0, 8, 1, 8, np.random.default_rng(0)), "T"),
    (lambda: head_cost(4, 8, 1.5, 8, np.random.default_rng(0)), "h"),
    (lambda: head_cost(4, 8, 2, 0, np.random.default_rng(0)), "d_k"),
    (lambda: last_position_influence(6, 0, [0]), "d"),
])
def test_a_bad_argument_is_named(call, name):
    with pytest.raises(ValueError, match=f"^{name} must be"):
        call()
