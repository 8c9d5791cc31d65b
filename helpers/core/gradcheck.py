"""Central finite differences: the independent check every hand-written backward pass is held to.

``numerical_gradient`` and ``relative_error`` check one array; ``gradient_errors`` and
``largest_gradient_error`` check every parameter of a model at once (the check notebooks 05 and
06 and the tests run on the trained models).
"""

from __future__ import annotations

import numpy as np

__all__ = ["numerical_gradient", "numerical_jacobian", "relative_error", "gradient_errors",
           "largest_gradient_error"]


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


def numerical_jacobian(f, x, eps=1e-6):  # f: () -> [...out], x: [...in] -> [...out, ...in]
    """``d f / d x`` of an array-valued ``f`` by central differences: entry ``[i_out, i_in]``.

    Like :func:`numerical_gradient` (``x`` is nudged in place and restored), for an ``f`` that
    returns an array; ``numerical_gradient`` is the case of a scalar ``f``.
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise ValueError("x must be a float64 ndarray that f reads (it is nudged in place).")
    J = None
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        plus = np.array(f(), dtype=np.float64)
        x[i] = old - eps
        minus = np.asarray(f(), dtype=np.float64)
        x[i] = old
        if J is None:
            J = np.zeros(plus.shape + x.shape)
        J[(...,) + i] = (plus - minus) / (2 * eps)
    return J


def relative_error(a, b) -> float:  # [...], [...] -> float
    """``max |a - b| / max(|b|)``: 0 for equal arrays; below ~1e-6 for a correct gradient."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} and {b.shape}.")
    return float(np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))) if a.size else 0.0


def gradient_errors(model, *batch, eps=1e-6) -> dict[str, float]:
    """For every parameter, the ``relative_error`` of the model's gradient against central differences.

    ``model`` follows the protocol of :mod:`helpers.core.training` (``params``, ``loss_and_grads``);
    ``batch`` is what ``loss_and_grads`` takes (e.g. ``X, y``). Each parameter array is nudged in
    place and restored, one entry at a time, so keep the model and the batch small.
    """
    _, grads = model.loss_and_grads(*batch)
    if grads.keys() != model.params.keys():
        raise ValueError(f"loss_and_grads returned gradients for {sorted(grads)}, "
                         f"but the model's params are {sorted(model.params)}.")

    def loss():
        return model.loss_and_grads(*batch)[0]

    return {k: relative_error(grads[k], numerical_gradient(loss, p, eps)) for k, p in model.params.items()}


def largest_gradient_error(model, *batch, eps=1e-6) -> float:
    """The largest of :func:`gradient_errors`: below ~1e-6 when every hand-written gradient is right."""
    return max(gradient_errors(model, *batch, eps=eps).values())
