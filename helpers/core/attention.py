"""Attention, forward and backward: softmax, scores, mask, weighted sum; then Q/K/V self-attention.

numpy only. Shapes use the names of the package docstring: T, d_in, d_k, d_v, n_q, n_k; leading
``...`` are batch dimensions. Top to bottom: the stable softmax and its backward; the score scale
(``default_scale``, the one place that says 1/sqrt(d_k)); scores and the mask;
``attention_forward`` / ``attention_backward``, the pair every attention layer runs (the trained
models too); ``dot_product_attention``, its checked public face; self-attention without and with
learned maps.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validate import as_float_array, check_weight_matrix

__all__ = [
    "softmax", "softmax_backward", "default_scale", "score_scale", "attention_scores", "apply_mask",
    "AttentionCache", "attention_forward", "attention_backward", "dot_product_attention",
    "naive_self_attention", "qkv_self_attention",
]


def softmax(x, axis: int = -1) -> np.ndarray:  # [...] -> same shape, sums to 1 along axis
    """Numerically stable softmax.

    Subtracting the maximum before ``exp`` keeps every exponent <= 0, so scores as large as
    1e300 in magnitude give finite weights and no overflow warning.

    Parameters
    ----------
    x : array_like
        Scores. ``-inf`` entries get weight exactly 0.
    axis : int
        The axis the weights sum to 1 over.

    Returns
    -------
    ndarray, same shape as ``x``
    """
    x = np.asarray(x, dtype=float)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_backward(a, da, axis: int = -1) -> np.ndarray:  # [...], [...] -> [...]
    """Gradient on the scores from ``da``, the gradient on the weights ``a = softmax(s)``.

    ``ds = a * (da - sum(a * da))`` along ``axis``: the softmax Jacobian ``diag(a) - a a^T``
    applied to each row. An entry with ``a = 0`` (masked) gets no gradient.
    """
    return a * (da - (a * da).sum(axis=axis, keepdims=True))


def default_scale(d_k) -> float:
    """``1/sqrt(d_k)``: the score scale that keeps scores of random vectors at standard deviation ~1."""
    return 1.0 / np.sqrt(d_k)


def score_scale(scale, d_k) -> float:
    """``scale`` as a float, or :func:`default_scale` of ``d_k`` when it is None."""
    return default_scale(d_k) if scale is None else float(scale)


# [..., n_q, d_k], [..., n_k, d_k] -> [..., n_q, n_k]
def attention_scores(queries, keys, *, scale=None) -> np.ndarray:
    """Scaled dot products of every query with every key: ``scale * Q K^T``.

    ``scale=None`` means ``1/sqrt(d_k)``; ``scale=1.0`` is the plain dot product.
    """
    q = as_float_array(queries, "queries", min_ndim=2)
    k = as_float_array(keys, "keys", min_ndim=2)
    _check_widths(q, k)
    return score_scale(scale, q.shape[-1]) * (q @ k.swapaxes(-1, -2))


def _check_widths(q, k):
    if q.shape[-1] != k.shape[-1]:
        raise ValueError(
            f"queries and keys must have the same width d_k to be compared by dot product: "
            f"queries have d_k = {q.shape[-1]}, keys have d_k = {k.shape[-1]}. "
            f"Give W_q and W_k the same number of columns."
        )


def apply_mask(scores: np.ndarray, mask) -> np.ndarray:
    """Put -inf where ``mask`` is False, after checking every query row keeps a key."""
    m = np.asarray(mask)
    if m.dtype != bool:
        raise ValueError(f"mask must be boolean (True = may attend); got dtype {m.dtype}.")
    try:
        m = np.broadcast_to(m, scores.shape)
    except ValueError:
        raise ValueError(
            f"mask of shape {np.shape(mask)} cannot broadcast to the scores' shape "
            f"{scores.shape} [..., n_q, n_k]."
        ) from None
    empty = ~m.any(axis=-1)
    if empty.any():
        row = tuple(int(i) for i in np.argwhere(empty)[0])
        where = f"query row {row[-1]}" + (f" (batch index {row[:-1]})" if len(row) > 1 else "")
        raise ValueError(
            f"mask allows no key for {where}: every query must be allowed to attend to at "
            f"least one key, otherwise its weights cannot sum to 1."
        )
    return np.where(m, scores, -np.inf)


class AttentionCache(NamedTuple):
    """What ``attention_backward`` needs from ``attention_forward``."""

    Q: np.ndarray  # [..., n_q, d_k]
    K: np.ndarray  # [..., n_k, d_k]
    V: np.ndarray  # [..., n_k, d_v]
    weights: np.ndarray  # [..., n_q, n_k]
    scale: float


# [..., n_q, d_k], [..., n_k, d_k], [..., n_k, d_v] -> [..., n_q, d_v], [..., n_q, n_k], AttentionCache
def attention_forward(Q, K, V, mask=None, scale=None):
    """Scaled dot-product attention, keeping what the backward pass needs.

    ``scores = scale * Q K^T`` (``scale=None``: :func:`default_scale`), ``-inf`` where ``mask`` is
    False, ``weights = softmax(scores)`` over the keys, ``out = weights V``. Trusts the dtypes
    (callers pass float arrays; :func:`dot_product_attention` checks them).

    Parameters
    ----------
    Q : ndarray of shape (..., n_q, d_k)
    K : ndarray of shape (..., n_k, d_k)
    V : ndarray of shape (..., n_k, d_v)
    mask : array_like of bool, broadcastable to (..., n_q, n_k), optional
        True where a query may attend to a key. Every query needs at least one True.
    scale : float, optional

    Returns
    -------
    out : ndarray of shape (..., n_q, d_v)
    weights : ndarray of shape (..., n_q, n_k)
        Each row sums to 1; masked entries are exactly 0.
    cache : AttentionCache
        For ``attention_backward``.
    """
    if Q.ndim < 2 or K.ndim < 2 or V.ndim < 2 or Q.shape[-1] != K.shape[-1] or K.shape[-2] != V.shape[-2]:
        raise ValueError(
            f"want Q [..., n_q, d_k], K [..., n_k, d_k], V [..., n_k, d_v]; "
            f"got {Q.shape}, {K.shape}, {V.shape}."
        )
    scale = score_scale(scale, Q.shape[-1])
    scores = scale * (Q @ K.swapaxes(-1, -2))            # [..., n_q, n_k]
    if mask is not None:
        scores = apply_mask(scores, mask)                # names a query row left with no key
    weights = softmax(scores, axis=-1)
    out = weights @ V                                    # [..., n_q, d_v]
    return out, weights, AttentionCache(Q, K, V, weights, scale)


def attention_backward(dout, cache):  # [..., n_q, d_v] -> [..., n_q, d_k], [..., n_k, d_k], [..., n_k, d_v]
    """Gradients of ``attention_forward`` through the weighted sum, the softmax and the scores.

    Returns
    -------
    dQ : (..., n_q, d_k); dK : (..., n_k, d_k); dV : (..., n_k, d_v)
    """
    Q, K, V, weights, scale = cache
    dV = weights.swapaxes(-1, -2) @ dout                 # [..., n_k, d_v]
    dweights = dout @ V.swapaxes(-1, -2)                 # [..., n_q, n_k]
    dscores = softmax_backward(weights, dweights)        # masked entries: weight 0, gradient 0
    dQ = scale * (dscores @ K)
    dK = scale * (dscores.swapaxes(-1, -2) @ Q)
    return dQ, dK, dV


def dot_product_attention(queries, keys, values, *, scale=None, mask=None):
    """Scaled dot-product attention; returns the outputs *and* the weights.

    ``[..., n_q, d_k], [..., n_k, d_k], [..., n_k, d_v] -> [..., n_q, d_v], [..., n_q, n_k]``

    Parameters
    ----------
    queries : array_like of shape (..., n_q, d_k)
    keys : array_like of shape (..., n_k, d_k)
    values : array_like of shape (..., n_k, d_v)
        Every key needs its value: ``n_k`` must be the same for keys and values.
    scale : float or None
        Multiplies the scores. ``None`` means ``1/sqrt(d_k)`` (as PyTorch's
        ``scaled_dot_product_attention``); ``1.0`` is the plain dot product.
    mask : array_like of bool, broadcastable to (..., n_q, n_k), optional
        ``True`` where a query may attend to a key. Every query must be allowed at least one key.

    Returns
    -------
    outputs : ndarray of shape (..., n_q, d_v)
        Each row is the weighted average of the values.
    weights : ndarray of shape (..., n_q, n_k)
        Softmax weights; each row sums to 1.
    """
    q = as_float_array(queries, "queries", min_ndim=2)
    k = as_float_array(keys, "keys", min_ndim=2)
    v = as_float_array(values, "values", min_ndim=2)
    _check_widths(q, k)
    if k.shape[-2] != v.shape[-2]:
        raise ValueError(
            f"keys and values must match in number: got {k.shape[-2]} keys and "
            f"{v.shape[-2]} values. Every key needs its own value, because the weight a query "
            f"gives a key is the weight that key's value gets in the average."
        )
    outputs, weights, _ = attention_forward(q, k, v, mask=mask, scale=scale)
    return outputs, weights


def naive_self_attention(X):  # [T, d] -> [T, d], [T, T]
    """Self-attention with no learned maps: queries = keys = values = ``X``, plain dot product.

    Returns ``(outputs, weights)``; row t of ``weights`` says how much token t takes from
    each token, itself included.
    """
    X = as_float_array(X, "X", exact_ndim=2)
    return dot_product_attention(X, X, X, scale=1.0)


def qkv_self_attention(X, W_q, W_k, W_v, *, scale=None):
    """Self-attention in which each token plays three roles through three maps.

    ``[T, d_in], [d_in, d_k], [d_in, d_k], [d_in, d_v] -> [T, d_v], [T, T]``

    ``Q = X W_q`` (what each token looks for), ``K = X W_k`` (what it is matched on),
    ``V = X W_v`` (what it hands over). ``scale=None`` means ``1/sqrt(d_k)``.

    Returns
    -------
    outputs : ndarray of shape (T, d_v)
    weights : ndarray of shape (T, T)
    """
    X = as_float_array(X, "X", exact_ndim=2)
    d_in = X.shape[1]
    mats = {}
    for name, W in (("W_q", W_q), ("W_k", W_k), ("W_v", W_v)):
        mats[name] = as_float_array(W, name)
        check_weight_matrix(mats[name], name, d_in, "X")
    if mats["W_q"].shape[1] != mats["W_k"].shape[1]:
        raise ValueError(
            f"W_q and W_k must have the same number of columns d_k, because queries and keys "
            f"are compared by dot product: W_q gives d_k = {mats['W_q'].shape[1]}, "
            f"W_k gives d_k = {mats['W_k'].shape[1]}."
        )
    return dot_product_attention(X @ mats["W_q"], X @ mats["W_k"], X @ mats["W_v"], scale=scale)
