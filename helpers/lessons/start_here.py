"""The numbers behind notebook 00's first heatmap: plain self-attention with a temperature. numpy only."""

from __future__ import annotations

import numpy as np

from ..core.attention import attention_scores, softmax
from ..core.embeddings import embed_tokens, tokenize

__all__ = ["start_here_weights", "temperature_weights"]


def start_here_weights(sentence: str = "I go home", temperature: float = 1.0, *, d: int = 4,
                       seed: int = 0) -> tuple[list[str], np.ndarray]:
    """Tokens and plain self-attention weights ``softmax(X X^T / temperature)``: [T], [T, T]."""
    tokens = tokenize(sentence)
    return tokens, temperature_weights(embed_tokens(tokens, d, seed=seed), temperature)


def temperature_weights(X, temperature: float) -> np.ndarray:  # [T, d] -> [T, T]
    """``softmax(X X^T / temperature)`` row by row; ``temperature`` must be positive."""
    if temperature <= 0:
        raise ValueError(f"temperature must be positive; got {temperature}.")
    return softmax(attention_scores(X, X, scale=1.0 / temperature))
