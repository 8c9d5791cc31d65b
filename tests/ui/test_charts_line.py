"""helpers.ui.charts.LineChart read back as drawn: polyline points -> numbers, linear and log axes.

Pixels become data through the tick labels the chart printed (``drawn.axis_map``), and the numbers
are compared with values computed here in plain loops, never with ``chart.series`` or the
``data-`` attributes.
"""

import math

import numpy as np
import pytest

from helpers.ui.charts import LineChart
from tests.drawn import (
    PX,
    axis_map,
    line_chart_data,
    points,
    px_tol,
    read_svg,
)

# ---------------------------------------------------------------- LineChart


def test_line_chart_points_read_back_as_the_values_drawn():
    x = list(range(0, 25))
    sine = [math.sin(k / 4) for k in x]
    ramp = [0.05 * k - 0.3 for k in x]
    c = LineChart("two curves", "step", "value")
    c.update(x, {"sine": sine, "ramp": ramp})
    xs, ys, svg = line_chart_data(c.html.value)
    fy = axis_map(svg.y_ticks())
    assert set(ys) == {"sine", "ramp"}
    np.testing.assert_allclose(xs["sine"], x, atol=px_tol(axis_map(svg.x_ticks())))
    np.testing.assert_allclose(ys["sine"], sine, atol=px_tol(fy))
    np.testing.assert_allclose(ys["ramp"], ramp, atol=px_tol(fy))
    # Larger values are drawn higher: pixel y falls as the value rises.
    top = [p for p, _ in svg.y_ticks()]
    labels = [float(s) for _, s in svg.y_ticks()]
    assert np.all(np.diff(top) * np.diff(labels) < 0)


def test_line_chart_fills_its_frame_and_the_ticks_cover_the_data():
    x = [2.0, 3.0, 5.0, 7.0, 11.0]
    y = [k * k for k in x]
    c = LineChart("squares", "x", "x squared")
    c.update(x, {"x^2": y})
    xs, ys, svg = line_chart_data(c.html.value)
    x0, y0, x1, y1 = svg.frame
    pts = np.array(
        [[float(v) for v in p.split(",")] for p in svg.elements("polyline")[0].get("points").split()]
    )
    # The smallest and the largest value touch the frame; every point lies inside it.
    assert pts[:, 0].min() == pytest.approx(x0, abs=PX) and pts[:, 0].max() == pytest.approx(x1, abs=PX)
    assert pts[:, 1].max() == pytest.approx(y1, abs=PX) and pts[:, 1].min() == pytest.approx(y0, abs=PX)
    xt = [float(s) for _, s in svg.x_ticks()]
    yt = [float(s) for _, s in svg.y_ticks()]
    assert len(xt) >= 3 and len(yt) >= 3
    assert min(xt) >= 2.0 - 1e-9 and max(xt) <= 11.0 + 1e-9
    assert min(yt) >= 4.0 - 1e-9 and max(yt) <= 121.0 + 1e-9
    assert all(x0 - 0.05 <= p <= x1 + 0.05 for p, _ in svg.x_ticks())
    assert svg.axis_labels() == ("x", "x squared")
    assert svg.title == "squares"


def test_log_line_chart_reads_back_decades():
    d = list(range(12))
    decay = [0.5**k for k in d]
    growth = [3.0**k for k in d]
    c = LineChart("influence", "distance", "norm", logy=True)
    c.update(d, {"decay": decay, "growth": growth})
    _, ys, svg = line_chart_data(c.html.value, log=True)
    fy = axis_map(svg.y_ticks(), log=True)
    labels = [s for _, s in svg.y_ticks()]
    assert all(s.startswith("1e") for s in labels)
    np.testing.assert_allclose(np.log10(ys["decay"]), np.log10(decay), atol=px_tol(fy))
    np.testing.assert_allclose(np.log10(ys["growth"]), np.log10(growth), atol=px_tol(fy))


def test_log_line_chart_with_many_decades_and_fixed_limits():
    d = list(range(30))
    y = [10.0 ** (k - 15) for k in d]
    c = LineChart("wide", logy=True)
    c.update(d, {"y": y})
    _, ys, svg = line_chart_data(c.html.value, log=True)
    assert 2 <= len(svg.y_ticks()) <= 12
    np.testing.assert_allclose(np.log10(ys["y"]), np.log10(y), atol=px_tol(axis_map(svg.y_ticks(), log=True)))
    fixed = LineChart("clipped", logy=True, ylim=(1e-3, 1e3))
    fixed.update(d, {"y": y})
    _, ys, svg = line_chart_data(fixed.html.value, log=True)
    expect = [min(max(v, 1e-3), 1e3) for v in y]  # drawn at the frame's edge when outside
    np.testing.assert_allclose(
        np.log10(ys["y"]), np.log10(expect), atol=px_tol(axis_map(svg.y_ticks(), log=True))
    )
    assert [s for _, s in svg.y_ticks()][0] in ("1e-3", "1e3")


def test_log_line_chart_leaves_out_values_it_cannot_show():
    c = LineChart("with zeros", logy=True)
    c.update([0, 1, 2, 3], {"y": [1.0, 0.0, -2.0, 100.0]})
    xs, ys, svg = line_chart_data(c.html.value, log=True)
    fx, fy = axis_map(svg.x_ticks()), axis_map(svg.y_ticks(), log=True)
    np.testing.assert_allclose(xs["y"], [0, 3], atol=px_tol(fx))
    np.testing.assert_allclose(np.log10(ys["y"]), [0, 2], atol=px_tol(fy))


