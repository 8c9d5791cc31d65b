"""Experiments behind the RNN explorers of notebooks 01 and 02. numpy only.

Each function returns exactly the numbers an explorer shows, so tests and browser tests can
recompute a picture without building a widget.
"""

from __future__ import annotations

import numpy as np

from ..core.rnn import with_spectral_radius
from ..core.rnn_analysis import birnn_influence, classify_gain, first_word_influence, hidden_influence

__all__ = ["influence_curves", "birnn_contributions", "fate_of"]

_FATE_WORDS = {"vanish": "vanishing", "explode": "exploding", "neither": "steady"}


def fate_of(curve, *, low=1e-2, high=1e2) -> str:
    """``"vanishing"``, ``"exploding"`` or ``"steady"`` from the last/first ratio of an influence curve."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = curve[-1] / curve[0]
    return _FATE_WORDS[classify_gain(ratio, low=low, high=high)]


def influence_curves(X, params, radius, nonlinearity="tanh"):
    """The curves the influence explorer draws, for W_hh rescaled to spectral radius ``radius``.

    ``[T, d_in], (W_xh, W_hh, b_h) -> dict`` of arrays of length T, indexed by distance d = 0..T-1:
    ``"first word"`` ``||d h_d / d x_0||``, ``"to last state"`` ``||d h_{T-1} / d h_{T-1-d}||`` and
    ``"radius^d"`` (the geometric rate a linear RNN follows in the long run).
    """
    W_xh, W_hh, b_h = params
    W_r = with_spectral_radius(W_hh, radius)
    return {
        "first word": first_word_influence(X, W_xh, W_r, b_h, nonlinearity=nonlinearity),
        "to last state": hidden_influence(X, W_xh, W_r, b_h, nonlinearity=nonlinearity)[::-1],
        "radius^d": float(radius) ** np.arange(X.shape[0]),
    }


def birnn_contributions(X, forward, backward, t, radius, nonlinearity="tanh"):
    """How much each word moves the encoding of word ``t``, per direction, with W_hh at ``radius``.

    ``[T, d_in], (W_xh, W_hh, b_h) x 2 -> dict`` of [T] arrays: row ``t`` of the forward, backward
    and concatenated ``||d h_t / d x_s||`` maps (both recurrent matrices rescaled to ``radius``).
    """
    fwd_p = (forward[0], with_spectral_radius(forward[1], radius), forward[2])
    bwd_p = (backward[0], with_spectral_radius(backward[1], radius), backward[2])
    fwd, bwd, both = birnn_influence(X, fwd_p, bwd_p, nonlinearity=nonlinearity)
    return {"forward": fwd[t], "backward": bwd[t], "both": both[t]}
