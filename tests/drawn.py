"""Read what a live widget drew back into numbers: the heatmap's HTML table and the SVG charts.

The tests compare these numbers with an independent computation, never with the array that fed
the chart (``chart.series``, ``heatmap.weights``, the ``data-`` attributes). Pixel positions are
turned into data coordinates through the axis tick labels the chart itself printed, so a chart
that draws a curve upside down, or a bar at the wrong height, reads back as the wrong number.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.text import Text

SVG_NS = "{http://www.w3.org/2000/svg}"


_TEXT_HOLDERS = {"caption", "th", "td", "span", "text"}


def _xml(markup: str) -> ET.Element:
    """Parse an HTML/SVG fragment (the widgets write well-formed markup) as XML.

    Text may only sit inside elements that show text (caption, th, td, span, SVG text): stray
    characters between rows, cells or shapes would be drawn on the page, so they fail here.
    """
    root = ET.fromstring(markup.replace("&nbsp;", "&#160;"))
    for el in root.iter():
        stray = [] if _tag(el) in _TEXT_HOLDERS else [el.text]
        stray.append(el.tail if el is not root else None)
        assert all(not (t or "").strip() for t in stray), f"stray text near <{_tag(el)}>: {stray}"
    return root


def _tag(el: ET.Element) -> str:
    return el.tag.removeprefix(SVG_NS)


def _style(el: ET.Element) -> dict[str, str]:
    pairs = [p.split(":", 1) for p in el.get("style", "").split(";") if ":" in p]
    return {k.strip(): v.strip() for k, v in pairs}


def _text(el: ET.Element) -> str:
    return "".join(el.itertext())


# ---------------------------------------------------------------- heatmap (HTML table)


@dataclass
class DrawnTable:
    caption: str
    corner: str
    col_labels: list[str]
    row_labels: list[str]
    cells: list[list[str]]  # the text printed in each cell
    backgrounds: list[list[str]]  # CSS background of each cell
    text_colours: list[list[str]]  # CSS colour of each cell's text
    legend: list[str]  # the texts beside the colour bar (low, high)
    legend_fills: list[str]
    classes: str
    aria_label: str
    outlined: list[tuple[int, int]]  # (row, column) of the cells drawn with an outline

    @property
    def numbers(self) -> np.ndarray:
        return np.array([[float(c) for c in row] for row in self.cells]).reshape(len(self.cells), -1)


def read_table(markup: str) -> DrawnTable:
    """Everything the heatmap shows: caption, labels, cell texts and colours, legend."""
    root = _xml(markup)
    table = root.find("table")
    caption = _text(table.find("caption"))
    head = table.find("thead/tr").findall("th")
    rows = table.findall("tbody/tr")
    row_labels = [_text(r.find("th")) for r in rows]
    tds = [r.findall("td") for r in rows]
    legend = root.find("div")
    return DrawnTable(
        caption=caption,
        corner=_text(head[0]),
        col_labels=[_text(th) for th in head[1:]],
        row_labels=row_labels,
        cells=[[_text(td) for td in r] for r in tds],
        backgrounds=[[_style(td)["background"] for td in r] for r in tds],
        text_colours=[[_style(td)["color"] for td in r] for r in tds],
        legend=[_text(s) for s in legend.findall("span")] if legend is not None else [],
        legend_fills=[r.get("fill") for r in legend.iter() if _tag(r) == "rect"]
        if legend is not None
        else [],
        classes=root.get("class", ""),
        aria_label=root.get("aria-label", ""),
        outlined=[(i, j) for i, r in enumerate(tds) for j, td in enumerate(r)
                  if "rta-outlined" in td.get("class", "").split() and "box-shadow" in _style(td)],
    )


def colour_to_fraction(hex_colours, cmap: str = "cividis") -> np.ndarray:
    """Where on the colormap (0..1) each colour lies, read through matplotlib's own colour list.

    A listed colormap of N colours gives colour i to the values [i/N, (i+1)/N); this returns the
    middle of that interval, so a reading is good to 1/(2N) plus the widget's own quantisation.
    """
    cm = mpl.colormaps[cmap]
    colours = np.asarray(cm.colors if hasattr(cm, "colors") else cm(np.linspace(0.0, 1.0, 1024)))[:, :3]
    rgb = np.array([mpl.colors.to_rgb(c) for c in np.ravel(hex_colours)])
    dist = ((rgb[:, None, :] - colours[None, :, :]) ** 2).sum(axis=-1)
    return ((dist.argmin(axis=1) + 0.5) / len(colours)).reshape(np.shape(hex_colours))


# 256 colour levels; cividis lists 256 colours: a value and the colour read back differ by < 0.006.
LEVEL = 0.006


def value_fraction(W, vmin: float, vmax: float) -> np.ndarray:
    """Where each value lies on a colour scale from ``vmin`` to ``vmax`` (0..1, clipped)."""
    return np.clip((np.asarray(W) - vmin) / (vmax - vmin), 0.0, 1.0)


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a colour (sRGB linearised)."""
    c = np.array(mpl.colors.to_rgb(hex_colour))
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(lin @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# ---------------------------------------------------------------- SVG charts


def _num(s) -> float:
    return float(s)


@dataclass
class DrawnSvg:
    root: ET.Element

    @property
    def title(self) -> str:
        return _text(self.texts()[0])

    def texts(self) -> list[ET.Element]:
        return [el for el in self.root.iter() if _tag(el) == "text"]

    def elements(self, tag: str, cls: str | None = None) -> list[ET.Element]:
        return [
            el
            for el in self.root.iter()
            if _tag(el) == tag and (cls is None or cls in el.get("class", "").split())
        ]

    @property
    def viewbox(self) -> tuple[float, ...]:
        return tuple(float(v) for v in self.root.get("viewBox").split())

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """The plot box ``(x0, y0, x1, y1)``: the first unfilled rectangle."""
        r = next(el for el in self.elements("rect") if el.get("fill") == "none")
        x, y, w, h = (_num(r.get(k)) for k in ("x", "y", "width", "height"))
        return x, y, x + w, y + h

    def axis_labels(self) -> tuple[str, str]:
        """(x label, y label): the text under the frame's middle and the rotated text."""
        rotated = [t for t in self.texts() if "rotate(-90" in t.get("transform", "")]
        x0, _, x1, _ = self.frame
        under = [
            t
            for t in self.texts()
            if t.get("x")
            and abs(_num(t.get("x")) - (x0 + x1) / 2) < 1
            and _num(t.get("y")) > self.frame[3] + 20
        ]
        return (_text(under[0]) if under else "", _text(rotated[0]) if rotated else "")

    def x_ticks(self) -> list[tuple[float, str]]:
        """(pixel x, label) of the tick labels below the frame, centred under their tick marks."""
        x0, _, x1, y1 = self.frame
        marks = {
            round(_num(el.get("x1")), 1)
            for el in self.elements("line")
            if el.get("x1") == el.get("x2") and abs(_num(el.get("y1")) - y1) < 0.5 and _num(el.get("y2")) > y1
        }
        out = []
        for t in self.texts():
            if t.get("x") and t.get("text-anchor") == "middle" and 0 < _num(t.get("y")) - y1 < 25:
                px = _num(t.get("x"))
                if round(px, 1) in marks:
                    out.append((px, _text(t)))
        return out

    def y_ticks(self) -> list[tuple[float, str]]:
        """(pixel y of the grid line, label) for the tick labels left of the frame."""
        x0, _, x1, _ = self.frame
        grid = [
            _num(el.get("y1"))
            for el in self.elements("line")
            if el.get("y1") == el.get("y2")
            and abs(_num(el.get("x1")) - x0) < 0.5
            and abs(_num(el.get("x2")) - x1) < 0.5
        ]
        out = []
        for t in self.texts():
            if t.get("text-anchor") == "end" and t.get("x") and _num(t.get("x")) < x0:
                ty = _num(t.get("y"))
                near = min(grid, key=lambda g: abs(g - ty)) if grid else None
                assert near is not None and abs(near - ty) < 8, f"tick label {_text(t)!r} has no grid line"
                out.append((near, _text(t)))
        return out


def read_svg(markup: str) -> DrawnSvg:
    return DrawnSvg(_xml(markup))


def tick_value(label: str) -> float:
    """The number a tick label stands for ("1e-3" is 0.001 on a log axis, "0.5" is 0.5)."""
    return float(label)


def axis_map(ticks: list[tuple[float, str]], log: bool = False):
    """A function pixel -> data value, fitted through the printed ticks (least squares, checked exact)."""
    px = np.array([p for p, _ in ticks])
    val = np.array([tick_value(s) for _, s in ticks])
    if log:
        val = np.log10(val)
    assert len(px) >= 2, f"need two ticks to read an axis, got {ticks}"
    slope, intercept = np.polyfit(px, val, 1)
    # Every tick must sit where the fitted line puts it (to the 0.1 px the chart rounds to).
    resid = np.abs(np.polyval([slope, intercept], px) - val)
    assert resid.max() <= 0.1 * abs(slope) + 1e-9, f"ticks are not evenly spaced: {ticks}"

    def to_data(p):
        v = slope * np.asarray(p, dtype=float) + intercept
        return 10**v if log else v

    to_data.per_pixel = abs(slope)
    return to_data


PX = 0.1  # the charts round pixel positions to 0.1 px


def px_tol(fmap, px: float = PX) -> float:
    """How far apart two data values may read on an axis (``axis_map``) when drawn ``px`` pixels apart."""
    return fmap.per_pixel * px * 1.01 + 1e-12


def points(el: ET.Element) -> np.ndarray:
    """An SVG polyline's or polygon's points, in pixels. ``-> [n, 2]``"""
    return np.array([[float(v) for v in p.split(",")] for p in el.get("points").split()]).reshape(-1, 2)


def exact_decimals(values) -> list:
    """Each value as the exact decimal of its float (``Decimal(repr(float(v)))``): no rounding hidden."""
    from decimal import Decimal

    return [Decimal(repr(float(v))) for v in values]


def polylines(svg: DrawnSvg) -> dict[str, np.ndarray]:
    """Each curve's points in pixels, by its label: ``{label: [n, 2]}``."""
    out = {}
    for el in svg.elements("polyline", "rta-series"):
        pts = [tuple(map(float, p.split(","))) for p in el.get("points").split()]
        out[el.get("data-label")] = np.array(pts).reshape(-1, 2)
    return out


def line_chart_data(
    markup: str, log: bool = False
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], object]:
    """``({label: x}, {label: y}, svg)``: every curve in data coordinates, read through the printed ticks."""
    svg = read_svg(markup)
    fx, fy = axis_map(svg.x_ticks()), axis_map(svg.y_ticks(), log=log)
    xs, ys = {}, {}
    for label, pts in polylines(svg).items():
        xs[label], ys[label] = fx(pts[:, 0]), fy(pts[:, 1])
    return xs, ys, svg


