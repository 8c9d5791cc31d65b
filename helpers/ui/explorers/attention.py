"""Live explorers of notebooks 03 and 04: naive self-attention, then Query/Key/Value attention.

Each explorer builds its widgets once and, on every change, recomputes with the compute helpers
and updates the shown heatmaps, tables and arrows in place (no new figure per move). Sub-widgets
are attributes, so a test can set ``explorer.W_q.sliders[0][1].value = 0.5`` and read
``explorer.heatmap.weights``.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from ...core.attention import attention_scores, default_scale, naive_self_attention, qkv_self_attention
from ...core.embeddings import tokenize
from ...lessons.attention import QKV_PRESETS, qkv_preset
from ...lessons.examples import example_vectors, naive_sentences
from ..charts import ArrowPlot
from ..editors import MatrixEditor, VectorEditor
from ..explorer import CUSTOM, Explorer
from ..heatmap import AttentionHeatmap
from ..layout import (
    PRESET_DROPDOWN,
    QUERY_DROPDOWN,
    SCALE_DROPDOWN,
    SENTENCE_BOX,
    SENTENCES_DROPDOWN,
    VECTORS_BOX,
    WIDE_LABEL,
    wrapping_row,
)
from ..tables import vectors_table

__all__ = ["NaiveAttentionExplorer", "QKVExplorer"]


class NaiveAttentionExplorer(Explorer):
    """Move the vectors of "I", "go", "home"; dot products, weights and encodings follow.

    Attributes
    ----------
    sentence : Dropdown  (a set of vectors, see :func:`naive_sentences`)
    editors : list of VectorEditor, one per word (2 sliders each)
    query : Dropdown  (whose encoding is drawn as a dashed arrow)
    scores : AttentionHeatmap  (the dot products X X^T)
    heatmap : AttentionHeatmap  (softmax weights, rows sum to 1)
    arrows : ArrowPlot  (word vectors and the chosen word's encoding)
    """

    description = "Naive self-attention explorer: move the word vectors"

    def __init__(self, tokens=("I", "go", "home"), vectors=None, *, limit=3.0):
        self.sets = naive_sentences()
        self.tokens = [str(t) for t in tokens]
        X = next(iter(self.sets.values())) if vectors is None else np.asarray(vectors, dtype=float)
        if X.shape != (len(self.tokens), 2):
            raise ValueError(f"vectors must have shape [T, 2] = [{len(self.tokens)}, 2]; got {X.shape}.")
        self.sentence = W.Dropdown(options=[CUSTOM, *self.sets],
                                   value=CUSTOM if vectors is not None else next(iter(self.sets)),
                                   description="vectors", **SENTENCES_DROPDOWN)
        self.editors = [VectorEditor(tok, x, min=-limit, max=limit, step=0.05)
                        for tok, x in zip(self.tokens, X, strict=True)]
        self.query = W.Dropdown(options=[(tok, i) for i, tok in enumerate(self.tokens)], value=0,
                                description="encode", **QUERY_DROPDOWN)
        self.scores = AttentionHeatmap(np.zeros((len(X), len(X))), self.tokens, self.tokens, fmt=".2f",
                                       vmin=-4.0, vmax=7.0, title="Dot products x_i · x_j (scores)")
        self.heatmap = AttentionHeatmap(np.zeros((len(X), len(X))), self.tokens, self.tokens,
                                        title="Softmax weights (each row sums to 1)")
        self.arrows = ArrowPlot("Word vectors and an encoding (dashed)", limit=limit)
        for ed in self.editors:
            ed.observe_value(self._on_vector)
        self.sentence.observe(self._on_sentence, names="value")
        self.query.observe(lambda _c: self.refresh(), names="value")
        super().__init__([
            W.HBox([self.sentence, self.query]),
            wrapping_row(self.editors),
            W.HBox([self.arrows, W.VBox([self.scores, self.heatmap])]),
        ])
        self.refresh()

    @property
    def X(self) -> np.ndarray:  # [T, 2]
        return np.array([ed.value for ed in self.editors])

    def _on_vector(self, _v) -> None:
        self.mark_custom(self.sentence)  # _on_sentence ignores CUSTOM
        self.refresh()

    def _on_sentence(self, change) -> None:
        if self.held or change["new"] not in self.sets:
            return
        with self.holding():
            for ed, x in zip(self.editors, self.sets[change["new"]], strict=True):
                ed.set_value(x)
        self.refresh()

    def refresh(self) -> None:
        """Recompute from the sliders and update every display in place."""
        if self.held:
            return
        X = self.X
        outputs, weights = naive_self_attention(X)
        self.scores.update(attention_scores(X, X, scale=1.0))
        self.heatmap.update(weights)
        i = self.query.value
        self.outputs = outputs
        self.arrows.update(np.vstack([X, outputs[i]]), [*self.tokens, f"enc({self.tokens[i]})"],
                           dashed=[False] * len(X) + [True])


class QKVExplorer(Explorer):
    """The centrepiece: edit W_q, W_k, W_v and watch Q, K, V, the scores and the weights.

    Parameters
    ----------
    sentence : str
        Any words (Hangul included). "I", "go", "home" use the vectors of
        :func:`helpers.lessons.examples.plain_example`; other words their ``embed_tokens`` vector.
    d : {2, 3}
        Width of the word vectors and of the square maps.
    seed : int
        Seed of the "random" preset and of the word vectors.

    Attributes
    ----------
    text : Text  (type a sentence; Enter applies it)
    message : HTML  (one line saying what to change: an empty sentence, a preset that cannot apply)
    preset : Dropdown  (identity, rotation, random, "I: 0.2/0.1/0.7"; "(custom)" after a slider move)
    W_q, W_k, W_v : MatrixEditor
    scaling : Dropdown  ("1/sqrt(d_k)" or "1 (plain dot product)")
    temperature : FloatLogSlider  (scores are divided by it)
    vectors : HTML  (X, Q, K, V and the outputs, one row per token)
    scores : AttentionHeatmap  (scaled scores)
    heatmap : AttentionHeatmap  (softmax weights)
    """

    description = "Query/Key/Value explorer: edit W_q, W_k, W_v"

    def __init__(self, sentence="I go home", d=2, *, seed=0, limit=3.0):
        if d not in (2, 3):
            raise ValueError(f"QKVExplorer shows 2x2 or 3x3 maps: d must be 2 or 3; got {d}.")
        self.d, self.seed, self.limit = int(d), int(seed), float(limit)
        self.tokens = tokenize(sentence)
        self.X = example_vectors(self.tokens, self.d, seed=self.seed)
        self.text = W.Text(value=sentence, description="sentence", continuous_update=False,
                           placeholder="type a sentence, e.g. 나는 집에 간다", **SENTENCE_BOX)
        self.message = W.HTML("")
        self.preset = W.Dropdown(options=[CUSTOM, *QKV_PRESETS], value=CUSTOM, description="preset",
                                 **PRESET_DROPDOWN)
        eye = np.eye(self.d)
        self.W_q, self.W_k, self.W_v = (MatrixEditor(n, eye, min=-limit, max=limit, step=0.01)
                                        for n in ("W_q", "W_k", "W_v"))
        self.scaling = W.Dropdown(options=[("1/sqrt(d_k)", "sqrt"), ("1 (plain dot product)", "plain")],
                                  value="sqrt", description="scale", **SCALE_DROPDOWN)
        self.temperature = W.FloatLogSlider(value=1.0, base=10, min=-1, max=1, step=0.02,
                                            description="temperature", readout_format=".2f", style=WIDE_LABEL)
        self.vectors = W.HTML(**VECTORS_BOX)
        self.scores = AttentionHeatmap(np.zeros((1, 1)), ["?"], ["?"], fmt=".2f", vmin=-3.0, vmax=3.0,
                                       title="Scores: scale · q_i · k_j")
        self.heatmap = AttentionHeatmap(np.zeros((1, 1)), ["?"], ["?"],
                                        title="Softmax weights (each row sums to 1)")
        for ed in (self.W_q, self.W_k, self.W_v):
            ed.observe_value(self._on_matrix)
        self.text.observe(self._on_text, names="value")
        self.preset.observe(self._on_preset, names="value")
        self.scaling.observe(lambda _c: self.refresh(), names="value")
        self.temperature.observe(lambda _c: self.refresh(), names="value")
        super().__init__([
            W.HBox([self.text, self.preset]),
            self.message,
            wrapping_row([self.W_q, self.W_k, self.W_v]),
            W.HBox([self.scaling, self.temperature]),
            W.HBox([self.vectors, self.scores]),
            self.heatmap,
        ])
        self.preset.value = QKV_PRESETS[0]

    @property
    def scale(self) -> float:
        """The number the scores are multiplied by: (1/sqrt(d_k) or 1) / temperature."""
        base = default_scale(self.d) if self.scaling.value == "sqrt" else 1.0
        return base / float(self.temperature.value)

    @property
    def maps(self):
        """The current ``(W_q, W_k, W_v)``, each [d, d]."""
        return self.W_q.value, self.W_k.value, self.W_v.value

    def preset_maps(self, name: str):
        """``(W_q, W_k, W_v)`` for a preset name, or raise ValueError saying why it cannot apply."""
        mats = qkv_preset(name, self.X, seed=self.seed, scale=self.scale)
        if np.abs(mats[0]).max() > self.limit:
            raise ValueError(f"the W_q needed here has entries up to {np.abs(mats[0]).max():.1f}, beyond the "
                             f"sliders' ±{self.limit:g}. Try a smaller temperature (the scores are divided "
                             "by it) or the sentence 'I go home'.")
        return mats

    def _on_preset(self, change) -> None:
        if change["new"] == CUSTOM:
            return
        try:
            mats = self.preset_maps(change["new"])
        except ValueError as err:
            self.say(f"Preset not applied: {err}")
            self.preset.value = CUSTOM
            return
        with self.holding():
            for ed, M in zip((self.W_q, self.W_k, self.W_v), mats, strict=True):
                ed.set_value(M)
        self.say("")
        self.refresh()

    def _on_matrix(self, _M) -> None:
        self.mark_custom(self.preset)  # _on_preset ignores CUSTOM
        self.refresh()

    def _on_text(self, change) -> None:
        try:
            tokens = tokenize(change["new"])
        except ValueError:
            self.say("The sentence is empty: type at least one word, for example 'I go home'. "
                     "The heatmaps still show the last sentence.")
            return
        self.tokens = tokens
        self.X = example_vectors(tokens, self.d, seed=self.seed)
        self.say("")
        self.refresh()

    def refresh(self) -> None:
        """Recompute Q, K, V, scores and weights from the widgets; update the displays in place."""
        if self.held:
            return
        W_q, W_k, W_v = self.maps
        scale = self.scale
        self.outputs, weights = qkv_self_attention(self.X, W_q, W_k, W_v, scale=scale)
        Q, K, V = self.X @ W_q, self.X @ W_k, self.X @ W_v
        labels = self.tokens
        self.vectors.value = vectors_table(labels, {"x": self.X, "q = x W_q": Q, "k = x W_k": K,
                                                    "v = x W_v": V, "output": self.outputs},
                                           title=f"Each word's vectors (scale = {scale:.3f})")
        self.scores.update(attention_scores(Q, K, scale=scale), labels, labels)
        self.heatmap.update(weights, labels, labels)
