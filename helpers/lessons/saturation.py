"""Why scores are divided by sqrt(d_k) (notebook 04, section 7): how peaked softmax gets and how its
gradients shrink as d_k grows, without and with the scale. numpy only.

Re-exported by :mod:`helpers.lessons.attention`. Randomness enters through an ``rng`` argument.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..core._validate import as_count
from ..core.attention import attention_scores, default_scale, softmax

__all__ = ["SaturationCurve", "softmax_saturation", "GradientCurve", "softmax_gradients"]


class SaturationCurve(NamedTuple):
    """How peaked softmax weights get as d_k grows, without and with the 1/sqrt(d_k) scale."""

    d_k: np.ndarray  # [n_d]
    max_weight_plain: np.ndarray  # [n_d]  mean largest weight, scale 1
    max_weight_scaled: np.ndarray  # [n_d]  mean largest weight, scale 1/sqrt(d_k)
    score_std_plain: np.ndarray  # [n_d]
    score_std_scaled: np.ndarray  # [n_d]
    n_k: int


def _components(rng, shape, correlation):
    """Standard normal entries; with ``correlation`` c > 0 the entries of each vector (last axis) share
    a common part: ``sqrt(1 - c) z + sqrt(c) u``, still mean 0 and variance 1, pairwise correlation c."""
    z = rng.normal(size=shape)
    if correlation == 0:
        return z
    return np.sqrt(1 - correlation) * z + np.sqrt(correlation) * rng.normal(size=shape[:-1] + (1,))


def softmax_saturation(d_values, rng, *, n_k=8, n_trials=400, correlation=0.0) -> SaturationCurve:
    """Largest softmax weight for random queries and keys (standard normal entries) against d_k.

    Without scaling, a score q . k has standard deviation sqrt(d_k), so softmax turns nearly
    one-hot (saturates) as d_k grows; multiplying by 1/sqrt(d_k) keeps the standard deviation at 1.
    That needs independent components: with ``correlation`` c > 0 between the components of each
    vector, the variance is ``d_k + d_k (d_k - 1) c^2`` and the scaled spread grows like c sqrt(d_k).
    """
    if not 0.0 <= float(correlation) < 1.0:
        raise ValueError(f"correlation must be in [0, 1); got {correlation!r}.")
    d_values = np.array([as_count(d, "every d_k in d_values") for d in np.ravel(d_values).tolist()],
                        dtype=int)
    n_k, n_trials = as_count(n_k, "n_k"), as_count(n_trials, "n_trials")
    out = {k: [] for k in ("mp", "ms", "sp", "ss")}
    for d_k in d_values:
        q = _components(rng, (n_trials, 1, d_k), correlation)
        k = _components(rng, (n_trials, n_k, d_k), correlation)
        plain = attention_scores(q, k, scale=1.0)  # [n, 1, n_k]
        scaled = default_scale(d_k) * plain
        out["mp"].append(softmax(plain).max(axis=-1).mean())
        out["ms"].append(softmax(scaled).max(axis=-1).mean())
        out["sp"].append(plain.std())
        out["ss"].append(scaled.std())
    return SaturationCurve(d_values, *(np.array(out[k]) for k in ("mp", "ms", "sp", "ss")), int(n_k))


class GradientCurve(NamedTuple):
    """How the softmax slope and the gradient reaching the query change with d_k (medians over trials)."""

    d_k: np.ndarray  # [n_d]
    slope_plain: np.ndarray  # [n_d]  median ||d a / d s|| (Frobenius), scale 1
    slope_scaled: np.ndarray  # [n_d]  same, scale 1/sqrt(d_k)
    query_plain: np.ndarray  # [n_d]  median ||d a / d q||, scale 1
    query_scaled: np.ndarray  # [n_d]  same, scale 1/sqrt(d_k)


def softmax_gradients(d_values, rng, *, n_k=8, n_trials=400) -> GradientCurve:
    """The softmax's slope ``d a / d s`` and the gradient reaching the query ``d a / d q``, against d_k.

    Draws queries and keys as :func:`softmax_saturation` does (independent entries), so the same
    ``rng`` seed gives the same vectors. ``d a / d s = diag(a) - a a^T``; ``d a / d q`` is that times
    ``scale * K``: the slope times keys whose length grows like sqrt(d_k). Medians: a few trials
    that do not saturate carry very large gradients and would dominate a mean.
    """
    d_values = np.array([as_count(d, "every d_k in d_values") for d in np.ravel(d_values).tolist()],
                        dtype=int)
    n_k, n_trials = as_count(n_k, "n_k"), as_count(n_trials, "n_trials")
    out = []
    for d_k in d_values:
        q, k = rng.normal(size=(n_trials, 1, d_k)), rng.normal(size=(n_trials, n_k, d_k))
        for c in (1.0, default_scale(d_k)):
            a = softmax(c * (q @ k.swapaxes(-1, -2))[:, 0])  # [n, n_k]
            J = a[:, :, None] * np.eye(n_k) - a[:, :, None] * a[:, None, :]  # [n, n_k, n_k]
            out += [np.median(np.linalg.norm(J, axis=(1, 2))),
                    np.median(np.linalg.norm(J @ (c * k), axis=(1, 2)))]  # [n, n_k, d_k]
    plain_s, plain_q, scaled_s, scaled_q = np.array(out).reshape(-1, 4).T
    return GradientCurve(d_values, plain_s, scaled_s, plain_q, scaled_q)
