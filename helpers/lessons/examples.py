"""Lesson data in one place: the running sentences, example vectors, presets and exercise matrices.

numpy only. Notebooks, explorers, checks and browser tests all read their examples from here, so a
change of example happens once. Shapes use the names of the package docstring: T, d.
"""

from __future__ import annotations

import numpy as np

from ..core._validate import as_count, as_float_array
from ..core.embeddings import embed_tokens

__all__ = [
    "EXAMPLE_TOKENS", "EXAMPLE_WEIGHTS", "LONG_SENTENCE", "SHORT_SENTENCE", "FATE_MATRICES",
    "embeddings_for_weights", "naive_example", "plain_example", "example_vectors", "unit_rows",
    "check_weights", "naive_sentences", "rotation", "identity_maps", "random_maps",
]

#: A 30-word sentence that starts with "I" (notebook 01).
LONG_SENTENCE = ("I left the house early , walked past the station and the old market , crossed the river "
                 "on the long bridge and after a slow day finally came home")
#: An 11-word sentence for the bidirectional RNN (notebook 02): short enough to label every cell.
SHORT_SENTENCE = "I walked home along the river after a long day at work"

#: Matrices for "predict: vanish or explode?" (a linear RNN, gradients over 60 steps).
FATE_MATRICES = {
    "A": np.array([[0.5, 3.0], [0.0, 0.5]]),  # a big entry, but eigenvalues 0.5
    "B": np.array([[0.6, 0.6], [0.6, 0.6]]),  # small entries, but an eigenvalue 1.2
    "C": np.array([[0.9, 0.0], [0.0, 0.7]]),
}

#: The running example and the weights the word "I" gives "I", "go", "home" in the post.
EXAMPLE_TOKENS = ("I", "go", "home")
EXAMPLE_WEIGHTS = (0.2, 0.1, 0.7)


def check_weights(weights, T: int | None = None) -> np.ndarray:  # [T] -> [T]
    """Validate a row of softmax weights (positive, summing to 1, one per token) or raise ValueError."""
    w = as_float_array(weights, "weights", exact_ndim=1)
    if T is not None and w.shape[0] != T:
        raise ValueError(f"weights has {w.shape[0]} entries but there are {T} tokens: "
                         "give one weight per token.")
    if np.any(w <= 0) or not np.isclose(w.sum(), 1.0):
        raise ValueError(
            f"weights must be positive and sum to 1 (softmax can give nothing else); got {np.round(w, 4)}."
        )
    return w


def embeddings_for_weights(query, weights, offsets) -> np.ndarray:  # [d], [T], [T, d] -> [T, d]
    """Word vectors for which the word ``query`` (row 0) gets exactly ``weights`` under naive attention.

    Softmax only sees score *differences*: weights ``w`` need scores ``s_j = s_0 + log(w_j / w_0)``
    with ``s_0 = |q|^2``. Each other word j is placed at ``(s_j / |q|^2) q + offsets[j]``, where
    ``offsets[j]`` is made perpendicular to ``q`` (it does not change the score). Row 0 is ``q``.

    Parameters
    ----------
    query : array_like of shape (d,)
        The vector of the query word (first token).
    weights : array_like of shape (T,)
        Positive, summing to 1: the weights wanted for the query's row.
    offsets : array_like of shape (T, d)
        Free directions for the other words (row 0 is ignored); only the part perpendicular to
        ``query`` is used.

    Returns
    -------
    X : ndarray of shape (T, d)
    """
    q = as_float_array(query, "query", exact_ndim=1)
    norm2 = float(q @ q)
    if norm2 == 0:
        raise ValueError("query must not be the zero vector: its scores would all be 0.")
    offsets = as_float_array(offsets, "offsets", exact_ndim=2)
    T = offsets.shape[0]
    if offsets.shape[1] != q.shape[0]:
        raise ValueError(f"offsets has width {offsets.shape[1]} but query has width {q.shape[0]}.")
    w = check_weights(weights, T)
    scores = norm2 + np.log(w / w[0])  # [T]
    perp = offsets - np.outer(offsets @ q / norm2, q)  # [T, d], each row perpendicular to q
    X = np.outer(scores / norm2, q) + perp
    X[0] = q
    return X


