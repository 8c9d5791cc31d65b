"""Look and feel shared by static figures and live widgets: palette, colormap, fonts, text colours,
and the figures' sizes, line widths, alphas and font sizes, each by name.

The builders of :mod:`helpers.plots` take every number of their look from here (``**SERIES``,
``figsize=CHART_INCHES``), so the look changes here and nowhere else; the widgets' CSS lives in
:mod:`helpers.ui.layout`. No side effects: importing this module changes no matplotlib setting
(fonts are registered by :func:`helpers.plots.setup_notebook`, called once in each notebook's first
code cell).
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np

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

# Figures. Sizes in inches: inline figures are 100 dpi, so 12.8 x 7.2 in fills a 1280x720 projector.
# Line widths and font sizes in points. Every public name here is part of the look.
PROJECTOR_INCHES, PROJECTOR_DPI = (12.8, 7.2), 100
#: One chart of curves; a smaller one for a chart beside prose; and the sizes of single charts that
#: differ from these.
CHART_INCHES = (7.5, 4.2)
SMALL_CHART_INCHES = (6.5, 3.8)
PROBE_INCHES, SATURATION_INCHES, POSITION_ACCURACY_INCHES = (6.5, 4.0), (6.0, 3.8), (6.0, 3.6)
RACE_INCHES, OFFSET_INCHES, LOOP_TIME_INCHES = (7.5, 4.4), (7.5, 4.0), (7.5, 4.4)
#: Two charts side by side, and two wide ones (counts and times against T).
PAIR_INCHES = (10.0, 3.8)
WIDE_PAIR_INCHES = (12.0, 4.4)
#: Grouped bars, one group per word.
BARS_INCHES = (9.0, 4.2)
#: Word vectors as arrows: square, so angles read true.
ARROWS_INCHES = (4.6, 4.6)
#: Three [T, T] influence maps side by side.
INFLUENCE_INCHES = (20.0, 7.0)
#: A heatmap is 1.6 in plus 0.42 in per token a side, at most 14 in, plus 1.2 in for its colour bar.
HEATMAP_BASE_INCHES, HEATMAP_TOKEN_INCHES, HEATMAP_MAX_INCHES, COLORBAR_INCHES = 1.6, 0.42, 14.0, 1.2
#: A row of token boxes (05): 1.3 in per token plus 1.5 in, at most 12 in wide; 1.9 in high.
TOKEN_BOX_INCHES, TOKEN_ROW_BASE_INCHES, TOKEN_ROW_MAX_INCHES, TOKEN_ROW_HEIGHT = 1.3, 1.5, 12.0, 1.9
#: One-row heatmaps stacked (05): 0.75 in per token plus 2.5 in, at most 13 in wide; 1.25 in per row
#: plus 0.6 in for the figure's title.
WEIGHT_ROW_TOKEN_INCHES, WEIGHT_ROW_BASE_INCHES, WEIGHT_ROW_MAX_INCHES = 0.75, 2.5, 13.0
WEIGHT_ROW_HEIGHT, SUPTITLE_INCHES = 1.25, 0.6
#: One bar panel per number of pairs (05).
BAR_PANEL_INCHES = (4.6, 3.6)
#: Panels of heatmaps side by side (07): 0.45 in per row label plus 2.4 in high.
HEATMAP_ROW_LABEL_INCHES, HEATMAP_ROW_BASE_INCHES = 0.45, 2.4
#: Position encodings (07): 2 in plus 0.62 in per column (7.5 in at least, the projector's width at
#: most) by 1.6 in plus 0.3 in per position (7 in at most).
POSITIONS_BASE_INCHES, POSITIONS_COLUMN_INCHES, POSITIONS_MIN_WIDTH = 2.0, 0.62, 7.5
POSITIONS_ROW_INCHES, POSITIONS_MAX_INCHES = 0.3, 7.0
#: An alignment (06): 1.8 in plus 0.42 in per source character wide (at most 14 in), 1.6 in plus 0.4 in
#: per output character high; stacked panels 10.5 in wide (shown at their own size on a 1280-px
#: screen), 3.4 in high each.
ALIGNMENT_BASE_WIDTH, ALIGNMENT_ROW_INCHES = 1.8, 0.4
ALIGNMENT_PANEL_INCHES = (10.5, 3.4)
#: A colour bar's length as a share of its axes' height; one shared by stacked panels is shorter and
#: closer to them.
COLORBAR_SHRINK = 0.8
SHARED_COLORBAR = {"shrink": 0.6, "pad": 0.01}

#: A measured series: a line with markers (the call picks the marker, colour and dashes).
LINE_WIDTH = 2.0
SERIES = {"lw": LINE_WIDTH, "ms": 4.0}
#: Markers of curves drawn on top of each other, largest first, so the ones below still show (07).
OFFSET_MARKER_SIZES = (9.0, 6.5, 4.0, 1.5)
#: One seed of several, behind the mean: a thin faint line, or faint dots.
SEED_LINE = {"lw": 0.8, "alpha": 0.35}
SEED_DOTS = {"ms": 5.0, "alpha": 0.45}
#: A reference that is not data (chance, uniform, one-hot, 1/T): thin and grey; the call picks the dashes.
REFERENCE = {"color": "#777777", "lw": 1.2}
#: What a strategy would score beside the data (answering with a random pair's value): black, dotted.
STRATEGY_LINE = {"color": PALETTE[6], "ls": ":", "lw": 1.8}
#: A family of curves, one per length (06): thinner than a series, shaded dark to light along this
#: stretch of the weights' colormap.
FAMILY_LINE_WIDTH = 1.4
SHADES = (0.0, 0.85)
#: A constant guess per position (06): short grey bars on top of the curves.
GUESS_MARKS = {"color": "0.45", "marker": "_", "s": 260, "zorder": 3}
#: The x = 0 and y = 0 lines under word arrows.
ORIGIN_LINE = {"color": "#cccccc", "lw": 0.8}
#: A line that splits a heatmap in two (forward | backward units).
DIVIDER = {"color": "white", "lw": 3.0}
#: Arrows (word vectors); a thick outline marks a token or cell (the query, the matching pair), a thin
#: one an ordinary token box.
ARROW_WIDTH = 2.0
OUTLINE_WIDTH = 3.0
BOX_WIDTH = 1.2
BOX_EDGE = "#BBBBBB"
GRID_ALPHA = 0.3
#: Text: a token drawn as text, small notes (captions under tokens, values on bars, legends).
TOKEN_FONTSIZE = 11.0
NOTE_FONTSIZE = 9.0
LEGEND_FONTSIZE = 9.0
SMALL_LEGEND_FONTSIZE = 8.0  # a legend of many entries
#: Heatmap tick labels: 11 pt up to 8 tokens, then 0.17 pt less per token, never under 6 pt; past
#: 8 columns the column labels stand upright. Cell values are 2 pt smaller, never under 4.5 pt.
LABEL_FONTSIZE, MIN_LABEL_FONTSIZE, LABEL_SHRINK_PER_TOKEN, FULL_SIZE_TOKENS = 11.0, 6.0, 0.17, 8
VALUE_FONTSIZE_STEP, MIN_VALUE_FONTSIZE = 2.0, 4.5
#: Alignments (notebook 06) keep their labels and values this large whatever the number of columns.
ALIGNMENT_LABEL_FONTSIZE, ALIGNMENT_VALUE_FONTSIZE = 11.0, 10.0


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
