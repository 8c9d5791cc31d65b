"""More of what the live charts and the heatmap draw, read back and checked against plain computations.

Cases the first drawn tests leave open: log axes whose decades do not start at 1, a curve with one
x value, the arrow heads' shape, the data the browser tests read, and the heatmap's defaults. As in
``test_drawn_charts.py``, pixels become numbers through the tick labels the chart printed.
"""

import math
import re

import numpy as np
import pytest

from helpers.ui.charts import ArrowPlot, BarChart, LineChart
from tests.drawn import (
    PX,
    arrow_ends,
    axis_map,
    bars,
    exact_decimals,
    line_chart_data,
    points,
    px_tol,
    read_svg,
    read_table,
)

# ---------------------------------------------------------------- LineChart


@pytest.mark.parametrize(("lo", "hi"), [(5, 15), (-14, -3), (2, 14), (-3, 4)])
def test_log_axis_labels_every_decade_wherever_the_range_starts(lo, hi):
    c = LineChart("offset decades", logy=True)
    c.update([0, 1, 2], {"y": [10.0**lo, 10.0 ** ((lo + hi) / 2), 10.0**hi]})
    _, ys, svg = line_chart_data(c.html.value, log=True)
    labels = [s for _, s in svg.y_ticks()]
    # Twelve decades or fewer: every one is labelled, bottom to top.
    assert sorted(labels, key=lambda s: int(s[2:])) == [f"1e{k}" for k in range(lo, hi + 1)]
    fy = axis_map(svg.y_ticks(), log=True)
    np.testing.assert_allclose(np.log10(ys["y"]), [lo, (lo + hi) / 2, hi], atol=px_tol(fy))


def _multiples(step, lo, hi):
    return [k * step for k in range(math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9) + 1)]


@pytest.mark.parametrize(("lo", "hi"), [(3, 20), (-30, -5), (-8, 9), (0, 13), (0, 28), (-20, 0)])
def test_log_axis_over_many_decades_labels_round_decades_only(lo, hi):
    c = LineChart("wide", logy=True)
    c.update([0, 1], {"y": [10.0**lo, 10.0**hi]})
    _, ys, svg = line_chart_data(c.html.value, log=True)
    exps = sorted(int(s[2:]) for _, s in svg.y_ticks())
    # Every k-th decade for the smallest round k that needs no more than six labels.
    step = next(k for k in (1, 2, 5, 10, 20, 50) if len(_multiples(k, lo, hi)) <= 6)
    assert exps == _multiples(step, lo, hi)
    np.testing.assert_allclose(np.log10(ys["y"]), [lo, hi], atol=px_tol(axis_map(svg.y_ticks(), log=True)))


@pytest.mark.parametrize(("lo", "hi"), [(0, 7), (0, 11), (0, 6), (0, 60), (3, 4), (-50, 250), (0.5, 1.7)])
def test_x_axis_steps_are_the_smallest_round_step_with_at_most_six_intervals(lo, hi):
    c = LineChart("x ticks")
    c.update([lo, hi], {"y": [0.0, 1.0]})
    svg = read_svg(c.html.value)
    vals = np.array([float(s) for _, s in svg.x_ticks()])
    rounds = sorted(m * 10.0**k for k in range(-3, 4) for m in (1, 2, 2.5, 5))
    step = next(r for r in rounds if (hi - lo) / r <= 6 + 1e-9)
    np.testing.assert_allclose(np.diff(vals), step, rtol=1e-9)
    assert vals[0] - step < lo <= vals[0] + 1e-9 and vals[-1] <= hi + 1e-9 < vals[-1] + step


def test_a_curve_with_one_x_value_has_its_ticks_inside_the_frame_left_to_right():
    c = LineChart("one step")
    c.update([5.0], {"one": [3.0]})
    xs, ys, svg = line_chart_data(c.html.value)
    x0, y0, x1, y1 = svg.frame
    ticks = svg.x_ticks()
    assert len(ticks) >= 2
    assert all(x0 - 0.05 <= p <= x1 + 0.05 for p, _ in ticks)
    values = [float(s) for _, s in ticks]
    pixels = [p for p, _ in ticks]
    assert np.all(np.diff(pixels) > 0) and np.all(np.diff(values) > 0)  # larger x further right
    assert min(values) <= 5.0 <= max(values)
    np.testing.assert_allclose(xs["one"], [5.0], atol=px_tol(axis_map(ticks)))
    np.testing.assert_allclose(ys["one"], [3.0], atol=px_tol(axis_map(svg.y_ticks())))


