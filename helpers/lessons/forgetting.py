"""The controls behind notebook 01's "why" sentences. numpy only.

What makes radius 1.5 vanish with tanh (the size of the inputs, through saturation, not the width),
and what erases the first word from the state (the later words, not the distance alone).
docs/CLAIMS.md names the test of each sentence; the notebook prints these numbers.
"""

from __future__ import annotations

import numpy as np

from ..core._validate import as_count
from ..core.rnn import NONLINEARITIES, init_rnn, rnn_forward
from ..core.rnn_analysis import batched_rnn_forward, first_word_influence, linear_probe

__all__ = ["influence_ends", "probe_last_state"]


def influence_ends(d_h, input_std, *, radius=1.5, T=30, seeds=range(5), d_in=8, nonlinearity="tanh"):
    """How far the first word's influence falls over a random sentence, one entry per seed.

    For each seed: random inputs ``input_std * Z`` with ``Z`` of shape (T, d_in) drawn first from
    ``default_rng(seed)``, then an RNN of width ``d_h`` at spectral radius ``radius`` from the same
    generator. ``Z`` does not depend on ``d_h`` or ``input_std``, so two calls that differ in one of
    them differ in that alone.

    Returns
    -------
    ratio : ndarray of shape (n_seeds,)
        ``||d h_{T-1} / d x_0|| / ||d h_0 / d x_0||``.
    mean_derivative : ndarray of shape (n_seeds,)
        The mean of ``f'`` over every unit and step (for tanh ``1 - h^2``; 1 without a nonlinearity).
    """
    d_h, T = as_count(d_h, "d_h"), as_count(T, "T")
    if not np.isfinite(input_std) or input_std <= 0:
        raise ValueError(f"input_std must be a positive number; got {input_std!r}.")
    ratio, mean_derivative = [], []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        X = input_std * rng.normal(size=(T, d_in))  # [T, d_in]
        params = init_rnn(d_in, d_h, rng, radius=radius)
        curve = first_word_influence(X, *params, nonlinearity=nonlinearity)
        ratio.append(curve[-1] / curve[0])
        H = rnn_forward(X, *params, nonlinearity=nonlinearity)  # [T, d_h]
        mean_derivative.append(np.mean(NONLINEARITIES[nonlinearity][1](H)))
    return np.array(ratio), np.array(mean_derivative)


def probe_last_state(W_xh, W_hh, b_h, vocab, rng, *, T=30, n_sentences=2000):  # ... -> [T]
    """R^2 of every word read back from the last state ``h_{T-1}`` by a linear probe.

    The same random sentences as :func:`helpers.core.rnn_analysis.probe_first_word` with the same
    ``rng``; entry ``s`` is the held-out R^2 of word ``s`` (the newest word is entry ``T - 1``).
    """
    T, n_sentences = as_count(T, "T"), as_count(n_sentences, "n_sentences", minimum=8)
    words = rng.integers(len(vocab), size=(n_sentences, T))  # [n, T]
    h_last = batched_rnn_forward(vocab[words], W_xh, W_hh, b_h)[:, -1]  # [n, d_h]
    return np.array([linear_probe(h_last, vocab[words[:, s]], n_sentences // 2)[0] for s in range(T)])
