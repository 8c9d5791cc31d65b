"""Static figures of notebook 06: alignments as heatmaps, accuracy against length, sequential steps.

Builders take ``ax=None``, return a :class:`~helpers.plots.Drawn` and never call ``plt.show()``.
Cividis with fixed limits 0..1 for weights, Okabe-Ito colours for lines.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np

from ..style import (
    ALIGNMENT_BASE_WIDTH,
    ALIGNMENT_LABEL_FONTSIZE,
    ALIGNMENT_PANEL_INCHES,
    ALIGNMENT_ROW_INCHES,
    ALIGNMENT_VALUE_FONTSIZE,
    CHART_INCHES,
    FAMILY_LINE_WIDTH,
    GUESS_MARKS,
    HEATMAP_BASE_INCHES,
    HEATMAP_MAX_INCHES,
    HEATMAP_TOKEN_INCHES,
    LEGEND_FONTSIZE,
    PALETTE,
    POSITION_ACCURACY_INCHES,
    SEED_LINE,
    SERIES,
    SHADES,
    SHARED_COLORBAR,
    SMALL_CHART_INCHES,
    SMALL_LEGEND_FONTSIZE,
    WEIGHT_CMAP,
)
from .frame import Drawn, add_legend, axes_or_new, faint_grid, panels
from .heatmap import attention_heatmap

__all__ = ["char_labels", "alignment_heatmap", "plot_alignments", "plot_length_sweep",
           "plot_position_accuracy", "plot_position_by_length", "plot_sequential_steps"]

_VARIANTS = {"bottleneck": ("without attention (bottleneck)", PALETTE[1], "s"),
             "attention": ("with attention", PALETTE[0], "o")}


def char_labels(text: str) -> list[str]:
    """One label per character; a space shows as ``␣`` so its column can be read."""
    return ["␣" if c == " " else c for c in text]


def alignment_heatmap(weights, output: str, source: str, ax=None, *, title=None, show_values=True,
                      colorbar=True, **sizes):  # [len(output), len(source)] -> HeatmapArtists
    """The [output x source] attention weights of one translation, characters as labels.

    ``sizes`` (``label_size=``, ``value_size=``) go to :func:`attention_heatmap`.
    """
    width = min(HEATMAP_MAX_INCHES, ALIGNMENT_BASE_WIDTH + HEATMAP_TOKEN_INCHES * len(source))
    ax = axes_or_new(ax, (width, HEATMAP_BASE_INCHES + ALIGNMENT_ROW_INCHES * len(output)))
    drawn = attention_heatmap(weights, char_labels(output), char_labels(source), ax,
                              title=title or f"Where each output character looked: {source!r} -> {output!r}",
                              xlabel="source character (key)", ylabel="output character (query)",
                              show_values=show_values, colorbar=colorbar, **sizes)
    drawn.ax.tick_params(labelrotation=0)  # single characters read best upright (both axes)
    return drawn


def plot_alignments(model, sources, ax=None, *, show_values=True):
    """Translate each source with ``model`` and draw its alignment; one panel per source.

    Panels are stacked in a figure 10.5 inches wide (about 1050 px inline), so that it shows at
    its own size on a 1280x720 screen; cell values are 10 pt and character labels 11 pt whatever
    the number of columns (up to about 28 fit), and one colour bar serves every panel.
    ``ax``: one Axes per source, optional. Returns ``"heatmaps"`` (one :class:`HeatmapArtists` per
    source, each with the shared colour bar) and ``"colorbar"``.
    """
    sources = list(sources)
    width, height = ALIGNMENT_PANEL_INCHES
    axes = panels(ax, (len(sources), 1), (width, height * len(sources)))
    drawn = []
    for a, src in zip(axes, sources, strict=True):
        out, w = model.translate(src)
        if w is None:
            raise ValueError("the model has no attention: there is no alignment to draw.")
        drawn.append(alignment_heatmap(w, out, src, a, title=f"{src!r} -> {out!r}", show_values=show_values,
                                       colorbar=False, label_size=ALIGNMENT_LABEL_FONTSIZE,
                                       value_size=ALIGNMENT_VALUE_FONTSIZE))
    bar = axes[0].figure.colorbar(drawn[0].image, ax=list(axes), **SHARED_COLORBAR)
    return Drawn(axes, colorbar=bar, heatmaps=[art.with_entries(colorbar=bar) for art in drawn])


def plot_length_sweep(sweep, ax=None, *, title=None, key="accuracy"):
    """Held-out accuracy against source length, both variants: mean over seeds and each seed.

    ``sweep`` is what :func:`helpers.lessons.translation_experiments.reversal_sweep` returns;
    ``key`` is ``"accuracy"`` (whole string) or ``"char_accuracy"``. Returns ``"means"`` (variant ->
    Line2D) and ``"seeds"`` (variant -> one thin Line2D per seed).
    """
    ax = axes_or_new(ax, CHART_INCHES)
    data = getattr(sweep, key)
    means, seeds = {}, {}
    for variant, acc in data.items():
        label, colour, marker = _VARIANTS[variant]
        seeds[variant] = [ax.plot(sweep.lengths, row, color=colour, **SEED_LINE)[0] for row in acc]
        (means[variant],) = ax.plot(sweep.lengths, acc.mean(axis=0), color=colour, marker=marker,
                                    label=f"{label}: mean of {len(acc)} seeds", **SERIES)
    ax.set_ylim(-0.03, 1.03)
    ax.set_xticks(sweep.lengths)
    ax.set_xlabel("source length (digits)")
    ax.set_ylabel("whole-string accuracy" if key == "accuracy" else "per-character accuracy")
    ax.set_title(title or "Reversing digits: held-out accuracy against length (thin lines: single seeds)")
    faint_grid(ax)
    add_legend(ax, loc="center right")  # clear of the falling curve's points at lengths 3-7
    return Drawn(ax, means=means, seeds=seeds)


def plot_position_accuracy(curves, chars: str, ax=None, *, guess=None, title=None):
    """Accuracy of each output character, in the order written: one line per variant.

    ``curves`` maps ``"bottleneck"`` / ``"attention"`` to an array [len(chars)] (at least that
    long; the rest, e.g. the end symbol, is not drawn); ``chars`` labels the x axis, e.g.
    ``"YYYY-MM-DD"``; ``guess`` [len(chars)], drawn as short grey bars, is what always writing
    the most common character scores. Returns ``"lines"`` (variant -> Line2D) and ``"guess"`` (the
    marks, or None).
    """
    ax = axes_or_new(ax, POSITION_ACCURACY_INCHES)
    x = np.arange(len(chars))
    lines = {}
    for variant, acc in curves.items():
        label, colour, marker = _VARIANTS[variant]
        (lines[variant],) = ax.plot(x, np.asarray(acc)[: len(chars)], color=colour, marker=marker,
                                    label=label.split(" (")[0], **SERIES)
    marks = None
    if guess is not None:
        marks = ax.scatter(x, np.asarray(guess)[: len(chars)], label="a constant guess", **GUESS_MARKS)
    ax.set_ylim(-0.03, 1.03)
    ax.set_xticks(x, labels=list(chars))
    ax.set_xlabel("output character, in the order written")
    ax.set_ylabel("share of held-out dates right")
    ax.set_title(title or f"Targets {chars}: which characters come out right")
    faint_grid(ax)
    # below the axes: no point hidden
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3, fontsize=LEGEND_FONTSIZE)
    return Drawn(ax, lines=lines, guess=marks)


def plot_position_by_length(table, lengths, ax=None, *, title=None):  # [n_lengths, n_positions] -> Drawn
    """Accuracy of the u-th digit written (x), one line per source length (lighter = longer).

    ``table[i, u]``: share of held-out strings of length ``lengths[i]`` whose u-th output digit
    is right (NaN past the string), e.g. from
    :func:`helpers.lessons.translation_positions.position_by_length`. Returns ``"lines"``: length ->
    Line2D.
    """
    table = np.asarray(table, dtype=float)
    ax = axes_or_new(ax, CHART_INCHES)
    shades = mpl.colormaps[WEIGHT_CMAP](np.linspace(*SHADES, len(lengths)))  # dark to light
    u = np.arange(1, table.shape[1] + 1)
    lines = {}
    for row, L, shade in zip(table, lengths, shades, strict=True):
        (lines[L],) = ax.plot(u, row, color=shade, marker=".", label=f"{L} digits", lw=FAMILY_LINE_WIDTH)
    ax.set_ylim(-0.03, 1.03)
    ax.set_xticks(u)
    ax.set_xlabel("output digit u (1 = written first)")
    ax.set_ylabel("share of held-out strings right")
    ax.set_title(title or "Without attention: the u-th digit written, for each source length")
    faint_grid(ax)
    ax.legend(loc="upper right", fontsize=SMALL_LEGEND_FONTSIZE, ncols=2)
    return Drawn(ax, lines=lines)


def plot_sequential_steps(lengths, ax=None):  # [n] -> Drawn
    """Steps that must run one after another to encode T tokens: T for an RNN, 1 for attention.

    Returns ``"lines"``: {"rnn": Line2D, "attention": Line2D}.
    """
    T = np.asarray(lengths)
    ax = axes_or_new(ax, SMALL_CHART_INCHES)
    (rnn,) = ax.plot(T, T, color=PALETTE[1], marker="s", label="RNN encoder: h_t waits for h_(t-1)")
    (attention,) = ax.plot(T, np.ones_like(T), color=PALETTE[0], marker="o",
                           label="attention layer: every position at once")
    ax.set_xlabel("tokens T")
    ax.set_ylabel("sequential steps")
    ax.set_title("Sequential steps to encode T tokens")
    faint_grid(ax)
    add_legend(ax, loc="upper left")
    return Drawn(ax, lines={"rnn": rnn, "attention": attention})