def test_line_chart_fixed_limits_clip_to_the_frame():
    c = LineChart("accuracy", ylim=(0.0, 1.0))
    c.update([0, 1, 2, 3], {"acc": [-0.5, 0.25, 0.75, 1.5]})
    _, ys, svg = line_chart_data(c.html.value)
    np.testing.assert_allclose(ys["acc"], [0.0, 0.25, 0.75, 1.0], atol=px_tol(axis_map(svg.y_ticks())))
    ticks = [float(s) for _, s in svg.y_ticks()]
    assert min(ticks) == 0.0 and max(ticks) == 1.0


def test_flat_and_single_point_curves_are_drawn_inside():
    c = LineChart("flat")
    c.update([0, 1, 2], {"flat": [2.0, 2.0, 2.0]})
    _, ys, svg = line_chart_data(c.html.value)
    np.testing.assert_allclose(ys["flat"], [2.0, 2.0, 2.0], atol=px_tol(axis_map(svg.y_ticks())))
    x0, y0, x1, y1 = svg.frame
    pts = np.array(
        [[float(v) for v in p.split(",")] for p in svg.elements("polyline")[0].get("points").split()]
    )
    assert np.all((pts[:, 1] > y0) & (pts[:, 1] < y1))
    c.update([5.0], {"one": [3.0]})
    pts = svg.elements("polyline")
    assert read_svg(c.html.value).elements("polyline")[0].get("points").count(",") == 1
    empty = LineChart("nothing yet")
    empty.update([], {})
    assert read_svg(empty.html.value).elements("polyline") == [] and pts


def test_line_chart_legend_names_each_curve_in_its_own_colour_and_dash():
    c = LineChart("legend")
    names = ["first", "second", "third", "fourth", "fifth"]
    c.update([0, 1], {n: [i, i + 1] for i, n in enumerate(names)})
    svg = read_svg(c.html.value)
    curves = svg.elements("polyline")
    assert [p.get("data-label") for p in curves] == names
    texts = [t for t in svg.texts() if "".join(t.itertext()) in names]
    assert ["".join(t.itertext()) for t in texts] == names
    # Each legend sample line sits left of its name and has the curve's colour and dash.
    samples = [el for el in svg.elements("line") if el.get("stroke-width") == "2.2"]
    assert len(samples) == len(names)
    for curve, sample, text in zip(curves, samples, texts, strict=True):
        assert sample.get("stroke") == curve.get("stroke")
        assert sample.get("stroke-dasharray") == curve.get("stroke-dasharray")
        assert float(sample.get("x2")) < float(text.get("x"))
        assert abs(float(sample.get("y1")) - float(text.get("y"))) < 8
    colours = [p.get("stroke") for p in curves]
    assert len(set(colours)) == len(colours)
    dashes = [p.get("stroke-dasharray") for p in curves[:4]]
    assert len(set(dashes)) == 4
    # Legend entries do not overlap and sit above the frame.
    xs = [float(t.get("x")) for t in texts]
    assert all(b - a >= 100 for a, b in zip(xs, xs[1:], strict=False))
    assert all(float(t.get("y")) < svg.frame[1] for t in texts)


def test_line_chart_title_update_and_escaping():
    c = LineChart("a < b", "x & y", "z")
    c.update([0, 1], {"<s>": [0, 1]}, title="new & better")
    svg = read_svg(c.html.value)
    assert svg.title == "new & better"
    assert svg.root.get("aria-label") == "new & better"
    assert [p.get("data-label") for p in svg.elements("polyline")] == ["<s>"]
    assert svg.axis_labels() == ("x & y", "z")
    with pytest.raises(ValueError) as err:
        c.update([0, 1, 2], {"short": [1.0, 2.0]})
    assert "2" in str(err.value) and "3" in str(err.value) and "short" in str(err.value)


def test_flat_curves_sit_in_the_middle_and_log_decades_are_all_labelled_up_to_twelve():
    c = LineChart("flat")
    c.update([0, 1], {"flat": [5.0, 5.0]})
    svg = read_svg(c.html.value)
    _, y0, _, y1 = svg.frame
    pts = [float(p.split(",")[1]) for p in svg.elements("polyline")[0].get("points").split()]
    assert pts == pytest.approx([(y0 + y1) / 2] * 2, abs=0.1)
    for decades, every in ((12, True), (13, False)):
        c = LineChart("log", logy=True)
        c.update([0, 1], {"y": [1.0, 10.0**decades]})
        labels = [s for _, s in read_svg(c.html.value).y_ticks()]
        assert (labels == [f"1e{k}" for k in range(decades + 1)]) == every, labels
        assert len(labels) <= decades + 1
    lin = LineChart("lin")
    lin.update([0, 1, 2], {"y": [0.0, 15.0, 30.0]})
    svg = read_svg(lin.html.value)
    assert 3 <= len(svg.y_ticks()) <= 6 and 3 <= len(svg.x_ticks()) <= 7
    _, y0, _, y1 = svg.frame
    assert all(y0 - 0.05 <= p <= y1 + 0.05 for p, _ in svg.y_ticks())

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


def test_line_chart_update_and_log_axis():
    c = LineChart("influence", "distance", "norm", logy=True)
    c.update([1, 2, 3], {"a": [1.0, 0.1, 0.01]})
    first = c.html.value
    c.update([1, 2, 3], {"a": [1.0, 10.0, 100.0], "b": [1, 1, 1]})
    assert c.html.value != first
    assert 'data-label="b"' in c.html.value and "1e2" in c.html.value
    np.testing.assert_allclose(c.series["a"], [1, 10, 100])
    with pytest.raises(ValueError, match="has 2 points but x has 3"):
        c.update([1, 2, 3], {"a": [1, 2]})
