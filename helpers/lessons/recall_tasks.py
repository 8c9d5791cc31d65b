"""The two recall tasks of notebook 05, drawn on the fly from a seeded rng (no download).

* Associative recall: ``n_pairs`` key-value tokens, then a query key; the answer is the value
  paired with that key. Capacity: many things must be held at once. With ``layout="split"`` each
  pair takes two tokens, the key and then its value, as in Ba et al. (2016).
* First-token recall: one of 8 symbols, then distractors, then a question token; the answer is
  the first symbol. Distance: one thing must travel far.

Each token is a row vector. A pair token is ``[one-hot key | one-hot value | flag 0]``; the query
token is ``[one-hot key | zeros | flag 1]``. In the split layout a key token is
``[one-hot key | zeros | 0]`` and the value token after it ``[zeros | one-hot value | 0]``. In the
distance task a token is ``[one-hot symbol | one-hot distractor | flag]``, and the last token is the
flag alone.
"""

from __future__ import annotations

import numpy as np

from ..core._validate import as_count

__all__ = [
    "N_KEYS",
    "N_VALUES",
    "N_SYMBOLS",
    "N_DISTRACTORS",
    "associative_recall",
    "first_token_recall",
    "random_pair_value",
    "recall_d_in",
    "describe_pair_token",
]

N_KEYS = 32          # possible keys; distinct within one sequence, so at most 32 pairs
N_VALUES = 8         # possible values = classes (chance 1/8)
N_SYMBOLS = 8        # first-token task: symbols to recall = classes
N_DISTRACTORS = 16   # first-token task: a separate vocabulary of filler tokens


def _check_count(name, value, low, high=None):
    return as_count(value, name, minimum=low, maximum=high)


def recall_d_in(task="associative"):
    """Token width of a task: 41 for associative recall, 25 for first-token recall."""
    if task not in ("associative", "first_token"):
        raise ValueError(f"task must be 'associative' or 'first_token'; got {task!r}.")
    return N_KEYS + N_VALUES + 1 if task == "associative" else N_SYMBOLS + N_DISTRACTORS + 1


def associative_recall(n_pairs, n_samples, *, rng, layout="joint"):  # -> [N, T, d_in], [N], [N]
    """Draw associative-recall sequences.

    Parameters
    ----------
    n_pairs : int in 1..32
        Key-value pairs before the query. Keys are distinct within a sequence.
    n_samples : int
    rng : numpy.random.Generator
    layout : {"joint", "split"}
        "joint": one token per pair, key and value together (T = n_pairs + 1). "split": a key
        token, then its value token (T = 2 n_pairs + 1).

    Returns
    -------
    X : ndarray of shape (N, T, 41), float64
        Pair tokens, then the query token last.
    y : ndarray of shape (N,), int
        The value paired with the query key (0..7).
    match : ndarray of shape (N,), int
        Position in X of the token that holds the query's key (its pair token, or its key token).
    """
    n_pairs, N = _check_count("n_pairs", n_pairs, 1, N_KEYS), _check_count("n_samples", n_samples, 1)
    if layout not in ("joint", "split"):
        raise ValueError(f"layout must be 'joint' or 'split'; got {layout!r}.")
    keys = np.argsort(rng.random((N, N_KEYS)), axis=1)[:, :n_pairs]    # distinct keys per row
    values = rng.integers(0, N_VALUES, size=(N, n_pairs))
    match = rng.integers(0, n_pairs, size=N)
    rows, step = np.arange(N), 1 if layout == "joint" else 2
    X = np.zeros((N, step * n_pairs + 1, N_KEYS + N_VALUES + 1))
    r, t = rows[:, None], step * np.arange(n_pairs)[None, :]            # where each pair starts
    X[r, t, keys] = 1.0
    X[r, t + step - 1, N_KEYS + values] = 1.0                          # same token, or the next one
    X[rows, -1, keys[rows, match]] = 1.0
    X[:, -1, -1] = 1.0
    return X, values[rows, match], step * match


def first_token_recall(length, n_samples, *, rng):  # -> [N, T, d_in], [N]  (T = length)
    """Draw first-token-recall sequences: symbol, ``length - 2`` distractors, question token.

    Parameters
    ----------
    length : int >= 2
        Tokens per sequence T, the question token included; the symbol is ``length - 1`` steps
        before the question.
    n_samples : int
    rng : numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (N, length, 25), float64
    y : ndarray of shape (N,), int
        The first token's symbol (0..7).
    """
    T, N = _check_count("length", length, 2), _check_count("n_samples", n_samples, 1)
    y = rng.integers(0, N_SYMBOLS, size=N)
    X = np.zeros((N, T, recall_d_in("first_token")))
    X[np.arange(N), 0, y] = 1.0
    if T > 2:
        filler = rng.integers(0, N_DISTRACTORS, size=(N, T - 2))
        X[np.arange(N)[:, None], np.arange(1, T - 1)[None, :], N_SYMBOLS + filler] = 1.0
    X[:, -1, -1] = 1.0
    return X, y


def random_pair_value(n_pairs):  # [...] -> [...]
    """Accuracy of answering with the value of a pair picked at random: ``1/n + (1 - 1/n)/8``.

    The picked pair is the asked one with chance 1/n; any other pair's value still equals the answer
    with chance 1/8. Keeping only the last pair scores the same on average, which is why this curve
    alone cannot tell the two apart (``recall_analysis.accuracy_by_queried_pair`` can).
    """
    n = np.asarray(n_pairs, dtype=float)
    if np.any(n < 1):
        raise ValueError(f"n_pairs must be >= 1; got {n_pairs}.")
    return 1 / n + (1 - 1 / n) / N_VALUES


def describe_pair_token(x):  # [d_in] -> str
    """A short label for one associative-recall token: ``"k7:v3"`` for a pair, ``"k7?"`` for the query."""
    x = np.asarray(x)
    key = int(np.argmax(x[:N_KEYS]))
    if x[-1] == 1:
        return f"k{key}?"
    return f"k{key}:v{int(np.argmax(x[N_KEYS:N_KEYS + N_VALUES]))}"
