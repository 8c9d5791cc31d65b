"""What decides whether a word prefers itself, and how far attention reaches. numpy only.

Scores of query/key attention are a bilinear form of the inputs: ``q_i . k_j = x_i W_q W_k^T x_j^T
= x_i M x_j^T`` with ``M = W_q W_k^T`` (notebook 04). This module names that form and the quantities
the notebook's claims are about; ``first_word_reach`` compares an RNN with attention on the same
quantity, the influence of the first word on the last position. Shapes: T, d_in, d_k, d_v.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..core._validate import as_count, as_float_array
from ..core.attention import default_scale, qkv_self_attention
from ..core.rnn import init_rnn, input_influence
from .attention import attention_influence
from .examples import random_maps

__all__ = ["bilinear_form", "self_scores", "diagonal_wins", "ReachComparison", "first_word_reach",
           "sentence_and_models", "reach_in_one_sentence", "crossing_distance", "MiddleWords",
           "middle_words_change_the_weight"]


def bilinear_form(W_q, W_k) -> np.ndarray:  # [d_in, d_k], [d_in, d_k] -> [d_in, d_in]
    """``M = W_q W_k^T``, so that the score of word i on word j is ``x_i M x_j^T``."""
    W_q = as_float_array(W_q, "W_q", exact_ndim=2)
    W_k = as_float_array(W_k, "W_k", exact_ndim=2)
    if W_q.shape != W_k.shape:
        raise ValueError(f"W_q and W_k must both be [d_in, d_k]; got {W_q.shape} and {W_k.shape}.")
    return W_q @ W_k.T


def self_scores(X, M) -> np.ndarray:  # [T, d_in], [d_in, d_in] -> [T]
    """Each word's score with itself, ``x_i M x_i^T`` (its squared M-norm when M is positive-definite)."""
    X = as_float_array(X, "X", exact_ndim=2)
    M = as_float_array(M, "M", exact_ndim=2)
    if M.shape != (X.shape[1], X.shape[1]):
        raise ValueError(f"M must be [d_in, d_in] = [{X.shape[1]}, {X.shape[1]}] here; got {M.shape}.")
    return np.einsum("id,de,ie->i", X, M, X)


def diagonal_wins(scores, *, strict=False) -> np.ndarray:  # [..., T, T] -> [..., T] bool
    """True for each row whose largest score (hence largest softmax weight) is on the diagonal.

    ``strict=False``: a tie within round-off (a repeated word) counts as a win, as in "no other word
    can beat it". ``strict=True``: the diagonal must beat every other entry of its row by more than
    round-off, as in "the word tops its own row".
    """
    S = as_float_array(scores, "scores", min_ndim=2)
    if S.shape[-1] != S.shape[-2]:
        raise ValueError(f"scores must be square [..., T, T]; got shape {S.shape}.")
    tol = 1e-9 * max(1.0, float(np.abs(S).max(initial=0.0)))
    diag = np.diagonal(S, axis1=-2, axis2=-1)  # [..., T]
    if strict:
        others = np.where(np.eye(S.shape[-1], dtype=bool), -np.inf, S)  # the diagonal left out
        return others.max(axis=-1, initial=-np.inf) < diag - tol
    return S.max(axis=-1, initial=-np.inf) <= diag + tol  # T = 0: no rows


class ReachComparison(NamedTuple):
    """Influence of the first word on the last position, for sentences of growing length."""

    distance: np.ndarray  # [T]  0..T-1: words between the first and the last position, plus one
    rnn_influence: np.ndarray  # [T]  ||d h_k / d x_0||: last RNN state of a (k+1)-word sentence
    attention_influence: np.ndarray  # [T]  ||d out_k / d x_0||: last attention output, same sentence
    attention_weight: np.ndarray  # [T]  weight the last word gives the first, w_k0
    rnn_steps: np.ndarray  # [T]  steps the first word passes to reach position k: k
    attention_steps: np.ndarray  # [T]  1 for every k > 0 (one score)


def sentence_and_models(T, d, rng, radius):
    """The sentence and models of :func:`first_word_reach`, drawn from ``rng`` in this order:
    ``X`` [T, d] (entries N(0, 1/d)), the RNN ``(W_xh, W_hh, b_h)`` of spectral radius ``radius``,
    and random attention maps ``(W_q, W_k, W_v)``."""
    X = rng.normal(size=(T, d)) / np.sqrt(d)
    rnn = init_rnn(d, d, rng, radius=radius)
    return X, rnn, random_maps(d, rng)


