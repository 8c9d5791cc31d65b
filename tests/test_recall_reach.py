"""The recall tasks' remaining promises: every symbol and filler can occur, labels decode, limits named."""

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
