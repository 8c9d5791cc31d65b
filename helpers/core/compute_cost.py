"""What an RNN and an attention layer cost over T tokens: sequential steps, operations, time.

numpy only. Operations are counted as multiply-adds (one multiplication and one addition), for
token vectors of width ``d`` (``d_in = d_h = d_k = d_v = d``) and no biases:

- RNN, ``h_t = tanh(x_t W_xh + h_{t-1} W_hh)``: two ``[d] @ [d, d]`` products per step,
  so ``2 T d^2``. The ``T d^2`` of ``x_t W_xh`` need no earlier state (``rnn_forward`` does them
  as one product); the ``T d^2`` of ``h_{t-1} W_hh`` run in T steps, each waiting for the one before.
- LSTM: four gates, each from ``x_t W`` and ``h_{t-1} U``: ``8 T d^2``, also in T steps (a formula
  only: this package has no LSTM).
- attention with Q/K/V maps: ``X W_q, X W_k, X W_v`` (``3 T d^2``), scores ``Q K^T`` (``T^2 d``),
  weighted sum ``weights V`` (``T^2 d``): ``3 T d^2 + 2 T^2 d``, with no step waiting for another
  token, so a constant number of sequential steps, independent of T (counted as 1 layer step).
"""

from __future__ import annotations

import time
from typing import NamedTuple

import numpy as np

from ._validate import as_count
from .attention import qkv_self_attention
from .rnn import rnn_forward

__all__ = ["sequential_steps", "multiply_adds", "CostTiming", "time_rnn_vs_attention"]

_MODELS = ("rnn", "lstm", "attention")


def _check(T, d, model):
    if model not in _MODELS:
        raise ValueError(f"model must be one of {_MODELS}; got {model!r}.")
    return as_count(T, "T"), as_count(d, "d")


def sequential_steps(T, model) -> int:
    """Steps that must run one after another to encode T tokens: ``T`` for an RNN or an LSTM, 1 for attention.

    Attention's 1 stands for a constant number of steps, independent of T (the maps, the scores, the
    softmax, the weighted sum): within each, every token's output can be computed at the same time.
    """
    T, _ = _check(T, 1, model)
    return 1 if model == "attention" else T


def multiply_adds(T, d, model) -> int:
    """Exact multiply-add count of one layer over T tokens of width d (see the module docstring).

    ``"rnn"``: ``2 T d^2``; ``"lstm"``: ``8 T d^2``; ``"attention"``: ``3 T d^2 + 2 T^2 d``. Python
    ints, so large T is exact.
    """
    T, d = _check(T, d, model)
    per_token = {"rnn": 2 * d * d, "lstm": 8 * d * d, "attention": 3 * d * d + 2 * T * d}[model]
    return T * per_token


class CostTiming(NamedTuple):
    """Measured wall time (best of ``repeats``) of one forward pass, per sentence length."""

    T: np.ndarray  # [n]
    rnn_seconds: np.ndarray  # [n]
    attention_seconds: np.ndarray  # [n]


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def time_rnn_vs_attention(T_values, d, rng, *, repeats=3) -> CostTiming:
    """Time an RNN over T steps against one Q/K/V attention layer over T tokens, in numpy.

    ``[n] (T values), int -> CostTiming``. Both read the same random ``[T, d]`` sentence; the
    weights are drawn once from ``rng``. Times depend on this machine; the counts of
    :func:`multiply_adds` and :func:`sequential_steps` do not.
    """
    T_values = [_check(T, d, "rnn")[0] for T in T_values]
    repeats = as_count(repeats, "repeats")
    W_xh, W_hh = rng.normal(0, d**-0.5, (d, d)), rng.normal(0, d**-0.5, (d, d))
    b_h = np.zeros(d)
    W_q, W_k, W_v = (rng.normal(0, d**-0.5, (d, d)) for _ in range(3))
    X = {T: rng.normal(size=(T, d)) for T in T_values}
    rnn_t, att_t = np.full(len(T_values), np.inf), np.full(len(T_values), np.inf)
    for _ in range(repeats):  # whole sweeps, so a burst of load elsewhere spoils one run, not one size
        for n, T in enumerate(T_values):
            rnn_t[n] = min(rnn_t[n], _seconds(lambda T=T: rnn_forward(X[T], W_xh, W_hh, b_h)))
            att_t[n] = min(att_t[n], _seconds(lambda T=T: qkv_self_attention(X[T], W_q, W_k, W_v)))
    return CostTiming(np.array(T_values), rnn_t, att_t)
