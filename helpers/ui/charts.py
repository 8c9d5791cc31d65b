"""Live charts drawn as SVG strings inside ipywidgets ``HTML`` widgets.

Curves, bars and arrows for the explorers. An update formats a few hundred numbers into one
string (well under a millisecond), where a matplotlib redraw costs tens of milliseconds, and
nothing is fetched from the network. Each chart keeps the data it shows (``series``, ``values``,
``vectors``) so tests can read it back, and writes it into ``data-`` attributes for browser tests.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import ipywidgets as W
import numpy as np

from ..style import CSS_FONT, PALETTE

__all__ = ["LineChart", "BarChart", "ArrowPlot"]

_DASHES = ["", "6 3", "2 2", "8 3 2 3"]
_FONT = f'font-family="{CSS_FONT}"'


def _esc(s) -> str:
    return html.escape(str(s))


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """About ``n`` round tick values covering [lo, hi]."""
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / n
    mag = 10 ** np.floor(np.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=10 * mag)
    first = np.ceil(lo / step) * step
    return [float(t) for t in np.arange(first, hi + step * 1e-9, step)]


def _fmt_tick(v: float) -> str:
    return f"{v:g}"


class _SvgChart(W.VBox):
    """Shared frame: an HTML widget holding one SVG, with a title and axis labels."""

    width, height = 560, 300
    margin = (46, 16, 34, 62)  # top, right, bottom, left

    def __init__(self, title: str, xlabel: str = "", ylabel: str = ""):
        self.title, self.xlabel, self.ylabel = title, xlabel, ylabel
        self.html = W.HTML(layout=W.Layout(max_width="100%"))
        self.html.add_class("rta-svg-widget")
        super().__init__([self.html])

    def __repr__(self) -> str:
        return f"{type(self).__name__}: {self.title}"

    @property
    def _plot_box(self):
        top, right, bottom, left = self.margin
        return left, top, self.width - left - right, self.height - top - bottom

    def _frame(self, body: str, kind: str, data: str) -> str:
        x0, y0, w, h = self._plot_box
        return (
            f'<svg class="rta-chart rta-{kind}" data-series=\'{data}\' '
            f'viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}" role="img" aria-label="{_esc(self.title)}" {_FONT} '
            f'font-size="12" style="background:#fff">'
            f'<text x="{self.width / 2}" y="18" text-anchor="middle" font-weight="bold" font-size="13">'
            f"{_esc(self.title)}</text>"
            f'<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="none" stroke="#888"/>'
            f'<text x="{x0 + w / 2}" y="{self.height - 4}" text-anchor="middle">{_esc(self.xlabel)}</text>'
            f'<text transform="translate(14,{y0 + h / 2}) rotate(-90)" text-anchor="middle">'
            f"{_esc(self.ylabel)}</text>"
            f"{body}</svg>"
        )


class LineChart(_SvgChart):
    """Curves y(x), one per named series, optionally on a log-scaled y axis.

    ``update(x, {label: y, ...})`` redraws in place; ``series`` holds what is shown.
    With ``logy=True`` values <= 0 are left out (a log axis cannot show them).
    """

    def __init__(self, title: str, xlabel: str = "", ylabel: str = "", *, logy: bool = False,
                 ylim: tuple[float, float] | None = None):
        super().__init__(title, xlabel, ylabel)
        self.logy, self.ylim = logy, ylim
        self.x = np.zeros(0)
        self.series: dict[str, np.ndarray] = {}

    def update(self, x, series: Mapping[str, Sequence[float]], *, title: str | None = None) -> None:
        self.x = np.asarray(x, dtype=float)
        self.series = {str(k): np.asarray(v, dtype=float) for k, v in series.items()}
        for k, v in self.series.items():
            if v.shape != self.x.shape:
                raise ValueError(f"series {k!r} has {v.shape[0]} points but x has {self.x.shape[0]}.")
        if title is not None:
            self.title = title
        self.html.value = self._render()

    def _ylimits(self, ys: np.ndarray) -> tuple[float, float]:
        if self.ylim is not None:
            return np.log10(self.ylim) if self.logy else self.ylim
        ys = ys[np.isfinite(ys)]
        if ys.size == 0:
            return (0.0, 1.0)
        lo, hi = float(ys.min()), float(ys.max())
        if self.logy:
            lo, hi = np.floor(lo), np.ceil(hi)
        if hi - lo < 1e-12:
            lo, hi = lo - 1.0, hi + 1.0
        return lo, hi

    def _render(self) -> str:
        x0, y0, w, h = self._plot_box
        with np.errstate(divide="ignore", invalid="ignore"):
            ys = {k: (np.where(v > 0, np.log10(v), np.nan) if self.logy else v)
                  for k, v in self.series.items()}
        stacked = np.concatenate(list(ys.values())) if ys else np.zeros(1)
        ylo, yhi = self._ylimits(stacked)
        xlo, xhi = (float(self.x.min()), float(self.x.max())) if self.x.size else (0.0, 1.0)
        if xhi == xlo:
            xhi = xlo + 1.0
        sx, sy = w / (xhi - xlo), h / (yhi - ylo)
        parts = []
        for t in _nice_ticks(xlo, xhi, 6):
            px = x0 + (t - xlo) * sx
            parts.append(f'<line x1="{px:.1f}" y1="{y0 + h}" x2="{px:.1f}" y2="{y0 + h + 4}" stroke="#888"/>'
                         f'<text x="{px:.1f}" y="{y0 + h + 16}" text-anchor="middle">{_fmt_tick(t)}</text>')
        yticks = range(int(ylo), int(yhi) + 1) if self.logy and yhi - ylo <= 12 else _nice_ticks(ylo, yhi, 5)
        if self.logy and yhi - ylo > 12:
            yticks = [t for t in _nice_ticks(ylo, yhi, 6) if float(t).is_integer()]
        for t in yticks:
            py = y0 + h - (t - ylo) * sy
            label = f"1e{int(t)}" if self.logy else _fmt_tick(t)
            parts.append(f'<line x1="{x0}" y1="{py:.1f}" x2="{x0 + w}" y2="{py:.1f}" stroke="#eee"/>'
                         f'<text x="{x0 - 6}" y="{py + 4:.1f}" text-anchor="end">{label}</text>')
        for i, (label, y) in enumerate(ys.items()):
            yc = np.clip(y, ylo, yhi)
            ok = np.isfinite(yc)
            pts = " ".join(f"{x0 + (a - xlo) * sx:.1f},{y0 + h - (b - ylo) * sy:.1f}"
                           for a, b in zip(self.x[ok].tolist(), yc[ok].tolist(), strict=True))
            colour, dash = PALETTE[i % len(PALETTE)], _DASHES[i % len(_DASHES)]
            parts.append(f'<polyline class="rta-series" data-label="{_esc(label)}" points="{pts}" '
                         f'fill="none" stroke="{colour}" stroke-width="2.2" stroke-dasharray="{dash}"/>')
            lx, ly = x0 + 130 * i, y0 - 10  # legend in one row above the plot
            parts.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 24}" y2="{ly - 4}" stroke="{colour}" '
                         f'stroke-width="2.2" stroke-dasharray="{dash}"/>'
                         f'<text x="{lx + 30}" y="{ly}">{_esc(label)}</text>')
        data = _esc(";".join(f"{k}:" + ",".join(f"{v:.6g}" for v in y.tolist())
                             for k, y in self.series.items()))
        return self._frame("".join(parts), "line", data)


class BarChart(_SvgChart):
    """Grouped bars: one group per label, one bar per named series.

    ``update({series: values}, labels=None)`` redraws in place; ``values`` holds what is shown.
    Each bar carries its number above it.
    """

    def __init__(self, title: str, labels: Sequence[str], xlabel: str = "", ylabel: str = "", *,
                 ymax: float | None = None, fmt: str = ".2f"):
        super().__init__(title, xlabel, ylabel)
        self.labels = [str(s) for s in labels]
        self.ymax, self.fmt = ymax, fmt
        self.values: dict[str, np.ndarray] = {}

    def update(self, values: Mapping[str, Sequence[float]], labels: Sequence[str] | None = None, *,
               title: str | None = None) -> None:
        if labels is not None:
            self.labels = [str(s) for s in labels]
        self.values = {str(k): np.asarray(v, dtype=float) for k, v in values.items()}
        for k, v in self.values.items():
            if v.shape != (len(self.labels),):
                raise ValueError(f"series {k!r} has {v.size} values for {len(self.labels)} labels.")
        if title is not None:
            self.title = title
        self.html.value = self._render()

    def _render(self) -> str:
        x0, y0, w, h = self._plot_box
        n, m = len(self.labels), max(1, len(self.values))
        top = self.ymax or max([float(np.max(v)) for v in self.values.values() if v.size] + [1e-12]) * 1.15
        group = w / max(n, 1)
        bw = 0.8 * group / m
        small = n > 12
        parts = []
        for t in _nice_ticks(0.0, top, 4):
            py = y0 + h - t / top * h
            parts.append(f'<line x1="{x0}" y1="{py:.1f}" x2="{x0 + w}" y2="{py:.1f}" stroke="#eee"/>'
                         f'<text x="{x0 - 6}" y="{py + 4:.1f}" text-anchor="end">{_fmt_tick(t)}</text>')
        for s, (name, vals) in enumerate(self.values.items()):
            colour = PALETTE[s % len(PALETTE)]
            for i, v in enumerate(vals.tolist()):
                bh = max(0.0, min(v, top)) / top * h
                bx = x0 + i * group + 0.1 * group + s * bw
                parts.append(f'<rect class="rta-bar" data-series="{_esc(name)}" data-value="{v:.6g}" '
                             f'x="{bx:.1f}" y="{y0 + h - bh:.1f}" width="{bw:.1f}" height="{bh:.1f}" '
                             f'fill="{colour}"/>')
                if not small:
                    parts.append(f'<text x="{bx + bw / 2:.1f}" y="{y0 + h - bh - 3:.1f}" '
                                 f'text-anchor="middle" font-size="10">{v:{self.fmt}}</text>')
            lx, ly = x0 + 130 * s, y0 - 10  # legend in one row above the plot
            parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{colour}"/>'
                         f'<text x="{lx + 18}" y="{ly}">{_esc(name)}</text>')
        for i, label in enumerate(self.labels):
            px = x0 + (i + 0.5) * group
            rot = f' transform="rotate(-60 {px:.1f} {y0 + h + 12})"' if small else ""
            anchor = "end" if small else "middle"
            parts.append(f'<text x="{px:.1f}" y="{y0 + h + 14}" text-anchor="{anchor}" '
                         f'font-size="{10 if small else 12}"{rot}>{_esc(label)}</text>')
        data = _esc(";".join(f"{k}:" + ",".join(f"{v:.6g}" for v in y.tolist())
                             for k, y in self.values.items()))
        return self._frame("".join(parts), "bar", data)


class ArrowPlot(_SvgChart):
    """2-D vectors drawn as arrows from the origin, each labelled; equal scale on both axes.

    ``update(vectors, labels, highlight=None)`` redraws in place; ``vectors`` holds what is shown.
    ``styles`` may mark some arrows as dashed (e.g. the attention output among the inputs).
    """

    width = height = 360
    margin = (40, 16, 34, 40)

    def __init__(self, title: str, *, limit: float | None = None):
        super().__init__(title, "dimension 1", "dimension 2")
        self.limit = limit
        self.vectors = np.zeros((0, 2))
        self.labels: list[str] = []

    def update(self, vectors, labels: Sequence[str], *, dashed: Sequence[bool] | None = None,
               title: str | None = None) -> None:
        V = np.asarray(vectors, dtype=float)
        if V.ndim != 2 or V.shape[1] != 2 or V.shape[0] != len(labels):
            raise ValueError(f"ArrowPlot needs [n, 2] vectors and n labels; got {V.shape} and "
                             f"{len(labels)} labels.")
        self.vectors, self.labels = V, [str(s) for s in labels]
        self.dashed = list(dashed) if dashed is not None else [False] * len(labels)
        if title is not None:
            self.title = title
        self.html.value = self._render()

    def _render(self) -> str:
        x0, y0, w, h = self._plot_box
        lim = self.limit or max(1.0, float(np.abs(self.vectors).max(initial=0.0)) * 1.15)
        s = w / (2 * lim)
        cx, cy = x0 + w / 2, y0 + h / 2
        parts = [f'<line x1="{x0}" y1="{cy}" x2="{x0 + w}" y2="{cy}" stroke="#ccc"/>',
                 f'<line x1="{cx}" y1="{y0}" x2="{cx}" y2="{y0 + h}" stroke="#ccc"/>',
                 f'<text x="{x0 + w - 2}" y="{cy + 12}" text-anchor="end" font-size="10">{lim:.2g}</text>']
        for i, ((vx, vy), label) in enumerate(zip(self.vectors.tolist(), self.labels, strict=True)):
            colour = PALETTE[i % len(PALETTE)]
            ex, ey = cx + vx * s, cy - vy * s
            dash = ' stroke-dasharray="5 3"' if self.dashed[i] else ""
            ang = np.arctan2(ey - cy, ex - cx)
            hx1, hy1 = ex - 9 * np.cos(ang - 0.4), ey - 9 * np.sin(ang - 0.4)
            hx2, hy2 = ex - 9 * np.cos(ang + 0.4), ey - 9 * np.sin(ang + 0.4)
            parts.append(f'<g class="rta-arrow" data-label="{_esc(label)}" data-x="{vx:.6g}" '
                         f'data-y="{vy:.6g}">'
                         f'<line x1="{cx}" y1="{cy}" x2="{ex:.1f}" y2="{ey:.1f}" stroke="{colour}" '
                         f'stroke-width="2.4"{dash}/>'
                         f'<polygon points="{ex:.1f},{ey:.1f} {hx1:.1f},{hy1:.1f} {hx2:.1f},{hy2:.1f}" '
                         f'fill="{colour}"/>'
                         f'<text x="{ex + 5:.1f}" y="{ey - 5:.1f}" fill="{colour}" font-weight="bold">'
                         f"{_esc(label)}</text></g>")
        data = _esc(";".join(f"{lab}:{x:.6g},{y:.6g}"
                             for lab, (x, y) in zip(self.labels, self.vectors.tolist(), strict=True)))
        return self._frame("".join(parts), "arrows", data)
