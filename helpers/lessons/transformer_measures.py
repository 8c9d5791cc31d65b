"""The measurements behind notebook 07's "why" sentences. numpy only.

- :func:`last_position_influence`: the influence of every word on the last position, RNN against
  causal attention, over many random draws (a shorter path is not always a larger influence; what
  changes with the path is how the influence depends on the distance).
- :func:`head_cost`: the multiply-adds of the products ``multi_head_attention`` does, and the
  softmax weights it keeps, for h heads of width d_k (``tests/claims/test_07_heads_cost.py`` counts
  the products the code actually runs against these formulas).
- :func:`time_rnn_loop`: what the RNN loop's time is made of on a CPU: the recurrence as
  ``rnn_forward`` runs it, the same products with no dependency between steps (still one call per
  step), and the same multiply-adds as one product.

Shapes: T, d, d_model, h, d_k.
"""

from __future__ import annotations

import time
from typing import NamedTuple

import numpy as np

from ..core import multi_head_attention, recurrent_step, run_recurrence
from ..core._validate import as_count
from .transformer import influence_patterns

__all__ = ["last_position_influence", "HeadCost", "head_cost", "LoopTiming", "time_rnn_loop"]


def last_position_influence(T: int, d: int, seeds):  # -> [n_seeds, T], [n_seeds, T]
    """Row n: ``||d out_{T-1} / d x_s||`` for every word s, RNN and causal attention, seed ``seeds[n]``.

    One :func:`~helpers.lessons.transformer.influence_patterns` draw per seed (random words, a
    random RNN, a random two-head causal attention layer); column s is the word ``T - 1 - s``
    steps before the last position.
    """
    T, d = as_count(T, "T"), as_count(d, "d")
    pairs = [influence_patterns(T, d, np.random.default_rng(int(s))) for s in seeds]
    return np.array([r[T - 1] for r, _ in pairs]), np.array([a[T - 1] for _, a in pairs])


class HeadCost(NamedTuple):
    """Multiply-adds of multi-head attention's products, by part, and the softmax weights it keeps."""

    maps: int  # X W_q[j], X W_k[j], X W_v[j] for every head: 3 T d_model (h d_k)
    scores_and_sums: int  # Q K^T and weights V for every head: h (2 T^2 d_k)
    mix: int  # concat(heads) W_o: T (h d_k) d_model
    weights_kept: int  # h T^2 softmax weights (the softmax runs over h T^2 scores)
    weights_bytes: int  # their memory, read from a real call

    @property
    def products(self) -> int:
        """All the multiply-adds of the matrix products."""
        return self.maps + self.scores_and_sums + self.mix


def head_cost(T, d_model, h, d_k, rng) -> HeadCost:
    """Cost of ``multi_head_attention`` with h heads of width ``d_k = d_v`` over T tokens.

    The multiply-adds come from the shapes of the products (the softmax's exponentials and the
    layer's additions are not counted); the weights' count and bytes come from the array a real call
    on random inputs (from ``rng``) returns.
    """
    T, d_model = as_count(T, "T"), as_count(d_model, "d_model")
    h, d_k = as_count(h, "h"), as_count(d_k, "d_k")
    W_q, W_k, W_v = (rng.normal(0, d_model**-0.5, (h, d_model, d_k)) for _ in range(3))
    W_o = rng.normal(0, (h * d_k) ** -0.5, (h * d_k, d_model))
    _, weights = multi_head_attention(rng.normal(size=(T, d_model)), W_q, W_k, W_v, W_o)  # [h, T, T]
    return HeadCost(maps=3 * T * d_model * h * d_k, scores_and_sums=h * 2 * T * T * d_k,
                    mix=T * h * d_k * d_model, weights_kept=int(weights.size),
                    weights_bytes=int(weights.nbytes))


class LoopTiming(NamedTuple):
    """Best wall time of three ways to do the RNN's ``2 T d^2`` multiply-adds, per sentence length."""

    T: np.ndarray  # [n]
    chain: np.ndarray  # [n] rnn_forward's loop: h_t = tanh(u_t + h_{t-1} W_hh), each step waits for the last
    separate: np.ndarray  # [n] the same T steps, each on a stored state instead: no step waits
    one_product: np.ndarray  # [n] the same multiply-adds as one [T, d] @ [d, d] product


def _best(fn, best: float) -> float:
    start = time.perf_counter()
    fn()
    return min(best, time.perf_counter() - start)


def _separate_steps(U, S, W_hh):  # [T, d], [T, d], [d, d]: T calls, none using another's result
    for t in range(U.shape[0]):
        recurrent_step(U[t], S[t], W_hh)


def time_rnn_loop(T_values, d, rng, *, repeats=3) -> LoopTiming:
    """Time the RNN's recurrence three ways (best of ``repeats`` whole sweeps; times depend on the machine).

    All three compute ``tanh(X W_xh + (previous state) W_hh)`` for T tokens of width d:
    ``chain``, the loop of ``rnn_forward`` (``run_recurrence``, without the input checks);
    ``separate``, the same ``recurrent_step`` call per token but on a stored random state ``S[t]``,
    so no call waits for another's result; ``one_product``, ``tanh(X W_xh + S W_hh)`` at once. If
    the chain and the separate calls take about the same time, the loop's time is the cost of
    issuing T calls, not the waiting.
    """
    T_values = [as_count(T, "T") for T in T_values]
    d, repeats = as_count(d, "d"), as_count(repeats, "repeats")
    W_xh, W_hh = rng.normal(0, d**-0.5, (d, d)), rng.normal(0, d**-0.5, (d, d))
    b_h = np.zeros(d)
    data = {T: (rng.normal(size=(T, d)), np.tanh(rng.normal(size=(T, d)))) for T in T_values}
    best = np.full((3, len(T_values)), np.inf)
    for _ in range(repeats):  # whole sweeps, interleaved, so a burst of load spoils one run of each
        for n, T in enumerate(T_values):
            X, S = data[T]
            best[0, n] = _best(lambda X=X: run_recurrence(X @ W_xh + b_h, W_hh, np.tanh), best[0, n])
            best[1, n] = _best(lambda X=X, S=S: _separate_steps(X @ W_xh + b_h, S, W_hh), best[1, n])
            best[2, n] = _best(lambda X=X, S=S: np.tanh(X @ W_xh + b_h + S @ W_hh), best[2, n])
    return LoopTiming(np.array(T_values), *best)
