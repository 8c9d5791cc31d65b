"""The plain (Elman) RNN, from one step forward to backpropagation through time. numpy only.

``h_t = tanh(x_t W_xh + b_h + h_{t-1} W_hh)``, ``h_0 = 0`` (row vectors; shapes T, d_in, d_h; N
sentences). Top to bottom: one step forward and back (``rnn_step_forward`` / ``rnn_step_backward``);
the loops, which all call that step's core (``recurrent_step`` / ``recurrent_step_backward``) on
input terms ``x_t W_xh + b_h`` computed for all steps at once; ``tanh_rnn_forward`` /
``tanh_rnn_backward``, the batched pair the trained models use; the influence of each input on
each state; random parameters.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validate import as_count, as_float_array, check_weight_matrix
from .products import gram

__all__ = [
    "NONLINEARITIES", "check_rnn_inputs",
    "RNNStepCache", "rnn_step_forward", "rnn_step_backward", "recurrent_step", "recurrent_step_backward",
    "rnn_forward", "run_recurrence", "birnn_forward", "RNNCache", "tanh_rnn_forward", "tanh_rnn_backward",
    "input_influence", "influence_norms", "init_rnn", "spectral_radius", "with_spectral_radius",
]

#: Nonlinearities the RNN helpers accept: name -> (function, derivative as a function of h).
NONLINEARITIES = {
    "tanh": (np.tanh, lambda h: 1.0 - h**2),
    "none": (np.positive, lambda h: np.ones_like(h)),  # np.positive: the identity, with out=
}


# ------------------------------------------------------------------------------------------ one step
class RNNStepCache(NamedTuple):
    """What ``rnn_step_backward`` needs from ``rnn_step_forward``."""

    x: np.ndarray  # [N, d_in]
    h_prev: np.ndarray  # [N, d_h]
    W_xh: np.ndarray  # [d_in, d_h]
    W_hh: np.ndarray  # [d_h, d_h]
    h: np.ndarray  # [N, d_h]  the new state


def rnn_step_forward(x, h_prev, W_xh, W_hh, b):  # [N, d_in], [N, d_h], ... -> [N, d_h], cache
    """One tanh RNN step, ``h = tanh(x W_xh + b + h_prev W_hh)``; returns ``(h, cache)``."""
    h = recurrent_step(x @ W_xh + b, h_prev, W_hh)
    return h, RNNStepCache(x, h_prev, W_xh, W_hh, h)


def rnn_step_backward(dh, cache):  # [N, d_h] -> dx, dh_prev, dW_xh, dW_hh, db
    """Gradients of one step from ``dh = d loss / d h``.

    With ``a = x W_xh + b + h_prev W_hh`` and ``h = tanh(a)``: ``da = dh * (1 - h**2)``, then
    ``dx = da W_xh^T``, ``dh_prev = da W_hh^T``, ``dW_xh = x^T da``, ``dW_hh = h_prev^T da``,
    ``db = sum of da over the batch``.
    """
    da, dh_prev = recurrent_step_backward(dh, 1.0 - cache.h**2, cache.W_hh.T)
    return da @ cache.W_xh.T, dh_prev, cache.x.T @ da, cache.h_prev.T @ da, da.sum(axis=0)


def recurrent_step(u, h_prev, W_hh, f=np.tanh, out=None):  # [..., d_h] x 2, [d_h, d_h] -> [..., d_h]
    """The step with its input term given: ``h = f(u + h_prev W_hh)``, ``u = x W_xh + b``.

    ``out`` (optional) receives ``h``, as for a numpy ufunc.
    """
    return f(u + h_prev @ W_hh, out=out)


def recurrent_step_backward(dh, slope, W_hh_T, out=None):  # [..., d_h] x 2, [d_h, d_h] -> da, dh_prev
    """Back through one step: ``da = dh * f'(a)`` (``slope``), and ``dh_prev = da W_hh^T``.

    ``dh_prev`` is the factor ``diag(f'(a)) W_hh^T`` of notebook 01's Jacobian product applied to
    ``dh``; ``W_hh_T`` is passed transposed so a loop transposes once. ``out`` receives ``da``.
    """
    da = np.multiply(dh, slope, out=out)
    return da, da @ W_hh_T


# ------------------------------------------------------------------------------------- the loops
def check_rnn_inputs(X, W_xh, W_hh, b_h, nonlinearity="tanh"):
    """Validate RNN inputs at a public boundary; return them as float arrays, or raise ValueError."""
    if np.ndim(X) != 2:
        raise ValueError(
            f"X must be 2-D [T, d_in], one token per row; got shape {np.shape(X)}. "
            f"For a single token use X.reshape(1, -1); for a batch, loop over it."
        )
    X = as_float_array(X, "X", exact_ndim=2)
    if X.shape[0] == 0:
        raise ValueError("X has no tokens (T = 0): the sentence must have at least one word.")
    W_xh = as_float_array(W_xh, "W_xh", exact_ndim=2)
    check_weight_matrix(W_xh, "W_xh", X.shape[1], "X")
    d_h = W_xh.shape[1]
    W_hh = as_float_array(W_hh, "W_hh", exact_ndim=2)
    if W_hh.shape != (d_h, d_h):
        raise ValueError(f"W_hh must be square [d_h, d_h] = [{d_h}, {d_h}]; got {W_hh.shape}.")
    b_h = as_float_array(b_h, "b_h", exact_ndim=1)
    if b_h.shape != (d_h,):
        raise ValueError(f"b_h must have shape [d_h] = [{d_h}]; got {b_h.shape}.")
    if nonlinearity not in NONLINEARITIES:
        raise ValueError(f"nonlinearity must be one of {sorted(NONLINEARITIES)}; got {nonlinearity!r}.")
    return X, W_xh, W_hh, b_h


def rnn_forward(X, W_xh, W_hh, b_h, h0=None, *, nonlinearity="tanh"):
    """Run the RNN left to right over a sentence.

    ``[T, d_in], [d_in, d_h], [d_h, d_h], [d_h] -> [T, d_h]``

    Parameters
    ----------
    X : array_like of shape (T, d_in)
    W_xh : array_like of shape (d_in, d_h)
    W_hh : array_like of shape (d_h, d_h)
    b_h : array_like of shape (d_h,)
    h0 : array_like of shape (d_h,), optional
        The state before the first token; zeros by default.
    nonlinearity : {"tanh", "none"}

    Returns
    -------
    H : ndarray of shape (T, d_h)
        Row t is the hidden state after reading token t.
    """
    X, W_xh, W_hh, b_h = check_rnn_inputs(X, W_xh, W_hh, b_h, nonlinearity)
    h0 = None if h0 is None else as_float_array(h0, "h0", exact_ndim=1)
    return run_recurrence(X @ W_xh + b_h, W_hh, NONLINEARITIES[nonlinearity][0], h0)


def run_recurrence(inputs, W_hh, f, h0=None):  # [..., T, d_h], [d_h, d_h] -> [..., T, d_h]
    """``recurrent_step`` over axis -2: ``h_t = f(inputs_t + h_{t-1} W_hh)``.

    ``inputs`` already holds ``x_t W_xh + b_h``; leading axes are a batch of sentences of equal
    length. Trusts its arguments (callers validate); ``h0`` defaults to zeros.
    """
    H = np.empty(inputs.shape)
    h = np.zeros(inputs.shape[:-2] + (W_hh.shape[0],)) if h0 is None else h0
    for t in range(inputs.shape[-2]):
        h = recurrent_step(inputs[..., t, :], h, W_hh, f)
        H[..., t, :] = h
    return H


def birnn_forward(X, forward, backward, *, nonlinearity="tanh"):
    """Bidirectional RNN: two RNNs with separate parameters, states joined per position.

    ``[T, d_in], (W_xh, W_hh, b_h), (W_xh, W_hh, b_h) -> [T, 2 d_h]``

    The backward RNN reads the sentence right to left; its states are flipped back so that row
    t is ``[forward h_t, backward h_t]``: the forward half has read tokens 0..t, the backward half
    tokens t..T-1.
    """
    H_fwd = rnn_forward(X, *forward, nonlinearity=nonlinearity)
    H_bwd = rnn_forward(np.asarray(X)[::-1], *backward, nonlinearity=nonlinearity)[::-1]
    return np.concatenate([H_fwd, H_bwd], axis=1)


class RNNCache(NamedTuple):
    """What ``tanh_rnn_backward`` needs from ``tanh_rnn_forward``."""

    X: np.ndarray  # [N, T, d_in]
    W_xh: np.ndarray  # [d_in, d_h]
    W_hh: np.ndarray  # [d_h, d_h]
    H_tm: np.ndarray  # [T, N, d_h]  every state, time-major
    h_start: np.ndarray  # [N, d_h]  the state before the first token
    h0_shared: bool  # h0 was one vector for the whole batch: its gradient is summed over N


def tanh_rnn_forward(X, W_xh, W_hh, b_h, h0=None):  # [N, T, d_in] -> [N, T, d_h], RNNCache
    """Run a tanh RNN over a batch of sequences, keeping what backpropagation needs.

    Parameters
    ----------
    X : ndarray of shape (N, T, d_in)
    W_xh, W_hh, b_h : ndarrays of shapes (d_in, d_h), (d_h, d_h), (d_h,)
    h0 : ndarray of shape (N, d_h) or (d_h,), optional
        State before the first token; zeros by default.

    Returns
    -------
    H : ndarray of shape (N, T, d_h)
        ``H[:, t]`` is the state after reading token t.
    cache : RNNCache
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
        h_prev = recurrent_step(A[t], h_prev, W_hh, out=H_tm[t])      # [N, d_h]
    H = H_tm.transpose(1, 0, 2)                                          # [N, T, d_h] (a view)
    return H, RNNCache(X, W_xh, W_hh, H_tm, h_start, h0 is not None and np.ndim(h0) == 1)


def tanh_rnn_backward(dH, cache, dh_last=None):  # [N, T, d_h] -> dX, dW_xh, dW_hh, db_h, dh0
    """Backpropagation through time for ``tanh_rnn_forward``.

    Walks t from T-1 down to 0 carrying ``dh``, the gradient on ``h_t`` from everything after it,
    through ``recurrent_step_backward``: ``da_t = (dH[:, t] + dh) * (1 - h_t**2)``, then
    ``dh = da_t W_hh^T`` flows on to ``h_{t-1}``. Weight gradients are summed over the steps at the end.
    ``dH`` (N, T, d_h) is the gradient on every state (None: zero); ``dh_last`` (N, d_h) an extra
    gradient on the last state.

    Returns
    -------
    dX : (N, T, d_in); dW_xh : (d_in, d_h); dW_hh : (d_h, d_h); db_h : (d_h,);
    dh0 : (N, d_h), or (d_h,) summed over N when ``h0`` was given as one vector.
    """
    T, N, d_h = cache.H_tm.shape
    slope = 1.0 - cache.H_tm**2                          # tanh'(a_t), all steps at once, [T, N, d_h]
    dA = np.empty_like(cache.H_tm)
    dh = np.zeros((N, d_h)) if dh_last is None else np.array(dh_last, dtype=np.float64)
    W_hh_T = np.ascontiguousarray(cache.W_hh.T)
    for t in reversed(range(T)):
        if dH is not None:
            dh = dh + dH[:, t]
        _, dh = recurrent_step_backward(dh, slope[t], W_hh_T, out=dA[t])   # on to h_{t-1}
    H_prev = np.concatenate([cache.h_start[None], cache.H_tm[:-1]], axis=0)   # [T, N, d_h]
    dW_hh = gram(H_prev, dA)
    dW_xh = gram(cache.X.transpose(1, 0, 2), dA)
    db_h = dA.sum(axis=(0, 1))
    dX = (dA @ cache.W_xh.T).transpose(1, 0, 2)
    dh0 = dh.sum(axis=0) if cache.h0_shared else dh
    return dX, dW_xh, dW_hh, db_h, dh0


# ------------------------------------------------------------------ influence of inputs on states
def input_influence(X, W_xh, W_hh, b_h, *, nonlinearity="tanh"):
    """How strongly each input moves each hidden state: ``||d h_t / d x_s||`` (Frobenius).

    ``[T, d_in], [d_in, d_h], [d_h, d_h], [d_h] -> [T, T]``; entry [t, s] is 0 where s > t
    (a state cannot depend on a later word).

    The Jacobian is a product of per-step factors, which is why it shrinks or grows
    geometrically with the distance t - s::

        d h_t / d x_s = D_t W_hh^T D_{t-1} W_hh^T ... D_{s+1} W_hh^T D_s W_xh^T,
        D_t = diag(f'(a_t)) = diag(1 - h_t^2) for tanh.
    """
    X, W_xh, W_hh, b_h = check_rnn_inputs(X, W_xh, W_hh, b_h, nonlinearity)
    H = rnn_forward(X, W_xh, W_hh, b_h, nonlinearity=nonlinearity)
    D = NONLINEARITIES[nonlinearity][1](H)  # [T, d_h]
    T = X.shape[0]
    out = np.zeros((T, T))
    for s in range(T):
        out[s:, s] = influence_norms(D, W_xh, W_hh, s)
    return out


def influence_norms(D, W_xh, W_hh, s=0):  # [T, d_h], [d_in, d_h], [d_h, d_h] -> [T - s]
    """``||d h_t / d x_s||`` (Frobenius) for t = s..T-1, given the slopes ``D[t] = f'(a_t)``.

    The one Jacobian-norm loop: starts from ``D_s W_xh^T`` and multiplies one step's factor
    ``D_t W_hh^T`` on the left per step. Trusts its arguments (callers validate).
    """
    out = np.empty(D.shape[0] - s)
    J = D[s][:, None] * W_xh.T  # d h_s / d x_s: [d_h, d_in]
    with np.errstate(over="ignore", invalid="ignore"):
        out[0] = np.linalg.norm(J)
        for t in range(s + 1, D.shape[0]):
            J = D[t][:, None] * (W_hh.T @ J)
            out[t - s] = np.linalg.norm(J)
    return out


# -------------------------------------------------------------------------------- parameters
def init_rnn(d_in, d_h, rng, *, radius=0.9, input_scale=1.0):
    """Random RNN parameters ``(W_xh, W_hh, b_h)`` with W_hh scaled to a given spectral radius.

    Parameters
    ----------
    d_in, d_h : int
    rng : numpy.random.Generator
        The only source of randomness, e.g. ``np.random.default_rng(0)``.
    radius : float
        Spectral radius (largest |eigenvalue|) of W_hh: below 1 influence tends to fade with
        distance, above 1 it can grow.
    input_scale : float
        Standard deviation of the entries of W_xh, times ``1/sqrt(d_in)``.
    """
    d_in, d_h = as_count(d_in, "d_in"), as_count(d_h, "d_h")
    W_xh = rng.normal(0.0, input_scale / np.sqrt(d_in), size=(d_in, d_h))
    W_hh = with_spectral_radius(rng.normal(size=(d_h, d_h)), radius)
    b_h = np.zeros(d_h)
    return W_xh, W_hh, b_h


def spectral_radius(W) -> float:
    """Largest absolute eigenvalue of a square matrix."""
    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(W, dtype=float)))))


def with_spectral_radius(W, radius: float) -> np.ndarray:
    """``W`` rescaled so that its spectral radius is ``radius``."""
    W = np.asarray(W, dtype=float)
    return W * (radius / spectral_radius(W))
