"""The entrance explorer of notebook 00: move a slider, watch softmax weights move."""

from __future__ import annotations

import ipywidgets as W

from ...core.embeddings import embed_tokens
from ...lessons.start_here import start_here_weights, temperature_weights
from ..explorer import Explorer
from ..heatmap import AttentionHeatmap
from ..layout import WIDE_LABEL

__all__ = ["StartHereExplorer"]


class StartHereExplorer(Explorer):
    """A temperature slider over the self-attention weights of a sentence.

    Low temperature sharpens every row towards its largest score; high temperature spreads
    the weight evenly. ``temperature`` (slider) and ``heatmap`` (AttentionHeatmap) are exposed.
    """

    description = "Start-here explorer: a temperature slider over attention weights"

    def __init__(self, sentence: str = "I go home", *, d: int = 4, seed: int = 0):
        self.sentence, self.d, self.seed = sentence, d, seed
        self.temperature = W.FloatSlider(value=1.0, min=0.1, max=3.0, step=0.1, description="temperature",
                                         readout_format=".1f", continuous_update=True, style=WIDE_LABEL)
        tokens, weights = start_here_weights(sentence, 1.0, d=d, seed=seed)
        self._X = embed_tokens(tokens, d, seed=seed)  # embedded once; a slider step only re-weighs
        self.heatmap = AttentionHeatmap(weights, tokens, tokens,
                                        title=f"Self-attention weights of '{sentence}', temperature 1.0")
        self.temperature.observe(self._redraw, names="value")
        super().__init__([self.temperature, self.heatmap])

    def _redraw(self, _change=None) -> None:
        t = float(self.temperature.value)
        self.heatmap.update(temperature_weights(self._X, t),
                            title=f"Self-attention weights of '{self.sentence}', temperature {t:.1f}")
