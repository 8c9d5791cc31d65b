"""Static figures of notebook 06: alignments as heatmaps, accuracy against length, sequential steps.

Builders take ``ax=None`` (or ``axes=None``), return what they drew and never call ``plt.show()``.
Cividis with fixed limits 0..1 for weights, Okabe-Ito colours for lines.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..style import PALETTE
from .frame import add_legend, axes_or_new, faint_grid
from .heatmap import attention_heatmap

__all__ = ["char_labels", "alignment_heatmap", "plot_alignments", "plot_length_sweep",
           "plot_sequential_steps"]

_VARIANTS = {"bottleneck": ("without attention (bottleneck)", PALETTE[1], "s"),
             "attention": ("with attention", PALETTE[0], "o")}


def char_labels(text: str) -> list[str]:
    """One label per character; a space shows as ``␣`` so its column can be read."""
    return ["␣" if c == " " else c for c in text]


def alignment_heatmap(weights, output: str, source: str, ax=None, *, title=None, show_values=True,
                      colorbar=True):  # [len(output), len(source)] -> HeatmapArtists
    """The [output x source] attention weights of one translation, characters as labels."""
    ax = axes_or_new(ax,
                     (min(14.0, 1.8 + 0.42 * len(source)), 1.6 + 0.4 * len(output)),  # pragma: no mutate
                     )
    drawn = attention_heatmap(weights, char_labels(output), char_labels(source), ax,
                              title=title or f"Where each output character looked: {source!r} -> {output!r}",
                              xlabel="source character (key)", ylabel="output character (query)",
                              show_values=show_values, colorbar=colorbar)
    drawn.ax.tick_params(labelrotation=0)  # single characters read best upright (both axes)
    return drawn


def plot_alignments(model, sources, axes=None, *, show_values=True):
    """Translate each source with ``model`` and draw its alignment; one panel per source.

    Returns the list of HeatmapArtists (one per source).
    """
    sources = list(sources)
    if axes is None:
        _, axes = plt.subplots(len(sources),
                               figsize=(12, 3.6 * len(sources)), layout="constrained",  # pragma: no mutate
                               )
    axes = np.atleast_1d(axes)
    drawn = []
    for ax, src in zip(axes, sources, strict=True):
        out, w = model.translate(src)
        if w is None:
            raise ValueError("the model has no attention: there is no alignment to draw.")
        drawn.append(alignment_heatmap(w, out, src, ax, title=f"{src!r} -> {out!r}",
                                       show_values=show_values))
    return drawn


def plot_length_sweep(sweep, ax=None, *, title=None, key="accuracy"):
    """Held-out accuracy against source length, both variants: mean over seeds and each seed.

    ``sweep`` is what :func:`helpers.lessons.translation_experiments.reversal_sweep` returns;
    ``key`` is ``"accuracy"`` (whole string) or ``"char_accuracy"``.
    """
    ax = axes_or_new(ax,
                     (7.5, 4.2),  # pragma: no mutate
                     )
    data = getattr(sweep, key)
    for variant, acc in data.items():
        label, colour, marker = _VARIANTS[variant]
        for row in acc:
            ax.plot(sweep.lengths, row, color=colour,
                    lw=0.8, alpha=0.35,  # pragma: no mutate
                    )
        ax.plot(sweep.lengths, acc.mean(axis=0), color=colour, marker=marker,
                label=f"{label}: mean of {len(acc)} seeds",
                lw=2.2,  # pragma: no mutate
                )
    ax.set_ylim(-0.03, 1.03)
    ax.set_xticks(sweep.lengths)
    ax.set_xlabel("source length (digits)")
    ax.set_ylabel("whole-string accuracy" if key == "accuracy" else "per-character accuracy")
    ax.set_title(title or "Reversing digits: held-out accuracy against length (thin lines: single seeds)")
    faint_grid(ax)
    add_legend(ax, loc="lower left")
    return ax


def plot_sequential_steps(lengths, ax=None):  # [n] -> Axes
    """Steps that must run one after another to encode T tokens: T for an RNN, 1 for attention."""
    T = np.asarray(lengths)
    ax = axes_or_new(ax,
                     (6.5, 3.8),  # pragma: no mutate
                     )
    ax.plot(T, T, color=PALETTE[1], marker="s", label="RNN encoder: h_t waits for h_(t-1)")
    ax.plot(T, np.ones_like(T), color=PALETTE[0], marker="o",
            label="attention layer: every position at once")
    ax.set_xlabel("tokens T")
    ax.set_ylabel("sequential steps")
    ax.set_title("Sequential steps to encode T tokens")
    faint_grid(ax)
    add_legend(ax, loc="upper left")
    return ax
