"""Small valid inputs and the assertions the compute tests share.

``RNN_ARGS`` and ``a(...)`` are valid inputs of the sizes below (one generator, drawn at import);
a bad-input test breaks one argument at a time and reads the message (tests/support/messages.py).
"""

import math

import numpy as np

from helpers.core import rnn_analysis
from helpers.core.gradcheck import relative_error

RNG = np.random.default_rng(0)
T, D_IN, D_H, D_K, D_V, H_HEADS, D_FF = 4, 3, 5, 2, 3, 2, 6


def a(*shape):
    """A valid array of that shape: the next normal draws of RNG."""
    return RNG.normal(size=shape)


RNN_ARGS = {"X": a(T, D_IN), "W_xh": a(D_IN, D_H), "W_hh": a(D_H, D_H) * 0.3, "b_h": a(D_H)}


def probe(vocab, **kw):
    """probe_first_word on RNN_ARGS' weights with this vocabulary (seed 0)."""
    return rnn_analysis.probe_first_word(RNN_ARGS["W_xh"], RNN_ARGS["W_hh"], RNN_ARGS["b_h"], vocab,
                                         np.random.default_rng(0), **kw)


def assert_scale(W, std, name):
    """Sample mean within 4 standard errors of 0, sample std within 6% of ``std``."""
    W = np.asarray(W).ravel()
    assert abs(W.mean()) < 4 * std / math.sqrt(W.size), (name, W.mean())
    assert abs(W.std() / std - 1) < 0.06, (name, W.std(), std)


def assert_close(analytic, numeric):
    """A backward pass against central differences: relative error below 1e-6."""
    err = relative_error(analytic, numeric)
    assert err < 1e-6, f"relative error {err:.2e}"
