"""Static figures of notebook 05: the recall task, the race, and what each trained model learned.

Every builder takes ``ax=None`` (or ``axes=None``), returns what it drew and never calls
``plt.show()``. Okabe-Ito colours for lines; cividis with fixed limits 0..1 for weights.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch

from ..lessons.recall_tasks import N_VALUES, describe_pair_token, random_pair_value
from ..style import PALETTE
from .frame import add_legend, axes_or_new, faint_grid
from .heatmap import attention_heatmap

__all__ = ["plot_task_example", "plot_race", "plot_accuracy_by_pair", "plot_attention_examples",
           "plot_gradient_norms"]

_NAMES = {"rnn": "RNN (32 hidden)", "attention": "attention (1 layer)"}
# Outline of a token box: grey and thin, thick for the query and the matching pair.
_GREY, _THIN, _THICK = "#BBBBBB", 1.2, 3  # pragma: no mutate


def plot_task_example(X, y, match, ax=None, *, title=None):  # [T, d_in], int, int -> Axes
    """One associative-recall sequence drawn as a row of tokens; the matching pair is outlined."""
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X must be one sequence [T, d_in]; got shape {X.shape}.")
    T = len(X)
    ax = axes_or_new(ax,
                     (min(12.0, 1.3 * T + 1.5), 1.9),  # pragma: no mutate
               )
    for t, x in enumerate(X):
        is_query, is_match = t == T - 1, t == match
        colour = PALETTE[1] if is_query else PALETTE[2] if is_match else _GREY
        ax.add_patch(FancyBboxPatch((t + 0.06, 0.1), 0.88, 0.8, ec=colour,
                                    lw=_THICK if (is_query or is_match) else _THIN,
                                    boxstyle="round,pad=0.02", fc="white",  # pragma: no mutate
                                    ))
        ax.text(t + 0.5, 0.5, describe_pair_token(x), ha="center", va="center",
                fontsize=11,  # pragma: no mutate
                )
        ax.text(t + 0.5, -0.18, "query" if is_query else f"pair {t + 1}", ha="center",
                fontsize=9,  # pragma: no mutate
                )
    ax.set(xlim=(0, T), ylim=(-0.35, 1.0))
    ax.set_axis_off()
    ax.set_title(title or f"One sequence: {T - 1} key:value pairs, then a query key. "
                          f"Answer: v{int(y)} (the value of pair {int(match) + 1})",
                 fontsize=11,  # pragma: no mutate
                 )
    return ax


def plot_race(result, ax=None, *, title=None):
    """Held-out accuracy against size for both models: mean line, one dot per seed, reference lines.

    ``result`` is what :func:`helpers.lessons.race.race` returns. For associative recall the
    accuracy of answering with a random pair's value, ``1/n + (1 - 1/n)/8``, is drawn too.
    """
    ax = axes_or_new(ax,
                     (7.5, 4.4),  # pragma: no mutate
                     )
    sizes = np.asarray(result["sizes"])
    lines = {}
    for i, (kind, acc) in enumerate(result["accuracy"].items()):
        colour = PALETTE[i]
        for j in range(acc.shape[1]):
            ax.plot(sizes, acc[:, j], "o", color=colour,
                    alpha=0.45, ms=5,  # pragma: no mutate
                    )
        style = "-" if kind == "rnn" else "--"
        (lines[kind],) = ax.plot(sizes, acc.mean(axis=1), style, color=colour,
                                 label=f"{_NAMES.get(kind, kind)}: mean of {acc.shape[1]} seeds (dots)",
                                 lw=2.2,  # pragma: no mutate
                                 )
    if result["task"].startswith("associative"):
        grid = np.geomspace(sizes.min(), sizes.max())  # 50 points
        ax.plot(grid, random_pair_value(grid), ":", color=PALETTE[6],
                label="a random pair's value: 1/n + (1 - 1/n)/8",
                lw=1.8,  # pragma: no mutate
                )
    ax.axhline(1 / N_VALUES, ls="-.", label="chance (1/8)",
               color="#888", lw=1,  # pragma: no mutate
               )
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
    return lines


def plot_accuracy_by_pair(by_pair, axes=None, *, title=None):  # {n: [n]} -> list of BarContainer
    """Accuracy split by which pair the query asks for, one panel per number of pairs n.

    Beside the measured bars, two strategies with the same mean accuracy: answering with a random
    pair's value (a dotted line, the same for every pair) and keeping only the last pair (hollow
    markers: 1 on the last pair, a 1-in-8 guess on every other).
    """
    sizes = list(by_pair)
    if axes is None:
        fig, axes = plt.subplots(1, len(sizes), figsize=(4.6 * len(sizes), 3.6), layout="constrained",
                                 squeeze=False)
        axes = axes[0]
        fig.suptitle(title or "RNN accuracy split by the pair the query asks for (mean of the runs)")
    bars = []
    for ax, n in zip(np.atleast_1d(axes), sizes, strict=True):
        acc = np.asarray(by_pair[n], dtype=float)
        pos = np.arange(1, n + 1)
        bars.append(ax.bar(pos, acc, color=PALETTE[0], label="RNN, measured"))
        for p, a in zip(pos, acc, strict=True):
            ax.text(p, a + 0.02, f"{a:.2f}", ha="center", fontsize=9)
        ax.axhline(float(random_pair_value(n)), ls=":", color=PALETTE[6], label="a random pair's value")
        last = np.where(pos == n, 1.0, 1 / N_VALUES)
        ax.plot(pos, last, "o", mfc="none", color=PALETTE[1], label="keeping only the last pair")
        ax.set(ylim=(0, 1.1), xticks=pos, xlabel="pair the query asks for", ylabel="held-out accuracy",
               title=f"{n} pairs")
        faint_grid(ax, axis="y")
    add_legend(np.atleast_1d(axes)[0], loc="upper left")
    return bars


def plot_attention_examples(weights, X, match, axes=None, *, title=None):  # [n, T], [n, T, d_in], [n]
    """The query's weights over a few test sequences, one heatmap row each, pair tokens as labels."""
    weights, X = np.asarray(weights), np.asarray(X)
    n = len(weights)
    if axes is None:
        size = (min(13.0, 0.75 * X.shape[1] + 2.5), 1.25 * n + 0.6)  # pragma: no mutate
        fig, axes = plt.subplots(n,
                                 figsize=size, layout="constrained",  # pragma: no mutate
                                 )
        fig.suptitle(title or "Learned attention: the query's weight on each token "
                              "(outlined: the matching pair)")
    drawn = []
    for i, ax in enumerate(np.atleast_1d(axes)):
        labels = [describe_pair_token(x) for x in X[i]]
        art = attention_heatmap(weights[i:i + 1], [labels[-1]], labels, ax, title="", colorbar=False,
                                xlabel="token attended to" if i == n - 1 else "", ylabel="query")
        ax.add_patch(plt.Rectangle((match[i] - 0.5, -0.5), 1, 1, fill=False,
                                   ec=PALETTE[1], lw=3,  # pragma: no mutate
                                   ))
        drawn.append(art)
    return drawn


def plot_gradient_norms(curves: dict[str, Sequence[float]], ax=None, *, title=None):
    """``||d loss / d x_t||`` against position t, one curve per named model state (log scale)."""
    ax = axes_or_new(ax,
                     (7.5, 4.2),  # pragma: no mutate
                     )
    lines = []
    for i, (label, g) in enumerate(curves.items()):
        t = np.arange(1, len(g) + 1)
        (line,) = ax.plot(t, g, ["-", "--", ":"][i % 3], color=PALETTE[i], label=label,
                          marker="o", ms=4, lw=2,  # pragma: no mutate
                          )
        lines.append(line)
    ax.set_yscale("log")
    ax.set_xlabel("position t of the token (the question is last)")
    ax.set_ylabel("mean ||d loss / d x_t|| (log scale)")
    ax.set_title(title or "How strongly each input token can change the RNN's loss")
    faint_grid(ax)
    add_legend(ax)
    return lines
