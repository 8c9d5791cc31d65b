"""What a trained recall model does, measured: which pair it answers, and what it answers with.

numpy only. A curve that matches a formula is not a mechanism: a model that keeps only the last
pair and a model that answers with a random pair's value have the same mean accuracy,
``1/n + (1 - 1/n)/8``. Splitting the accuracy by which pair the query asks for tells them apart
(the first is right on the last pair and guesses elsewhere; the second is the same everywhere), and
the share of answers that are *some* value of the sequence says whether it answers from the pairs
at all.
"""

from __future__ import annotations

import numpy as np

from ..core._validate import as_count
from .recall_tasks import N_KEYS, N_VALUES, associative_recall

__all__ = [
    "pair_values",
    "accuracy_by_queried_pair",
    "answers_from_the_sequence",
    "distinct_values",
    "keyless_ceiling",
]


def pair_values(X):  # [N, T, 41] -> [N, n_pairs] int
    """The value of every pair of joint-layout associative-recall sequences (the query excluded)."""
    X = np.asarray(X)
    if X.ndim != 3 or X.shape[2] != N_KEYS + N_VALUES + 1:
        raise ValueError(f"X must have shape [N, T, {N_KEYS + N_VALUES + 1}]; got {X.shape}.")
    return X[:, :-1, N_KEYS:N_KEYS + N_VALUES].argmax(axis=-1)


def accuracy_by_queried_pair(predictions, y, match, n_pairs):  # [N], [N], [N] -> [n_pairs]
    """Accuracy among the sequences whose query asks for pair 0, pair 1, ... (NaN where none does)."""
    n_pairs = as_count(n_pairs, "n_pairs")
    predictions, y, match = (np.asarray(a) for a in (predictions, y, match))
    right = predictions == y
    return np.array([right[match == i].mean() if np.any(match == i) else np.nan for i in range(n_pairs)])


def answers_from_the_sequence(predictions, X):  # [N], [N, T, 41] -> float
    """Share of answers that equal the value of at least one pair of their own sequence."""
    values = pair_values(X)
    return float(np.mean(np.any(values == np.asarray(predictions)[:, None], axis=1)))


def distinct_values(X):  # [N, T, 41] -> [N] bool
    """Which sequences have a different value in every pair.

    On those, a strategy that ignores which key goes with which value sees n different values,
    each equally likely to be the answer, so it scores 1/n at best: accuracy above 1/n there is
    direct evidence of binding values to keys.
    """
    values = np.sort(pair_values(X), axis=1)
    return np.all(np.diff(values, axis=1) != 0, axis=1)


def keyless_ceiling(n_pairs, n_samples=20_000, *, rng):  # -> float
    """Best accuracy without binding values to keys: answer the most frequent value of the pairs.

    Ties are broken uniformly, and the expected score of that choice is averaged over sampled
    sequences, so the result moves little with the sample. No strategy that ignores which key goes
    with which value can beat it: it picks the value most likely to be the answer.
    """
    X, y, _ = associative_recall(n_pairs, n_samples, rng=rng)
    values = pair_values(X)
    counts = np.stack([(values == v).sum(axis=1) for v in range(N_VALUES)], axis=1)  # [N, 8]
    best = counts.max(axis=1, keepdims=True)
    ties = (counts == best).sum(axis=1)
    return float(np.mean((counts[np.arange(len(y)), y] == best[:, 0]) / ties))
