"""Properties of the two recall tasks, over seeds and sizes."""

import numpy as np
import pytest

from helpers.lessons.recall_tasks import (
    N_KEYS,
    N_VALUES,
    associative_recall,
    describe_pair_token,
    first_token_recall,
    random_pair_value,
)


@pytest.mark.parametrize("n_pairs", [1, 2, 5, 16, 32])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_associative_recall_properties(n_pairs, seed):
    X, y, match = associative_recall(n_pairs, 50, rng=np.random.default_rng(seed))
    assert X.shape == (50, n_pairs + 1, N_KEYS + N_VALUES + 1) and X.dtype == np.float64
    pairs, query = X[:, :-1], X[:, -1]
    keys = pairs[..., :N_KEYS].argmax(-1)
    assert np.all(pairs[..., :N_KEYS].sum(-1) == 1) and np.all(pairs[..., N_KEYS:-1].sum(-1) == 1)
    assert np.all(pairs[..., -1] == 0) and np.all(query[:, -1] == 1)
    assert np.all(query[:, N_KEYS:-1] == 0) and np.all(query[:, :N_KEYS].sum(-1) == 1)
    for n in range(50):
        assert len(set(keys[n])) == n_pairs                           # distinct keys
        hits = np.flatnonzero(keys[n] == query[n, :N_KEYS].argmax())
        assert list(hits) == [match[n]]                                # match = the pair with the query key
        assert y[n] == pairs[n, match[n], N_KEYS:-1].argmax()          # y = that pair's value


def test_associative_recall_is_seeded_and_covers_all_answers():
    a = associative_recall(4, 400, rng=np.random.default_rng(7))
    b = associative_recall(4, 400, rng=np.random.default_rng(7))
    for u, v in zip(a, b, strict=True):
        np.testing.assert_array_equal(u, v)
    assert set(a[1]) == set(range(N_VALUES)) and set(a[2]) == set(range(4))


@pytest.mark.parametrize("length", [2, 3, 10, 40])
def test_first_token_recall_properties(length):
    X, y = first_token_recall(length, 60, rng=np.random.default_rng(length))
    assert X.shape == (60, length, 25)
    assert np.all(X[:, 0, :8].argmax(-1) == y) and np.all(X[:, 0].sum(-1) == 1)
    assert np.all(X[:, 1:, :8] == 0)                                   # symbols only at the start
    assert np.all(X[:, 1:-1, 8:24].sum(-1) == 1) and np.all(X[:, :-1, -1] == 0)
    assert np.all(X[:, -1] == np.eye(25)[-1])                          # the question token


def test_baseline_and_labels():
    np.testing.assert_allclose(random_pair_value([1, 2, 4]), [1.0, 0.5625, 0.34375])
    X, _, _ = associative_recall(2, 1, rng=np.random.default_rng(0))
    assert describe_pair_token(X[0, -1]).endswith("?") and ":v" in describe_pair_token(X[0, 0])


def test_bad_arguments():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="n_pairs"):
        associative_recall(33, 5, rng=rng)
    with pytest.raises(ValueError, match="length"):
        first_token_recall(1, 5, rng=rng)
    with pytest.raises(ValueError, match="n_samples"):
        associative_recall(2, 0, rng=rng)


@pytest.mark.parametrize("n_pairs", [1, 3, 8])
def test_split_layout_puts_each_value_in_the_token_after_its_key(n_pairs):
    X, y, match = associative_recall(n_pairs, 50, rng=np.random.default_rng(n_pairs), layout="split")
    assert X.shape == (50, 2 * n_pairs + 1, N_KEYS + N_VALUES + 1)
    keys, vals = X[:, 0:-1:2], X[:, 1:-1:2]
    assert np.all(keys[..., :N_KEYS].sum(-1) == 1) and np.all(keys[..., N_KEYS:].sum(-1) == 0)
    assert np.all(vals[..., N_KEYS:-1].sum(-1) == 1) and np.all(vals[..., :N_KEYS].sum(-1) == 0)
    rows = np.arange(50)
    assert np.all(match % 2 == 0)                                              # match names a key token
    np.testing.assert_array_equal(X[rows, match, :N_KEYS], X[:, -1, :N_KEYS])  # ... holding the query key
    np.testing.assert_array_equal(X[rows, match + 1, N_KEYS:-1].argmax(-1), y)  # its value comes next


def test_split_and_joint_layouts_draw_the_same_pairs():
    a = associative_recall(4, 20, rng=np.random.default_rng(0))
    b = associative_recall(4, 20, rng=np.random.default_rng(0), layout="split")
    np.testing.assert_array_equal(a[1], b[1])
    np.testing.assert_array_equal(2 * a[2], b[2])
    np.testing.assert_array_equal(a[0][:, :-1, :N_KEYS], b[0][:, 0:-1:2, :N_KEYS])
    with pytest.raises(ValueError, match="layout"):
        associative_recall(2, 2, rng=np.random.default_rng(0), layout="interleaved")
