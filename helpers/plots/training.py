"""Static figures of notebook 05: the recall task, the race, and what each trained model learned.

Every builder takes ``ax=None``, returns a :class:`~helpers.plots.Drawn` and never calls
``plt.show()``. Okabe-Ito colours for lines; cividis with fixed limits 0..1 for weights.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch

from ..lessons.recall_tasks import N_VALUES, describe_pair_token, random_pair_value
from ..style import (
    BAR_PANEL_INCHES,
    BOX_EDGE,
    BOX_WIDTH,
    CHART_INCHES,
    NOTE_FONTSIZE,
    OUTLINE_WIDTH,
    PALETTE,
    RACE_INCHES,
    REFERENCE,
    SEED_DOTS,
    SERIES,
    STRATEGY_LINE,
    SUPTITLE_INCHES,
    TOKEN_BOX_INCHES,
    TOKEN_FONTSIZE,
    TOKEN_ROW_BASE_INCHES,
    TOKEN_ROW_HEIGHT,
    TOKEN_ROW_MAX_INCHES,
    WEIGHT_ROW_BASE_INCHES,
    WEIGHT_ROW_HEIGHT,
    WEIGHT_ROW_MAX_INCHES,
    WEIGHT_ROW_TOKEN_INCHES,
)
from .frame import Drawn, add_legend, axes_or_new, faint_grid, panels
from .heatmap import attention_heatmap

__all__ = ["plot_task_example", "plot_race", "plot_accuracy_by_pair", "plot_attention_examples",
           "plot_gradient_norms"]

_NAMES = {"rnn": "RNN (32 hidden)", "attention": "attention (1 layer)"}


def plot_task_example(X, y, match, ax=None, *, title=None):  # [T, d_in], int, int -> Drawn
    """One associative-recall sequence drawn as a row of tokens; the matching pair is outlined.

    Returns ``"boxes"`` (one patch per token; thick for the query and the matching pair), ``"tokens"``
    (the token texts) and ``"captions"`` (query / pair t under each box).
    """
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X must be one sequence [T, d_in]; got shape {X.shape}.")
    T = len(X)
    width = min(TOKEN_ROW_MAX_INCHES, TOKEN_BOX_INCHES * T + TOKEN_ROW_BASE_INCHES)
    ax = axes_or_new(ax, (width, TOKEN_ROW_HEIGHT))
    boxes, tokens, captions = [], [], []
    for t, x in enumerate(X):
        is_query, is_match = t == T - 1, t == match
        colour = PALETTE[1] if is_query else PALETTE[2] if is_match else BOX_EDGE
        boxes.append(ax.add_patch(FancyBboxPatch((t + 0.06, 0.1), 0.88, 0.8, boxstyle="round,pad=0.02",
                                                 ec=colour, fc="white",
                                                 lw=OUTLINE_WIDTH if (is_query or is_match) else BOX_WIDTH)))
        tokens.append(ax.text(t + 0.5, 0.5, describe_pair_token(x), ha="center", va="center",
                              fontsize=TOKEN_FONTSIZE))
        captions.append(ax.text(t + 0.5, -0.18, "query" if is_query else f"pair {t + 1}", ha="center",
                                fontsize=NOTE_FONTSIZE))
    ax.set(xlim=(0, T), ylim=(-0.35, 1.0))
    ax.set_axis_off()
    ax.set_title(title or f"One sequence: {T - 1} key:value pairs, then a query key. "
                          f"Answer: v{int(y)} (the value of pair {int(match) + 1})", fontsize=TOKEN_FONTSIZE)
    return Drawn(ax, boxes=boxes, tokens=tokens, captions=captions)


def plot_race(result, ax=None, *, title=None):
    """Held-out accuracy against size for both models: mean line, one dot per seed, reference lines.

    ``result`` is what :func:`helpers.lessons.race.race` returns. For associative recall the
    accuracy of answering with a random pair's value, ``1/n + (1 - 1/n)/8``, is drawn too.
    Returns ``"lines"`` (kind -> the mean's Line2D), ``"seeds"`` (kind -> one Line2D of dots per seed)
    and ``"references"`` ({"chance": Line2D} and, for associative recall, "random pair").
    """
    ax = axes_or_new(ax, RACE_INCHES)
    sizes = np.asarray(result["sizes"])
    lines, seeds = {}, {}
    for i, (kind, acc) in enumerate(result["accuracy"].items()):
        colour = PALETTE[i]
        seeds[kind] = [ax.plot(sizes, acc[:, j], "o", color=colour, **SEED_DOTS)[0]
                       for j in range(acc.shape[1])]
        style = "-" if kind == "rnn" else "--"
        (lines[kind],) = ax.plot(sizes, acc.mean(axis=1), style, color=colour,
                                 label=f"{_NAMES.get(kind, kind)}: mean of {acc.shape[1]} seeds (dots)",
                                 **SERIES)
    references = {}
    if result["task"].startswith("associative"):
        grid = np.geomspace(sizes.min(), sizes.max())  # 50 points
        (references["random pair"],) = ax.plot(grid, random_pair_value(grid), **STRATEGY_LINE,
                                               label="a random pair's value: 1/n + (1 - 1/n)/8")
    references["chance"] = ax.axhline(1 / N_VALUES, ls="-.", label="chance (1/8)", **REFERENCE)
    ax.set_xscale("log", base=2)
    ax.set_xticks(sizes, labels=[f"{s:g}" for s in sizes])
    ax.set_ylim(0, 1.05)
    what = "number of pairs n" if result["task"] == "associative" else "sequence length T"
    ax.set_xlabel(what + " (log scale)")
    ax.set_ylabel("held-out accuracy")
    task = "associative recall" if result["task"] == "associative" else "first-token recall"
    ax.set_title(title or f"{task}: accuracy after {result['steps']} training steps")
    faint_grid(ax)
    add_legend(ax, loc="center right" if result["task"] == "associative" else "center left")
    return Drawn(ax, lines=lines, seeds=seeds, references=references)


def plot_accuracy_by_pair(by_pair, ax=None, *, title=None):  # {n: [n]} -> Drawn
    """Accuracy split by which pair the query asks for, one panel per number of pairs n.

    Beside the measured bars, two strategies with the same mean accuracy: answering with a random
    pair's value (a dotted line, the same for every pair) and keeping only the last pair (hollow
    markers: 1 on the last pair, a 1-in-8 guess on every other). ``ax``: one Axes per n, optional.
    Returns ``"bars"`` (n -> BarContainer).
    """
    sizes = list(by_pair)
    given = ax is not None
    axes = panels(ax, (1, len(sizes)), (BAR_PANEL_INCHES[0] * len(sizes), BAR_PANEL_INCHES[1]))
    if not given:
        axes[0].figure.suptitle(title or "RNN accuracy split by the pair the query asks for "
                                         "(mean of the runs)")
    bars = {}
    for a, n in zip(axes, sizes, strict=True):
        acc = np.asarray(by_pair[n], dtype=float)
        pos = np.arange(1, n + 1)
        bars[n] = a.bar(pos, acc, color=PALETTE[0], label="RNN, measured")
        for p, v in zip(pos, acc, strict=True):
            a.text(p, v + 0.02, f"{v:.2f}", ha="center", fontsize=NOTE_FONTSIZE)
        a.axhline(float(random_pair_value(n)), label="a random pair's value", **STRATEGY_LINE)
        last = np.where(pos == n, 1.0, 1 / N_VALUES)
        a.plot(pos, last, "o", mfc="none", color=PALETTE[1], label="keeping only the last pair")
        a.set(ylim=(0, 1.1), xticks=pos, xlabel="pair the query asks for", ylabel="held-out accuracy",
              title=f"{n} pairs")
        faint_grid(a, axis="y")
    add_legend(axes[0], loc="upper left")
    return Drawn(axes, bars=bars)


def plot_attention_examples(weights, X, match, ax=None, *, title=None):  # [n, T], [n, T, d_in], [n]
    """The query's weights over a few test sequences, one heatmap row each, pair tokens as labels.

    ``ax``: one Axes per sequence, optional. Returns ``"heatmaps"`` (one :class:`HeatmapArtists` per
    sequence) and ``"outlines"`` (the rectangle around each matching pair).
    """
    weights, X = np.asarray(weights), np.asarray(X)
    n = len(weights)
    given = ax is not None
    size = (min(WEIGHT_ROW_MAX_INCHES, WEIGHT_ROW_TOKEN_INCHES * X.shape[1] + WEIGHT_ROW_BASE_INCHES),
            WEIGHT_ROW_HEIGHT * n + SUPTITLE_INCHES)
    axes = panels(ax, (n, 1), size)
    if not given:
        axes[0].figure.suptitle(title or "Learned attention: the query's weight on each token "
                                         "(outlined: the matching pair)")
    heatmaps, outlines = [], []
    for i, a in enumerate(axes):
        labels = [describe_pair_token(x) for x in X[i]]
        heatmaps.append(attention_heatmap(weights[i:i + 1], [labels[-1]], labels, a, title="", colorbar=False,
                                          xlabel="token attended to" if i == n - 1 else "", ylabel="query"))
        outlines.append(a.add_patch(plt.Rectangle((match[i] - 0.5, -0.5), 1, 1, fill=False, ec=PALETTE[1],
                                                  lw=OUTLINE_WIDTH)))
    return Drawn(axes, heatmaps=heatmaps, outlines=outlines)


def plot_gradient_norms(curves: dict[str, Sequence[float]], ax=None, *, title=None):
    """``||d loss / d x_t||`` against position t, one curve per named model state (log scale).

    Returns ``"lines"``: label -> Line2D.
    """
    ax = axes_or_new(ax, CHART_INCHES)
    lines = {}
    for i, (label, g) in enumerate(curves.items()):
        t = np.arange(1, len(g) + 1)
        (lines[label],) = ax.plot(t, g, ["-", "--", ":"][i % 3], color=PALETTE[i], label=label, marker="o",
                                  **SERIES)
    ax.set_yscale("log")
    ax.set_xlabel("position t of the token (the question is last)")
    ax.set_ylabel("mean ||d loss / d x_t|| (log scale)")
    ax.set_title(title or "How strongly each input token can change the RNN's loss")
    faint_grid(ax)
    add_legend(ax)
    return Drawn(ax, lines=lines)
