"""Live explorers for notebooks 01 and 02: make gradients vanish or explode; see what a Bi-RNN knows.

Each explorer is one call in a notebook. Widgets are exposed as attributes so tests can move them
and read back what the chart shows. Every update recomputes with the numpy helpers and rewrites one
SVG string (a few milliseconds); nothing is printed.
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from ...core.embeddings import embed_tokens, tokenize
from ...core.rnn import init_rnn, with_spectral_radius
from ...lessons.examples import LONG_SENTENCE, SHORT_SENTENCE
from ...lessons.rnn import birnn_contributions, fate_of, influence_curves
from ..charts import BarChart, LineChart
from ..explorer import Explorer
from ..layout import WIDE_LABEL

__all__ = ["InfluenceExplorer", "BiRNNExplorer"]


class InfluenceExplorer(Explorer):
    """How the first word's influence changes with distance, W_hh's size and the nonlinearity.

    Widgets: ``radius`` (spectral radius of W_hh, 0.5..5: far enough to see tanh saturate yet the
    product of Jacobians still grow), ``length`` (how many words of the
    sentence to read), ``nonlinearity`` ("tanh" or "none"); output: ``chart`` (a log-scale
    :class:`~helpers.ui.charts.LineChart`) and ``readout`` (one line of numbers).
    """

    description = "Influence explorer: W_hh spectral radius, sentence length and nonlinearity"

    def __init__(self, sentence: str = LONG_SENTENCE, *, d_in: int = 8, d_h: int = 16, seed: int = 0):
        self.tokens = tokenize(sentence)
        self.X_full = embed_tokens(self.tokens, d_in, seed=seed)  # [T_max, d_in]
        self.params = init_rnn(d_in, d_h, np.random.default_rng(seed), radius=1.0)
        T = len(self.tokens)
        self.radius = W.FloatSlider(value=0.9, min=0.5, max=5.0, step=0.05, description="W_hh radius",
                                    readout_format=".2f", style=WIDE_LABEL)
        self.length = W.IntSlider(value=T, min=2, max=T, description="words read", style=WIDE_LABEL)
        self.nonlinearity = W.ToggleButtons(options=["tanh", "none"], value="tanh",
                                            description="nonlinearity", style=WIDE_LABEL)
        self.chart = LineChart("Influence against distance", "distance d (steps)", "norm (log scale)",
                               logy=True, ylim=(1e-10, 1e12))
        self.readout = W.HTML()
        for w in (self.radius, self.length, self.nonlinearity):
            w.observe(self._redraw, names="value")
        super().__init__([W.HBox([self.radius, self.length]), self.nonlinearity, self.chart, self.readout])
        self._redraw()

    def current_curves(self) -> dict[str, np.ndarray]:
        """What the chart should show for the current widget values (from the compute helpers)."""
        X = self.X_full[: self.length.value]
        return influence_curves(X, self.params, self.radius.value, self.nonlinearity.value)

    def _redraw(self, _change=None) -> None:
        T, r, nl = self.length.value, self.radius.value, self.nonlinearity.value
        curves = self.current_curves()
        self.chart.update(np.arange(T), curves,
                          title=f"First word '{self.tokens[0]}' over {T - 1} steps: radius {r:.2f}, {nl}")
        first = curves["first word"]
        self.readout.value = (
            f"||dh/dx_0|| (x_0 is word 1) goes from {first[0]:.2e} at the first word to {first[-1]:.2e} "
            f"after {T - 1} steps "
            f"(ratio {first[-1] / first[0]:.1e}): <b>{fate_of(first)}</b>. "
            f"Largest singular value of W_hh: "
            f"{np.linalg.norm(with_spectral_radius(self.params[1], r), 2):.2f}."
        )


class BiRNNExplorer(Explorer):
    """Pick a word and the size of W_hh; bars show how much every word shapes that word's encoding.

    Widgets: ``word`` (Dropdown of positions), ``radius`` (spectral radius of both W_hh, 0.5..1.5);
    output: ``chart`` (:class:`~helpers.ui.charts.BarChart`, one forward and one backward bar per word)
    and ``readout``.
    """

    description = "Bi-RNN explorer: which words shape the encoding of a chosen word"

    def __init__(self, sentence: str = SHORT_SENTENCE, *, d_in: int = 8, d_h: int = 8, seed: int = 0):
        self.tokens = tokenize(sentence)
        self.X = embed_tokens(self.tokens, d_in, seed=seed)
        rng = np.random.default_rng(seed)
        self.forward_params = init_rnn(d_in, d_h, rng, radius=1.0)
        self.backward_params = init_rnn(d_in, d_h, rng, radius=1.0)  # its own, separate parameters
        options = [(f"{i + 1}: {tok}", i) for i, tok in enumerate(self.tokens)]  # words counted from 1
        self.word = W.Dropdown(options=options, value=len(self.tokens) // 2, description="encode word",
                               style=WIDE_LABEL)
        self.radius = W.FloatSlider(value=0.9, min=0.5, max=1.5, step=0.05, description="W_hh radius",
                                    readout_format=".2f", style=WIDE_LABEL)
        self.chart = BarChart("", self.tokens, "word s", "||dh_t / dx_s||", ymax=3.0)
        self.readout = W.HTML()
        self.word.observe(self._redraw, names="value")
        self.radius.observe(self._redraw, names="value")
        super().__init__([W.HBox([self.word, self.radius]), self.chart, self.readout])
        self._redraw()

    def current_contributions(self) -> dict[str, np.ndarray]:
        """The forward, backward and combined rows for the current widget values."""
        return birnn_contributions(self.X, self.forward_params, self.backward_params,
                                   self.word.value, self.radius.value)

    def _redraw(self, _change=None) -> None:
        t = self.word.value
        rows = self.current_contributions()
        tok = html.escape(self.tokens[t])
        self.chart.update({"forward": rows["forward"], "backward": rows["backward"]},
                          title=f"What shapes the encoding of word {t + 1} '{self.tokens[t]}'")
        far = int(np.argmax(np.abs(np.arange(len(self.tokens)) - t)))
        self.readout.value = (
            f"Encoding '{tok}': the forward RNN sees words 1..{t + 1}, "
            f"the backward RNN words {t + 1}..{len(self.tokens)}. "
            f"Its own word moves it by {rows['both'][t]:.2f}; the farthest word, "
            f"'{html.escape(self.tokens[far])}' ({abs(far - t)} steps away), by {rows['both'][far]:.2e}."
        )

