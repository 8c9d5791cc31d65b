"""A plain (Elman) RNN and a bidirectional RNN, with the influence of each input on each state.

numpy only. Row-vector convention: ``h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)`` with
``h_0 = 0``. Shapes use the names of the package docstring: T, d_in, d_h.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_weight_matrix

__all__ = [
    "NONLINEARITIES",
    "check_rnn_inputs",
    "rnn_forward",
    "run_recurrence",
    "birnn_forward",
    "input_influence",
    "init_rnn",
    "spectral_radius",
    "with_spectral_radius",
]

#: Nonlinearities the RNN helpers accept: name -> (function, derivative as a function of h).
NONLINEARITIES = {
    "tanh": (np.tanh, lambda h: 1.0 - h**2),
    "none": (lambda a: a, lambda h: np.ones_like(h)),
}


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
    """The recurrence itself, ``h_t = f(inputs_t + h_{t-1} W_hh)``, over axis -2.

    ``inputs`` already holds ``x_t W_xh + b_h``; leading axes are a batch of sentences of equal
    length. Trusts its arguments (callers validate); ``h0`` defaults to zeros.
    """
    H = np.empty(inputs.shape)
    h = np.zeros(inputs.shape[:-2] + (W_hh.shape[0],)) if h0 is None else h0
    for t in range(inputs.shape[-2]):
        h = f(inputs[..., t, :] + h @ W_hh)
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
    with np.errstate(over="ignore", invalid="ignore"):
        for s in range(T):
            J = D[s][:, None] * W_xh.T  # d h_s / d x_s: [d_h, d_in]
            out[s, s] = np.linalg.norm(J)
            for t in range(s + 1, T):
                J = D[t][:, None] * (W_hh.T @ J)
                out[t, s] = np.linalg.norm(J)
    return out


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