def bars(markup: str) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], DrawnSvg]:
    """``({series: heights}, {series: centre x in pixels}, svg)`` with heights read through the y ticks."""
    svg = read_svg(markup)
    fy = axis_map(svg.y_ticks())
    heights, centres = {}, {}
    for el in svg.elements("rect", "rta-bar"):
        name = el.get("data-series")
        y, h = _num(el.get("y")), _num(el.get("height"))
        heights.setdefault(name, []).append(float(fy(y) - fy(y + h)))
        centres.setdefault(name, []).append(_num(el.get("x")) + _num(el.get("width")) / 2)
    return ({k: np.array(v) for k, v in heights.items()}, {k: np.array(v) for k, v in centres.items()}, svg)


def arrow_ends(markup: str) -> tuple[dict[str, np.ndarray], DrawnSvg]:
    """Each arrow's end in pixels relative to its start, y up: ``{label: (dx, dy)}``, plus the svg."""
    svg = read_svg(markup)
    out = {}
    for g in svg.elements("g", "rta-arrow"):
        line = next(el for el in g if _tag(el) == "line")
        x1, y1, x2, y2 = (_num(line.get(k)) for k in ("x1", "y1", "x2", "y2"))
        out[_text(next(el for el in g if _tag(el) == "text"))] = np.array([x2 - x1, y1 - y2])
    return out, svg


NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


# ---------------------------------------------------------------- static matplotlib figures


def figure_texts(fig) -> list[str]:
    """Every non-empty text a matplotlib figure shows: suptitle, titles, axis labels, tick labels,
    texts placed on the axes, legend entries (public API only)."""
    out = [fig.get_suptitle()]
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        out += [t.get_text() for t in ax.texts]
        if ax.get_legend() is not None:
            out += [t.get_text() for t in ax.get_legend().get_texts()]
    return [t for t in out if t]


def plain_words(fig, at_least: int = 1) -> list[str]:
    """Assert every word a figure shows is written as a person would write it, and return the texts.

    Figure text is in sentence case: a word is lower case, Capitalised, an acronym of two to four
    different capitals (RNN, QKV), or a mixed-case name (ReLU). A label mangled into ``XXlabelXX``,
    or shouted in capitals, fails; no wording is pinned.
    """
    texts = figure_texts(fig)
    assert len(texts) >= at_least, texts
    for text in texts:
        plain_text(text)
    return texts


def plain_text(text: str) -> str:
    """Assert one message or label is written in plain words (see ``plain_words``) and return it.

    For check hints, error messages and widget labels: a mutant that mangles the text into
    ``XXtextXX`` or shouts it in capitals fails, while the wording itself stays free to change.
    """
    assert isinstance(text, str) and text.strip(), f"empty text: {text!r}"
    for word in re.findall(r"[A-Za-z]+", text):
        acronym = word.isupper() and len(word) <= 4 and len(set(word)) > 1  # "XX" is no acronym
        mixed = not word.isupper() and "XX" not in word  # ReLU, LayerNorm; not XXlabelXX
        ok = word.islower() or word.istitle() or acronym or mixed
        assert ok, f"garbled word {word!r} in {text!r}"
    return text


