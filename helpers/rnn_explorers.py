"""Live explorers for notebooks 01 and 02: make gradients vanish or explode; see what a Bi-RNN knows.

Each explorer is one call in a notebook. Widgets are exposed as attributes so tests can move them
and read back what the chart shows. Every update recomputes with the numpy helpers and rewrites one
SVG string (a few milliseconds); nothing is printed.
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from .embeddings import embed_tokens, tokenize
from .rnn import init_rnn, with_spectral_radius
from .rnn_analysis import birnn_influence, first_word_influence, hidden_influence
from .svg import BarChart, LineChart
from .widgets import Explorer

__all__ = ["LONG_SENTENCE", "SHORT_SENTENCE", "InfluenceExplorer", "BiRNNExplorer", "influence_curves",
           "birnn_contributions", "fate_of"]

#: A 30-word sentence that starts with "I" (notebook 01).
LONG_SENTENCE = ("I left the house early , walked past the station and the old market , crossed the river "
                 "on the long bridge and after a slow day finally came home")
#: An 11-word sentence for the bidirectional RNN (notebook 02): short enough to label every cell.
SHORT_SENTENCE = "I walked home along the river after a long day at work"


def fate_of(curve, *, low=1e-2, high=1e2) -> str:
    """``"vanishing"``, ``"exploding"`` or ``"steady"`` from the last/first ratio of an influence curve."""
    ratio = curve[-1] / curve[0]
    if not np.isfinite(ratio) or ratio > high:
        return "exploding"
    return "vanishing" if ratio < low else "steady"


def influence_curves(X, params, radius, nonlinearity="tanh"):
    """The curves the influence explorer draws, for W_hh rescaled to spectral radius ``radius``.

    ``[T, d_in], (W_xh, W_hh, b_h) -> dict`` of arrays of length T, indexed by distance d = 0..T-1:
    ``"first word"`` ``||d h_d / d x_0||``, ``"to last state"`` ``||d h_{T-1} / d h_{T-1-d}||`` and
    ``"radius^d"`` (the geometric rate a linear RNN follows in the long run).
    """
    W_xh, W_hh, b_h = params
    W_r = with_spectral_radius(W_hh, radius)
    return {
        "first word": first_word_influence(X, W_xh, W_r, b_h, nonlinearity=nonlinearity),
        "to last state": hidden_influence(X, W_xh, W_r, b_h, nonlinearity=nonlinearity)[::-1],
        "radius^d": float(radius) ** np.arange(X.shape[0]),
    }


class InfluenceExplorer(Explorer):
    """How the first word's influence changes with distance, W_hh's size and the nonlinearity.

    Widgets: ``radius`` (spectral radius of W_hh, 0.5..1.5), ``length`` (how many words of the
    sentence to read), ``nonlinearity`` ("tanh" or "none"); output: ``chart`` (a log-scale
    :class:`~helpers.svg.LineChart`) and ``readout`` (one line of numbers).
    """

    description = "Influence explorer: W_hh spectral radius, sentence length and nonlinearity"

    def __init__(self, sentence: str = LONG_SENTENCE, *, d_in: int = 8, d_h: int = 16, seed: int = 0):
        self.tokens = tokenize(sentence)
        self.X_full = embed_tokens(self.tokens, d_in, seed=seed)  # [T_max, d_in]
        self.params = init_rnn(d_in, d_h, np.random.default_rng(seed), radius=1.0)
        T = len(self.tokens)
        self.radius = W.FloatSlider(value=0.9, min=0.5, max=1.5, step=0.05, description="W_hh radius",
                                    readout_format=".2f", style={"description_width": "initial"})
        self.length = W.IntSlider(value=T, min=2, max=T, description="words read",
                                  style={"description_width": "initial"})
        self.nonlinearity = W.ToggleButtons(options=["tanh", "none"], value="tanh", description="nonlinearity",
                                            style={"description_width": "initial"})
        self.chart = LineChart("Influence against distance", "distance d (steps)", "norm (log scale)",
                               logy=True, ylim=(1e-10, 1e6))
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
            f"||dh/dx_1|| goes from {first[0]:.2e} at the first word to {first[-1]:.2e} after {T - 1} steps "
            f"(ratio {first[-1] / first[0]:.1e}): <b>{fate_of(first)}</b>. "
            f"Largest singular value of W_hh: "
            f"{np.linalg.norm(with_spectral_radius(self.params[1], r), 2):.2f}."
        )


def birnn_contributions(X, forward, backward, t, radius, nonlinearity="tanh"):
    """How much each word moves the encoding of word ``t``, per direction, with W_hh at ``radius``.

    ``[T, d_in], (W_xh, W_hh, b_h) x 2 -> dict`` of [T] arrays: row ``t`` of the forward, backward
    and concatenated ``||d h_t / d x_s||`` maps (both recurrent matrices rescaled to ``radius``).
    """
    fwd_p = (forward[0], with_spectral_radius(forward[1], radius), forward[2])
    bwd_p = (backward[0], with_spectral_radius(backward[1], radius), backward[2])
    fwd, bwd, both = birnn_influence(X, fwd_p, bwd_p, nonlinearity=nonlinearity)
    return {"forward": fwd[t], "backward": bwd[t], "both": both[t]}


class BiRNNExplorer(Explorer):
    """Pick a word and the size of W_hh; bars show how much every word shapes that word's encoding.

    Widgets: ``word`` (Dropdown of positions), ``radius`` (spectral radius of both W_hh, 0.5..1.5);
    output: ``chart`` (:class:`~helpers.svg.BarChart`, one forward and one backward bar per word)
    and ``readout``.
    """

    description = "Bi-RNN explorer: which words shape the encoding of a chosen word"

    def __init__(self, sentence: str = SHORT_SENTENCE, *, d_in: int = 8, d_h: int = 8, seed: int = 0):
        self.tokens = tokenize(sentence)
        self.X = embed_tokens(self.tokens, d_in, seed=seed)
        rng = np.random.default_rng(seed)
        self.forward_params = init_rnn(d_in, d_h, rng, radius=1.0)
        self.backward_params = init_rnn(d_in, d_h, rng, radius=1.0)  # its own, separate parameters
        options = [(f"{i}: {tok}", i) for i, tok in enumerate(self.tokens)]
        self.word = W.Dropdown(options=options, value=len(self.tokens) // 2, description="encode word",
                               style={"description_width": "initial"})
        self.radius = W.FloatSlider(value=0.9, min=0.5, max=1.5, step=0.05, description="W_hh radius",
                                    readout_format=".2f", style={"description_width": "initial"})
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
                          title=f"What shapes the encoding of word {t} '{self.tokens[t]}'")
        far = int(np.argmax(np.abs(np.arange(len(self.tokens)) - t)))
        self.readout.value = (
            f"Encoding '{tok}': the forward RNN sees words 0..{t}, the backward RNN words {t}..{len(self.tokens) - 1}. "
            f"Its own word moves it by {rows['both'][t]:.2f}; the farthest word, "
            f"'{html.escape(self.tokens[far])}' ({abs(far - t)} steps away), by {rows['both'][far]:.2e}."
        )

