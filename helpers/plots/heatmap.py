"""Annotated heatmaps with token labels: the static figure every notebook uses."""

from __future__ import annotations

import textwrap

import matplotlib as mpl
import numpy as np

from ..style import (
    COLORBAR_INCHES,
    COLORBAR_SHRINK,
    FULL_SIZE_TOKENS,
    HEATMAP_BASE_INCHES,
    HEATMAP_MAX_INCHES,
    HEATMAP_TOKEN_INCHES,
    LABEL_FONTSIZE,
    LABEL_SHRINK_PER_TOKEN,
    MIN_LABEL_FONTSIZE,
    MIN_VALUE_FONTSIZE,
    VALUE_FONTSIZE_STEP,
    WEIGHT_CMAP,
    text_colors,
)
from .frame import Drawn, axes_or_new

__all__ = ["HeatmapArtists", "attention_heatmap", "update_heatmap", "fit_title"]


def fit_title(ax, title: str, *, share: float = 0.8):
    """Set ``title`` on ``ax``, wrapped into lines that fit the axes' share of the figure width.

    A title wider than its figure is clipped in the saved image; wrapping by an estimate of the
    character width (0.55 em) keeps it inside. ``share`` is the fraction of that width to use.
    Returns the title's Text.
    """
    text = ax.set_title(title)
    spec = ax.get_subplotspec()
    fraction = len(spec.colspan) / spec.get_gridspec().ncols if spec is not None else 1.0
    width_pt = ax.figure.get_figwidth() * 72 * fraction * share
    chars = max(12, int(width_pt / (0.55 * text.get_fontsize())))
    text.set_text("\n".join(textwrap.wrap(title, chars)) if len(title) > chars else title)
    return text


class HeatmapArtists(Drawn):
    """What :func:`attention_heatmap` drew, so it can be updated in place.

    A :class:`Drawn` with ``"image"``, ``"colorbar"`` (None without one) and ``"texts"`` ([n_q][n_k] of
    Text, ``[]`` when values are hidden), also read as attributes (``art.image``), and the ``fmt`` of
    the values.
    """

    def __init__(self, ax, image, colorbar, texts, fmt, **more):
        super().__init__(ax, image=image, colorbar=colorbar, texts=texts, **more)
        self.fmt = fmt

    @property
    def image(self) -> mpl.image.AxesImage:
        return self["image"]

    @property
    def colorbar(self) -> mpl.colorbar.Colorbar | None:
        return self["colorbar"]

    @property
    def texts(self) -> list:
        return self["texts"]

    def with_entries(self, **entries) -> HeatmapArtists:
        """The same heatmap with ``entries`` replacing or adding named artists (``colorbar=``, ``split=``)."""
        return HeatmapArtists(self.ax, fmt=self.fmt, **{**self, **entries})


def attention_heatmap(
    weights,
    query_labels,
    key_labels,
    ax=None,
    *,
    title="Attention weights (each row sums to 1)",
    vmin=0.0,
    vmax=1.0,
    cmap=WEIGHT_CMAP,
    show_values=True,
    fmt=".2f",
    xlabel="key (attended to)",
    ylabel="query (attending)",
    colorbar=True,
    label_size=None,
    value_size=None,
) -> HeatmapArtists:
    """Draw a [n_q, n_k] matrix as a heatmap with token labels and the value in each cell.

    Parameters
    ----------
    weights : array_like of shape (n_q, n_k)
    query_labels : sequence of str, length n_q  (rows, y axis)
    key_labels : sequence of str, length n_k  (columns, x axis)
    ax : matplotlib Axes, optional
        Drawn into a new figure sized for the number of tokens when omitted.
    vmin, vmax : float
        Fixed colour limits (0..1 for weights), so colours compare across figures.
    show_values : bool
        Print each value in its cell, in black or white for contrast.
    label_size, value_size : float, optional
        Font sizes of the tick labels and of the values; by default 11 pt and 9 pt, shrinking past 8
        tokens (``helpers.style.LABEL_FONTSIZE`` and the sizes beside it).

    Returns
    -------
    HeatmapArtists
        The axes, image, colour bar and cell texts, for :func:`update_heatmap`.
    """
    W = np.asarray(weights, dtype=float)
    if W.ndim != 2 or W.shape != (len(query_labels), len(key_labels)):
        raise ValueError(
            f"weights of shape {W.shape} need {W.shape[0] if W.ndim == 2 else '?'} query labels and "
            f"{W.shape[1] if W.ndim == 2 else '?'} key labels; got {len(query_labels)} and {len(key_labels)}."
        )
    n_q, n_k = W.shape
    side = min(HEATMAP_MAX_INCHES, HEATMAP_BASE_INCHES + HEATMAP_TOKEN_INCHES * max(n_q, n_k))
    ax = axes_or_new(ax, (side + COLORBAR_INCHES, side))
    image = ax.imshow(W, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")  # cells fill the axes
    size = label_size or _label_size(max(n_q, n_k))
    ax.set_xticks(range(n_k), labels=list(key_labels), rotation=90 if n_k > FULL_SIZE_TOKENS else 0,
                  fontsize=size)
    ax.set_yticks(range(n_q), labels=list(query_labels), fontsize=size)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fit_title(ax, title)
    texts = []
    if show_values:
        vsize = value_size or max(MIN_VALUE_FONTSIZE, size - VALUE_FONTSIZE_STEP)
        colors = text_colors(W, vmin, vmax, cmap)
        for i in range(n_q):
            # in_layout=False: constrained layout skips the cell texts (they sit inside the axes)
            texts.append([ax.text(j, i, format(W[i, j], fmt), color=colors[i, j], ha="center", va="center",
                                  fontsize=vsize, in_layout=False)
                          for j in range(n_k)])
    cbar = ax.figure.colorbar(image, ax=ax, shrink=COLORBAR_SHRINK) if colorbar else None
    return HeatmapArtists(ax, image, cbar, texts, fmt)


def _label_size(n: int) -> float:
    """Tick label size that keeps up to ~40 tokens readable."""
    if n <= FULL_SIZE_TOKENS:
        return LABEL_FONTSIZE
    return max(MIN_LABEL_FONTSIZE, LABEL_FONTSIZE - LABEL_SHRINK_PER_TOKEN * (n - FULL_SIZE_TOKENS))


def update_heatmap(artists: HeatmapArtists, weights) -> HeatmapArtists:
    """Change the drawn values in place (image data, cell texts and their colours)."""
    W = np.asarray(weights, dtype=float)
    old = artists.image.get_array().shape
    if W.shape != old:
        raise ValueError(f"update_heatmap keeps the shape: expected {old}, got {W.shape}.")
    artists.image.set_data(W)
    vmin, vmax = artists.image.get_clim()
    colors = text_colors(W, vmin, vmax, artists.image.get_cmap().name) if artists.texts else None
    for i, row in enumerate(artists.texts):
        for j, text in enumerate(row):
            text.set_text(format(W[i, j], artists.fmt))
            text.set_color(colors[i, j])
    return artists
