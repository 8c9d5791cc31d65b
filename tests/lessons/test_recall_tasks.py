"""Properties of the two recall tasks, over seeds and sizes."""

import re

import numpy as np
import pytest

from helpers.lessons.recall_tasks import (
    N_DISTRACTORS,
    N_KEYS,
    N_SYMBOLS,
    N_VALUES,
    associative_recall,
    describe_pair_token,
    first_token_recall,
    random_pair_value,
    recall_d_in,
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


def test_first_token_answers_and_fillers_use_their_whole_vocabularies():
    X, y = first_token_recall(6, 2000, rng=np.random.default_rng(0))
    assert set(y.tolist()) == set(range(N_SYMBOLS))  # symbol 0 included: chance is 1/8, not 1/7
    fillers = X[:, 1:-1, N_SYMBOLS:N_SYMBOLS + N_DISTRACTORS].argmax(-1)
    assert set(fillers.ravel().tolist()) == set(range(N_DISTRACTORS))
    counts = np.bincount(y, minlength=N_SYMBOLS)
    assert counts.min() > 0.7 * len(y) / N_SYMBOLS  # about uniform


def test_pair_labels_decode_the_one_hot_parts():
    X, y, match = associative_recall(5, 20, rng=np.random.default_rng(1))
    for n in range(20):
        for t in range(5):
            key = int(np.flatnonzero(X[n, t, :N_KEYS])[0])
            value = int(np.flatnonzero(X[n, t, N_KEYS:N_KEYS + N_VALUES])[0])
            assert describe_pair_token(X[n, t]) == f"k{key}:v{value}"
        query_key = int(np.flatnonzero(X[n, -1, :N_KEYS])[0])
        assert describe_pair_token(X[n, -1]) == f"k{query_key}?"
        assert describe_pair_token(X[n, match[n]]) == f"k{query_key}:v{y[n]}"


def test_random_pair_value_is_right_on_the_last_pair_and_a_guess_elsewhere():
    for n in (1, 3, 8, 32):
        assert random_pair_value(n) == pytest.approx(1 / n + (n - 1) / n / N_VALUES)
    assert random_pair_value(np.array([2, 2])).tolist() == [random_pair_value(2)] * 2
    with pytest.raises(ValueError, match=r"n_pairs must be >= 1; got \[1, 0\]"):
        random_pair_value([1, 0])


@pytest.mark.parametrize(
    ("call", "name", "limits"),
    [
        (lambda r: associative_recall(33, 5, rng=r), "n_pairs", "1..32"),
        (lambda r: associative_recall(0, 5, rng=r), "n_pairs", "1..32"),
        (lambda r: associative_recall(2.5, 5, rng=r), "n_pairs", "1..32"),
        (lambda r: associative_recall(2, 0, rng=r), "n_samples", "at least 1"),
        (lambda r: first_token_recall(1, 5, rng=r), "length", "at least 2"),
        (lambda r: first_token_recall(4, 0, rng=r), "n_samples", "at least 1"),
    ],
)
def test_sizes_out_of_range_name_the_argument_and_its_range(call, name, limits):
    with pytest.raises(ValueError) as err:
        call(np.random.default_rng(0))
    message = str(err.value)
    assert message.split()[0] == name and limits in message, message


def test_the_smallest_tasks_are_accepted():
    X, y = first_token_recall(2, 1, rng=np.random.default_rng(0))
    assert X.shape == (1, 2, recall_d_in("first_token")) and y.shape == (1,)
    X, y, match = associative_recall(1, 1, rng=np.random.default_rng(0))
    assert X.shape == (1, 2, recall_d_in()) and match.tolist() == [0]


def test_token_widths_and_an_unknown_task():
    assert recall_d_in("associative") == N_KEYS + N_VALUES + 1
    assert recall_d_in("first_token") == N_SYMBOLS + N_DISTRACTORS + 1
    with pytest.raises(ValueError) as err:
        recall_d_in("copy")
    assert "'copy'" in str(err.value) and re.search(r"\bassociative\b", str(err.value))
