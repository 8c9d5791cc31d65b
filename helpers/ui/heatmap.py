"""A live attention heatmap drawn as an accessible HTML table, updated in place.

The heatmap is an HTML table inside an ipywidgets ``HTML`` widget: an update rebuilds one
string (about a millisecond at 20 tokens) instead of re-rendering a matplotlib figure (tens to
hundreds of milliseconds), and it needs no network, so it works in JupyterLab and Voila offline.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as W
import numpy as np

from ..style import CSS_FONT, PALETTE, WEIGHT_CMAP, colour_lut

__all__ = ["AttentionHeatmap"]

_LUT = {WEIGHT_CMAP: colour_lut(WEIGHT_CMAP)}

_STYLE = """<style>
.rta-heatmap{font-family:$FONT;font-size:14px;color:#111;background:#fff;padding:4px}
.rta-heatmap table{border-collapse:collapse;table-layout:fixed}
.rta-heatmap caption{font-weight:bold;padding:2px 0 6px;text-align:left;caption-side:top}
.rta-heatmap th{font-weight:normal;padding:1px 4px;white-space:nowrap}
.rta-heatmap th.rta-q{text-align:right}
.rta-heatmap th.rta-k{vertical-align:bottom;text-align:center}
.rta-heatmap td{min-width:2.6em;height:1.9em;text-align:center;padding:0 2px;border:1px solid #fff;
  font-variant-numeric:tabular-nums}
.rta-heatmap.rta-dense td{min-width:2.1em;height:1.5em;font-size:10px}
.rta-heatmap .rta-axis{font-size:11px;color:#444}
.rta-heatmap .rta-legend{display:flex;align-items:center;gap:6px;font-size:11px;margin-top:4px}
.rta-heatmap .rta-bar{width:140px;height:10px}
</style>""".replace("$FONT", CSS_FONT)


# A thick outline drawn inside the cell (so the table does not move), in the palette's vermilion.
_OUTLINED = f'<td class="rta-outlined" style="box-shadow:inset 0 0 0 3px {PALETTE[1]};'


class AttentionHeatmap(W.VBox):
    """A live [n_q, n_k] heatmap of attention weights, drawn as an accessible HTML table.

    Token labels on both axes, the value printed in every cell (black or white for contrast),
    cividis colours with fixed limits, a caption that says what is shown, and a colour legend.

    Parameters
    ----------
    weights : array_like of shape (n_q, n_k)
    query_labels : sequence of str, length n_q (rows)
    key_labels : sequence of str, length n_k (columns)
    title : str
    fmt : str
        Format of the value printed in each cell.
    vmin, vmax : float
        Fixed colour limits; 0..1 for softmax weights.

    Use ``update(weights)`` to change the picture in place; ``weights`` holds what is shown.
    """

    def __init__(self, weights, query_labels, key_labels, *, title="Attention weights (rows sum to 1)",
                 fmt=".2f", vmin=0.0, vmax=1.0, xlabel="key", ylabel="query"):
        self.title, self.fmt, self.vmin, self.vmax = title, fmt, float(vmin), float(vmax)
        self.xlabel, self.ylabel = xlabel, ylabel
        bg, fg = _LUT[WEIGHT_CMAP]
        # The opening tag of a cell for each of the 256 colour levels, built once (hot path below).
        self._td = [f'<td style="background:{b};color:{f}">' for b, f in zip(bg, fg, strict=True)]
        self._legend = (
            f'<div class="rta-legend"><span>{self.vmin:g}</span><svg class="rta-bar" viewBox="0 0 140 10" '
            f'role="img" aria-label="colour scale from {self.vmin:g} to {self.vmax:g}">'
            f"{_legend_rects(bg)}</svg>"
            f"<span>{self.vmax:g}</span></div>"
        )
        self.html = W.HTML(layout=W.Layout(overflow="auto", max_width="100%"))
        self.html.add_class("rta-heatmap-widget")
        # The stylesheet sits in a widget of its own, sent once: an update then replaces only the
        # table, and the browser does not re-style the whole page for a new <style> element.
        super().__init__([W.HTML(_STYLE, layout=W.Layout(display="none")), self.html])
        self.query_labels: list[str] = []
        self.key_labels: list[str] = []
        self.update(weights, query_labels, key_labels)

    def __repr__(self) -> str:
        return f"AttentionHeatmap: {self.title} ({len(self.query_labels)} x {len(self.key_labels)})"

    def update(self, weights, query_labels=None, key_labels=None, *, title=None, outlined=()) -> None:
        """Show new weights (and, optionally, new labels or title) in place.

        ``outlined`` : (row, column) cells drawn with a thick outline (e.g. the matching pair).
        """
        Wt = np.asarray(weights, dtype=float)
        q = self.query_labels if query_labels is None else [str(s) for s in query_labels]
        k = self.key_labels if key_labels is None else [str(s) for s in key_labels]
        if Wt.ndim != 2 or Wt.shape != (len(q), len(k)):
            raise ValueError(
                f"weights of shape {Wt.shape} do not match {len(q)} query labels and {len(k)} key labels."
            )
        if query_labels is not None or key_labels is not None:
            self.query_labels, self.key_labels = q, k
            self._qhead = [f'<th class="rta-q" scope="row">{html.escape(s)}</th>' for s in q]
            self._khead = "".join(f'<th class="rta-k" scope="col">{html.escape(s)}</th>' for s in k)
        if title is not None:
            self.title = title
        self.weights = Wt
        self.outlined = sorted({(int(i), int(j)) for i, j in outlined})
        self.html.value = self._render(Wt)

    def _render(self, Wt: np.ndarray) -> str:
        """The whole table as one HTML string (the hot path: keep it lean)."""
        span = self.vmax - self.vmin or 1.0
        levels = np.clip(((Wt - self.vmin) * (255.0 / span)).astype(int), 0, 255).tolist()
        fmt, td = self.fmt, self._td
        cells = [[td[c] + format(v, fmt) + "</td>" for v, c in zip(vals, lv, strict=True)]
                 for vals, lv in zip(Wt.tolist(), levels, strict=True)]
        for i, j in self.outlined:
            cells[i][j] = cells[i][j].replace('<td style="', _OUTLINED, 1)
        rows = ["<tr>" + qh + "".join(r) + "</tr>" for qh, r in zip(self._qhead, cells, strict=True)]
        dense = " rta-dense" if Wt.shape[1] > 12 else ""
        title = html.escape(self.title)
        return (
            f'<div class="rta-heatmap{dense}" role="figure" aria-label="{title}" '
            f'data-rows="{Wt.shape[0]}" data-cols="{Wt.shape[1]}">'
            f"<table><caption>{title}</caption>"
            f'<thead><tr><th class="rta-axis">{html.escape(self.ylabel)} ↓ / '
            f"{html.escape(self.xlabel)} →</th>"
            f"{self._khead}</tr></thead><tbody>{''.join(rows)}</tbody></table>{self._legend}</div>"
        )


def _legend_rects(bg: Sequence[str]) -> str:
    """A 14-step colour bar for the legend."""
    return "".join(f'<rect x="{i * 10}" y="0" width="10" height="10" fill="{bg[int(i * 255 / 13)]}"/>'
                   for i in range(14))
