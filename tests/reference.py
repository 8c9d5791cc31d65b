"""Reference computations the tests compare with, written as plain loops (no helpers code).

One copy of each, so every test that checks a softmax checks it against the same independent loop.
"""

import math

import numpy as np


def loop_softmax(values) -> np.ndarray:
    """Softmax of one row by a loop: ``exp(v - max) / sum`` over the row. ``[n] -> [n]``"""
    row = [float(v) for v in values]
    top = max(row)
    e = [math.exp(v - top) for v in row]
    total = sum(e)
    return np.array([x / total for x in e])


def loop_softmax_rows(S) -> np.ndarray:
    """Softmax along the last axis of an array of any rank, one row at a time. ``[..., n] -> [..., n]``"""
    S = np.asarray(S, dtype=float)
    return np.array([loop_softmax(r) for r in S.reshape(-1, S.shape[-1])]).reshape(S.shape)
