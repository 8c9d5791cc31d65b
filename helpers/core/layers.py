"""Layers with a hand-written backward pass: the pieces the trained models are built from.

numpy only, float64, batched over the first axis N (no Python loop over examples; the RNN loops
over time only). Each layer is a pair ``*_forward(...) -> (out, cache)`` and
``*_backward(dout, cache) -> gradients``, and every pair is checked against central finite
differences in ``tests/core/test_layers.py``. This module holds the linear map, the embedding table and
the loss; the RNN pair lives with the rest of the RNN in :mod:`helpers.core.rnn`, the attention
pair with the rest of attention in :mod:`helpers.core.attention` (both re-exported here, so a
model imports its layers from one place).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .attention import attention_backward, attention_forward
from .products import gram
from .rnn import tanh_rnn_backward, tanh_rnn_forward

__all__ = [
    "gram", "softmax_cross_entropy",
    "LinearCache", "linear_forward", "linear_backward",
    "EmbeddingCache", "embedding_forward", "embedding_backward",
    "tanh_rnn_forward", "tanh_rnn_backward", "attention_forward", "attention_backward",
]


def softmax_cross_entropy(logits, y, mask=None):  # [..., C], [...] int, [...] bool -> float, [..., C]
    """Mean cross-entropy of integer labels under softmax(logits), and its gradient.

    Parameters
    ----------
    logits : array_like of shape (..., C)
    y : array_like of int, shape (...)
        The correct class of each row, in 0..C-1.
    mask : array_like of bool, shape (...), optional
        True where a row counts (e.g. not padding). The mean is over counted rows only.

    Returns
    -------
    loss : float
        Mean of ``-log softmax(logits)[y]`` over the counted rows.
    dlogits : ndarray of shape (..., C)
        d loss / d logits: ``(softmax - one_hot(y)) / n_counted`` on counted rows, 0 elsewhere.
    """
    logits = np.asarray(logits, dtype=np.float64)
    y = np.asarray(y)
    if logits.ndim < 1 or y.shape != logits.shape[:-1]:
        raise ValueError(f"y must have shape logits.shape[:-1] = {logits.shape[:-1]}; got {y.shape}.")
    if not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"y must hold integer class ids; got dtype {y.dtype}.")
    C = logits.shape[-1]
    if y.size and (y.min() < 0 or y.max() >= C):
        raise ValueError(f"y must be class ids in 0..{C - 1}; got values in {y.min()}..{y.max()}.")
    if mask is not None:
        mask = np.broadcast_to(np.asarray(mask, bool), y.shape)
    count = y.size if mask is None else int(mask.sum())
    if count == 0:
        raise ValueError("mask selects no rows: at least one row must count towards the loss.")
    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))       # [..., C]
    rows, cols = np.arange(y.size), y.reshape(-1)
    picked = log_p.reshape(-1, C)[rows, cols].reshape(y.shape)                   # [...]
    loss = float(-(picked if mask is None else picked * mask).sum() / count)
    dlogits = np.exp(log_p)
    dlogits.reshape(-1, C)[rows, cols] -= 1.0                                    # softmax - one_hot(y)
    dlogits *= (1.0 / count) if mask is None else mask[..., None] / count
    return loss, dlogits


class LinearCache(NamedTuple):
    """What ``linear_backward`` needs from ``linear_forward``."""

    X: np.ndarray  # [..., d_in]
    W: np.ndarray  # [d_in, d_out]
    has_bias: bool


def linear_forward(X, W, b=None):  # [..., d_in], [d_in, d_out], [d_out] -> [..., d_out]
    """Affine map ``X @ W + b``; returns ``(out, cache)``."""
    out = X @ W
    if b is not None:
        out = out + b
    return out, LinearCache(X, W, b is not None)


def linear_backward(dout, cache):  # [..., d_out] -> [..., d_in], [d_in, d_out], [d_out] or None
    """Gradients of ``linear_forward``: ``(dX, dW, db)`` (``db`` is None when there was no bias)."""
    dX = dout @ cache.W.T
    dW = gram(cache.X, dout)
    db = dout.reshape(-1, dout.shape[-1]).sum(axis=0) if cache.has_bias else None
    return dX, dW, db


class EmbeddingCache(NamedTuple):
    """What ``embedding_backward`` needs from ``embedding_forward``."""

    ids: np.ndarray  # [...] int
    table_shape: tuple  # (vocab, d)


def embedding_forward(ids, E):  # [...] int, [vocab, d] -> [..., d]
    """Look up rows of the embedding table ``E``; returns ``(out, cache)``."""
    ids = np.asarray(ids)
    return E[ids], EmbeddingCache(ids, E.shape)


def embedding_backward(dout, cache):  # [..., d] -> [vocab, d]
    """Gradient of the table: rows used several times add up (``np.add.at``)."""
    dE = np.zeros(cache.table_shape)
    np.add.at(dE, cache.ids.reshape(-1), dout.reshape(-1, cache.table_shape[1]))
    return dE
