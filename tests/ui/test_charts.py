"""helpers.ui.charts: what the three SVG charts share (ticks, frames, titles, text inside the picture).

Pixels become data through the tick labels the chart printed (``drawn.axis_map``); numbers are
compared with values computed here, never with ``chart.series`` or the ``data-`` attributes.
"""

import math
import re

import numpy as np
import pytest

from helpers.ui.charts import ArrowPlot, BarChart, LineChart
from tests.drawn import (
    axis_map,
    bars,
    exact_decimals,
    line_chart_data,
    px_tol,
    read_svg,
)

# ---------------------------------------------------------------- ticks and the frame


@pytest.mark.parametrize("lo", [-7.3, -1.0, 0.0, 0.004, 3.0, 120.0])
@pytest.mark.parametrize("span", [1e-3, 0.7, 1.0, 2.6, 9.0, 37.0, 1e4])
@pytest.mark.parametrize("n", [4, 5, 6])
def test_ticks_are_round_evenly_spaced_and_inside_the_range(lo, span, n):
    from helpers.ui.charts import _nice_ticks

    hi = lo + span
    ticks = np.array(_nice_ticks(lo, hi, n))
    assert ticks.size >= 2
    assert ticks[0] >= lo - 1e-9 * span and ticks[-1] <= hi + 1e-9 * span
    steps = np.diff(ticks)
    np.testing.assert_allclose(steps, steps[0], rtol=1e-6)
    step = steps[0]
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-12)
    assert min(abs(mantissa - m) for m in (1, 2, 2.5, 5, 10)) < 1e-6  # a round step
    assert step >= span / n * (1 - 1e-9)  # no more than about n intervals ...
    assert ticks[0] - lo < step + 1e-9 * span and hi - ticks[-1] < step + 1e-9 * span  # ... and none missing
    assert ticks.size <= n + 1
    # The step is the smallest round value that gives at most n intervals.
    raw = span / n
    rounds = [m * 10.0**k for k in range(-6, 7) for m in (1, 2, 2.5, 5)]
    assert not [r for r in rounds if raw * (1 + 1e-9) <= r < step * (1 - 1e-9)], (raw, step)


def test_degenerate_tick_range_still_gets_ticks():
    from helpers.ui.charts import _nice_ticks

    ticks = _nice_ticks(2.0, 2.0, 5)
    assert ticks[0] >= 2.0 and ticks[-1] <= 3.0 + 1e-9 and len(ticks) >= 3
    assert _nice_ticks(5.0, 1.0, 5)[0] >= 5.0


@pytest.mark.parametrize(
    "make",
    [lambda: LineChart("t", "x", "y"), lambda: BarChart("t", ["a", "b"], "x", "y"), lambda: ArrowPlot("t")],
)
def test_every_text_lies_inside_the_picture(make):
    chart = make()
    if isinstance(chart, LineChart):
        chart.update([0, 1, 2], {"a": [0.0, 5.0, 2.0], "b": [1.0, 1.0, 1.0]})
    elif isinstance(chart, BarChart):
        chart.update({"a": [1.0, 2.0], "b": [0.5, 0.0]})
    else:
        chart.update([[1.0, 1.0], [-1.0, 0.5]], ["a", "b"])
    svg = read_svg(chart.html.value)
    _, _, width, height = svg.viewbox
    assert (svg.root.get("width"), svg.root.get("height")) == (f"{width:g}", f"{height:g}")
    x0, y0, x1, y1 = svg.frame
    assert 0 < x0 < x1 < width and 0 < y0 < y1 < height
    for t in svg.texts():
        if t.get("x") is not None:
            assert 0 <= float(t.get("x")) <= width and 0 < float(t.get("y")) <= height, "".join(t.itertext())
    title = svg.texts()[0]
    assert float(title.get("y")) < y0 and title.get("text-anchor") == "middle"
    assert float(title.get("x")) == pytest.approx(width / 2)


