"""One Transformer block, with a switch for each of its pieces. numpy only.

The block follows the original layout (Vaswani et al. 2017, "post-norm")::

    A = multi_head_attention(X)          # every token reads the others
    Y = layer_norm(X + A)                # residual, then normalise each token
    F = feed_forward(Y)                  # the same small ReLU network on every token
    Z = layer_norm(Y + F)

Shapes: ``[..., T, d_model]`` in and out; ``h`` heads of width ``d_k = d_v = d_model / h``;
``d_ff`` hidden units in the feed-forward network.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validate import as_count, as_float_array
from .masks import causal_mask
from .multi_head import multi_head_attention
from .positions import sinusoidal_positions

__all__ = ["layer_norm", "feed_forward", "BlockWeights", "BlockResult", "init_block", "transformer_block"]


def layer_norm(X, *, eps=1e-5) -> np.ndarray:  # [..., d] -> [..., d]
    """Normalise every row to mean 0 and variance 1 over its own entries (no learned gain or bias).

    ``(x - mean(x)) / sqrt(var(x) + eps)`` for each row ``x``; ``eps`` keeps a constant row finite.
    """
    X = as_float_array(X, "X")
    mu = X.mean(axis=-1, keepdims=True)
    var = X.var(axis=-1, keepdims=True)
    return (X - mu) / np.sqrt(var + eps)


def feed_forward(X, W_1, b_1, W_2, b_2) -> np.ndarray:  # [..., d_model] -> [..., d_model]
    """Two-layer ReLU network applied to each token on its own: ``max(0, X W_1 + b_1) W_2 + b_2``.

    ``[..., d_model], [d_model, d_ff], [d_ff], [d_ff, d_model], [d_model] -> [..., d_model]``
    """
    X = as_float_array(X, "X")
    W_1, W_2 = as_float_array(W_1, "W_1", exact_ndim=2), as_float_array(W_2, "W_2", exact_ndim=2)
    b_1, b_2 = as_float_array(b_1, "b_1", exact_ndim=1), as_float_array(b_2, "b_2", exact_ndim=1)
    d_model, d_ff = W_1.shape
    if (X.shape[-1] != d_model or W_2.shape != (d_ff, d_model) or b_1.shape != (d_ff,)
            or b_2.shape != (d_model,)):
        raise ValueError(
            f"feed-forward shapes do not fit: X [..., {X.shape[-1]}], W_1 {W_1.shape}, b_1 {b_1.shape}, "
            f"W_2 {W_2.shape}, b_2 {b_2.shape}; expected W_1 [d_model, d_ff], b_1 [d_ff], "
            f"W_2 [d_ff, d_model], b_2 [d_model] with d_model = X's width."
        )
    return np.maximum(0.0, X @ W_1 + b_1) @ W_2 + b_2


class BlockWeights(NamedTuple):
    """Parameters of one block: attention (per head) and the feed-forward network."""

    W_q: np.ndarray  # [h, d_model, d_k]
    W_k: np.ndarray  # [h, d_model, d_k]
    W_v: np.ndarray  # [h, d_model, d_v]
    W_o: np.ndarray  # [h * d_v, d_model]
    W_1: np.ndarray  # [d_model, d_ff]
    b_1: np.ndarray  # [d_ff]
    W_2: np.ndarray  # [d_ff, d_model]
    b_2: np.ndarray  # [d_model]


class BlockResult(NamedTuple):
    """Every intermediate of one block, so each can be drawn."""

    inputs: np.ndarray  # [..., T, d_model]  X, plus the positions if switched on
    attention: np.ndarray  # [..., T, d_model]  multi-head attention output A
    weights: np.ndarray  # [..., h, T, T]  each head's weights
    hidden: np.ndarray  # [..., T, d_model]  Y after the first residual and layer norm
    outputs: np.ndarray  # [..., T, d_model]  Z, the block's output


def init_block(d_model, n_heads, rng, *, d_ff=None) -> BlockWeights:
    """Seeded random weights for one block, scaled so every layer keeps values of order 1.

    Parameters
    ----------
    d_model : int
        Token width; must be divisible by ``n_heads``.
    n_heads : int
        Number of heads h; each gets ``d_k = d_v = d_model // n_heads``.
    rng : numpy.random.Generator
    d_ff : int, optional
        Hidden units of the feed-forward network; ``4 * d_model`` by default (as in the paper).
    """
    d_model, n_heads = as_count(d_model, "d_model", minimum=None), as_count(n_heads, "n_heads", minimum=None)
    if n_heads < 1 or d_model < 1 or d_model % n_heads:
        raise ValueError(
            f"d_model must be a positive multiple of n_heads so every head gets width d_model / h; "
            f"got d_model = {d_model}, n_heads = {n_heads}."
        )
    d_k, d_ff = d_model // n_heads, 4 * d_model if d_ff is None else as_count(d_ff, "d_ff")
    s = 1.0 / np.sqrt(d_model)
    return BlockWeights(
        W_q=rng.normal(0, s, (n_heads, d_model, d_k)),
        W_k=rng.normal(0, s, (n_heads, d_model, d_k)),
        W_v=rng.normal(0, s, (n_heads, d_model, d_k)),
        W_o=rng.normal(0, s, (d_model, d_model)),
        W_1=rng.normal(0, s, (d_model, d_ff)),
        b_1=np.zeros(d_ff),
        W_2=rng.normal(0, 1.0 / np.sqrt(d_ff), (d_ff, d_model)),
        b_2=np.zeros(d_model),
    )


def transformer_block(
    X, weights, *, causal=False, mask=None, positions=False, position_scale=1.0, scaled=True, residual=True
) -> BlockResult:
    """One Transformer block with a switch per piece.  ``[..., T, d_model] -> BlockResult``

    Parameters
    ----------
    X : array_like of shape (..., T, d_model)
        Token vectors.
    weights : BlockWeights
        From :func:`init_block` (the number of heads is ``weights.W_q.shape[0]``).
    causal : bool
        Each token reads only itself and earlier tokens (``causal_mask``).
    mask : array_like of bool, broadcastable to (..., T, T), optional
        Extra mask (e.g. ``padding_mask``), combined with the causal one by logical and.
    positions : bool
        Add ``position_scale * sinusoidal_positions(T, d_model)`` to X first.
    scaled : bool
        Scores times ``1/sqrt(d_k)`` when True, plain dot products when False.
    residual : bool
        ``layer_norm(X + A)`` and ``layer_norm(Y + F)`` when True; ``layer_norm(A)`` and
        ``layer_norm(F)`` when False.

    Returns
    -------
    BlockResult
        ``inputs, attention, weights [..., h, T, T], hidden, outputs``.
    """
    if not isinstance(weights, BlockWeights):
        raise ValueError("weights must be a BlockWeights, e.g. init_block(d_model, n_heads, rng).")
    X = as_float_array(X, "X", min_ndim=2)
    T, d_model = X.shape[-2:]
    if positions:
        X = X + float(position_scale) * sinusoidal_positions(T, d_model)
    full = None if mask is None else np.asarray(mask)
    if full is not None and full.dtype != bool:
        raise ValueError(f"mask must be boolean (True = may attend); got dtype {full.dtype}.")
    if causal:
        full = causal_mask(T) if full is None else full & causal_mask(T)
    A, W = multi_head_attention(
        X, weights.W_q, weights.W_k, weights.W_v, weights.W_o, mask=full, scale=None if scaled else 1.0
    )
    Y = layer_norm(X + A if residual else A)
    F = feed_forward(Y, weights.W_1, weights.b_1, weights.W_2, weights.b_2)
    Z = layer_norm(Y + F if residual else F)
    return BlockResult(inputs=X, attention=A, weights=W, hidden=Y, outputs=Z)
