"""Lesson data and experiments behind notebook 07 (toward the Transformer). numpy only.

The bilinear view of scores, head presets for "I go home" and the puzzle sentences of exercise 3,
the "home go I" experiment with positions, the seeded block of the one-block explorer, stacks of
random blocks with and without the residual, and the influence patterns that show a causal mask
is the RNN's reading direction with a one-step path. Shapes: T, d, d_model, h.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..core._validate import as_count, as_float_array
from ..core.attention import qkv_self_attention
from ..core.block import init_block, transformer_block
from ..core.embeddings import embed_tokens
from ..core.gradcheck import numerical_jacobian
from ..core.masks import causal_mask
from ..core.multi_head import multi_head_attention
from ..core.positions import sinusoidal_positions
from ..core.rnn import init_rnn, input_influence
from .bilinear import bilinear_form, self_scores  # M = W_q W_k^T and x_t M x_t^T (notebook 04's module)
from .examples import EXAMPLE_TOKENS, example_vectors, rotation

__all__ = [
    "HEAD_POSITION_SCALE", "HEAD_PRESETS", "head_preset", "head_input", "stack_heads",
    "bilinear_words", "bilinear_form", "bilinear_scores", "split_bilinear", "self_scores",
    "with_unit_self_scores",
    "PermutationWithPositions", "permutation_with_positions",
    "BLOCK_D_MODEL", "BLOCK_SEED", "block_weights", "block_input", "influence_patterns",
    "PUZZLE_SENTENCES", "puzzle_weights", "word_spread", "stack_spread",
]

#: Position scale of the heads section: positions (length 3) outweigh the words (length 1).
HEAD_POSITION_SCALE = 3.0
_SHARP = 3.0  # multiplies W_q and W_k of the presets, so each head's pattern is clear
_ONE_RADIAN = float(np.rad2deg(1.0))  # with d = 2, position t sits at angle 90 deg - t radians


def _first_word_query() -> np.ndarray:
    a, u = np.deg2rad(35.0), np.array([0.0, 1.0])  # every query -> the direction of position 0
    return _SHARP * np.outer([np.cos(a), np.sin(a)], u)


#: Per-head (W_q, W_k, W_v), each [2, 2], for "I go home" with positions at HEAD_POSITION_SCALE.
#: Keys turned by -1 radian land on the next position, so a query meets the key of the word before.
HEAD_PRESETS = {
    "same word": (_SHARP * np.eye(2), _SHARP * np.eye(2), np.eye(2)),
    "previous word": (_SHARP * np.eye(2), _SHARP * rotation(-_ONE_RADIAN), np.eye(2)),
    "next word": (_SHARP * np.eye(2), _SHARP * rotation(_ONE_RADIAN), np.eye(2)),
    "first word": (_first_word_query(), _SHARP * np.eye(2), np.eye(2)),
    "average": (np.zeros((2, 2)), np.eye(2), np.eye(2)),
}


def head_preset(name: str):
    """Copies of the preset's ``(W_q, W_k, W_v)`` (each [2, 2]), or ValueError listing the names."""
    if name not in HEAD_PRESETS:
        raise ValueError(f"unknown head preset {name!r}; choose one of {list(HEAD_PRESETS)}.")
    return tuple(W.copy() for W in HEAD_PRESETS[name])


def head_input(tokens=EXAMPLE_TOKENS, position_scale=HEAD_POSITION_SCALE) -> np.ndarray:  # (T) -> [T, 2]
    """Word vectors of notebook 04 plus ``position_scale`` times the 2-wide sinusoidal positions."""
    tokens = list(tokens)
    return example_vectors(tokens, 2) + float(position_scale) * sinusoidal_positions(len(tokens), 2)


def stack_heads(heads):
    """``[(W_q, W_k, W_v), ...]`` (h heads) -> W_q, W_k, W_v [h, d, d] and W_o [h*d, d] averaging them."""
    W_q, W_k, W_v = (np.stack([np.asarray(hd[i], dtype=float) for hd in heads]) for i in range(3))
    h, d = W_v.shape[0], W_v.shape[2]
    return W_q, W_k, W_v, np.tile(np.eye(d), (h, 1)) / h


#: One sentence per preset for exercise 3, other than "I go home" (so the section 4 figure does not
#: answer it); on each, its preset puts every row's largest weight (at least 0.96) where its name says.
PUZZLE_SENTENCES = {"first word": "she sings loudly", "previous word": "rain falls down",
                    "same word": "time flies fast", "next word": "birds fly south"}


def puzzle_weights(order):
    """``[(tokens, weights [T, T]), ...]``: each preset of ``order`` on its own puzzle sentence."""
    out = []
    for name in order:
        tokens = PUZZLE_SENTENCES[name].split()
        out.append((tokens, qkv_self_attention(head_input(tokens), *head_preset(name))[1]))
    return out


def bilinear_words() -> np.ndarray:  # -> [3, 2]
    """Unit vectors for "I", "go", "home" at 20, 80 and 170 degrees: "go" is 60 degrees from "I"."""
    a = np.deg2rad([20.0, 80.0, 170.0])
    return np.stack([np.cos(a), np.sin(a)], axis=1)


def bilinear_scores(X, M) -> np.ndarray:  # [T, d], [d, d] -> [T, T]
    """Unscaled scores ``X M X^T``: entry [i, j] is ``x_i M x_j^T``."""
    X, M = as_float_array(X, "X", exact_ndim=2), as_float_array(M, "M", exact_ndim=2)
    return X @ M @ X.T


