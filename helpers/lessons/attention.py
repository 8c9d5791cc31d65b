"""Experiments behind notebooks 03 and 04: naive self-attention, its flaw, and Q/K/V. numpy only.

Everything here returns numbers; the figures live in :mod:`helpers.plots.attention` and the live
widgets in :mod:`helpers.ui.explorers.attention`; the example vectors in :mod:`.examples`.
Randomness enters through an ``rng`` argument.
Shapes use the names of the package docstring: T, d_in, d_k, d_v.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..core._validate import as_count, as_float_array
from ..core.attention import dot_product_attention, qkv_self_attention, score_scale
from .examples import EXAMPLE_WEIGHTS, check_weights, random_maps, rotation
from .saturation import GradientCurve, SaturationCurve, softmax_gradients, softmax_saturation

__all__ = [
    "QKV_PRESETS", "qkv_preset", "self_weight_stats", "SelfWeightCurve", "self_weight_vs_dimension",
    "solve_query_map", "SaturationCurve", "softmax_saturation", "GradientCurve", "softmax_gradients",
    "PermutationResult", "permutation_demo", "attention_influence",
]


def self_weight_stats(weights):  # [..., T, T] -> (float, float)
    """Average weight a word gives itself, and the share of words whose top weight is themselves.

    Parameters
    ----------
    weights : array_like of shape (..., T, T)
        Self-attention weights (rows: queries, columns: keys, same tokens).

    Returns
    -------
    mean_self_weight : float
        Mean of the diagonal entries.
    self_top_share : float
        Fraction of rows whose largest entry sits on the diagonal.
    """
    W = as_float_array(weights, "weights", min_ndim=2)
    if W.shape[-1] != W.shape[-2]:
        raise ValueError(f"self-attention weights must be square [..., T, T]; got shape {W.shape}.")
    diag = np.diagonal(W, axis1=-2, axis2=-1)  # [..., T]
    T = W.shape[-1]
    top = np.argmax(W, axis=-1) == np.arange(T)  # [..., T]
    return float(diag.mean()), float(top.mean())


class SelfWeightCurve(NamedTuple):
    """Self-weight statistics against the vector width d."""

    d: np.ndarray  # [n_d]
    mean_self_weight: np.ndarray  # [n_d]
    self_top_share: np.ndarray  # [n_d]
    T: int


def self_weight_vs_dimension(dims, rng, *, T=8, n_sentences=200, random_qk=False,
                             scaled=None, length_about_1=False) -> SelfWeightCurve:
    """How much random words attend to themselves, for each width d.

    Each sentence has ``T`` words with standard normal entries (length about sqrt(d)); with
    ``length_about_1=True`` the same draws divided by sqrt(d) (entries N(0, 1/d), length about 1).
    ``random_qk=False``: naive attention (Q = K = V = X, plain dot product).
    ``random_qk=True``: fresh random W_q and W_k per sentence (entries N(0, 1/d)), values = X, and the
    1/sqrt(d_k) scale, so W_q != W_k.
    ``scaled``: None keeps those defaults (naive plain, maps scaled); True or False forces the
    1/sqrt(d) scale on or off for both, to compare like with like.

    Returns
    -------
    SelfWeightCurve
        For each d: the mean self-weight and the share of words whose top weight is themselves.
    """
    dims = np.array([as_count(d, "every d in dims") for d in np.ravel(dims).tolist()], dtype=int)
    T, n_sentences = as_count(T, "T"), as_count(n_sentences, "n_sentences")
    means, shares = [], []
    for d in dims:
        X = rng.normal(size=(n_sentences, T, d))  # [n, T, d]
        if length_about_1:
            X = X / np.sqrt(d)
        if random_qk:
            W_q, W_k = (rng.normal(size=(2, n_sentences, d, d)) / np.sqrt(d))
            Q, K = X @ W_q, X @ W_k
        else:
            Q, K = X, X
        use_scale = random_qk if scaled is None else scaled
        _, w = dot_product_attention(Q, K, X, scale=None if use_scale else 1.0)
        m, s = self_weight_stats(w)
        means.append(m)
        shares.append(s)
    return SelfWeightCurve(dims, np.array(means), np.array(shares), int(T))


def solve_query_map(X, weights, *, W_k=None, scale=None, query_index=0) -> np.ndarray:
    """The W_q closest to the identity that gives one word exactly the wanted weights.

    ``[T, d_in], [T] -> [d_in, d_in]``. The query word's scores must be
    ``s_j = u . k_j`` with ``s_j - s_i = log(w_j / w_i)``: a linear system for the scaled query
    ``u``, solved (least norm) from the differences between keys. Then W_q is the identity plus the
    rank-one change that sends the word's vector ``x`` to ``u / scale``.

    Parameters
    ----------
    X : array_like of shape (T, d_in)
    weights : array_like of shape (T,)
        Positive, summing to 1.
    W_k : array_like of shape (d_in, d_in), optional
        Identity by default.
    scale : float or None
        The score scale that will be used (``None`` means 1/sqrt(d_k)).
    query_index : int
        Which word gets ``weights`` (0 = the first).

    Raises
    ------
    ValueError
        If no W_q can give those weights (more words than d_in + 1, or keys on one line).
    """
    X = as_float_array(X, "X", exact_ndim=2)
    T, d = X.shape
    w = check_weights(weights, T)
    W_k = np.eye(d) if W_k is None else as_float_array(W_k, "W_k", exact_ndim=2)
    if W_k.shape != (d, d):
        raise ValueError(f"W_k must have shape [{d}, {d}] here; got {W_k.shape}.")
    scale = score_scale(scale, d)
    K = X @ W_k  # [T, d]
    i = as_count(query_index, "query_index", minimum=0, maximum=T - 1)
    D = np.delete(K - K[i], i, axis=0)  # [T-1, d]
    b = np.delete(np.log(w / w[i]), i)  # [T-1]
    u = np.linalg.lstsq(D, b)[0]  # [d]
    if not np.allclose(D @ u, b, atol=1e-8):
        raise ValueError(
            f"no W_q gives weights {np.round(w, 3)}: with {T} words of width d_in = {d} the key "
            f"differences do not span enough directions (need T - 1 <= d_in and keys not on one line)."
        )
    x = X[i]
    return np.eye(d) + np.outer(x, u / scale - x) / float(x @ x)


class PermutationResult(NamedTuple):
    """Self-attention on a sentence and on the same words in another order."""

    perm: np.ndarray  # [T] new order: row t of the permuted sentence is row perm[t]
    outputs: np.ndarray  # [T, d_v]
    permuted_outputs: np.ndarray  # [T, d_v]
    weights: np.ndarray  # [T, T]
    permuted_weights: np.ndarray  # [T, T]

    @property
    def max_difference(self) -> float:
        """``max |permuted_outputs - outputs[perm]|``: 0 up to rounding (order blindness)."""
        return float(np.max(np.abs(self.permuted_outputs - self.outputs[self.perm])))


def permutation_demo(X, perm, W_q, W_k, W_v, *, scale=None) -> PermutationResult:
    """Run QKV self-attention on ``X`` and on ``X[perm]``; the outputs are just permuted too."""
    X = as_float_array(X, "X", exact_ndim=2)
    perm = np.asarray(perm, dtype=int)
    if sorted(perm.tolist()) != list(range(X.shape[0])):
        raise ValueError(f"perm must reorder 0..{X.shape[0] - 1} (each once); got {perm.tolist()}.")
    out, w = qkv_self_attention(X, W_q, W_k, W_v, scale=scale)
    out_p, w_p = qkv_self_attention(X[perm], W_q, W_k, W_v, scale=scale)
    return PermutationResult(perm, out, out_p, w, w_p)


def attention_influence(X, W_q, W_k, W_v, *, scale=None, rows=None) -> np.ndarray:  # -> [T, T]
    """How strongly each input moves each attention output: ``||d out_t / d x_s||`` (Frobenius).

    ``[T, d_in], [d_in, d_k], [d_in, d_k], [d_in, d_v] -> [T, T]``, the attention counterpart of
    :func:`helpers.core.rnn.input_influence`. With ``out_t = sum_j w_tj v_j``::

        d out_t / d x_s = w_ts W_v^T + sum_j (v_j - out_t)^T w_tj (d s_tj / d x_s),
        d s_tj / d x_s = scale * [j == s] q_t W_k^T + scale * [t == s] k_j W_q^T.

    Every word is one score away from every other, whatever the distance. ``rows``: only these
    outputs t are computed (the other rows stay 0); all by default.
    """
    X = as_float_array(X, "X", exact_ndim=2)
    W_q, W_k, W_v = (as_float_array(W, n, exact_ndim=2)
                     for W, n in ((W_q, "W_q"), (W_k, "W_k"), (W_v, "W_v")))
    out, w = qkv_self_attention(X, W_q, W_k, W_v, scale=scale)
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    c = score_scale(scale, W_q.shape[1])
    T = X.shape[0]
    res = np.zeros((T, T))
    for t in range(T) if rows is None else np.arange(T)[np.asarray(rows, dtype=int)]:
        dv = (V - out[t]) * w[t][:, None]  # [T, d_v]: (v_j - out_t) w_tj
        for s in range(T):
            J = w[t, s] * W_v.T + c * np.outer(dv[s], Q[t] @ W_k.T)  # [d_v, d_in]
            if s == t:
                J = J + c * dv.T @ (K @ W_q.T)  # query term: sum_j dv_j^T (k_j W_q^T)
            res[t, s] = np.linalg.norm(J)
    return res


def _identity_preset(X, seed, scale):
    eye = np.eye(X.shape[1])
    return eye, eye, eye


def _rotation_preset(X, seed, scale):
    eye = np.eye(X.shape[1])
    return rotation(60, X.shape[1]), eye, eye


def _random_preset(X, seed, scale):
    return random_maps(X.shape[1], np.random.default_rng(seed))


def _post_weights_preset(X, seed, scale):
    if X.shape[0] != 3:
        raise ValueError(f"this preset sets the weights of the first of three words; "
                         f"the sentence has {X.shape[0]} words. Try 'I go home'.")
    eye = np.eye(X.shape[1])
    try:
        W_q = solve_query_map(X, EXAMPLE_WEIGHTS, scale=scale)
    except ValueError as err:  # e.g. two equal words: their keys coincide
        raise ValueError(f"{err} Try three different words, such as 'I go home'.") from None
    return W_q, eye, eye


_QKV_BUILDERS = {
    "identity (Q = K = V = X, as in 03)": _identity_preset,
    "rotation: W_q turns queries by 60°": _rotation_preset,
    "random (seeded)": _random_preset,
    "I: 0.2 / 0.1 / 0.7": _post_weights_preset,
}
#: The Q/K/V explorer's presets, by name (notebook 04).
QKV_PRESETS = tuple(_QKV_BUILDERS)


def qkv_preset(name: str, X, *, seed: int = 0, scale=None):  # [T, d] -> 3 x [d, d]
    """``(W_q, W_k, W_v)`` for one of :data:`QKV_PRESETS`, for the sentence ``X``.

    The last preset solves for the W_q that gives the first of three words the weights 0.2 / 0.1 /
    0.7 (with W_k = W_v = I at score scale ``scale``). Raises ValueError naming the problem for an
    unknown name or a sentence it cannot apply to.
    """
    if name not in _QKV_BUILDERS:
        raise ValueError(f"unknown preset {name!r}; choose one of {list(QKV_PRESETS)}.")
    return _QKV_BUILDERS[name](as_float_array(X, "X", exact_ndim=2), seed, scale)