def test_line_chart_y_ticks_are_round_and_cover_the_data():
    x = [0, 1, 2, 3]
    y = [-2.5, 7.0, 3.0, 11.5]
    c = LineChart("ticks")
    c.update(x, {"y": y})
    _, ys, svg = line_chart_data(c.html.value)
    vals = np.array([float(s) for _, s in svg.y_ticks()])
    step = np.diff(np.sort(vals))
    np.testing.assert_allclose(step, step[0])
    assert 3 <= len(vals) <= 6 and vals.min() >= -2.5 and vals.max() <= 11.5
    assert vals.min() - step[0] < -2.5 and vals.max() + step[0] > 11.5  # no tick missing at either end
    np.testing.assert_allclose(ys["y"], y, atol=px_tol(axis_map(svg.y_ticks())))


# ---------------------------------------------------------------- ArrowPlot


@pytest.mark.parametrize("angle", [0.0, 30.0, 90.0, 135.0, 180.0, 250.0, 315.0])
def test_arrow_heads_are_symmetric_about_the_shaft(angle):
    a = ArrowPlot("heads", limit=2.0)
    t = math.radians(angle)
    a.update([[1.5 * math.cos(t), 1.5 * math.sin(t)]], ["v"])
    svg = read_svg(a.html.value)
    (g,) = svg.elements("g", "rta-arrow")
    line, poly, _ = list(g)
    start = np.array([float(line.get("x1")), float(line.get("y1"))])
    tip = np.array([float(line.get("x2")), float(line.get("y2"))])
    pts = points(poly)
    back = start - tip
    back_angle = math.atan2(back[1], back[0])
    turns = []
    for p in pts[1:]:
        d = p - tip
        turn = (math.atan2(d[1], d[0]) - back_angle + math.pi) % (2 * math.pi) - math.pi
        turns.append(turn)
        assert np.linalg.norm(d) == pytest.approx(9.0, abs=0.2)
    # One barb each side of the shaft, at the same angle: a narrow, symmetric head.
    assert turns[0] * turns[1] < 0
    assert abs(turns[0]) == pytest.approx(abs(turns[1]), abs=0.04)
    assert math.radians(10) < abs(turns[0]) < math.radians(40)


def test_arrow_limit_label_sits_at_the_right_end_of_the_axis_below_it():
    for limit in (1.0, 2.5, 40.0):
        a = ArrowPlot("limit", limit=limit)
        a.update([[0.5, 0.5]], ["v"])
        svg = read_svg(a.html.value)
        x0, y0, x1, y1 = svg.frame
        cy = (y0 + y1) / 2
        (label,) = [t for t in svg.texts() if t.get("font-size") == "10"]
        assert float("".join(label.itertext())) == pytest.approx(limit, rel=0.05)
        assert label.get("text-anchor") == "end"
        # Its right end is just inside the frame's right edge, its baseline just below the axis.
        assert x1 - 6 <= float(label.get("x")) < x1
        assert cy + 8 <= float(label.get("y")) <= cy + 16


def test_arrow_data_attributes_agree_with_the_drawn_arrows():
    vecs = [[1.0, -0.5], [-2.0, 0.25], [0.0, 1.5]]
    names = ["first", "second", "third"]
    a = ArrowPlot("several", limit=3.0)
    a.update(vecs, names)
    ends, svg = arrow_ends(a.html.value)
    x0, _, x1, _ = svg.frame
    per_unit = (x1 - x0) / 6.0
    parts = svg.root.get("data-series").split(";")
    assert len(parts) == 3
    for part, name, g in zip(parts, names, svg.elements("g", "rta-arrow"), strict=True):
        label, _, nums = part.partition(":")
        xy = np.array([float(v) for v in nums.split(",")])
        assert label == name == g.get("data-label")
        np.testing.assert_allclose(xy, ends[name] / per_unit, atol=0.15 / per_unit)
        np.testing.assert_allclose(
            [float(g.get("data-x")), float(g.get("data-y"))], ends[name] / per_unit, atol=0.15 / per_unit
        )


def test_arrows_take_distinct_colours_and_only_the_dashed_ones_are_dashed():
    vecs = [[math.cos(k), math.sin(k)] for k in range(9)]
    dashed = [k % 3 == 0 for k in range(9)]
    a = ArrowPlot("colours", limit=1.5)
    a.update(vecs, [f"v{k}" for k in range(9)], dashed=dashed)
    svg = read_svg(a.html.value)
    groups = svg.elements("g", "rta-arrow")
    colours = [next(iter(g)).get("stroke") for g in groups]
    assert len(set(colours[:7])) == 7  # the palette's seven colours before any repeats
    assert colours[7:] == colours[:2]
    assert [bool(next(iter(g)).get("stroke-dasharray")) for g in groups] == dashed


# ---------------------------------------------------------------- BarChart


