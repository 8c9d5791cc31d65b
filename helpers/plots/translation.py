"""Static figures of notebook 06: alignments as heatmaps, accuracy against length, sequential steps.

Builders take ``ax=None`` (or ``axes=None``), return what they drew and never call ``plt.show()``.
Cividis with fixed limits 0..1 for weights, Okabe-Ito colours for lines.
"""

from __future__ import annotations

from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np

from ..style import PALETTE
from .frame import add_legend, axes_or_new, faint_grid
from .heatmap import attention_heatmap

__all__ = ["char_labels", "alignment_heatmap", "plot_alignments", "plot_length_sweep",
           "plot_position_accuracy", "plot_position_by_length", "plot_sequential_steps"]

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

    Panels are stacked in a figure 10.5 inches wide (about 1050 px inline), so that it shows at
    its own size on a 1280x720 screen; cell values are 10 pt and character labels 11 pt whatever
    the number of columns (up to about 28 fit), and one colour bar serves every panel.
    Returns the list of HeatmapArtists (one per source).
    """
    sources = list(sources)
    if axes is None:
        _, axes = plt.subplots(len(sources),
                               figsize=(10.5, 3.4 * len(sources)), layout="constrained",  # pragma: no mutate
                               )
    axes = np.atleast_1d(axes)
    drawn = []
    for ax, src in zip(axes, sources, strict=True):
        out, w = model.translate(src)
        if w is None:
            raise ValueError("the model has no attention: there is no alignment to draw.")
        art = alignment_heatmap(w, out, src, ax, title=f"{src!r} -> {out!r}", show_values=show_values,
                                colorbar=False)
        for text in (t for row in art.texts for t in row):
            text.set_fontsize(10)  # pragma: no mutate
        ax.tick_params(labelsize=11)  # pragma: no mutate
        drawn.append(art)
    bar = axes[0].figure.colorbar(drawn[0].image, ax=list(axes),
                                  shrink=0.6, pad=0.01,  # pragma: no mutate
                                  )
    return [replace(art, colorbar=bar) for art in drawn]


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
    add_legend(ax, loc="center right")  # clear of the falling curve's points at lengths 3-7
    return ax


def plot_position_accuracy(curves, chars: str, ax=None, *, guess=None, title=None):
    """Accuracy of each output character, in the order written: one line per variant.

    ``curves`` maps ``"bottleneck"`` / ``"attention"`` to an array [len(chars)] (at least that
    long; the rest, e.g. the end symbol, is not drawn); ``chars`` labels the x axis, e.g.
    ``"YYYY-MM-DD"``; ``guess`` [len(chars)], drawn as short grey bars, is what always writing
    the most common character scores.
    """
    ax = axes_or_new(ax,
                     (6.0, 3.6),  # pragma: no mutate
                     )
    x = np.arange(len(chars))
    for variant, acc in curves.items():
        label, colour, marker = _VARIANTS[variant]
        ax.plot(x, np.asarray(acc)[: len(chars)], color=colour, marker=marker, label=label.split(" (")[0],
                lw=2.0,  # pragma: no mutate
                )
    if guess is not None:
        ax.scatter(x, np.asarray(guess)[: len(chars)], color="0.45", label="a constant guess",
                   marker="_", s=260, zorder=3,  # pragma: no mutate
                   )
    ax.set_ylim(-0.03, 1.03)
    ax.set_xticks(x, labels=list(chars))
    ax.set_xlabel("output character, in the order written")
    ax.set_ylabel("share of held-out dates right")
    ax.set_title(title or f"Targets {chars}: which characters come out right")
    faint_grid(ax)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3,  # below the axes: no point hidden
              fontsize=9,  # pragma: no mutate
              )
    return ax


def plot_position_by_length(table, lengths, ax=None, *, title=None):  # [n_lengths, n_positions] -> Axes
    """Accuracy of the u-th digit written (x), one line per source length (lighter = longer).

    ``table[i, u]``: share of held-out strings of length ``lengths[i]`` whose u-th output digit
    is right (NaN past the string), e.g. from
    :func:`helpers.lessons.translation_positions.position_by_length`.
    """
    table = np.asarray(table, dtype=float)
    ax = axes_or_new(ax,
                     (7.5, 4.2),  # pragma: no mutate
                     )
    shades = plt.get_cmap("cividis")(np.linspace(0.0, 0.85, len(lengths)))  # pragma: no mutate
    u = np.arange(1, table.shape[1] + 1)
    for row, L, shade in zip(table, lengths, shades, strict=True):
        ax.plot(u, row, color=shade, marker=".", label=f"{L} digits",
                lw=1.4,  # pragma: no mutate
                )
    ax.set_ylim(-0.03, 1.03)
    ax.set_xticks(u)
    ax.set_xlabel("output digit u (1 = written first)")
    ax.set_ylabel("share of held-out strings right")
    ax.set_title(title or "Without attention: the u-th digit written, for each source length")
    faint_grid(ax)
    ax.legend(loc="upper right", fontsize=8, ncols=2)  # pragma: no mutate
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
