"""Live explorer of notebook 07, part 2: one Transformer block with a switch for every piece.

The explorer calls :func:`helpers.core.block.transformer_block` with the switches as they are and
shows each head's weights (a 2x2 grid) and the block's outputs, for a sentence typed in the box.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from ...core.block import transformer_block
from ...core.embeddings import tokenize
from ...lessons.transformer import BLOCK_D_MODEL, block_input, block_weights
from ..explorer import Explorer
from ..heatmap import AttentionHeatmap
from ..layout import BLOCK_HEADS_DROPDOWN, CHECKBOX, LABELLED_SLIDER, OUTPUTS_BOX, SENTENCE_BOX, wrapping_row
from ..tables import vectors_table

__all__ = ["BlockExplorer"]


class BlockExplorer(Explorer):
    """One block (attention, residual, layer norm, feed-forward) with toggles; seeded weights.

    Attributes
    ----------
    text : Text  (a sentence; Enter applies it)
    message : HTML  (one line saying what to change, e.g. for an empty sentence)
    tokens, X : list of str, [T, d_model]  (the sentence's tokens and their vectors)
    causal, positions, scaled, residual : Checkbox  (the block's switches; constructor arguments too)
    position_scale : FloatSlider  ("scale", beside "positions": multiplies the positions; disabled while
        they are off)
    n_heads : Dropdown  (1, 2 or 4 heads of width d_model / h)
    heatmaps : list of 4 AttentionHeatmap  (each head's weights; unused heads hidden)
    table : HTML  (the block's outputs, one row per token)
    result : BlockResult  (everything the block computed last)
    """

    description = "One-block explorer: switch the pieces of a Transformer block"

    def __init__(self, sentence="I go home", *, n_heads=2, causal=False, positions=False, scaled=True,
                 residual=True):
        self.text = W.Text(value=sentence, description="sentence", continuous_update=False, **SENTENCE_BOX)
        self.message = W.HTML("")
        self.causal = W.Checkbox(value=bool(causal), description="causal mask", **CHECKBOX)
        self.positions = W.Checkbox(value=bool(positions), description="positions", **CHECKBOX)
        self.scaled = W.Checkbox(value=bool(scaled), description="scale by 1/sqrt(d_k)", **CHECKBOX)
        self.residual = W.Checkbox(value=bool(residual), description="residual", **CHECKBOX)
        self.position_scale = W.FloatSlider(  # beside the positions box, so "scale" says whose scale
            value=1.0, min=0.0, max=3.0, step=0.1, description="scale", readout_format=".1f",
            disabled=not positions, tooltip="How strongly the positions are added: x + scale * positions",
            **LABELLED_SLIDER)
        self.n_heads = W.Dropdown(options=[1, 2, 4], value=int(n_heads), description="heads",
                                  **BLOCK_HEADS_DROPDOWN)
        self.heatmaps = [AttentionHeatmap(np.eye(1), ["?"], ["?"], title=f"Head {j + 1}") for j in range(4)]
        self.table = W.HTML(**OUTPUTS_BOX)
        self._weights = {}
        self.tokens = tokenize(sentence)
        self.X = block_input(self.tokens)  # [T, d_model], recomputed only when the sentence changes
        self.text.observe(self._on_text, names="value")
        for w in (self.causal, self.positions, self.scaled, self.residual, self.n_heads, self.position_scale):
            w.observe(lambda _c: self.refresh(), names="value")
        self.positions.observe(lambda c: setattr(self.position_scale, "disabled", not c["new"]),
                               names="value")
        grid = W.VBox([wrapping_row(self.heatmaps[:2]), wrapping_row(self.heatmaps[2:])])
        super().__init__([
            wrapping_row([self.text, self.n_heads]), self.message,
            wrapping_row([self.causal, W.HBox([self.positions, self.position_scale]), self.scaled,
                          self.residual]),
            wrapping_row([grid, self.table]),
        ])
        self.refresh()

    def weights_for(self, n_heads: int):
        """The seeded block weights for ``n_heads`` heads (built once, then reused)."""
        if n_heads not in self._weights:
            self._weights[n_heads] = block_weights(n_heads)
        return self._weights[n_heads]

    def switches(self) -> dict:
        """The keyword arguments the switches give :func:`transformer_block`."""
        return {"causal": self.causal.value, "positions": self.positions.value, "scaled": self.scaled.value,
                "residual": self.residual.value, "position_scale": self.position_scale.value}

    def _on_text(self, change) -> None:
        try:
            tokens = tokenize(change["new"])
        except ValueError:
            self.say("The sentence is empty: type at least one word, for example 'I go home'. "
                     "The heatmaps still show the last sentence.")
            return
        self.tokens, self.X = tokens, block_input(tokens)
        self.say()
        self.refresh()

    def refresh(self) -> None:
        """Run the block with the current switches; update the head heatmaps and the output table."""
        h = self.n_heads.value
        self.result = transformer_block(self.X, self.weights_for(h), **self.switches())
        labels = self.tokens
        for j, hm in enumerate(self.heatmaps):
            hm.layout.display = None if j < h else "none"
            if j < h:
                hm.update(self.result.weights[j], labels, labels, title=f"Head {j + 1} of {h}")
        self.table.value = vectors_table(
            labels, {f"block output ({BLOCK_D_MODEL} numbers per word)": self.result.outputs},
            title="Block outputs (layer-normalised: each row has mean 0, variance 1)", fmt=".2f")
