"""Static figures for notebooks 01 and 02: hidden states, influence curves, probe, Bi-RNN maps.

Every builder takes ``ax=None``, returns a :class:`~helpers.plots.Drawn` and never calls
``plt.show()``. Colours are colour-blind safe (cividis heatmaps, Okabe-Ito lines).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..style import (
    BARS_INCHES,
    CHART_INCHES,
    DIVIDER,
    INFLUENCE_INCHES,
    PALETTE,
    PROBE_INCHES,
    REFERENCE,
    SERIES,
)
from .frame import Drawn, add_legend, axes_or_new, faint_grid, panels
from .heatmap import HeatmapArtists, attention_heatmap, fit_title

__all__ = ["plot_hidden_states", "plot_curves", "plot_probe", "plot_influence_maps", "plot_contributions"]

_STYLES = ["-", "--", ":", "-."]


def plot_hidden_states(H, tokens: Sequence[str], ax=None, *, title="Hidden states, one column per step",
                       show_values=True, split=None) -> HeatmapArtists:
    """Hidden states [T, d_h] as a heatmap: one column per word (counted from 1), one row per unit.

    Values of a tanh state lie in -1..1, which are the fixed colour limits. ``split``: for a Bi-RNN's
    [T, 2 d_h] states, the number of forward units; a line then divides the forward units (state
    after reading words 1..t) from the backward ones (after reading words T..t), and each is labelled.
    Returns the heatmap's :class:`HeatmapArtists`, with the dividing line as ``"split"`` when drawn.
    """
    H = np.asarray(H)
    if H.ndim != 2 or H.shape[0] != len(tokens):
        raise ValueError(f"H must be [T, d_h] with T = {len(tokens)} tokens; got shape {H.shape}.")
    labels = [f"{t + 1}: {tok}" for t, tok in enumerate(tokens)]
    if split is None:
        units = [f"h[{i}]" for i in range(H.shape[1])]
        xlabel = "word just read (counted from 1)"
    else:
        units = [f"fwd h[{i}]" if i < split else f"bwd h[{i - split}]" for i in range(H.shape[1])]
        xlabel = "word t (forward units: read words 1..t; backward units: read words T..t)"
    art = attention_heatmap(H.T, units, labels, ax, title=title, vmin=-1.0, vmax=1.0, show_values=show_values,
                            xlabel=xlabel, ylabel="hidden unit")
    if split is None:
        return art
    line = art.ax.axhline(split - 0.5, **DIVIDER)
    return art.with_entries(split=line)


def plot_curves(x, curves: Mapping[str, Sequence[float]], ax=None, *, title: str, xlabel="distance (steps)",
                ylabel="norm", logy=True) -> Drawn:
    """Several curves on one axes (log y by default); ``"lines"``: label -> Line2D."""
    ax = axes_or_new(ax, CHART_INCHES)
    lines = {}
    for i, (label, y) in enumerate(curves.items()):
        (lines[label],) = ax.plot(x, y, _STYLES[i % len(_STYLES)], color=PALETTE[i % len(PALETTE)],
                                  label=label, marker="o", **SERIES)
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel + (" (log scale)" if logy else ""))
    fit_title(ax, title)
    faint_grid(ax)
    add_legend(ax)
    return Drawn(ax, lines=lines)


def plot_probe(results: Mapping[str, object], ax=None, *, metric="r2", title=None) -> Drawn:
    """A probe's score against distance, one curve per :class:`~helpers.core.rnn_analysis.ProbeResult`.

    ``metric`` is ``"r2"`` (how much of the first word's vector is recoverable) or ``"accuracy"``
    (how often the right first word is named; a dotted line marks chance). Returns ``"lines"``
    (label -> Line2D) and ``"reference"`` (the dotted line: chance, or nothing recovered).
    """
    if metric not in ("r2", "accuracy"):
        raise ValueError(f"metric must be 'r2' or 'accuracy'; got {metric!r}.")
    ax = axes_or_new(ax, PROBE_INCHES)
    lines = {}
    for i, (label, res) in enumerate(results.items()):
        (lines[label],) = ax.plot(res.distance, getattr(res, metric), _STYLES[i % len(_STYLES)],
                                  color=PALETTE[i % len(PALETTE)], label=label, marker="o", **SERIES)
    if metric == "accuracy":
        chance = next(iter(results.values())).chance
        reference = ax.axhline(chance, label=f"chance ({chance:.2f})", ls=":", **REFERENCE)
        ax.set_ylabel("accuracy: first word named correctly")
        default_title = "Can the first word be named from the state?"
    else:
        reference = ax.axhline(0.0, label="nothing recovered", ls=":", **REFERENCE)
        ax.set_ylabel("R² of the first word's vector")
        default_title = "How much of the first word the state still holds"
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("distance: steps between the first word and the state probed")
    ax.set_title(title or default_title)
    faint_grid(ax)
    add_legend(ax)
    return Drawn(ax, lines=lines, reference=reference)


def plot_influence_maps(forward, backward, both, tokens: Sequence[str], ax=None, *, fmt=".1f") -> Drawn:
    """Three [T, T] maps ``||d h_t / d x_s||`` side by side: forward, backward, concatenated.

    Rows are the state being encoded (t), columns the word that moves it (s); one colour scale
    (0 to the largest value) for the three, so they compare directly. ``ax``: three Axes, optional.
    Returns ``"heatmaps"``: the three :class:`HeatmapArtists`.
    """
    maps = [np.asarray(m) for m in (forward, backward, both)]
    T = len(tokens)
    for m in maps:
        if m.shape != (T, T):
            raise ValueError(f"each map must be [T, T] = [{T}, {T}] for {T} tokens; got {m.shape}.")
    axes = panels(ax, (1, 3), INFLUENCE_INCHES)
    vmax = float(max(m.max() for m in maps))
    titles = ["forward RNN: words 1..t (lower triangle)", "backward RNN: words t..T (upper triangle)",
              "concatenated [forward, backward]: every word"]
    return Drawn(axes, heatmaps=[
        attention_heatmap(m, tokens, tokens, a, title=f"||dh_t/dx_s||, {title}", vmin=0.0, vmax=vmax,
                          fmt=fmt, xlabel="word s (input)", ylabel="state t (encoding)", colorbar=(i == 2))
        for i, (m, a, title) in enumerate(zip(maps, axes, titles, strict=True))
    ])


def plot_contributions(rows: Mapping[str, Sequence[float]], tokens: Sequence[str], t: int, ax=None, *,
                       logy=True) -> Drawn:
    """Grouped bars: how much each word moves the encoding of word ``t``, one bar per direction.

    Returns ``"bars"``: label -> BarContainer.
    """
    ax = axes_or_new(ax, BARS_INCHES)
    n = len(tokens)
    width = 0.8 / max(1, len(rows))
    bars = {}
    for i, (label, vals) in enumerate(rows.items()):
        vals = np.asarray(vals)
        shown = np.where(vals > 0, vals, np.nan) if logy else vals
        bars[label] = ax.bar(np.arange(n) + (i - (len(rows) - 1) / 2) * width, shown, width,
                             color=PALETTE[i % len(PALETTE)], label=label)
    labels = [f"{s + 1}: {tok}" for s, tok in enumerate(tokens)]
    ax.set_xticks(range(n), labels=labels, rotation=45, ha="right")  # slanted, each ending under its bars
    ax.get_xticklabels()[t].set_fontweight("bold")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel("word s (counted from 1)")
    ax.set_ylabel("||dh_t / dx_s||" + (" (log scale)" if logy else ""))
    fit_title(ax, f"What moves the encoding of word {t + 1} '{tokens[t]}': far words barely count, "
                  "on either side")
    faint_grid(ax, axis="y")
    add_legend(ax)
    return Drawn(ax, bars=bars)
