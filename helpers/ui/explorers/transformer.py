"""Live explorers of notebook 07, part 1: the bilinear form, positions, several heads.

Each explorer builds its widgets once and on every change recomputes with the compute helpers and
updates its heatmaps and tables in place. Sub-widgets are attributes, so a test can set
``explorer.antisym.value = 1.0`` and read ``explorer.heatmap.html.value``.
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from ...core.attention import softmax
from ...core.multi_head import multi_head_attention
from ...lessons.examples import EXAMPLE_TOKENS
from ...lessons.transformer import (
    HEAD_POSITION_SCALE,
    HEAD_PRESETS,
    bilinear_scores,
    bilinear_words,
    head_input,
    head_preset,
    permutation_with_positions,
    stack_heads,
)
from ..editors import MatrixEditor
from ..explorer import CUSTOM, Explorer
from ..heatmap import AttentionHeatmap
from ..layout import BILINEAR_SLIDER, HEAD_PRESET_DROPDOWN, HEADS_DROPDOWN, wrapping_row
from ..tables import vectors_table

__all__ = ["BilinearExplorer", "PositionExplorer", "HeadsExplorer", "PRESET_HELP"]

def _slider(description, value, lo, hi, step=0.05):
    return W.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                         continuous_update=True, readout_format=".2f", **BILINEAR_SLIDER)


class BilinearExplorer(Explorer):
    """Scores ``x_i M x_j^T`` on "I go home" (:func:`bilinear_words`), ``M = S + A``: sliders on S, A,
    a length.

    Attributes
    ----------
    s11, s12, s22 : FloatSlider  (the symmetric part S = [[s11, s12], [s12, s22]])
    antisym : FloatSlider  (A = [[0, a], [-a, 0]])
    go_length : FloatSlider  (length of "go"; 1 gives equal lengths)
    status : HTML  (is S positive-definite? are the M-norms equal? does every row peak on itself?)
    scores, heatmap : AttentionHeatmap  (scores x_i M x_j^T and their softmax, scale 1)
    """

    description = "Bilinear explorer: move M's symmetric and antisymmetric parts"

    def __init__(self):
        self.tokens = list(EXAMPLE_TOKENS)
        self.base = bilinear_words()
        self.s11, self.s12, self.s22 = (_slider("S[0,0]", 1.0, -2, 3), _slider("S[0,1] = S[1,0]", 0.0, -2, 2),
                                        _slider("S[1,1]", 1.0, -2, 3))
        self.antisym = _slider("A[0,1] = -A[1,0]", 0.0, -3, 3)
        self.go_length = _slider('length of "go"', 1.0, 0.2, 3)
        self.status = W.HTML()
        self.scores = AttentionHeatmap(np.zeros((3, 3)), self.tokens, self.tokens, vmin=-3.0, vmax=3.0,
                                       title="Scores x_i M x_j (self-scores on the diagonal)")
        self.heatmap = AttentionHeatmap(np.zeros((3, 3)), self.tokens, self.tokens,
                                        title="Softmax weights (each row sums to 1)")
        for s in (self.s11, self.s12, self.s22, self.antisym, self.go_length):
            s.observe(lambda _c: self.refresh(), names="value")
        super().__init__([
            wrapping_row([W.VBox([W.HTML("<b>symmetric part S</b>"), self.s11, self.s12, self.s22]),
                          W.VBox([W.HTML("<b>antisymmetric part A, word length</b>"), self.antisym,
                                  self.go_length])]),
            self.status, wrapping_row([self.scores, self.heatmap]),
        ])
        self.refresh()

    @property
    def M(self) -> np.ndarray:  # [2, 2]
        a = self.antisym.value
        return np.array([[self.s11.value, self.s12.value + a], [self.s12.value - a, self.s22.value]])

    @property
    def X(self) -> np.ndarray:  # [3, 2]
        X = self.base.copy()
        X[1] *= self.go_length.value
        return X

    def refresh(self) -> None:
        """Recompute the scores and weights from the sliders; update both heatmaps and the status line."""
        M, X = self.M, self.X
        S = bilinear_scores(X, M)
        self.weights = softmax(S)
        self.scores.update(S)
        self.heatmap.update(self.weights)
        eig = np.linalg.eigvalsh((M + M.T) / 2)
        norms = np.diagonal(S)
        wins = np.all(np.argmax(S, axis=1) == np.arange(3))
        self.status.value = (
            f"S positive-definite: <b>{'yes' if eig.min() > 0 else 'no'}</b> (eigenvalues {eig[0]:.2f}, "
            f"{eig[1]:.2f}) · self-scores x M x: {', '.join(f'{v:.2f}' for v in norms)} · antisymmetric part "
            f"{'zero' if self.antisym.value == 0 else 'non-zero'} · every row peaks on itself: "
            f"<b>{'yes' if wins else 'no'}</b>"
        )


class PositionExplorer(Explorer):
    """"I go home" against "home go I", with positions added at a chosen scale.

    Attributes
    ----------
    scale : FloatSlider  (0 = no positions)
    heatmap, reversed_heatmap : AttentionHeatmap  (weights of each order, "previous word" maps)
    difference : HTML  (largest change of a word's output between the two orders)
    """

    description = "Position explorer: how much do positions matter?"

    def __init__(self, maps=None):
        self.tokens = list(EXAMPLE_TOKENS)
        self.maps = (head_preset("previous word") if maps is None
                     else tuple(np.asarray(m, float) for m in maps))
        self.scale = _slider("position scale", HEAD_POSITION_SCALE, 0.0, 4.0)
        self.difference = W.HTML()
        self.heatmap = AttentionHeatmap(np.eye(3), self.tokens, self.tokens, title="I go home")
        rev = self.tokens[::-1]
        self.reversed_heatmap = AttentionHeatmap(np.eye(3), rev, rev, title="home go I")
        self.scale.observe(lambda _c: self.refresh(), names="value")
        super().__init__([self.scale, self.difference, wrapping_row([self.heatmap, self.reversed_heatmap])])
        self.refresh()

    def refresh(self) -> None:
        """Recompute both orders at the slider's scale; update the heatmaps and the difference line."""
        s = self.scale.value
        _, W1 = multi_head_attention(head_input(self.tokens, s), *self._heads())
        _, W2 = multi_head_attention(head_input(self.tokens[::-1], s), *self._heads())
        self.heatmap.update(W1[0])
        self.reversed_heatmap.update(W2[0])
        res = permutation_with_positions(self.tokens, [2, 1, 0], self.maps, position_scale=s)
        self.max_difference = res.max_difference
        self.difference.value = (f"largest change of a word's output when the order is reversed: "
                                 f"<b>{res.max_difference:.3f}</b> "
                                 "(0 means attention cannot tell the orders apart)")

    def _heads(self):
        return stack_heads([self.maps])


#: What each head preset does, shown under the drop-downs (and as their tooltip).
PRESET_HELP = ("Presets: 'same word', 'previous word', 'next word' and 'first word' put each word's "
               "largest weight on that word. 'average' sets W_q to zero: every score is 0, so each word "
               "gives every word the same weight (1/3 each in \"I go home\") and the head outputs the "
               "mean of the values.")


class HeadsExplorer(Explorer):
    """Up to four heads on "I go home" (positions added): per-head presets, 2x2 editors for heads 1-2.

    Attributes
    ----------
    n_heads : Dropdown  (1 to 4)
    presets : list of 4 Dropdown  (one per head; "(custom)" once a slider of heads 1-2 moves the maps
        away from every preset, by more than half a slider step)
    preset_help : HTML  (what each preset does; "average" spreads the weights evenly)
    editors : list of 2 lists [W_q, W_k, W_v] of MatrixEditor  (heads 1 and 2)
    heatmaps : list of 4 AttentionHeatmap  (a 2x2 grid; unused heads hidden)
    shapes : HTML  (the shapes of every piece)
    table : HTML  (inputs and outputs per word)
    """

    description = "Heads explorer: several heads on one sentence"
    START = ("previous word", "same word", "next word", "first word")

    def __init__(self, n_heads=2, *, limit=4.0):
        needed = max(float(np.abs(M).max()) for head in HEAD_PRESETS.values() for M in head)
        if limit < needed:  # the sliders would clip a preset and the head would not show its pattern
            raise ValueError(f"limit must be at least {needed:.2f}, the largest entry of the head presets, "
                             f"so every preset fits on the sliders; got {limit}.")
        self.tokens = list(EXAMPLE_TOKENS)
        self.X = head_input(self.tokens)
        self.heads = [head_preset(name) for name in self.START]
        self.n_heads = W.Dropdown(options=[1, 2, 3, 4], value=int(n_heads), description="heads",
                                  **HEADS_DROPDOWN)
        self.presets = [W.Dropdown(options=[CUSTOM, *HEAD_PRESETS], value=name, description=f"head {j + 1}",
                                   tooltip=PRESET_HELP, **HEAD_PRESET_DROPDOWN)
                        for j, name in enumerate(self.START)]
        self.preset_help = W.HTML(f'<span class="rta-preset-help">{html.escape(PRESET_HELP)}</span>')
        self._tolerance = 0.05 / 2 + 1e-9  # half a slider step: what a slider cannot tell apart
        self.editors = [[MatrixEditor(f"{n}{j + 1}", M, min=-limit, max=limit, step=0.05)
                         for n, M in zip(("W_q", "W_k", "W_v"), self.heads[j], strict=True)]
                        for j in range(2)]
        self.heatmaps = [AttentionHeatmap(np.eye(3), self.tokens, self.tokens, title=f"Head {j + 1}")
                         for j in range(4)]
        self.shapes, self.table = W.HTML(), W.HTML()
        for j, dd in enumerate(self.presets):
            dd.observe(lambda c, j=j: self._on_preset(j, c["new"]), names="value")
        for j, eds in enumerate(self.editors):
            for ed in eds:
                ed.observe_value(lambda _M, j=j: self._on_edit(j))
        self.n_heads.observe(lambda _c: self.refresh(), names="value")
        self.editor_boxes = [W.VBox([W.HTML(f"<b>head {j + 1}</b>"), wrapping_row(eds)])
                             for j, eds in enumerate(self.editors)]
        grid = W.VBox([wrapping_row(self.heatmaps[:2]), wrapping_row(self.heatmaps[2:])])
        super().__init__([wrapping_row([self.n_heads, *self.presets]), self.preset_help, *self.editor_boxes,
                          self.shapes, wrapping_row([grid, self.table])])
        self.refresh()

    def preset_of(self, j) -> str:
        """The preset head ``j``'s maps are (to half a slider step), or ``"(custom)"``."""
        for name, maps in HEAD_PRESETS.items():
            if all(np.allclose(a, b, rtol=0, atol=self._tolerance) for a, b in zip(self.heads[j], maps,
                                                                                      strict=True)):
                return name
        return CUSTOM

    def _show_preset(self, j) -> None:
        """The drop-down names what head ``j`` is (not while holding: no preset is applied)."""
        with self.holding():
            self.presets[j].value = self.preset_of(j)

    def _on_preset(self, j, name) -> None:
        if self.held:
            return
        if name == CUSTOM:  # choosing "(custom)" changes no map: the drop-down keeps naming the head
            self._show_preset(j)
            return
        self.heads[j] = head_preset(name)
        if j < 2:
            with self.holding():
                for ed, M in zip(self.editors[j], self.heads[j], strict=True):
                    ed.set_value(M)
        self.refresh()

    def _on_edit(self, j) -> None:
        if self.held:
            return
        self.heads[j] = tuple(ed.value for ed in self.editors[j])
        self._show_preset(j)  # "(custom)" only once the maps are no preset's
        self.refresh()

    def refresh(self) -> None:
        """Recompute every shown head, the mixed outputs and the shapes; update in place."""
        if self.held:
            return
        h = self.n_heads.value
        W_q, W_k, W_v, W_o = stack_heads(self.heads[:h])
        self.outputs, self.weights = multi_head_attention(self.X, W_q, W_k, W_v, W_o)
        for j, hm in enumerate(self.heatmaps):
            hm.layout.display = None if j < h else "none"
            self.presets[j].layout.display = None if j < h else "none"
            if j < h:
                hm.update(self.weights[j], title=f"Head {j + 1}: {self.preset_of(j)}")
        for j, box in enumerate(self.editor_boxes):
            box.layout.display = None if j < h else "none"
        T, d = self.X.shape
        self.shapes.value = html.escape(
            f"X [{T}, {d}] · W_q, W_k, W_v [{h}, {d}, {d}] · weights [{h}, {T}, {T}] · concat [{T}, {h * d}] "
            f"· W_o [{h * d}, {d}] (here it averages the heads) · outputs [{T}, {d}]")
        self.table.value = vectors_table(self.tokens, {"x (word + position)": self.X, "output": self.outputs},
                                         title="Inputs and mixed outputs")