def naive_example():
    """The 2-D "I go home" vectors of notebook 03: naive attention gives "I" weights 0.2, 0.1, 0.7.

    Returns
    -------
    tokens : list of str, length 3
    X : ndarray of shape (3, 2)
    """
    X = embeddings_for_weights([1.0, 0.0], EXAMPLE_WEIGHTS, [[0.0, 0.0], [0.0, 1.0], [0.0, -0.6]])
    return list(EXAMPLE_TOKENS), X


def plain_example(d: int = 2):
    """"I go home" as vectors of equal length 1 (d = 2 or 3), the starting point of notebook 04.

    With equal lengths every word's top naive weight is itself (Cauchy-Schwarz), which is what the
    Q/K/V maps can change.

    Returns
    -------
    tokens : list of str, length 3
    X : ndarray of shape (3, d)
    """
    d = as_count(d, "d", minimum=None)
    if d == 2:
        angles = np.deg2rad([20.0, 100.0, 200.0])
        X = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    elif d == 3:
        X = unit_rows([[1.0, 0.3, 0.2], [-0.2, 1.0, 0.4], [-0.6, -0.3, 1.0]])
    else:
        raise ValueError(f"plain_example has vectors of width d = 2 or 3; got d = {d}.")
    return list(EXAMPLE_TOKENS), X


def example_vectors(tokens, d: int = 2, *, seed: int = 0) -> np.ndarray:  # list[str] (T) -> [T, d]
    """Vectors for any sentence: "I", "go", "home" keep their :func:`plain_example` vectors, every
    other word gets its :func:`helpers.core.embeddings.embed_tokens` vector (the same word, the same vector).

    So "home go I" holds the same three vectors as "I go home", in another order.
    """
    tokens = [str(t) for t in tokens]
    if not tokens:
        raise ValueError("There are no tokens: give at least one word, for example 'I go home'.")
    _, plain = plain_example(d)
    lexicon = dict(zip(EXAMPLE_TOKENS, plain, strict=True))
    X = embed_tokens(tokens, d, seed=seed)
    for t, tok in enumerate(tokens):
        if tok in lexicon:
            X[t] = lexicon[tok]
    return X


def unit_rows(X) -> np.ndarray:  # [T, d] -> [T, d]
    """Each row divided by its length (all words made equally long)."""
    X = as_float_array(X, "X", exact_ndim=2)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    if np.any(norms == 0):
        raise ValueError("a row of X is the zero vector; it has no direction to keep.")
    return X / norms


def identity_maps(d: int):
    """``(W_q, W_k, W_v)`` all the identity: Q = K = V = X, the naive attention of notebook 03."""
    d = as_count(d, "d")
    return np.eye(d), np.eye(d), np.eye(d)


def rotation(angle_deg: float, d: int = 2) -> np.ndarray:  # -> [d, d]
    """Rotation by ``angle_deg`` in the plane of the first two axes (row vectors: ``x @ R``)."""
    d = as_count(d, "d", minimum=2)
    a = np.deg2rad(angle_deg)
    R = np.eye(d)
    R[:2, :2] = [[np.cos(a), np.sin(a)], [-np.sin(a), np.cos(a)]]
    return R


def random_maps(d: int, rng):
    """Random ``(W_q, W_k, W_v)``, entries N(0, 1/d), from ``rng``."""
    d = as_count(d, "d")
    return tuple(rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(3))



def naive_sentences() -> dict[str, np.ndarray]:
    """Word-vector sets for "I go home" offered by the naive-attention explorer (each [3, 2])."""
    _, solved = naive_example()
    _, plain = plain_example(2)
    return {
        'post example: "I" gets 0.2 / 0.1 / 0.7': solved,
        "equal lengths (self always on top)": plain,
        'long "home" (everyone looks at home)': np.array([[1.0, 0.2], [0.2, 1.0], [2.2, 1.4]]),
    }
