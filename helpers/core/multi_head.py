"""Multi-head attention: several attention heads side by side, concatenated and mixed. numpy only.

Shapes use the names of the package docstring (T, d_k, d_v) plus ``d_model``, the width of the
token vectors a block reads and writes, and ``h``, the number of heads. Leading ``...`` are batch
dimensions (several sentences at once).
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array
from .attention import apply_mask, dot_product_attention

__all__ = ["multi_head_attention"]


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
