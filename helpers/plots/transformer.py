"""Static figures of notebook 07: heatmap rows, position encodings, offsets, head grids, cost.

Builders take ``ax=None`` (a sequence of Axes for several panels) and return a
:class:`~helpers.plots.Drawn`; they never call ``plt.show()``. Weights use cividis with fixed limits
0..1; other matrices say their limits in the colour bar.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..style import (
    HEATMAP_BASE_INCHES,
    HEATMAP_ROW_BASE_INCHES,
    HEATMAP_ROW_LABEL_INCHES,
    LINE_WIDTH,
    LOOP_TIME_INCHES,
    OFFSET_INCHES,
    OFFSET_MARKER_SIZES,
    PALETTE,
    POSITIONS_BASE_INCHES,
    POSITIONS_COLUMN_INCHES,
    POSITIONS_MAX_INCHES,
    POSITIONS_MIN_WIDTH,
    POSITIONS_ROW_INCHES,
    PROJECTOR_DPI,
    PROJECTOR_INCHES,
    WIDE_PAIR_INCHES,
)
from .frame import Drawn, add_legend, axes_or_new, faint_grid, panels
from .heatmap import attention_heatmap

__all__ = ["heatmap_row", "positions_heatmap", "offset_plot", "head_grid", "cost_plot", "loop_time_plot"]


def heatmap_row(matrices, row_labels, col_labels=None, ax=None, *, vmin=0.0, vmax=1.0, fmt=".2f",
                width=4.2, **labels):
    """Draw several [n_q, n_k] matrices side by side (one per ``{title: matrix}`` entry).

    ``width``: inches per panel of a new figure; ``ax``: one Axes per matrix, optional. ``labels``
    (``xlabel=``, ``ylabel=``) go to every panel. Returns ``"heatmaps"``: one :class:`HeatmapArtists`
    per panel.
    """
    col_labels = row_labels if col_labels is None else col_labels
    n = len(matrices)
    height = HEATMAP_ROW_LABEL_INCHES * len(row_labels) + HEATMAP_ROW_BASE_INCHES
    axes = panels(ax, (1, n), (width * n, height))
    return Drawn(axes, heatmaps=[
        attention_heatmap(M, row_labels, col_labels, ax=a, title=title, vmin=vmin, vmax=vmax, fmt=fmt,
                          colorbar=(k == n - 1), **labels)
        for k, (a, (title, M)) in enumerate(zip(axes, matrices.items(), strict=True))
    ])


def positions_heatmap(P, ax=None):  # [T, d] -> HeatmapArtists
    """The sinusoidal encodings as a heatmap: one row per position, one column per entry (-1..1)."""
    P = np.asarray(P, dtype=float)
    T, d = P.shape
    width = max(POSITIONS_MIN_WIDTH, POSITIONS_BASE_INCHES + POSITIONS_COLUMN_INCHES * d)
    height = HEATMAP_BASE_INCHES + POSITIONS_ROW_INCHES * T
    ax = axes_or_new(ax, (min(PROJECTOR_INCHES[0], width), min(POSITIONS_MAX_INCHES, height)))
    cols = [f"{'sin' if j % 2 == 0 else 'cos'} {j // 2}" for j in range(d)]
    return attention_heatmap(P, [str(t) for t in range(T)], cols, ax=ax, vmin=-1.0, vmax=1.0, fmt=".1f",
                             title=f"Sinusoidal positions, T = {T}, d = {d}",
                             xlabel="column (sin/cos of frequency i)", ylabel="position t (word t + 1)")


def offset_plot(P, starts=(0, 4, 8), ax=None):  # [T, d] -> Drawn
    """``p_t · p_(t+k)`` against the offset k, one line per start t: the lines lie on top of each other.

    Each later start gets smaller markers, so the ones below still show. Returns ``"lines"``: start t
    -> Line2D.
    """
    P = np.asarray(P, dtype=float)
    T = P.shape[0]
    ax = axes_or_new(ax, OFFSET_INCHES)
    markers = ["o", "s", "^", "D"]
    lines = {}
    for n, t in enumerate(starts):
        k = np.arange(T - t)
        (lines[t],) = ax.plot(k, P[t + k] @ P[t], marker=markers[n % 4], color=PALETTE[n],
                              linestyle="-" if n == 0 else "none", label=f"from position t = {t}",
                              lw=LINE_WIDTH, ms=OFFSET_MARKER_SIZES[n % 4])
    ax.set_xlabel("offset k (positions apart)")
    ax.set_ylabel("dot product p_t · p_(t+k)")
    ax.set_title("The dot product of two positions depends only on their offset")
    add_legend(ax, loc="upper right")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    faint_grid(ax)
    return Drawn(ax, lines=lines)


def head_grid(weights, tokens, titles, ax=None):  # [h, T, T] -> Drawn
    """Up to four heads' weights in a 2x2 grid sized for a 1280x720 projector (12.8 x 7.2 in at 100 dpi).

    ``ax``: four Axes (a 2x2 grid), optional; those past the last head are turned off. Returns
    ``"heatmaps"``: one :class:`HeatmapArtists` per head.
    """
    Wh = np.asarray(weights, dtype=float)
    h = Wh.shape[0]
    if not 1 <= h <= 4 or len(titles) != h:
        raise ValueError(f"head_grid draws 1 to 4 heads with one title each; got {h} heads, "
                         f"{len(titles)} titles.")
    axes = panels(ax, (2, 2), PROJECTOR_INCHES, dpi=PROJECTOR_DPI)
    arts = [attention_heatmap(Wh[j], tokens, tokens, ax=axes[j], title=titles[j], colorbar=(j % 2 == 1))
            for j in range(h)]
    for a in axes[h:]:
        a.axis("off")
    return Drawn(axes, heatmaps=arts)


def cost_plot(T_values, counts, timing, ax=None):
    """Two panels: exact operation counts (left) and the wall time measured on this machine (right).

    ``counts``: ``{"rnn": [n], "attention": [n]}`` multiply-adds; ``timing``: a :class:`CostTiming`;
    ``ax``: two Axes, optional. Returns ``"operations"`` and ``"times"``, each {"rnn", "attention"} ->
    Line2D.
    """
    T = np.asarray(T_values)
    ax_ops, ax_time = panels(ax, (1, 2), WIDE_PAIR_INCHES)
    styles = {"rnn": (PALETTE[0], "o", "RNN: 2·T·d² in T sequential steps"),
              "attention": (PALETTE[1], "s", "attention: 3·T·d² + 2·T²·d in a constant number of steps")}
    operations, times_drawn = {}, {}
    for key, (color, marker, label) in styles.items():
        (operations[key],) = ax_ops.loglog(T, counts[key], marker=marker, color=color, label=label, base=2)
    ax_ops.set_title("Operations (exact multiply-add counts)")
    times = {"rnn": timing.rnn_seconds, "attention": timing.attention_seconds}
    for key, (color, marker, _label) in styles.items():
        (times_drawn[key],) = ax_time.loglog(timing.T, np.asarray(times[key]) * 1e3, marker=marker,
                                             color=color, base=2, label=f"{key}, numpy on this machine")
    ax_time.set_title("Wall time measured here (varies by machine)")
    ax_ops.set_ylabel("multiply-adds")
    ax_time.set_ylabel("milliseconds (best of the runs)")
    for ax in (ax_ops, ax_time):
        ax.set_xlabel("sentence length T (tokens)")
        faint_grid(ax, which="both")
        add_legend(ax, loc="upper left")
    return Drawn((ax_ops, ax_time), operations=operations, times=times_drawn)


def loop_time_plot(timing, ax=None):
    """What the RNN loop's time is made of: a :class:`~helpers.lessons.transformer_measures.LoopTiming`.

    Three lines against T: the chain (each step waits for the last), the same steps issued one call
    at a time with no dependency, and the same multiply-adds as one product. Returns ``"lines"``:
    {"chain", "separate", "one_product"} -> Line2D.
    """
    ax = axes_or_new(ax, LOOP_TIME_INCHES)
    ways = {"chain": (PALETTE[0], "o", "RNN loop: each step waits for the last"),
            "separate": (PALETTE[4], "^", "same T steps, none waits (one call each)"),
            "one_product": (PALETTE[2], "D", "same multiply-adds as one product")}
    lines = {}
    for key, (color, marker, label) in ways.items():
        (lines[key],) = ax.loglog(timing.T, np.asarray(getattr(timing, key)) * 1e3, marker=marker,
                                  color=color, base=2, label=label)
    ax.set_title("The RNN's 2·T·d² multiply-adds, timed three ways here (varies by machine)")
    ax.set_xlabel("sentence length T (tokens)")
    ax.set_ylabel("milliseconds (best of the runs)")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))  # 16, 32, ...: plain, quick to draw
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.2g}"))
    faint_grid(ax)
    add_legend(ax, loc="upper left")
    return Drawn(ax, lines=lines)
