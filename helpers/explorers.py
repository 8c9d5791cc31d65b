"""The entrance explorer of notebook 00: move a slider, watch softmax weights move.

Topic explorers live beside it: ``rnn_explorers`` (notebooks 01-02) and
``attention_explorers`` (03-04). Each is one call in a notebook.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .attention import attention_scores, softmax
from .embeddings import embed_tokens, tokenize
from .widgets import AttentionHeatmap, Explorer

__all__ = ["StartHereExplorer", "start_here_weights"]


def start_here_weights(sentence: str = "I go home", temperature: float = 1.0, *, d: int = 4,
                       seed: int = 0) -> tuple[list[str], np.ndarray]:
    """Tokens and plain self-attention weights ``softmax(X X^T / temperature)``: [T], [T, T]."""
    if temperature <= 0:
        raise ValueError(f"temperature must be positive; got {temperature}.")
    tokens = tokenize(sentence)
    return tokens, _weights(embed_tokens(tokens, d, seed=seed), temperature)


def _weights(X: np.ndarray, temperature: float) -> np.ndarray:  # [T, d] -> [T, T]
    return softmax(attention_scores(X, X, scale=1.0 / temperature))


class StartHereExplorer(Explorer):
    """A temperature slider over the self-attention weights of a sentence.

    Low temperature sharpens every row towards its largest score; high temperature spreads
    the weight evenly. ``temperature`` (slider) and ``heatmap`` (AttentionHeatmap) are exposed.
    """

    description = "Start-here explorer: a temperature slider over attention weights"

    def __init__(self, sentence: str = "I go home", *, d: int = 4, seed: int = 0):
        self.sentence, self.d, self.seed = sentence, d, seed
        self.temperature = W.FloatSlider(value=1.0, min=0.1, max=3.0, step=0.1, description="temperature",
                                         readout_format=".1f", continuous_update=True)
        tokens, weights = start_here_weights(sentence, 1.0, d=d, seed=seed)
        self._X = embed_tokens(tokens, d, seed=seed)  # embedded once; a slider step only re-weighs
        self.heatmap = AttentionHeatmap(weights, tokens, tokens,
                                        title=f"Self-attention weights of '{sentence}', temperature 1.0")
        self.temperature.observe(self._redraw, names="value")
        super().__init__([self.temperature, self.heatmap])

    def _redraw(self, _change=None) -> None:
        t = float(self.temperature.value)
        self.heatmap.update(_weights(self._X, t), title=f"Self-attention weights of '{self.sentence}', temperature {t:.1f}")
