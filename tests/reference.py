"""Reference computations the tests compare with, written as plain loops (no helpers code).

One copy of each, so every test that checks a softmax, an attention layer or an RNN checks it
against the same independent loop: over rows for the softmax, over queries and keys for attention
(scores as Python sums), over time steps for the RNN. Row-vector convention throughout
(``x @ W``), as in helpers/.

``at_radius`` and ``fd_jacobian_norm`` (central differences) are the two tools the RNN explorers'
tests build their expected curves from.

The exercise checks' tests also need the answer as a learner writes it, in numpy array operations
that keep the input's dtype (a float32 answer must stay float32): ``numpy_softmax`` and
``numpy_attention`` are that one copy.
"""

import math

import numpy as np


def loop_softmax(values) -> np.ndarray:
    """Softmax of one row by a loop: ``exp(v - max) / sum`` over the row. ``[n] -> [n]``"""
    row = [float(v) for v in values]
    top = max(row)
    e = [math.exp(v - top) for v in row]
    total = sum(e)
    return np.array([x / total for x in e])


def loop_softmax_rows(S, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis`` of an array of any rank, one row at a time. ``[..., n] -> [..., n]``"""
    S = np.moveaxis(np.asarray(S, dtype=float), axis, -1)
    out = np.array([loop_softmax(r) for r in S.reshape(-1, S.shape[-1])]).reshape(S.shape)
    return np.moveaxis(out, -1, axis)


def loop_cross_entropy(logits, y, mask=None) -> float:
    """Mean of ``-log softmax(row)[label]`` over the rows that count, one row at a time.

    ``logits [..., C]``, ``y [...]`` int, ``mask [...]`` bool (True where a row counts; all by default).
    """
    logits = np.asarray(logits, dtype=float)
    rows, labels = logits.reshape(-1, logits.shape[-1]), np.ravel(y)
    counts = np.ones(len(labels), bool) if mask is None else np.ravel(mask)
    total, n = 0.0, 0
    for row, label, counted in zip(rows, labels, counts, strict=True):
        if counted:
            top = max(row)
            total += top + math.log(sum(math.exp(v - top) for v in row)) - row[label]
            n += 1
    return total / n


def loop_scores(Q, K, scale: float) -> np.ndarray:
    """``scale * q_i . k_j`` for each query and key, as Python sums.

    ``[n_q, d_k], [n_k, d_k] -> [n_q, n_k]``
    """
    dot = lambda q, k: sum(float(a) * float(b) for a, b in zip(q, k, strict=True))  # noqa: E731
    return np.array([[scale * dot(q, k) for k in K] for q in Q])


def loop_attention_weights(Q, K, scale=None, mask=None, axis: int = -1) -> np.ndarray:
    """softmax(scale * Q K^T), one row at a time. ``[n_q, d_k], [n_k, d_k] -> [n_q, n_k]``

    ``scale`` defaults to ``1/sqrt(d_k)``; ``mask[i][j]`` False leaves key j out of query i's softmax.
    ``axis=0`` takes the softmax down each column instead (the learner's wrong-axis slip).
    """
    K = np.asarray(K, dtype=float)
    scale = 1 / math.sqrt(K.shape[1]) if scale is None else scale
    S = loop_scores(Q, K, scale)
    if mask is not None:
        S = np.where(np.asarray(mask, bool), S, -np.inf)
    return loop_softmax_rows(S, axis=axis)


def loop_attention(Q, K, V, scale=None, mask=None, axis: int = -1):
    """Scaled dot-product attention, one query at a time. ``-> (outputs [n_q, d_v], weights [n_q, n_k])``

    Arguments as for :func:`loop_attention_weights`; each output row is its weights times the rows of V.
    """
    V = np.asarray(V, dtype=float)
    weights = loop_attention_weights(Q, K, scale, mask, axis)
    n_k, d_v = V.shape
    outputs = np.array([[sum(w[j] * V[j, c] for j in range(n_k)) for c in range(d_v)] for w in weights])
    return outputs, weights


def loop_self_attention(X, W_q, W_k, W_v, scale: float):
    """Q/K/V self-attention with the projections written as loops too. ``-> (scores, weights, outputs)``"""
    X = np.asarray(X, float)
    T, d = X.shape
    Q, K, V = (
        np.array([[sum(X[t, a] * M[a, b] for a in range(d)) for b in range(M.shape[1])] for t in range(T)])
        for M in (np.asarray(W_q, float), np.asarray(W_k, float), np.asarray(W_v, float))
    )
    outputs, weights = loop_attention(Q, K, V, scale)
    return loop_scores(Q, K, scale), weights, outputs


def loop_heads(X, W_q, W_k, W_v, scale=None, mask=None, axis: int = -1):
    """Each head's attention on ``X [T, d]`` with its own maps ``W_* [h, d, d_*]``, one head at a time.

    ``-> (outputs [h, T, d_v], weights [h, T, T])``
    """
    outs, weights = [], []
    for j in range(len(W_q)):
        out, w = loop_attention(X @ W_q[j], X @ W_k[j], X @ W_v[j], scale, mask, axis)
        outs.append(out)
        weights.append(w)
    return np.array(outs), np.array(weights)


def loop_multi_head(X, W_q, W_k, W_v, W_o, mask=None, scale=None):
    """Multi-head attention: the heads side by side, then ``W_o``. ``-> (outputs [T, d], weights [h, T, T])``

    ``scale`` defaults to ``1/sqrt(d_k)``; ``mask [T, T]`` as for :func:`loop_attention`.
    """
    outs, weights = loop_heads(X, W_q, W_k, W_v, scale, mask)
    return np.concatenate(list(outs), axis=1) @ W_o, weights


def loop_rnn(X, W_xh, W_hh, b, h0=None, nonlinearity: str = "tanh") -> np.ndarray:
    """The RNN one step at a time: ``h_t = f(x_t W_xh + h_(t-1) W_hh + b)``. ``[T, d_in] -> [T, d_h]``"""
    f = {"tanh": np.tanh, "none": lambda z: z}[nonlinearity]
    h = np.zeros(np.shape(W_hh)[0]) if h0 is None else np.asarray(h0, float)
    states = []
    for x in np.asarray(X, float):
        h = f(x @ W_xh + h @ W_hh + b)
        states.append(h)
    return np.array(states).reshape(len(states), len(h))


def loop_rnn_jacobian_norms(X, W_xh, W_hh, b, nonlinearity: str = "tanh", h0=None) -> np.ndarray:
    """``||d h_t / d x_0||`` (Frobenius) for every t, by the chain rule written step by step. ``-> [T]``"""
    H = loop_rnn(X, W_xh, W_hh, b, h0, nonlinearity)
    J, norms = None, []
    for t, h in enumerate(H):
        D = np.diag(1 - h**2) if nonlinearity == "tanh" else np.eye(len(h))
        J = D @ W_xh.T if t == 0 else D @ W_hh.T @ J  # row vectors: h_t = f(x_t W_xh + h_(t-1) W_hh + b)
        norms.append(np.sqrt(np.sum(J**2)))
    return np.array(norms)


def numpy_softmax(S, axis: int = -1) -> np.ndarray:
    """``exp(S - max) / sum`` along ``axis`` in numpy, as a learner writes it; keeps S's dtype."""
    e = np.exp(S - np.max(S, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def numpy_attention(Q, K, V, scale=None, mask=None, axis: int = -1) -> np.ndarray:
    """``softmax(scale * Q K^T) V`` in numpy, as a learner writes it; keeps the dtype. ``-> [n_q, d_v]``

    ``scale`` defaults to ``1/sqrt(d_k)``; ``mask`` False leaves a key out; ``axis`` as for the softmax.
    """
    S = Q @ K.T * (1 / np.sqrt(K.shape[1]) if scale is None else scale)
    if mask is not None:
        S = np.where(mask, S, -np.inf)
    return numpy_softmax(S, axis=axis) @ V


def at_radius(W, r: float) -> np.ndarray:
    """W rescaled so that its spectral radius (largest |eigenvalue|, by numpy) is ``r``."""
    return W * (r / max(abs(np.linalg.eigvals(W))))


def fd_jacobian_norm(fn, x, eps: float = 1e-6) -> float:
    """Frobenius norm of the Jacobian of ``fn`` at ``x`` by central differences."""
    cols = []
    for k in range(x.size):
        e = np.zeros_like(x)
        e[k] = eps
        cols.append((fn(x + e) - fn(x - e)) / (2 * eps))
    return float(np.linalg.norm(np.array(cols)))