def rendered_pixel(fig, ax, x: float, y: float) -> np.ndarray:
    """The RGB colour (0..1) the Agg canvas drew at data point (x, y) of ``ax``."""
    fig.canvas.draw()
    img = np.asarray(fig.canvas.buffer_rgba())[:, :, :3]
    px, py = ax.transData.transform((x, y))
    return img[int(round(img.shape[0] - py)), int(round(px))] / 255.0


def cell_colours(ax, n_rows: int, n_cols: int) -> list[list[str]]:
    """The rendered colour of every heatmap cell of ``ax`` as hex strings, [n_rows][n_cols].

    Read from one draw of the Agg canvas, off the cell centre (at +0.3, +0.3) so the printed value
    does not cover the pixel.
    """
    fig = ax.figure
    fig.canvas.draw()
    img = np.asarray(fig.canvas.buffer_rgba())[:, :, :3]
    out = []
    for i in range(n_rows):
        row = []
        for j in range(n_cols):
            x, y = ax.transData.transform((j + 0.3, i + 0.3))
            r, g, b = img[int(round(img.shape[0] - y)), int(round(x))]
            row.append(f"#{r:02x}{g:02x}{b:02x}")
        out.append(row)
    return out


def cell_fractions(ax, n_rows: int, n_cols: int, cmap: str = "cividis") -> np.ndarray:
    """Where on the colour scale (0..1) every drawn heatmap cell of ``ax`` lies, [n_rows, n_cols]."""
    return colour_to_fraction(np.array(cell_colours(ax, n_rows, n_cols)), cmap)


TOLERANCE_PX = 1.0


def drawn_texts(fig) -> list[Text]:
    """The text artists a draw of ``fig`` actually renders (tick labels outside the view are skipped)."""
    drawn, original = [], Text.draw

    def recording_draw(self, renderer):
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        return original(self, renderer)

    Text.draw = recording_draw
    try:
        fig.canvas.draw()
    finally:
        Text.draw = original
    return drawn


def text_outside(fig) -> list[str]:
    """Describe every drawn text artist of ``fig`` whose box leaves the figure."""
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    bad = []
    for artist in texts:
        ext = artist.get_window_extent(renderer)
        if (ext.x0 < box.x0 - TOLERANCE_PX or ext.y0 < box.y0 - TOLERANCE_PX
                or ext.x1 > box.x1 + TOLERANCE_PX or ext.y1 > box.y1 + TOLERANCE_PX):
            bad.append(f"{artist.get_text()!r} at x {ext.x0:.0f}..{ext.x1:.0f}, y {ext.y0:.0f}..{ext.y1:.0f} "
                       f"in a {box.width:.0f}x{box.height:.0f} figure")
    return bad


def numbers(text: str) -> list[int]:
    """The whole numbers written in a text, in order."""
    return [int(n) for n in re.findall(r"\d+", text)]


def words(text: str) -> list[str]:
    """The words (runs of Latin letters) of a text."""
    return re.findall(r"[A-Za-z]+", text)


def sentence_case_titles(fig) -> None:
    """Assert that every axes title opening with a letter opens with a capital (sentence case)."""
    for ax in fig.axes:
        title = ax.get_title()
        if title and title[0].isalpha():
            assert title[0].isupper(), title
