"""The pieces a Transformer adds to attention: masks, positions and several heads. numpy only.

Shapes use the names of the package docstring (T, d_k, d_v) plus ``d_model``, the width of the
token vectors a block reads and writes, and ``h``, the number of heads. Leading ``...`` are batch
dimensions (several sentences at once).
"""

from __future__ import annotations

import numpy as np

from ._validate import as_count, as_float_array
from .attention import apply_mask, dot_product_attention

__all__ = ["causal_mask", "padding_mask", "sinusoidal_positions", "multi_head_attention"]


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


def sinusoidal_positions(T, d, *, base=10000.0) -> np.ndarray:  # int, int -> [T, d]
    """Sinusoidal positional encodings (Vaswani et al. 2017, section 3.5).

    Row t encodes position t (counted from 0). Column pair ``(2i, 2i+1)`` holds
    ``sin(t w_i), cos(t w_i)`` with frequency ``w_i = base ** (-2i / d)``: the first pair turns
    fastest (one radian per position), the last slowest.

    Parameters
    ----------
    T : int
        Number of positions, at least 1.
    d : int
        Width of each encoding; must be even (every frequency needs its sine and its cosine).
    base : float
        Sets the slowest frequency; larger than 1.

    Returns
    -------
    ndarray of shape (T, d)
    """
    T = as_count(T, "T")
    d = as_count(d, "d")
    if d % 2:
        raise ValueError(
            f"d must be even for sinusoidal positions: each frequency fills a sine column and a cosine "
            f"column; got d = {d}. Use d = {d + 1} or {d - 1}."
        )
    if not np.isfinite(base) or base <= 1.0:
        raise ValueError(f"base must be a finite number larger than 1; got {base}.")
    freqs = float(base) ** (-np.arange(0, d, 2) / d)  # [d/2]
    angles = np.arange(T)[:, None] * freqs[None, :]  # [T, d/2]
    P = np.empty((T, d))
    P[:, 0::2] = np.sin(angles)
    P[:, 1::2] = np.cos(angles)
    return P


def _check_heads(X, W_q, W_k, W_v, W_o):
    """Validate the multi-head weights against ``X``; return them as float arrays."""
    d_model = X.shape[-1]
    mats = {}
    for name, W in (("W_q", W_q), ("W_k", W_k), ("W_v", W_v)):
        W = as_float_array(W, name)
        if W.ndim != 3 or W.shape[1] != d_model:
            raise ValueError(
                f"{name} must have shape [h, d_model, width] = [h, {d_model}, ...] (one matrix per head); "
                f"got {W.shape}."
            )
        mats[name] = W
    h = mats["W_q"].shape[0]
    if mats["W_k"].shape != mats["W_q"].shape:
        raise ValueError(
            f"W_k must have the same shape as W_q [h, d_model, d_k] (queries and keys are compared by dot "
            f"product): W_q is {mats['W_q'].shape}, W_k is {mats['W_k'].shape}."
        )
    if mats["W_v"].shape[0] != h:
        raise ValueError(f"W_v must have one matrix per head: W_q has h = {h}, "
                         f"W_v has {mats['W_v'].shape[0]}.")
    d_v = mats["W_v"].shape[2]
    W_o = as_float_array(W_o, "W_o", exact_ndim=2)
    if W_o.shape != (h * d_v, d_model):
        raise ValueError(
            f"W_o must have shape [h * d_v, d_model] = [{h * d_v}, {d_model}] to mix the {h} concatenated "
            f"head outputs back to width d_model; got {W_o.shape}."
        )
    return mats["W_q"], mats["W_k"], mats["W_v"], W_o


def multi_head_attention(X, W_q, W_k, W_v, W_o, *, mask=None, scale=None):
    """Several attention heads side by side, concatenated and mixed by ``W_o``.

    ``[..., T, d_model], [h, d_model, d_k], [h, d_model, d_k], [h, d_model, d_v], [h*d_v, d_model]
    -> [..., T, d_model], [..., h, T, T]``

    Head j computes ``weights_j = softmax(scale * (X W_q[j]) (X W_k[j])^T)`` over the keys the mask
    allows, and ``out_j = weights_j (X W_v[j])``; the outputs are ``concat_j(out_j) W_o``. No biases.

    Parameters
    ----------
    X : array_like of shape (..., T, d_model)
    W_q, W_k : array_like of shape (h, d_model, d_k)
    W_v : array_like of shape (h, d_model, d_v)
    W_o : array_like of shape (h * d_v, d_model)
    mask : array_like of bool, broadcastable to (..., T, T), optional
        True where a query may attend to a key; the same for every head. A query row with no
        allowed key raises a ValueError naming the row.
    scale : float or None
        Multiplies the scores; ``None`` means ``1/sqrt(d_k)``.

    Returns
    -------
    outputs : ndarray of shape (..., T, d_model)
    weights : ndarray of shape (..., h, T, T)
        Each head's softmax weights; every row sums to 1.
    """
    X = as_float_array(X, "X", min_ndim=2)
    W_q, W_k, W_v, W_o = _check_heads(X, W_q, W_k, W_v, W_o)
    T = X.shape[-2]
    if mask is not None:  # checked per sentence, so an error names the row without a head index
        apply_mask(np.zeros(X.shape[:-2] + (T, T)), mask)
        mask = np.asarray(mask)[..., None, :, :]  # the same mask for every head
    Xh = X[..., None, :, :]  # [..., 1, T, d_model]
    Q, K, V = Xh @ W_q, Xh @ W_k, Xh @ W_v  # [..., h, T, d_k], [..., h, T, d_k], [..., h, T, d_v]
    out, weights = dot_product_attention(Q, K, V, scale=scale, mask=mask)  # [..., h, T, d_v]
    concat = np.moveaxis(out, -3, -2).reshape(X.shape[:-1] + (-1,))  # [..., T, h * d_v]
    return concat @ W_o, weights
