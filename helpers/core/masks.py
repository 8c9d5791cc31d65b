"""Masks: which keys each query may read. numpy only.

``causal_mask`` reads left to right (a query sees itself and the tokens before it);
``padding_mask`` hides the padding of sentences batched to a common length. Both give ``True``
where a query may attend to a key, the convention of :func:`helpers.core.attention.apply_mask`.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_count

__all__ = ["causal_mask", "padding_mask"]


def causal_mask(T) -> np.ndarray:  # int -> [T, T] bool
    """Which key each query may read when reading left to right: ``True`` where ``j <= i``.

    Row i (the query of token i) allows tokens 0..i, itself included, so no row is empty.

    Parameters
    ----------
    T : int
        Number of tokens, at least 1.

    Returns
    -------
    ndarray of bool, shape (T, T)
        Lower-triangular: True on and below the diagonal.
    """
    T = as_count(T, "T")
    return np.tri(T, dtype=bool)


def padding_mask(lengths, T=None) -> np.ndarray:  # [N] int -> [N, T, T] bool
    """Mask for a batch of sentences padded to a common length ``T``.

    Sentence n has ``lengths[n]`` real tokens followed by padding. Every query (padded or not)
    may attend to the real tokens of its own sentence only, so no row is empty.

    Parameters
    ----------
    lengths : sequence of int, shape (N,)
        Real length of each sentence, each in 1..T.
    T : int, optional
        Padded length; ``max(lengths)`` by default.

    Returns
    -------
    ndarray of bool, shape (N, T, T)
        ``mask[n, i, j]`` is True when ``j < lengths[n]``.
    """
    given = np.ravel(lengths if isinstance(lengths, np.ndarray) else np.array(lengths, object)).tolist()
    lengths = [as_count(n, "every length") for n in given]  # [True, 2] stays a bool, not 1
    T = max(lengths) if T is None else as_count(T, "T")
    if max(lengths) > T:
        raise ValueError(f"a sentence of length {max(lengths)} does not fit in the padded length T = {T}.")
    keys = np.arange(T)[None, :] < np.array(lengths)[:, None]  # [N, T]
    return np.broadcast_to(keys[:, None, :], (len(lengths), T, T)).copy()
