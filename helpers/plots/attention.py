"""Static figures for notebooks 03 and 04: word arrows, self-weight curves, saturation, distance.

Every builder takes ``ax=None`` (a new figure when omitted), returns a :class:`~helpers.plots.Drawn`
and never calls ``plt.show()``. Heatmaps come from :func:`helpers.plots.attention_heatmap`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from ..style import (
    ARROW_WIDTH,
    ARROWS_INCHES,
    CHART_INCHES,
    ORIGIN_LINE,
    PAIR_INCHES,
    PALETTE,
    REFERENCE,
    SATURATION_INCHES,
    SERIES,
    TOKEN_FONTSIZE,
)
from .frame import Drawn, add_legend, axes_or_new, panels
from .heatmap import fit_title

__all__ = ["word_arrows", "self_weight_plot", "saturation_plot", "distance_plot"]


def word_arrows(X, tokens, ax=None, *, encodings=None, encoding_labels=None, title="Word vectors", lim=None):
    """Draw 2-D word vectors as arrows from the origin; optionally attention outputs, dashed.

    Parameters
    ----------
    X : array_like of shape (T, 2)
    tokens : sequence of str, length T
    encodings : array_like of shape (n, 2), optional
        Extra vectors (e.g. the encoding of "I") drawn dashed, in the colour of the word they encode.
    encoding_labels : sequence of str, length n, optional
        Defaults to ``"enc(token)"`` for the first n tokens.
    lim : float, optional
        Half-width of both axes; pass the same value to panels that should share one scale.

    Returns
    -------
    Drawn with "arrows" (list of annotations) and "labels" (list of Text)
    """
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] != len(tokens):
        raise ValueError(f"word_arrows needs [T, 2] vectors and T tokens; got {X.shape} and "
                         f"{len(tokens)} tokens.")
    E = np.zeros((0, 2)) if encodings is None else np.asarray(encodings).reshape(-1, 2)
    elabels = (list(encoding_labels) if encoding_labels is not None
               else [f"enc({t})" for t in tokens[: len(E)]])
    ax = axes_or_new(ax, ARROWS_INCHES)
    allv = np.vstack([X, E, [[0.0, 0.0]]])
    lim = float(lim) if lim is not None else (1.2 * float(np.abs(allv).max()) or 1.0)
    arrows, labels = [], []
    rows = [(X[i], t, PALETTE[i % len(PALETTE)], "-") for i, t in enumerate(tokens)]
    rows += [(v, t, PALETTE[i % len(PALETTE)], "--") for i, (v, t) in enumerate(zip(E, elabels, strict=True))]
    for v, text, colour, style in rows:
        arrows.append(ax.annotate("", xy=v, xytext=(0, 0), arrowprops={
            "arrowstyle": "-|>", "color": colour, "linestyle": style, "shrinkA": 0, "shrinkB": 0,
            "lw": ARROW_WIDTH}))
        labels.append(ax.text(v[0] * 1.04, v[1] * 1.04 + 0.03 * lim, text, color=colour, ha="center",
                              fontsize=TOKEN_FONTSIZE, fontweight="bold"))
    ax.axhline(0, **ORIGIN_LINE)
    ax.axvline(0, **ORIGIN_LINE)
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("dimension 1")
    ax.set_ylabel("dimension 2")
    fit_title(ax, title)
    return Drawn(ax, arrows=arrows, labels=labels)


def _integer_log2_axis(ax, values):
    """A log2 x axis with a tick at each (integer) width, labelled 1, 2, 4 ... rather than 1.0, 2.0."""
    ax.set_xscale("log", base=2)
    ax.xaxis.set_major_locator(FixedLocator([float(v) for v in values]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))
    ax.xaxis.set_minor_locator(NullLocator())


def self_weight_plot(curves: Mapping[str, object], ax=None, *, title_prefix="Random sentences"):
    """Mean self-weight (left) and share of self-top words (right) against d, one line per curve.

    Parameters
    ----------
    curves : mapping of label to :class:`helpers.lessons.attention.SelfWeightCurve`
    ax : pair of matplotlib Axes, optional

    Returns
    -------
    Drawn with "lines" (label -> (mean line, share line)) and "references" (the 1/T lines, one per
    panel; none for T = 0)
    """
    left, right = panels(ax, (1, 2), PAIR_INCHES)
    lines = {}
    for i, (label, c) in enumerate(curves.items()):
        style = {"color": PALETTE[i % len(PALETTE)], "label": label, "marker": "o", **SERIES}
        lines[label] = (left.plot(c.d, c.mean_self_weight, **style)[0],
                        right.plot(c.d, c.self_top_share, **style)[0])
    T = c.T  # the last curve's sentence length, as before
    references = []
    for a, what in ((left, "average weight a word gives itself"),
                    (right, "share of words whose top weight is itself")):
        if T:
            references.append(a.axhline(1 / T, label=f"1/T = 1/{T} (no preference)", ls=":", **REFERENCE))
        _integer_log2_axis(a, c.d)
        a.set_ylim(0, 1.05)
        a.set_xlabel("vector width d")
        a.set_ylabel(what)
        add_legend(a)
    left.set_title(f"{title_prefix}: self-weight vs d")
    right.set_title(f"{title_prefix}: self is the top weight")
    return Drawn((left, right), lines=lines, references=references)


def saturation_plot(curve, ax=None, *, title="Largest softmax weight vs d_k (random q, k)"):
    """Mean largest weight against d_k, plain dot product vs scaled by 1/sqrt(d_k).

    Parameters
    ----------
    curve : :class:`helpers.lessons.attention.SaturationCurve`

    Returns
    -------
    Drawn with "lines" ({"plain": Line2D, "scaled": Line2D}) and "references" ({"one-hot": Line2D,
    "uniform": Line2D})
    """
    ax = axes_or_new(ax, SATURATION_INCHES)
    plain = ax.plot(curve.d_k, curve.max_weight_plain, "o-", color=PALETTE[1], label="q·k (no scale)",
                    **SERIES)[0]
    scaled = ax.plot(curve.d_k, curve.max_weight_scaled, "s--", color=PALETTE[0], label="q·k / sqrt(d_k)",
                     **SERIES)[0]
    one_hot = ax.axhline(1.0, label="1 = one-hot (saturated)", ls=":", **REFERENCE)
    uniform = ax.axhline(1 / curve.n_k, label=f"1/n_k = 1/{curve.n_k} (uniform)", ls="-.", **REFERENCE)
    _integer_log2_axis(ax, curve.d_k)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("d_k (width of queries and keys)")
    ax.set_ylabel("mean largest weight")
    ax.set_title(title)
    add_legend(ax)
    return Drawn(ax, lines={"plain": plain, "scaled": scaled},
                 references={"one-hot": one_hot, "uniform": uniform})


def distance_plot(comparison, ax=None, *, title=None, one_sentence=False):
    """Influence of the first word on the last position: RNN (step by step) vs attention (one score).

    Parameters
    ----------
    comparison : :class:`helpers.lessons.bilinear.ReachComparison`
        Both curves are ``||d (last position) / d x_0||`` for the first k+1 words, k = distance.
    one_sentence : bool
        The comparison is :func:`helpers.lessons.bilinear.reach_in_one_sentence`: every word of one
        sentence against the last position, by distance (labels and default title say so).

    Returns
    -------
    Drawn with "lines" ({"rnn": Line2D, "attention": Line2D, "weight": Line2D})
    """
    c = comparison
    ax = axes_or_new(ax, CHART_INCHES)
    T = len(c.distance)
    k = c.distance[1:]
    word = "x_word" if one_sentence else "x_first"
    rnn = ax.semilogy(k, np.maximum(c.rnn_influence[1:], 1e-300), "o-", color=PALETTE[1],
                      label=f"RNN: ||dh_last / d{word}||  (k steps)", **SERIES)[0]
    att = ax.semilogy(k, c.attention_influence[1:], "s-", color=PALETTE[0],
                      label=f"attention: ||d out_last / d{word}||  (1 step)", **SERIES)[0]
    weight = ax.semilogy(k, c.attention_weight[1:], ":", color=PALETTE[2],
                         label="attention weight of " + ("that word" if one_sentence else "the first word"),
                         **SERIES)[0]
    if one_sentence:
        ax.set_xlabel(f"distance k from a word to the last one (one sentence of {T} words)")
        fit_title(ax, title or f"Reach of each word of one {T}-word sentence")
    else:
        ax.set_xlabel("distance k from the first word to the last (sentence of k + 1 words)")
        fit_title(ax, title or f"Reach of the first word, sentences of 2 to {T} words")
    ax.set_ylabel("influence (log scale)")
    add_legend(ax)
    return Drawn(ax, lines={"rnn": rnn, "attention": att, "weight": weight})
