"""Look and feel shared by static figures and live widgets: palette, colormap, fonts, text colours.

No side effects: importing this module changes no matplotlib setting (fonts are registered by
:func:`helpers.plots.setup_notebook`, called once in each notebook's first code cell).
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np

__all__ = ["PALETTE", "WEIGHT_CMAP", "FONT_FAMILIES", "CSS_FONT", "text_colors", "text_color_for",
           "colour_lut"]

#: Okabe-Ito colours: distinguishable with every common colour-vision deficiency.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
#: Colour-blind-safe, perceptually uniform, readable in greyscale; fixed 0..1 for weights.
WEIGHT_CMAP = "cividis"
#: Font families of the figures, in order: Latin first, then the bundled Hangul font as a fallback.
FONT_FAMILIES = ("DejaVu Sans", "NanumGothic")
#: The stack for HTML and SVG widgets: 'Nanum Gothic' first, the web font that the prebuilt extension
#: share/jupyter/labextensions/rnn-to-attention-hangul serves to JupyterLab and Voila (woff2 subsets by
#: Unicode range), so Hangul shows on a machine without a Korean font; then the figures' fonts.
CSS_FONT = "'Nanum Gothic','DejaVu Sans','NanumGothic',sans-serif"


def text_colors(values, vmin: float = 0.0, vmax: float = 1.0, cmap=WEIGHT_CMAP) -> np.ndarray:
    """Black or white for each value, whichever reads better on the colormap's colour for it.

    One colormap lookup for the whole array (looking the colormap up per cell copies it each
    time). Returns an array of "black"/"white" of the same shape as ``values``.
    """
    v = np.asarray(values, dtype=float)
    frac = np.zeros_like(v) if vmax == vmin else (v - vmin) / (vmax - vmin)
    rgb = np.asarray(mpl.colormaps[cmap](np.clip(frac, 0.0, 1.0).ravel()))[:, :3]  # [n, 3]
    # WCAG 2 relative luminance L of the linearised sRGB colour; black text has contrast (L + .05) / .05
    # and white 1.05 / (L + .05), so black is the better one from L = sqrt(1.05 * .05) - .05 (~0.179) up.
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    luminance = linear @ np.array([0.2126, 0.7152, 0.0722])
    return np.where((luminance + 0.05) ** 2 >= 1.05 * 0.05, "black", "white").reshape(v.shape)


def text_color_for(value: float, vmin: float = 0.0, vmax: float = 1.0, cmap=WEIGHT_CMAP) -> str:
    """Black or white, whichever reads better on the colormap's colour for ``value``."""
    return str(text_colors(value, vmin, vmax, cmap))


def colour_lut(cmap: str = WEIGHT_CMAP, n: int = 256) -> tuple[list[str], list[str]]:
    """Background colours (hex) for ``n`` levels of a colormap, and a readable text colour for each."""
    levels = np.linspace(0.0, 1.0, n)
    backgrounds = [mpl.colors.to_hex(c) for c in mpl.colormaps[cmap](levels)]
    texts = ["#000" if c == "black" else "#fff" for c in text_colors(levels, 0.0, 1.0, cmap)]
    return backgrounds, texts
