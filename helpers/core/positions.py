"""Sinusoidal positional encodings: what a Transformer adds so attention can tell word orders apart.

numpy only. Shapes use the names of the package docstring (T) plus ``d``, the width of an encoding.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_count

__all__ = ["sinusoidal_positions"]


def sinusoidal_positions(T, d, *, base=10000.0) -> np.ndarray:  # int, int -> [T, d]
    """Sinusoidal positional encodings (Vaswani et al. 2017, section 3.5).

    Row t encodes position t (counted from 0). Column pair ``(2i, 2i+1)`` holds
    ``sin(t w_i), cos(t w_i)`` with frequency ``w_i = base ** (-2i / d)``: the first pair turns
    fastest (one radian per position), the last slowest.

    Parameters
    ----------
    T : int
        Number of positions, at least 1.
    d : int
        Width of each encoding; must be even (every frequency needs its sine and its cosine).
    base : float
        Sets the slowest frequency; larger than 1.

    Returns
    -------
    ndarray of shape (T, d)
    """
    T = as_count(T, "T")
    d = as_count(d, "d")
    if d % 2:
        raise ValueError(
            f"d must be even for sinusoidal positions: each frequency fills a sine column and a cosine "
            f"column; got d = {d}. Use d = {d + 1} or {d - 1}."
        )
    if not np.isfinite(base) or base <= 1.0:
        raise ValueError(f"base must be a finite number larger than 1; got {base}.")
    freqs = float(base) ** (-np.arange(0, d, 2) / d)  # [d/2]
    angles = np.arange(T)[:, None] * freqs[None, :]  # [T, d/2]
    P = np.empty((T, d))
    P[:, 0::2] = np.sin(angles)
    P[:, 1::2] = np.cos(angles)
    return P