def test_bars_of_three_series_fill_each_group_in_order_without_overlap():
    labels = ["a", "b", "c", "d"]
    vals = {"s1": [1.0, 2.0, 3.0, 4.0], "s2": [4.0, 3.0, 2.0, 1.0], "s3": [2.0, 2.0, 0.5, 0.0]}
    b = BarChart("three", labels)
    b.update(vals)
    heights, centres, svg = bars(b.html.value)
    fy = axis_map(svg.y_ticks())
    for k, v in vals.items():
        np.testing.assert_allclose(heights[k], v, atol=2 * px_tol(fy))
    x0, _, x1, _ = svg.frame
    group = (x1 - x0) / len(labels)
    rects = svg.elements("rect", "rta-bar")
    widths = {float(r.get("width")) for r in rects}
    assert max(widths) - min(widths) <= 0.1
    width = widths.pop()
    assert width == pytest.approx(0.8 * group / 3, abs=0.1)  # three bars share 80% of the slot
    for i in range(len(labels)):
        cs = [centres[k][i] for k in vals]
        assert cs == sorted(cs) and np.allclose(np.diff(cs), width, atol=0.15)  # side by side, in order
        assert np.mean(cs) == pytest.approx(x0 + (i + 0.5) * group, abs=0.15)  # centred on the label
    top = max(float(s) for _, s in svg.y_ticks())
    assert 4.0 <= top <= 4.0 * 1.15 + 1e-9


def test_bar_numbers_use_the_given_format():
    b = BarChart("fmt", ["a", "b"], fmt=".1%")
    b.update({"v": [0.25, 0.5]})
    texts = read_svg(b.html.value).texts()
    numbers = sorted("".join(t.itertext()) for t in texts if t.get("font-size") == "10")
    assert numbers == sorted([format(0.25, ".1%"), format(0.5, ".1%")])


def test_all_zero_bars_still_get_an_axis():
    b = BarChart("zeros", ["a", "b"])
    b.update({"v": [0.0, 0.0]})
    heights, _, svg = bars(b.html.value)
    np.testing.assert_allclose(heights["v"], [0.0, 0.0], atol=1e-9)
    assert len(svg.y_ticks()) >= 2


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


# ---------------------------------------------------------------- the heatmap


def test_heatmap_defaults_name_the_axes_and_caption_the_weights():
    from helpers.ui import AttentionHeatmap

    t = read_table(AttentionHeatmap(np.full((2, 2), 0.5), ["a", "b"], ["c", "d"]).html.value)
    assert re.findall(r"[A-Za-z]+", t.corner) == ["query", "key"]  # rows are queries, columns keys
    words = t.caption.split()
    assert words[0].istitle() and "weight" in t.caption.lower()  # a sentence saying what the cells are
    assert t.cells == [["0.50", "0.50"], ["0.50", "0.50"]]
    assert t.legend == ["0", "1"]


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


def test_a_narrow_range_still_fills_the_frame():
    c = LineChart("narrow")
    y = [0.2, 0.5, 0.35]
    c.update([0, 1, 2], {"y": y})
    _, ys, svg = line_chart_data(c.html.value)
    _, y0, _, y1 = svg.frame
    pts = points(svg.elements("polyline")[0])
    assert pts[:, 1].min() == pytest.approx(y0, abs=PX) and pts[:, 1].max() == pytest.approx(y1, abs=PX)
    np.testing.assert_allclose(ys["y"], y, atol=px_tol(axis_map(svg.y_ticks())))


def test_an_empty_chart_and_a_curve_with_nothing_to_show_draw_unit_axes():
    empty = LineChart("empty")
    empty.update([], {})
    svg = read_svg(empty.html.value)
    xt = [float(s) for _, s in svg.x_ticks()]
    assert min(xt) == 0.0 and max(xt) == 1.0
    assert axis_map(svg.x_ticks())(svg.frame[2]) == pytest.approx(1.0, abs=0.01)
    blank = LineChart("nothing positive", logy=True)
    blank.update([0, 1], {"y": [0.0, -1.0]})
    svg = read_svg(blank.html.value)
    assert sorted(s for _, s in svg.y_ticks()) == ["1e0", "1e1"]  # one decade, from 1 to 10
    assert svg.elements("polyline")[0].get("points") == ""


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


def test_legend_samples_are_short_horizontal_lines_ending_before_their_names():
    c = LineChart("legend")
    c.update([0, 1], {"a": [0, 1], "b": [1, 0]})
    svg = read_svg(c.html.value)
    samples = [el for el in svg.elements("line") if el.get("stroke-width") == "2.2"]
    names = [t for t in svg.texts() if "".join(t.itertext()) in ("a", "b")]
    for line, name in zip(samples, names, strict=True):
        x1, y1, x2, y2 = (float(line.get(k)) for k in ("x1", "y1", "x2", "y2"))
        assert y1 == y2  # horizontal
        assert x1 < x2 < float(name.get("x")) and 15 <= x2 - x1 <= 40  # left to right, then the name