def test_constructor_titles_and_defaults_are_drawn():
    b = BarChart("bars title", ["a", "b"], ymax=2.0)
    b.update({"only": [0.5, 1.0]})
    heights, centres, svg = bars(b.html.value)
    assert svg.title == "bars title"
    texts = {"".join(t.itertext()) for t in svg.texts()}
    assert {"0.50", "1.00"} <= texts  # two decimals by default
    x0, _, x1, _ = svg.frame
    group = (x1 - x0) / 2
    rects = svg.elements("rect", "rta-bar")
    for i, r in enumerate(rects):
        assert float(r.get("width")) == pytest.approx(0.8 * group, abs=0.1)  # one series: the full 80% slot
        assert centres["only"][i] == pytest.approx(x0 + (i + 0.5) * group, abs=0.1)  # centred on its label
    assert len(svg.y_ticks()) <= 5
    a = ArrowPlot("arrows title")
    a.update([[1.0, 0.0]], ["x"])
    svg = read_svg(a.html.value)
    assert svg.title == "arrows title"
    assert not any(el.get("stroke-dasharray") for el in svg.elements("line"))  # solid unless asked
    a.update([[0.0, 1.0]], ["y"], title="renamed")
    assert read_svg(a.html.value).title == "renamed"
    a.update(np.zeros((0, 2)), [])
    assert read_svg(a.html.value).elements("g", "rta-arrow") == []
    c = LineChart("line title")
    c.update([0, 1], {"a": [0, 1]})
    assert read_svg(c.html.value).title == "line title"


def _data_series(svg):
    out = {}
    for part in svg.root.get("data-series").split(";"):
        name, _, nums = part.partition(":")
        out[name] = [float(v) for v in nums.split(",")] if "," in nums or nums else []
    return out


def test_data_attributes_for_the_browser_tests_agree_with_the_picture():
    b = BarChart("b", ["a", "b", "c"])
    b.update({"f": [0.5, 1.0, 2.0], "g": [1.5, 0.25, 0.0]})
    heights, _, svg = bars(b.html.value)
    assert "rta-bar" in svg.root.get("class").split()
    data = _data_series(svg)
    fy = axis_map(svg.y_ticks())
    for name in ("f", "g"):
        np.testing.assert_allclose(data[name], heights[name], atol=2 * px_tol(fy))
    c = LineChart("c")
    c.update([0, 1, 2], {"p": [1.0, 3.0, 2.0], "q": [0.0, 0.5, 1.0]})
    _, ys, svg = line_chart_data(c.html.value)
    assert "rta-line" in svg.root.get("class").split()
    data = _data_series(svg)
    for name in ("p", "q"):
        np.testing.assert_allclose(data[name], ys[name], atol=px_tol(axis_map(svg.y_ticks())))
    a = ArrowPlot("a", limit=2.0)
    a.update([[1.0, -0.5]], ["v"])
    svg = read_svg(a.html.value)
    assert "rta-arrows" in svg.root.get("class").split()
    assert svg.root.get("data-series") == "v:1,-0.5"


# ---------------------------------------------------------------- the frame


@pytest.mark.parametrize(
    "make",
    [
        lambda: LineChart("t", "across", "up"),
        lambda: BarChart("t", ["a"], "across", "up"),
        lambda: ArrowPlot("t"),
    ],
)
def test_axis_names_sit_outside_the_frame_centred_on_it(make):
    chart = make()
    if isinstance(chart, LineChart):
        chart.update([0, 1], {"a": [0.0, 1.0]})
    elif isinstance(chart, BarChart):
        chart.update({"a": [1.0]})
    else:
        chart.update([[1.0, 1.0]], ["a"])
    svg = read_svg(chart.html.value)
    x0, y0, x1, y1 = svg.frame
    _, _, width, height = svg.viewbox
    xname = [t for t in svg.texts() if "".join(t.itertext()) in ("across", "dimension 1")][0]
    assert float(xname.get("x")) == pytest.approx((x0 + x1) / 2)
    assert y1 + 20 < float(xname.get("y")) <= height
    yname = [t for t in svg.texts() if "rotate(-90" in t.get("transform", "")][0]
    where = re.search(r"translate\(([-\d.]+),([-\d.]+)\)", yname.get("transform"))
    tx, ty = (float(v) for v in where.groups())
    assert 0 < tx < x0 - 20 and ty == pytest.approx((y0 + y1) / 2)
    title = svg.texts()[0]
    assert 0 < float(title.get("y")) < y0 - 10
    assert repr(chart).endswith(": t") and type(chart).__name__ in repr(chart)