def split_bilinear(M):  # [d, d] -> [d, d], [d, d]
    """``M = S + A`` with ``S = (M + M^T)/2`` symmetric and ``A = (M - M^T)/2`` antisymmetric.

    ``x A x^T = 0`` for every x, so A never changes a self-score: those come from S alone.
    """
    M = as_float_array(M, "M", exact_ndim=2)
    return (M + M.T) / 2, (M - M.T) / 2


def with_unit_self_scores(X, M) -> np.ndarray:  # [T, d], [d, d] -> [T, d]
    """Rows rescaled so every self-score ``x M x^T`` is 1 (M must give each row a positive self-score)."""
    n = self_scores(X, M)
    if np.any(n <= 0):
        raise ValueError("every word needs a positive self-score x M x^T to be rescaled to 1.")
    return np.asarray(X, dtype=float) / np.sqrt(n)[:, None]


class PermutationWithPositions(NamedTuple):
    """Outputs of "I go home" and of "home go I" (rows put back in the first order)."""

    outputs: np.ndarray  # [T, d]
    reordered_outputs: np.ndarray  # [T, d]  outputs of the permuted sentence, row t = word t above
    max_difference: float


def permutation_with_positions(tokens, perm, maps, *, position_scale) -> PermutationWithPositions:
    """Attention over ``tokens`` and over ``tokens[perm]``, positions added at ``position_scale``.

    With scale 0 attention cannot tell the orders apart: each word gets the same output in both.
    """
    tokens = list(tokens)
    perm = np.asarray(perm)
    if sorted(perm.tolist()) != list(range(len(tokens))):
        raise ValueError(f"perm must reorder 0..{len(tokens) - 1}; got {perm.tolist()}.")
    d = np.shape(maps[0])[0]
    P = float(position_scale) * sinusoidal_positions(len(tokens), d)
    X = example_vectors(tokens, d)
    out, _ = qkv_self_attention(X + P, *maps)
    out_p, _ = qkv_self_attention(X[perm] + P, *maps)
    back = np.empty_like(out_p)
    back[perm] = out_p  # the output of word perm[t] lands on row perm[t]
    return PermutationWithPositions(out, back, float(np.max(np.abs(back - out))))


#: The one-block explorer's token width and seed.
BLOCK_D_MODEL = 8
BLOCK_SEED = 7


def block_weights(n_heads: int, *, d_model: int = BLOCK_D_MODEL, seed: int = BLOCK_SEED):
    """The seeded block of the one-block explorer for ``n_heads`` heads (1, 2, 4 or 8 for d_model 8)."""
    n_heads, d_model = as_count(n_heads, "n_heads"), as_count(d_model, "d_model")
    return init_block(d_model, n_heads, np.random.default_rng([seed, n_heads]))


def block_input(tokens, *, d_model: int = BLOCK_D_MODEL) -> np.ndarray:  # (T) -> [T, d_model]
    """Word vectors for the block: ``embed_tokens`` scaled to length about sqrt(d_model)/2."""
    d_model = as_count(d_model, "d_model")
    return embed_tokens(list(tokens), d_model) * np.sqrt(d_model) / 2


def influence_patterns(T: int, d: int, rng, *, eps=1e-6):
    """Where word s can move the encoding of word t: an RNN (notebook 02) and causal attention.

    ``-> [T, T], [T, T]``: ``||d h_t / d x_s||`` for a random RNN and ``||d out_t / d x_s||`` for one
    causal multi-head attention layer (2 heads, central finite differences). Both are zero above the
    diagonal; the RNN gets there through t - s steps, attention through one.
    """
    T, d = as_count(T, "T"), as_count(d, "d")
    X = rng.normal(size=(T, d))
    rnn = input_influence(X, *init_rnn(d, d, rng))
    W_q, W_k, W_v = (rng.normal(0, d**-0.5, (2, d, d)) for _ in range(3))
    W_o = rng.normal(0, (2 * d) ** -0.5, (2 * d, d))
    mask = causal_mask(T)
    J = numerical_jacobian(lambda: multi_head_attention(X, W_q, W_k, W_v, W_o, mask=mask)[0], X, eps)
    return rnn, np.sqrt((J**2).sum(axis=(1, 3)))  # [T, d, T, d] -> [T, T]: ||d out_t / d x_s||


def word_spread(Z) -> float:  # [T, d] -> float
    """How different the words' vectors are: ``||Z - mean row|| / ||Z||``; 0 when all rows are equal."""
    Z = as_float_array(Z, "Z", exact_ndim=2)
    return float(np.linalg.norm(Z - Z.mean(axis=0)) / np.linalg.norm(Z))


def stack_spread(tokens, n_blocks: int, seeds, *, n_heads: int = 2, residual: bool = True,
                 self_only: bool = False) -> np.ndarray:
    """:func:`word_spread` after 0..n_blocks stacked random blocks: ``[n_seeds, n_blocks + 1]``.

    Each block has its own seeded random weights (``init_block``, d_model 8). Attention makes every
    word's output a weighted average of the same value rows; without the residual nothing else
    carries a word's own vector to the next block. ``self_only`` is the control: a mask lets each
    word read only itself, so attention averages nothing (the same weights are drawn either way).
    """
    X = block_input(tokens)
    mask = np.eye(len(X), dtype=bool) if self_only else None
    rows = []
    for seed in seeds:
        rng = np.random.default_rng([int(seed), int(n_heads)])
        Z, row = X, [word_spread(X)]
        for _ in range(int(n_blocks)):
            Z = transformer_block(Z, init_block(BLOCK_D_MODEL, n_heads, rng), residual=residual,
                                  mask=mask).outputs
            row.append(word_spread(Z))
        rows.append(row)
    return np.array(rows)