def test_a_single_bar_group_is_centred_in_the_frame():
    b = BarChart("one", ["only"])
    b.update({"v": [1.0]})
    heights, centres, svg = bars(b.html.value)
    x0, _, x1, _ = svg.frame
    assert centres["v"][0] == pytest.approx((x0 + x1) / 2, abs=0.1)
    (rect,) = svg.elements("rect", "rta-bar")
    assert float(rect.get("width")) == pytest.approx(0.8 * (x1 - x0), abs=0.1)
    label = [t for t in svg.texts() if "".join(t.itertext()) == "only"][0]
    assert float(label.get("x")) == pytest.approx((x0 + x1) / 2, abs=0.1)


def test_bar_chart_prints_at_most_five_round_y_labels():
    for top in (1.0, 2.0, 4.0, 7.0, 10.0, 30.0, 85.0):
        b = BarChart("top", ["a"], ymax=top)
        b.update({"v": [top / 2]})
        vals = [float(s) for _, s in read_svg(b.html.value).y_ticks()]
        assert 3 <= len(vals) <= 5, (top, vals)
        assert min(vals) == 0.0 and max(vals) <= top and max(vals) + np.diff(vals)[0] > top


def test_bar_labels_use_the_chart_font_size_and_a_smaller_one_when_rotated():
    for n in (3, 13):
        b = BarChart("fonts", [f"w{i}" for i in range(n)])
        b.update({"v": np.ones(n)})
        svg = read_svg(b.html.value)
        base = float(svg.root.get("font-size"))
        names = [t for t in svg.texts() if "".join(t.itertext()).startswith("w")]
        sizes = {float(t.get("font-size")) for t in names}
        if n <= 12:
            assert sizes == {base}
        else:
            assert len(sizes) == 1 and sizes.pop() < base


def test_style_text_colours_follow_the_colormap_given():
    import matplotlib as mpl

    from helpers.style import colour_lut, text_color_for, text_colors

    for cmap in ("Greys", "viridis", "cividis"):
        values = np.linspace(0.0, 2.0, 9)
        rgb = np.asarray(mpl.colormaps[cmap](np.clip(values / 2.0, 0, 1)))[:, :3]
        lum = rgb @ np.array([0.2126, 0.7152, 0.0722])
        expect = np.where(lum > 0.45, "black", "white")
        assert list(text_colors(values, 0.0, 2.0, cmap)) == list(expect)
        assert [text_color_for(v, 0.0, 2.0, cmap) for v in values] == list(expect)
        bg, fg = colour_lut(cmap, 5)
        levels = np.linspace(0.0, 1.0, 5)
        lum = np.asarray(mpl.colormaps[cmap](levels))[:, :3] @ np.array([0.2126, 0.7152, 0.0722])
        assert fg == ["#000" if v > 0.45 else "#fff" for v in lum]
        assert bg == [mpl.colors.to_hex(c) for c in mpl.colormaps[cmap](levels)]


def test_style_and_heatmap_take_any_real_numbers():
    from helpers.style import text_colors
    from helpers.ui import AttentionHeatmap

    vals = [0.0, 0.3, 0.8, 1.0]
    assert list(text_colors(exact_decimals(vals))) == list(text_colors(vals))
    a = AttentionHeatmap([vals], ["q"], list("abcd"))
    b = AttentionHeatmap([exact_decimals(vals)], ["q"], list("abcd"))
    assert a.html.value == b.html.value


def test_heatmap_cells_take_the_colour_level_at_or_just_below_their_value():
    import matplotlib as mpl

    from helpers.ui import AttentionHeatmap

    cm = mpl.colormaps["cividis"]
    levels = {mpl.colors.to_hex(cm(i / 255)): i for i in range(256)}
    values = np.array([[0.0, 0.1, 0.25, 0.5, 0.5 + 1e-9, 0.75, 0.9, 0.999, 1.0]])
    for vmin, vmax in ((0.0, 1.0), (-1.0, 3.0)):
        W = vmin + values * (vmax - vmin)
        t = read_table(AttentionHeatmap(W, ["q"], [str(i) for i in range(W.shape[1])], vmin=vmin,
                                        vmax=vmax).html.value)
        for v, bg in zip(values[0], t.backgrounds[0], strict=True):
            i = levels[bg]
            # The level's own value is at or below the cell's value, and the next level above it.
            assert i / 255 <= v + 1e-9 and (v < (i + 1) / 255 or i == 255), (v, i)


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