def first_word_reach(T, d, rng, *, radius=0.9) -> ReachComparison:
    """How strongly the first word moves the last position, in the first k+1 words of a sentence.

    ``T, d -> ReachComparison`` of [T] arrays. One random sentence of ``T`` words (width ``d``);
    for each k its first k+1 words go through an RNN (spectral radius ``radius``) and through one
    self-attention layer with random maps (scale 1/sqrt(d)). Both curves are the same quantity: the
    norm of the derivative of the last position's vector (RNN state or attention output) with
    respect to the first word's vector. The sentence grows with k, so the attention curve mixes
    distance with the number of words that compete (see :func:`reach_in_one_sentence`).
    """
    T, d = as_count(T, "T"), as_count(d, "d")
    X, (W_xh, W_hh, b_h), (W_q, W_k, W_v) = sentence_and_models(T, d, rng, radius)
    rnn = input_influence(X, W_xh, W_hh, b_h)[:, 0]  # state k depends only on words 0..k
    att, weight = np.zeros(T), np.zeros(T)
    for k in range(T):
        att[k] = attention_influence(X[: k + 1], W_q, W_k, W_v, rows=[k])[k, 0]
        weight[k] = qkv_self_attention(X[: k + 1], W_q, W_k, W_v)[1][k, 0]
    dist = np.arange(T)
    return ReachComparison(dist, rnn, att, weight, dist.astype(float), np.minimum(dist, 1).astype(float))


def reach_in_one_sentence(T, d, rng, *, radius=0.9) -> ReachComparison:
    """How strongly each word moves the last position of one sentence of ``T`` words, by distance.

    The same draws as :func:`first_word_reach` (same ``rng`` state, same sentence and models), but
    the sentence length stays ``T``: entry k is the word k places before the last one, so only the
    distance changes along the curve, not the number of words. ``attention_weight[k]`` is the
    weight the last word gives that word.
    """
    T, d = as_count(T, "T"), as_count(d, "d")
    X, (W_xh, W_hh, b_h), (W_q, W_k, W_v) = sentence_and_models(T, d, rng, radius)
    rnn = input_influence(X, W_xh, W_hh, b_h)[-1, ::-1]  # [T]: distance 0 (the last word) .. T-1
    att = attention_influence(X, W_q, W_k, W_v, rows=[-1])[-1, ::-1]
    weight = qkv_self_attention(X, W_q, W_k, W_v)[1][-1, ::-1]
    dist = np.arange(T)
    return ReachComparison(dist, rnn, att, weight, dist.astype(float), np.minimum(dist, 1).astype(float))


def crossing_distance(comparison: ReachComparison) -> int | None:
    """The distance from which attention's curve stays above the RNN's (None if it never does)."""
    below = np.flatnonzero(comparison.attention_influence[1:] <= comparison.rnn_influence[1:]) + 1
    last = len(comparison.distance) - 1
    if len(below) == 0:
        return 1 if last >= 1 else None
    return None if below[-1] == last else int(below[-1]) + 1


class MiddleWords(NamedTuple):
    """The last word's score and weight for the first word, before and after the words between change."""

    score: tuple[float, float]  # q_last . k_first (scaled), before and after
    weight: tuple[float, float]  # the last word's weight on the first word, before and after


def middle_words_change_the_weight(X, W_q, W_k, W_v, factor) -> MiddleWords:
    """Multiply every word between the first and the last by ``factor``: the score the last word
    gives the first stays, its weight does not (softmax divides by the sum over every word)."""
    X = as_float_array(X, "X", exact_ndim=2)
    if X.shape[0] < 3:
        raise ValueError(f"X needs at least 3 words, so that some lie between the first and the last; "
                         f"got {X.shape[0]}.")
    Y = X.copy()
    Y[1:-1] *= float(factor)
    c = default_scale(np.shape(W_q)[1])  # the scale qkv_self_attention uses
    scores = tuple(float(c * (Z[-1] @ W_q) @ (Z[0] @ W_k)) for Z in (X, Y))
    weights = tuple(float(qkv_self_attention(Z, W_q, W_k, W_v)[1][-1, 0]) for Z in (X, Y))
    return MiddleWords(scores, weights)
