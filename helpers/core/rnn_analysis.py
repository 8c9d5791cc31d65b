"""Why an RNN forgets: per-step Jacobians, influence against distance, and a probe of lost words.

numpy only; randomness enters through an ``rng`` argument. Row-vector convention as in
:mod:`helpers.core.rnn`: ``h_t = f(x_t W_xh + h_{t-1} W_hh + b_h)``, so one step's Jacobian is::

    J_t = d h_t / d h_{t-1} = diag(f'(a_t)) W_hh^T,   f'(a_t) = 1 - h_t^2 for tanh,

and the influence of an early state on a later one is the product ``J_t J_{t-1} ... J_{s+1}``:
one factor per step in between, which is why it tends to shrink or grow, roughly geometrically,
with distance (a single factor can stretch while the product shrinks).
Shapes use the names of the package docstring: T, d_in, d_h; V is the size of a vocabulary and
n a number of sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import as_count, as_float_array
from .rnn import (
    NONLINEARITIES,
    check_rnn_inputs,
    influence_norms,
    input_influence,
    rnn_forward,
    run_recurrence,
)

__all__ = [
    "step_jacobian",
    "jacobian_product",
    "hidden_influence",
    "first_word_influence",
    "state_difference",
    "batched_rnn_forward",
    "ProbeResult",
    "linear_probe",
    "probe_first_word",
    "birnn_influence",
    "power_norms",
    "gradient_fate",
    "classify_gain",
]


def _check_nonlinearity(nonlinearity):
    if nonlinearity not in NONLINEARITIES:
        raise ValueError(f"nonlinearity must be one of {sorted(NONLINEARITIES)}; got {nonlinearity!r}.")


def _check_square(W_hh, name="W_hh"):
    W = as_float_array(W_hh, name, exact_ndim=2)
    if W.shape[0] != W.shape[1]:
        raise ValueError(f"{name} must be square [d_h, d_h]; got shape {W.shape}.")
    return W


def step_jacobian(h_t, W_hh, *, nonlinearity="tanh"):  # [d_h], [d_h, d_h] -> [d_h, d_h]
    """Jacobian of one RNN step, ``d h_t / d h_{t-1} = diag(f'(a_t)) W_hh^T``.

    Parameters
    ----------
    h_t : array_like of shape (d_h,)
        The state *after* the step (for tanh the derivative is ``1 - h_t**2``).
    W_hh : array_like of shape (d_h, d_h)

    Returns
    -------
    ndarray of shape (d_h, d_h)
        Entry [i, j] is ``d h_t[i] / d h_{t-1}[j]``.
    """
    _check_nonlinearity(nonlinearity)
    W = _check_square(W_hh)
    h = as_float_array(h_t, "h_t", exact_ndim=1)
    if h.shape[0] != W.shape[0]:
        raise ValueError(f"h_t has width {h.shape[0]} but W_hh is {W.shape}: both must use the same d_h.")
    return NONLINEARITIES[nonlinearity][1](h)[:, None] * W.T


def jacobian_product(H, W_hh, s, t, *, nonlinearity="tanh"):  # [T, d_h], [d_h, d_h] -> [d_h, d_h]
    """``d h_t / d h_s = J_t J_{t-1} ... J_{s+1}`` for ``s <= t`` (the identity when s == t).

    Parameters
    ----------
    H : array_like of shape (T, d_h)
        Hidden states from :func:`helpers.core.rnn.rnn_forward`.
    W_hh : array_like of shape (d_h, d_h)
    s, t : int
        Positions (0-based), ``0 <= s <= t < T``.

    Returns
    -------
    ndarray of shape (d_h, d_h)
    """
    H = as_float_array(H, "H", exact_ndim=2)
    W = _check_square(W_hh)
    if H.shape[1] != W.shape[0]:
        raise ValueError(f"H has width {H.shape[1]} but W_hh is {W.shape}: both must use the same d_h.")
    s, t = as_count(s, "s", minimum=None), as_count(t, "t", minimum=None)
    if not 0 <= s <= t < H.shape[0]:
        raise ValueError(f"need 0 <= s <= t < T = {H.shape[0]}; got s = {s}, t = {t}.")
    J = np.eye(W.shape[0])
    for k in range(s + 1, t + 1):
        J = step_jacobian(H[k], W, nonlinearity=nonlinearity) @ J  # later steps on the left
    return J


def hidden_influence(X, W_xh, W_hh, b_h, *, nonlinearity="tanh"):  # ... -> [T]
    """How much the last state depends on each earlier state: ``||d h_{T-1} / d h_t||_2``.

    ``[T, d_in], [d_in, d_h], [d_h, d_h], [d_h] -> [T]``. The norm is the spectral norm (the
    largest factor by which a small nudge to ``h_t`` is stretched by the time it reaches the end),
    so the last entry, the identity, is exactly 1.
    """
    X, W_xh, W_hh, b_h = check_rnn_inputs(X, W_xh, W_hh, b_h, nonlinearity)
    H = rnn_forward(X, W_xh, W_hh, b_h, nonlinearity=nonlinearity)
    deriv = NONLINEARITIES[nonlinearity][1](H)  # [T, d_h]
    T = X.shape[0]
    out = np.empty(T)
    G = np.eye(W_hh.shape[0])  # d h_{T-1} / d h_t, starting at t = T-1
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(T - 1, -1, -1):
            out[t] = np.linalg.norm(G, 2)
            G = G @ (deriv[t][:, None] * W_hh.T)  # times d h_t / d h_{t-1}
    return out


def first_word_influence(X, W_xh, W_hh, b_h, *, nonlinearity="tanh"):  # ... -> [T]
    """``||d h_t / d x_0||`` (Frobenius) for every t: how strongly the first word moves each state.

    ``[T, d_in], [d_in, d_h], [d_h, d_h], [d_h] -> [T]``; the same as column 0 of
    :func:`helpers.core.rnn.input_influence`, in O(T) matrix products instead of O(T^2).
    """
    X, W_xh, W_hh, b_h = check_rnn_inputs(X, W_xh, W_hh, b_h, nonlinearity)
    H = rnn_forward(X, W_xh, W_hh, b_h, nonlinearity=nonlinearity)
    return influence_norms(NONLINEARITIES[nonlinearity][1](H), W_xh, W_hh, s=0)


def state_difference(X, X_other, W_xh, W_hh, b_h, *, nonlinearity="tanh"):  # [T, d_in] x 2 -> [T]
    """``||h_t - h'_t||`` for two sentences run through the same RNN (e.g. "I ..." vs "You ...").

    When the sentences differ only in their first word, this is how much trace of that word is
    left at each step.
    """
    H = rnn_forward(X, W_xh, W_hh, b_h, nonlinearity=nonlinearity)
    if np.shape(X_other) != np.shape(X):
        raise ValueError(f"X_other must have the shape of X, {np.shape(X)}; got {np.shape(X_other)}.")
    H_other = rnn_forward(X_other, W_xh, W_hh, b_h, nonlinearity=nonlinearity)
    return np.linalg.norm(H - H_other, axis=1)


def batched_rnn_forward(X, W_xh, W_hh, b_h, *, nonlinearity="tanh"):  # [n, T, d_in] -> [n, T, d_h]
    """:func:`helpers.core.rnn.rnn_forward` for ``n`` sentences of equal length at once.

    Parameters
    ----------
    X : array_like of shape (n, T, d_in)

    Returns
    -------
    ndarray of shape (n, T, d_h)
    """
    X = as_float_array(X, "X", exact_ndim=3)
    check_rnn_inputs(X[0], W_xh, W_hh, b_h, nonlinearity)
    inputs = X @ np.asarray(W_xh, dtype=float) + np.asarray(b_h, dtype=float)  # [n, T, d_h]
    return run_recurrence(inputs, np.asarray(W_hh, dtype=float), NONLINEARITIES[nonlinearity][0])


@dataclass
class ProbeResult:
    """What :func:`probe_first_word` measured, one entry per distance."""

    distance: np.ndarray  # [T] steps between the first word and the probed state: 0..T-1
    r2: np.ndarray  # [T] held-out R^2 of the first word's vector read back from h_t
    accuracy: np.ndarray  # [T] held-out fraction where the nearest vocabulary word is the right one
    chance: float  # accuracy of guessing: 1 / V


def linear_probe(states, target, n_train):  # [n, d_h], [n, d_in] -> float, [n - n_train, d_in]
    """Held-out R^2 of a least-squares read-out ``target ~ states A + c``.

    Fits on the first ``n_train`` rows and scores on the rest: 1 = fully recoverable, 0 = no better
    than the training rows' average. Returns the R^2 and the held-out predictions.
    """
    feats = np.column_stack([states, np.ones(len(states))])  # [n, d_h + 1]
    F = feats[:n_train]  # least squares through the small normal equations: fast, and rank-safe
    coef = np.linalg.lstsq(F.T @ F, F.T @ target[:n_train], rcond=None)[0]  # [d_h + 1, d_in]
    pred = feats[n_train:] @ coef  # [n - n_train, d_in]
    resid = np.sum((target[n_train:] - pred) ** 2)
    spread = np.sum((target[n_train:] - target[:n_train].mean(axis=0)) ** 2)
    return 1.0 - resid / spread, pred


def probe_first_word(W_xh, W_hh, b_h, vocab, rng, *, T=30, n_sentences=2000, nonlinearity="tanh",
                     later="random"):
    """Read the first word back from each hidden state with a linear (least-squares) probe.

    ``[d_in, d_h], [d_h, d_h], [d_h], [V, d_in] -> ProbeResult`` with arrays of length T.

    Draws ``n_sentences`` random sentences of ``T`` words from the vocabulary, runs the RNN, and
    for every position t fits ``x_0 ~ h_t A + c`` by least squares on half of the sentences
    (:func:`linear_probe`). On the other half it reports R^2 (1 = the first word is fully
    recoverable, 0 = no better than its average) and how often the vocabulary word nearest the
    prediction is the true first word. ``later="fixed"`` is the control: the same first words,
    but every later word of every sentence is one fixed word, so the later words carry nothing.
    """
    vocab = as_float_array(vocab, "vocab", exact_ndim=2)
    if vocab.shape[0] < 2:
        raise ValueError(f"vocab needs at least 2 words to tell apart; got {vocab.shape[0]}.")
    T, n_sentences = as_count(T, "T", minimum=None), as_count(n_sentences, "n_sentences", minimum=None)
    if T < 1 or n_sentences < 8:
        raise ValueError(f"need T >= 1 and n_sentences >= 8; got T = {T}, n_sentences = {n_sentences}.")
    if later not in ("random", "fixed"):
        raise ValueError(f"later must be 'random' or 'fixed'; got {later!r}.")
    words = rng.integers(vocab.shape[0], size=(n_sentences, T))  # [n, T]
    if later == "fixed":
        words[:, 1:] = words[0, -1]  # one word, drawn once, after every first word
    H = batched_rnn_forward(vocab[words], W_xh, W_hh, b_h, nonlinearity=nonlinearity)  # [n, T, d_h]
    target, n_train = vocab[words[:, 0]], n_sentences // 2  # [n, d_in]
    r2, acc = np.empty(T), np.empty(T)
    for t in range(T):
        r2[t], pred = linear_probe(H[:, t], target, n_train)
        dist = ((pred[:, None, :] - vocab[None]) ** 2).sum(axis=-1)  # [n_test, V]
        acc[t] = np.mean(dist.argmin(axis=1) == words[n_train:, 0])
    return ProbeResult(distance=np.arange(T), r2=r2, accuracy=acc, chance=1.0 / vocab.shape[0])


def birnn_influence(X, forward, backward, *, nonlinearity="tanh"):  # [T, d_in] -> 3 x [T, T]
    """What each half of a bidirectional RNN knows: ``||d h_t / d x_s||`` for each direction.

    ``[T, d_in], (W_xh, W_hh, b_h), (W_xh, W_hh, b_h) -> ([T, T], [T, T], [T, T])``

    Returns
    -------
    forward : ndarray of shape (T, T)
        Lower-triangular: the forward state at t has read words 0..t.
    backward : ndarray of shape (T, T)
        Upper-triangular: the backward state at t has read words t..T-1.
    both : ndarray of shape (T, T)
        The concatenated state ``[forward h_t, backward h_t]``: ``sqrt(forward^2 + backward^2)``.
    """
    if np.ndim(X) != 2:
        raise ValueError(f"X must be 2-D [T, d_in], one token per row; got shape {np.shape(X)}.")
    fwd = input_influence(X, *forward, nonlinearity=nonlinearity)
    # The backward RNN reads the reversed sentence; flip both axes back to sentence positions.
    bwd = input_influence(np.asarray(X)[::-1], *backward, nonlinearity=nonlinearity)[::-1, ::-1]
    return fwd, np.ascontiguousarray(bwd), np.sqrt(fwd**2 + bwd**2)


def power_norms(W_hh, steps):  # [d_h, d_h] -> [steps + 1]
    """``||(W_hh^T)^k||_2`` for k = 0..steps: a linear RNN's gradient gain over k steps."""
    W = _check_square(W_hh)
    steps = as_count(steps, "steps", minimum=0)
    out = np.empty(steps + 1)
    P = np.eye(W.shape[0])
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps + 1):
            if not np.all(np.isfinite(P)):  # overflowed: the gain is beyond any float from here on
                out[k:] = np.inf
                break
            out[k] = np.linalg.norm(P, 2)
            P = P @ W.T
    return out


def gradient_fate(W_hh, *, steps=60, low=1e-2, high=1e2):
    """``"vanish"``, ``"explode"`` or ``"neither"``: the fate of a gradient after ``steps`` steps.

    Decided from a linear RNN's gain ``||(W_hh^T)^steps||``; in the long run it follows the
    spectral radius (below 1: vanish, above 1: explode), whatever the size of single entries.
    """
    return classify_gain(power_norms(W_hh, steps)[-1], low=low, high=high)


def classify_gain(gain, *, low=1e-2, high=1e2) -> str:
    """``"vanish"`` below ``low``, ``"explode"`` above ``high`` (or not finite), else ``"neither"``."""
    if not np.isfinite(gain) or gain > high:
        return "explode"
    return "vanish" if gain < low else "neither"
