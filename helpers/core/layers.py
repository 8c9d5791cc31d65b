"""Layers with a hand-written backward pass: the pieces the trained models are built from.

numpy only, float64, batched over the first axis N (no Python loop over examples; the RNN loops
over time only). Each layer is a pair ``*_forward(...) -> (out, cache)`` and
``*_backward(dout, cache) -> gradients``, and every pair is checked against central finite
differences in ``tests/test_layers.py``. Row-vector convention, as in the rest of the package:
``h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)``.
"""

from __future__ import annotations

import numpy as np

from .attention import apply_mask, softmax

__all__ = [
    "gram",
    "softmax_cross_entropy",
    "linear_forward",
    "linear_backward",
    "embedding_forward",
    "embedding_backward",
    "tanh_rnn_forward",
    "tanh_rnn_backward",
    "attention_forward",
    "attention_backward",
]


# OpenBLAS hands a matrix product to several threads once m * n * k passes about 262k. On a
# machine with more busy processes than cores, those threads wait for each other and one product
# over N * T rows runs 5-15x slower than on one thread. Sums over rows are therefore taken in
# blocks kept under that size, which stay on one thread and are as fast when the machine is idle.
_BLOCK_MNK = 200_000


def gram(A, B):  # [..., m], [..., n] -> [m, n]
    """``A^T B`` over all leading axes: the weight gradient of a linear map applied row by row."""
    A2, B2 = A.reshape(-1, A.shape[-1]), B.reshape(-1, B.shape[-1])
    rows = max(1, _BLOCK_MNK // (A2.shape[1] * B2.shape[1]))
    if len(A2) <= rows:
        return A2.T @ B2
    out = A2[:rows].T @ B2[:rows]
    for i in range(rows, len(A2), rows):
        out += A2[i:i + rows].T @ B2[i:i + rows]
    return out


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


def linear_forward(X, W, b=None):  # [..., d_in], [d_in, d_out], [d_out] -> [..., d_out]
    """Affine map ``X @ W + b``; returns ``(out, cache)``."""
    out = X @ W
    if b is not None:
        out = out + b
    return out, (X, W, b is not None)


def linear_backward(dout, cache):  # [..., d_out] -> [..., d_in], [d_in, d_out], [d_out] or None
    """Gradients of ``linear_forward``: ``(dX, dW, db)`` (``db`` is None when there was no bias)."""
    X, W, has_bias = cache
    dX = dout @ W.T
    dW = gram(X, dout)
    db = dout.reshape(-1, dout.shape[-1]).sum(axis=0) if has_bias else None
    return dX, dW, db


def embedding_forward(ids, E):  # [...] int, [vocab, d] -> [..., d]
    """Look up rows of the embedding table ``E``; returns ``(out, cache)``."""
    ids = np.asarray(ids)
    return E[ids], (ids, E.shape)


def embedding_backward(dout, cache):  # [..., d] -> [vocab, d]
    """Gradient of the table: rows used several times add up (``np.add.at``)."""
    ids, shape = cache
    dE = np.zeros(shape)
    np.add.at(dE, ids.reshape(-1), dout.reshape(-1, shape[1]))
    return dE


def tanh_rnn_forward(X, W_xh, W_hh, b_h, h0=None):  # [N, T, d_in] -> [N, T, d_h]
    """Run a tanh RNN over a batch of sequences, keeping what backpropagation needs.

    Parameters
    ----------
    X : ndarray of shape (N, T, d_in)
    W_xh : ndarray of shape (d_in, d_h)
    W_hh : ndarray of shape (d_h, d_h)
    b_h : ndarray of shape (d_h,)
    h0 : ndarray of shape (N, d_h) or (d_h,), optional
        State before the first token; zeros by default.

    Returns
    -------
    H : ndarray of shape (N, T, d_h)
        ``H[:, t]`` is the state after reading token t.
    cache : tuple
        For ``tanh_rnn_backward``.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 3:
        raise ValueError(f"X must be 3-D [N, T, d_in]; got shape {X.shape}.")
    N, T, _ = X.shape
    d_h = W_hh.shape[0]
    if W_xh.shape != (X.shape[2], d_h) or W_hh.shape != (d_h, d_h) or b_h.shape != (d_h,):
        raise ValueError(
            f"shapes disagree: X {X.shape}, W_xh {W_xh.shape} (want [d_in, d_h]), "
            f"W_hh {W_hh.shape} (want [d_h, d_h]), b_h {b_h.shape} (want [d_h])."
        )
    h_start = np.zeros((N, d_h)) if h0 is None else np.array(np.broadcast_to(h0, (N, d_h)), dtype=np.float64)
    # Time-major inside ([T, N, d_h]): every step then reads and writes one contiguous block, which
    # keeps each small product on BLAS (strided views fall back to a slower loop).
    A = np.ascontiguousarray((X @ W_xh + b_h).transpose(1, 0, 2))   # [T, N, d_h] all input terms at once
    H_tm = np.empty_like(A)
    h_prev = h_start
    for t in range(T):
        h_prev = np.tanh(A[t] + h_prev @ W_hh, out=H_tm[t])            # [N, d_h]
    H = H_tm.transpose(1, 0, 2)                                          # [N, T, d_h] (a view)
    return H, (X, W_xh, W_hh, H_tm, h_start, h0 is not None and np.ndim(h0) == 1)


def tanh_rnn_backward(dH, cache, dh_last=None):  # [N, T, d_h] -> dX, dW_xh, dW_hh, db_h, dh0
    """Backpropagation through time for ``tanh_rnn_forward``.

    Walks t from T-1 down to 0 carrying ``dh``, the gradient on the state ``h_t`` from everything
    after it: ``da_t = (dH[:, t] + dh) * (1 - h_t**2)``, then ``dh = da_t @ W_hh.T`` is what flows on
    to ``h_{t-1}`` (notebook 01's Jacobian product, one factor per step).

    Parameters
    ----------
    dH : ndarray of shape (N, T, d_h) or None
        Gradient of the loss on every state (None = zero: only ``dh_last`` matters).
    cache : tuple
        From ``tanh_rnn_forward``.
    dh_last : ndarray of shape (N, d_h), optional
        Extra gradient on the last state.

    Returns
    -------
    dX : (N, T, d_in); dW_xh : (d_in, d_h); dW_hh : (d_h, d_h); db_h : (d_h,);
    dh0 : (N, d_h), or (d_h,) summed over N when ``h0`` was given as one vector.
    """
    X, W_xh, W_hh, H_tm, h_start, h0_shared = cache
    T, N, d_h = H_tm.shape
    slope = 1.0 - H_tm**2                                # tanh'(a_t), all steps at once, [T, N, d_h]
    dA = np.empty_like(H_tm)
    dh = np.zeros((N, d_h)) if dh_last is None else np.array(dh_last, dtype=np.float64)
    W_hh_T = np.ascontiguousarray(W_hh.T)
    for t in reversed(range(T)):
        if dH is not None:
            dh = dh + dH[:, t]
        da = np.multiply(dh, slope[t], out=dA[t])        # [N, d_h]
        dh = da @ W_hh_T                                 # on to h_{t-1}
    H_prev = np.concatenate([h_start[None], H_tm[:-1]], axis=0)   # [T, N, d_h]
    dW_hh = gram(H_prev, dA)
    dW_xh = gram(X.transpose(1, 0, 2), dA)
    db_h = dA.sum(axis=(0, 1))
    dX = (dA @ W_xh.T).transpose(1, 0, 2)
    dh0 = dh.sum(axis=0) if h0_shared else dh
    return dX, dW_xh, dW_hh, db_h, dh0


# [N, n_q, d_k], [N, n_k, d_k], [N, n_k, d_v] -> [N, n_q, d_v], [N, n_q, n_k]
def attention_forward(Q, K, V, mask=None, scale=None):
    """Scaled dot-product attention, batched, keeping what the backward pass needs.

    Parameters
    ----------
    Q : ndarray of shape (N, n_q, d_k)
    K : ndarray of shape (N, n_k, d_k)
    V : ndarray of shape (N, n_k, d_v)
    mask : array_like of bool, broadcastable to (N, n_q, n_k), optional
        True where a query may attend to a key. Every query needs at least one True.
    scale : float, optional
        Multiplies the scores; ``1 / sqrt(d_k)`` by default.

    Returns
    -------
    out : ndarray of shape (N, n_q, d_v)
    weights : ndarray of shape (N, n_q, n_k)
        Softmax weights; each row sums to 1, masked entries are exactly 0.
    cache : tuple
        For ``attention_backward``.
    """
    if Q.ndim != 3 or K.ndim != 3 or V.ndim != 3 or Q.shape[2] != K.shape[2] or K.shape[1] != V.shape[1]:
        raise ValueError(
            f"want Q [N, n_q, d_k], K [N, n_k, d_k], V [N, n_k, d_v]; got {Q.shape}, {K.shape}, {V.shape}."
        )
    scale = 1.0 / np.sqrt(Q.shape[2]) if scale is None else float(scale)
    scores = scale * (Q @ K.transpose(0, 2, 1))          # [N, n_q, n_k]
    if mask is not None:
        scores = apply_mask(scores, np.asarray(mask, bool))  # names a query row left with no key
    weights = softmax(scores, axis=-1)
    out = weights @ V                                    # [N, n_q, d_v]
    return out, weights, (Q, K, V, weights, scale)


def attention_backward(dout, cache):  # [N, n_q, d_v] -> [N, n_q, d_k], [N, n_k, d_k], [N, n_k, d_v]
    """Gradients of ``attention_forward`` through the weighted sum and the softmax.

    With ``a = softmax(s)`` along each row, ``ds = a * (da - sum(a * da))``: the softmax Jacobian
    ``diag(a) - a a^T`` applied row by row. Masked entries have ``a = 0`` and so get no gradient.

    Returns
    -------
    dQ : (N, n_q, d_k); dK : (N, n_k, d_k); dV : (N, n_k, d_v)
    """
    Q, K, V, weights, scale = cache
    dV = weights.transpose(0, 2, 1) @ dout               # [N, n_k, d_v]
    dweights = dout @ V.transpose(0, 2, 1)               # [N, n_q, n_k]
    dscores = weights * (dweights - (weights * dweights).sum(axis=-1, keepdims=True))
    dQ = scale * (dscores @ K)
    dK = scale * (dscores.transpose(0, 2, 1) @ Q)
    return dQ, dK, dV
