"""Static figures of notebook 07: heatmap rows, position encodings, offsets, head grids, cost.

Builders take ``ax=None`` (or ``fig=None`` for multi-panel figures) and return what they drew;
they never call ``plt.show()``. Weights use cividis with fixed limits 0..1; other matrices say their
limits in the colour bar.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..style import PALETTE
from .frame import add_legend, axes_or_new, faint_grid
from .heatmap import attention_heatmap

__all__ = ["heatmap_row", "positions_heatmap", "offset_plot", "head_grid", "cost_plot", "loop_time_plot"]


def heatmap_row(panels, row_labels, col_labels=None, *, vmin=0.0, vmax=1.0, fmt=".2f", fig=None,
                width=4.2,  # pragma: no mutate
                **labels):
    """Draw several [n_q, n_k] matrices side by side (one per ``{title: matrix}`` entry).

    ``labels`` (``xlabel=``, ``ylabel=``) go to every panel. Returns the :class:`HeatmapArtists`, one per
    panel.
    """
    col_labels = row_labels if col_labels is None else col_labels
    n = len(panels)
    if fig is None:
        fig = plt.figure(figsize=(width * n, 0.45 * len(row_labels) + 2.4),  # pragma: no mutate
                         layout="constrained")
    axes = fig.subplots(1, n, squeeze=False)[0]
    return [
        attention_heatmap(M, row_labels, col_labels, ax=ax, title=title, vmin=vmin, vmax=vmax, fmt=fmt,
                          colorbar=(k == n - 1), **labels)
        for k, (ax, (title, M)) in enumerate(zip(axes, panels.items(), strict=True))
    ]


def positions_heatmap(P, ax=None):  # [T, d] -> HeatmapArtists
    """The sinusoidal encodings as a heatmap: one row per position, one column per entry (-1..1)."""
    P = np.asarray(P, dtype=float)
    T, d = P.shape
    ax = axes_or_new(ax,
                     (min(12.8, max(7.5, 2.0 + 0.62 * d)), min(7.0, 1.6 + 0.3 * T)),  # pragma: no mutate
                     )
    cols = [f"{'sin' if j % 2 == 0 else 'cos'} {j // 2}" for j in range(d)]
    return attention_heatmap(P, [str(t) for t in range(T)], cols, ax=ax, vmin=-1.0, vmax=1.0, fmt=".1f",
                             title=f"Sinusoidal positions, T = {T}, d = {d}",
                             xlabel="column (sin/cos of frequency i)", ylabel="position t (word t + 1)")


def offset_plot(P, starts=(0, 4, 8), ax=None):  # [T, d] -> list of Line2D
    """``p_t · p_(t+k)`` against the offset k, one line per start t: the lines lie on top of each other."""
    P = np.asarray(P, dtype=float)
    T = P.shape[0]
    ax = axes_or_new(ax,
                     (7.5, 4.0),  # pragma: no mutate
                     )
    markers = ["o", "s", "^", "D"]
    lines = []
    for n, t in enumerate(starts):
        k = np.arange(T - t)
        (line,) = ax.plot(k, P[t + k] @ P[t], marker=markers[n % 4], color=PALETTE[n],
                          linestyle="-" if n == 0 else "none", label=f"from position t = {t}",
                          markersize=9 - 2.5 * n,  # pragma: no mutate
                          )
        lines.append(line)
    ax.set_xlabel("offset k (positions apart)")
    ax.set_ylabel("dot product p_t · p_(t+k)")
    ax.set_title("The dot product of two positions depends only on their offset")
    add_legend(ax, loc="upper right")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    faint_grid(ax)
    return lines


def head_grid(weights, tokens, titles, fig=None):  # [h, T, T] -> list of HeatmapArtists
    """Up to four heads' weights in a 2x2 grid sized for a 1280x720 projector (12.8 x 7.2 in at 100 dpi)."""
    Wh = np.asarray(weights, dtype=float)
    h = Wh.shape[0]
    if not 1 <= h <= 4 or len(titles) != h:
        raise ValueError(f"head_grid draws 1 to 4 heads with one title each; got {h} heads, "
                         f"{len(titles)} titles.")
    if fig is None:
        fig = plt.figure(figsize=(12.8, 7.2), dpi=100, layout="constrained")
    axes = fig.subplots(2, 2).ravel()
    arts = [attention_heatmap(Wh[j], tokens, tokens, ax=axes[j], title=titles[j], colorbar=(j % 2 == 1))
            for j in range(h)]
    for ax in axes[h:]:
        ax.axis("off")
    return arts


def cost_plot(T_values, counts, timing, fig=None):
    """Two panels: exact operation counts (left) and the wall time measured on this machine (right).

    ``counts``: ``{"rnn": [n], "attention": [n]}`` multiply-adds; ``timing``: a :class:`CostTiming`.
    Returns the two axes.
    """
    T = np.asarray(T_values)
    if fig is None:
        fig = plt.figure(figsize=(12.0, 4.4),  # pragma: no mutate
                         layout="constrained")
    ax_ops, ax_time = fig.subplots(1, 2)
    styles = {"rnn": (PALETTE[0], "o", "RNN: 2·T·d² in T sequential steps"),
              "attention": (PALETTE[1], "s", "attention: 3·T·d² + 2·T²·d in a constant number of steps")}
    for key, (color, marker, label) in styles.items():
        ax_ops.loglog(T, counts[key], marker=marker, color=color, label=label, base=2)
    ax_ops.set_title("Operations (exact multiply-add counts)")
    times = {"rnn": timing.rnn_seconds, "attention": timing.attention_seconds}
    for key, (color, marker, _label) in styles.items():
        ax_time.loglog(timing.T, np.asarray(times[key]) * 1e3, marker=marker, color=color, base=2,
                       label=f"{key}, numpy on this machine")
    ax_time.set_title("Wall time measured here (varies by machine)")
    ax_ops.set_ylabel("multiply-adds")
    ax_time.set_ylabel("milliseconds (best of the runs)")
    for ax in (ax_ops, ax_time):
        ax.set_xlabel("sentence length T (tokens)")
        faint_grid(ax, which="both")
        add_legend(ax, loc="upper left")
    return ax_ops, ax_time


def loop_time_plot(timing, ax=None):
    """What the RNN loop's time is made of: a :class:`~helpers.lessons.transformer_measures.LoopTiming`.

    Three lines against T: the chain (each step waits for the last), the same steps issued one call
    at a time with no dependency, and the same multiply-adds as one product. Returns the axes.
    """
    ax = axes_or_new(ax, (7.5, 4.4))  # pragma: no mutate
    ways = {"chain": (PALETTE[0], "o", "RNN loop: each step waits for the last"),
            "separate": (PALETTE[4], "^", "same T steps, none waits (one call each)"),
            "one_product": (PALETTE[2], "D", "same multiply-adds as one product")}
    for key, (color, marker, label) in ways.items():
        ax.loglog(timing.T, np.asarray(getattr(timing, key)) * 1e3, marker=marker, color=color, base=2,
                  label=label)
    ax.set_title("The RNN's 2·T·d² multiply-adds, timed three ways here (varies by machine)")
    ax.set_xlabel("sentence length T (tokens)")
    ax.set_ylabel("milliseconds (best of the runs)")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))  # 16, 32, ...: plain, quick to draw
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.2g}"))
    faint_grid(ax)
    add_legend(ax, loc="upper left")
    return ax
