"""What a recall model does: the per-pair split, the answers-from-the-sequence share, the key-less ceiling.

Negative controls: two hand-made strategies with the same mean accuracy, "keep only the last pair" and
"answer with a random pair's value", must come out different under the per-pair split.
"""

import itertools

import numpy as np
import pytest

from helpers.lessons.recall_analysis import (
    accuracy_by_queried_pair,
    answers_from_the_sequence,
    distinct_values,
    keyless_ceiling,
    pair_values,
)
from helpers.lessons.recall_tasks import N_VALUES, associative_recall, random_pair_value


def _data(n, N=20_000, seed=0):
    return associative_recall(n, N, rng=np.random.default_rng(seed))


def _keep_last_pair(X, rng):
    """Right on the last pair; a uniform guess among the 8 values whenever another pair is asked."""
    values = pair_values(X)
    query = X[:, -1, :32].argmax(axis=1)
    last_key = X[:, -2, :32].argmax(axis=1)
    return np.where(query == last_key, values[:, -1], rng.integers(0, N_VALUES, len(X)))


def _random_pair(X, rng):
    values = pair_values(X)
    return values[np.arange(len(X)), rng.integers(0, values.shape[1], len(X))]


@pytest.mark.parametrize("n", [2, 4, 8])
def test_both_strategies_score_a_random_pairs_value_on_average(n):
    X, y, _ = _data(n)
    rng = np.random.default_rng(1)
    for strategy in (_keep_last_pair, _random_pair):
        assert np.mean(strategy(X, rng) == y) == pytest.approx(random_pair_value(n), abs=0.015)


@pytest.mark.parametrize("n", [4, 8])
def test_the_per_pair_split_tells_the_two_strategies_apart(n):
    X, y, match = _data(n)
    rng = np.random.default_rng(2)
    last = accuracy_by_queried_pair(_keep_last_pair(X, rng), y, match, n)
    flat = accuracy_by_queried_pair(_random_pair(X, rng), y, match, n)
    assert last[-1] == 1.0 and np.all(np.abs(last[:-1] - 1 / N_VALUES) < 0.03)
    assert np.all(np.abs(flat - random_pair_value(n)) < 0.04)
    assert last[-1] >= 0.75 > flat[-1]        # the notebook's threshold separates them


def test_split_matches_a_plain_loop():
    X, y, match = _data(3, N=300)
    p = np.random.default_rng(3).integers(0, N_VALUES, 300)
    want = [np.mean([p[i] == y[i] for i in range(300) if match[i] == k]) for k in range(3)]
    np.testing.assert_allclose(accuracy_by_queried_pair(p, y, match, 3), want)
    assert np.isnan(accuracy_by_queried_pair(p[:1], y[:1], np.array([0]), 2)[1])


def test_answers_from_the_sequence_counts_any_pair_value():
    X, y, _ = _data(4, N=500)
    assert answers_from_the_sequence(y, X) == 1.0                     # the right answer is always seen
    guess = np.random.default_rng(4).integers(0, N_VALUES, 20_000)
    X2, _, _ = _data(4)
    assert answers_from_the_sequence(guess, X2) == pytest.approx(1 - (7 / 8) ** 4, abs=0.015)
    with pytest.raises(ValueError, match="shape"):
        answers_from_the_sequence(y, X[:, :, :5])


def _ceiling_by_enumeration(n):
    """Exact: over all value tuples, the mode strategy's chance of naming the asked pair's value."""
    total = 0.0
    for values in itertools.product(range(N_VALUES), repeat=n):
        counts = np.bincount(values, minlength=N_VALUES)
        best = counts.max()
        total += np.mean([(counts[v] == best) / (counts == best).sum() for v in values])
    return total / N_VALUES**n


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_keyless_ceiling_matches_exact_enumeration(n):
    assert keyless_ceiling(n, 40_000, rng=np.random.default_rng(0)) == pytest.approx(
        _ceiling_by_enumeration(n), abs=0.01)


@pytest.mark.parametrize("n", [2, 4, 8])
def test_the_ceiling_is_above_a_random_pair_and_well_below_1(n):
    """Answering the most frequent value beats a random pair's value; the ceiling stays far from 1.

    That nothing key-less beats it is the argument in the docstring (the most likely value given
    which values occur); ``test_distinct_values_leave_a_keyless_strategy_1_over_n`` checks its sharp case.
    """
    c = keyless_ceiling(n, rng=np.random.default_rng(0))
    assert random_pair_value(n) - 0.01 <= c < 0.6


@pytest.mark.parametrize("n", [2, 4])
def test_distinct_values_leave_a_keyless_strategy_1_over_n(n):
    """Where all values differ, a key-less answer scores 1/n, a binding one (the true answer) 1."""
    X, y, _ = _data(n)
    d = distinct_values(X)
    counts = [len(set(v)) for v in pair_values(X)]
    np.testing.assert_array_equal(d, np.array(counts) == n)              # against a plain count
    rng = np.random.default_rng(6)
    assert np.mean(_random_pair(X[d], rng) == y[d]) == pytest.approx(1 / n, abs=0.02)
    assert np.mean(y[d] == y[d]) == 1.0
