"""Central finite differences: the independent check every hand-written backward pass is held to."""

from __future__ import annotations

import numpy as np

__all__ = ["numerical_gradient", "relative_error"]


def numerical_gradient(f, x, eps=1e-6):  # f: () -> float, x: [...] float64 changed in place -> [...]
    """``d f / d x`` by central differences, one entry at a time.

    Parameters
    ----------
    f : callable
        Takes no argument, reads ``x`` (which this function nudges in place and restores) and
        returns a float.
    x : ndarray, float64
    eps : float

    Returns
    -------
    ndarray, same shape as ``x``
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise ValueError("x must be a float64 ndarray that f reads (it is nudged in place).")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        plus = f()
        x[i] = old - eps
        minus = f()
        x[i] = old
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a, b) -> float:  # [...], [...] -> float
    """``max |a - b| / max(|b|)``: 0 for equal arrays; below ~1e-6 for a correct gradient."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} and {b.shape}.")
    return float(np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))) if a.size else 0.0