# ---------------------------------------------------------------- more of the frame and the defaults


def test_new_charts_hold_no_data_until_their_first_update():
    line, bar, arrows = LineChart("l"), BarChart("b", ["a"]), ArrowPlot("a")
    assert line.x.size == 0 and line.series == {} and bar.values == {}
    assert arrows.vectors.shape == (0, 2) and arrows.labels == []
    for chart in (line, bar, arrows):
        assert chart.html.value == ""  # nothing drawn yet


def test_charts_without_axis_names_print_none():
    line, bar = LineChart("l"), BarChart("b", ["a", "b"])
    line.update([0, 1], {"y": [0.0, 1.0]})
    bar.update({"v": [1.0, 2.0]})
    for chart in (line, bar):
        svg = read_svg(chart.html.value)
        assert svg.axis_labels() == ("", "")


def test_any_real_numbers_draw_as_their_float_values():
    x, y = [0.0, 1.5, 3.0], [0.25, -1.0, 2.0]
    a, b = LineChart("n"), LineChart("n")
    a.update(x, {"y": y})
    b.update(exact_decimals(x), {"y": exact_decimals(y)})
    assert a.html.value == b.html.value
    a, b = BarChart("n", ["p", "q", "r"]), BarChart("n", ["p", "q", "r"])
    a.update({"v": [0.5, 1.0, 2.0]})
    b.update({"v": exact_decimals([0.5, 1.0, 2.0])})
    assert a.html.value == b.html.value
    a, b = ArrowPlot("n"), ArrowPlot("n")
    a.update([[1.0, 0.5], [-0.5, 2.0]], ["u", "v"])
    b.update([exact_decimals([1.0, 0.5]), exact_decimals([-0.5, 2.0])], ["u", "v"])
    assert a.html.value == b.html.value


def test_tick_labels_are_centred_on_their_grid_lines():
    c = LineChart("grid")
    c.update([0, 1, 2], {"y": [0.0, 3.0, 1.0]})
    b = BarChart("grid", ["a", "b"])
    b.update({"v": [1.0, 2.0]})
    for chart in (c, b):
        svg = read_svg(chart.html.value)
        x0 = svg.frame[0]
        grid = {
            float(el.get("y1"))
            for el in svg.elements("line")
            if el.get("y1") == el.get("y2") and float(el.get("x1")) == x0
        }
        labels = [t for t in svg.texts() if t.get("text-anchor") == "end" and float(t.get("x")) < x0]
        assert len(labels) >= 2
        for t in labels:
            # A 12 px label is centred on its line when its baseline is a third of its size below it.
            below = float(t.get("y")) - min(grid, key=lambda g: abs(g - float(t.get("y"))))
            assert 2 <= below <= 6
            assert 0 < x0 - float(t.get("x")) <= 10


def test_tick_helper_asks_for_about_five_ticks_by_default():
    from helpers.ui.charts import _nice_ticks

    assert _nice_ticks(0.0, 10.0) == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    assert _nice_ticks(0.0, 12.0) == [0.0, 2.5, 5.0, 7.5, 10.0]  # five intervals of 2.5, not six of 2
    assert _nice_ticks(0.0, 5.0, 5) == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]  # a step of exactly 1 is round


def test_chart_widgets_shrink_with_the_page_and_carry_their_class():
    for chart in (LineChart("l"), BarChart("b", ["a"]), ArrowPlot("a")):
        assert chart.html.layout.max_width == "100%"
        assert "rta-svg-widget" in chart.html._dom_classes  # what the browser tests look for
        assert chart.children == (chart.html,)


def test_bar_chart_and_arrow_plot_show_their_data():
    b = BarChart("contributions", ["I", "go"])
    b.update({"forward": [0.5, 1.0]})
    assert re.findall(r'data-value="([0-9.]+)"', b.html.value) == ["0.5", "1"]
    a = ArrowPlot("vectors")
    a.update([[1.0, 0.0], [0.3, 0.4]], ["I", "enc(I)"], dashed=[False, True])
    assert 'data-label="enc(I)" data-x="0.3" data-y="0.4"' in a.html.value
    assert "stroke-dasharray" in a.html.value
