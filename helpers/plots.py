"""Static matplotlib figures shared by every notebook: annotated heatmaps with token labels.

Importing this module registers a font that carries Hangul (NanumGothic, shipped by the
``koreanize-matplotlib`` package from requirements.txt) as a fallback after DejaVu Sans, so any
token, Korean included, renders on a fresh machine without relying on system fonts.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

__all__ = ["HeatmapArtists", "attention_heatmap", "update_heatmap", "text_colors", "text_color_for", "setup_fonts"]

WEIGHT_CMAP = "cividis"  # colour-blind-safe, perceptually uniform, readable in greyscale


def setup_fonts() -> list[str]:
    """Register the bundled Hangul font and put it after DejaVu Sans; return the family list."""
    families = ["DejaVu Sans"]
    # Locate the package without importing it: importing it changes rcParams and warns.
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is not None and spec.submodule_search_locations:
        font_dir = Path(next(iter(spec.submodule_search_locations))) / "fonts"
        for path in sorted(font_dir.glob("*.ttf")):
            font_manager.fontManager.addfont(str(path))
        families.append("NanumGothic")
    mpl.rcParams["font.family"] = families
    mpl.rcParams["axes.unicode_minus"] = False  # NanumGothic has no U+2212 minus sign
    return families


def setup_inline_figures() -> None:
    """In a notebook kernel, save inline figures without a second "tight" layout pass.

    Every figure here uses constrained layout, which already fits labels inside the figure;
    IPython's default ``bbox_inches="tight"`` would lay out and draw all text a second time,
    about doubling the time a figure with many annotated cells takes to appear.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebook stack
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "kernel"):
        shell.run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None}")


setup_fonts()
setup_inline_figures()


@dataclass
class HeatmapArtists:
    """What :func:`attention_heatmap` drew, so it can be updated in place."""

    ax: plt.Axes
    image: mpl.image.AxesImage
    colorbar: mpl.colorbar.Colorbar | None
    texts: list  # [n_q][n_k] of matplotlib Text, or [] when values are hidden
    fmt: str


def text_colors(values, vmin: float = 0.0, vmax: float = 1.0, cmap=WEIGHT_CMAP) -> np.ndarray:
    """Black or white for each value, whichever reads better on the colormap's colour for it.

    One colormap lookup for the whole array (looking the colormap up per cell copies it each
    time). Returns an array of "black"/"white" of the same shape as ``values``.
    """
    v = np.asarray(values, dtype=float)
    frac = np.zeros_like(v) if vmax == vmin else (v - vmin) / (vmax - vmin)
    rgba = np.asarray(mpl.colormaps[cmap](np.clip(frac, 0.0, 1.0).ravel()))  # [n, 4]
    luminance = rgba[:, :3] @ np.array([0.2126, 0.7152, 0.0722])
    return np.where(luminance > 0.45, "black", "white").reshape(v.shape)


def text_color_for(value: float, vmin: float = 0.0, vmax: float = 1.0, cmap=WEIGHT_CMAP) -> str:
    """Black or white, whichever reads better on the colormap's colour for ``value``."""
    return str(text_colors(value, vmin, vmax, cmap))


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
    if ax is None:
        side = min(14.0, 1.6 + 0.42 * max(n_q, n_k))
        _, ax = plt.subplots(figsize=(side + 1.2, side), layout="constrained")
    image = ax.imshow(W, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    size = _label_size(max(n_q, n_k))
    ax.set_xticks(range(n_k), labels=list(key_labels), rotation=90 if n_k > 8 else 0, fontsize=size)
    ax.set_yticks(range(n_q), labels=list(query_labels), fontsize=size)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    texts = []
    if show_values:
        vsize = max(4.5, size - 2)
        colors = text_colors(W, vmin, vmax, cmap)
        for i in range(n_q):
            row = [
                ax.text(j, i, format(W[i, j], fmt), ha="center", va="center", fontsize=vsize, in_layout=False,
                        color=colors[i, j])
                for j in range(n_k)
            ]
            texts.append(row)
    cbar = ax.figure.colorbar(image, ax=ax, shrink=0.8) if colorbar else None
    return HeatmapArtists(ax=ax, image=image, colorbar=cbar, texts=texts, fmt=fmt)


def _label_size(n: int) -> float:
    """Tick label size that keeps up to ~40 tokens readable."""
    return 11.0 if n <= 8 else max(6.0, 11.0 - 0.17 * (n - 8))


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
