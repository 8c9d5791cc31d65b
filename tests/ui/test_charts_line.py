"""The SVG charts read back as drawn: polyline points, bar rectangles and arrow ends -> numbers.

Pixels become data through the tick labels the chart printed (``drawn.axis_map``), and the numbers
are compared with values computed here in plain loops, or by finite differences for the RNN
explorers, never with ``chart.series`` / ``values`` / ``vectors`` or the ``data-`` attributes.
"""

import math

import numpy as np
import pytest

from helpers.ui.charts import ArrowPlot, BarChart, LineChart
from tests.drawn import PX, arrow_ends, axis_map, bars, line_chart_data, px_tol, read_svg
from tests.reference import at_radius, fd_jacobian_norm, loop_rnn

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


# ---------------------------------------------------------------- BarChart


def test_bar_heights_read_back_through_the_y_ticks():
    labels = ["I", "go", "home", "now"]
    fwd = [k / 3 for k in range(1, 5)]
    bwd = [1.0 / k for k in range(1, 5)]
    b = BarChart("two series", labels, "word", "norm")
    b.update({"forward": fwd, "backward": bwd})
    heights, centres, svg = bars(b.html.value)
    fy = axis_map(svg.y_ticks())
    np.testing.assert_allclose(heights["forward"], fwd, atol=2 * px_tol(fy))
    np.testing.assert_allclose(heights["backward"], bwd, atol=2 * px_tol(fy))
    # Bars stand on the frame's bottom; the tallest reaches 1/1.15 of the height (headroom for its number).
    x0, y0, x1, y1 = svg.frame
    for el in svg.elements("rect", "rta-bar"):
        assert float(el.get("y")) + float(el.get("height")) == pytest.approx(y1, abs=PX)
        assert x0 <= float(el.get("x")) and float(el.get("x")) + float(el.get("width")) <= x1
    tallest = max(float(el.get("height")) for el in svg.elements("rect", "rta-bar"))
    assert tallest == pytest.approx((y1 - y0) / 1.15, abs=PX)
    assert svg.axis_labels() == ("word", "norm")


def test_bars_sit_over_their_labels_in_order_with_their_numbers_on_top():
    labels = ["a", "b", "c"]
    vals = {"s1": [0.5, 1.5, 1.0], "s2": [1.25, 0.25, 0.75]}
    b = BarChart("order", labels, fmt=".2f")
    b.update(vals)
    _, centres, svg = bars(b.html.value)
    label_x = {
        "".join(t.itertext()): float(t.get("x")) for t in svg.texts() if "".join(t.itertext()) in labels
    }
    for i, lab in enumerate(labels):
        # The group's bars flank its label, first series left of the second.
        assert centres["s1"][i] < label_x[lab] < centres["s2"][i]
    assert list(centres["s1"]) == sorted(centres["s1"])
    rects = svg.elements("rect", "rta-bar")
    numbers = [t for t in svg.texts() if t.get("font-size") == "10"]
    assert len(numbers) == len(rects)
    for rect, text in zip(rects, numbers, strict=True):
        cx = float(rect.get("x")) + float(rect.get("width")) / 2
        assert float(text.get("x")) == pytest.approx(cx, abs=PX)
        assert float(rect.get("y")) - 10 < float(text.get("y")) < float(rect.get("y"))
    shown = sorted(float("".join(t.itertext())) for t in numbers)
    assert shown == sorted(vals["s1"] + vals["s2"])
    legend = [t for t in svg.texts() if "".join(t.itertext()) in vals]
    assert ["".join(t.itertext()) for t in legend] == ["s1", "s2"]
    legend_fills = [el.get("fill") for el in svg.elements("rect") if el.get("width") == "12"]
    assert legend_fills == [rects[0].get("fill"), rects[-1].get("fill")] and len(set(legend_fills)) == 2


def test_bars_above_ymax_are_clipped_and_negative_bars_are_empty():
    b = BarChart("clipped", ["x", "y", "z"], ymax=2.0)
    b.update({"v": [3.0, -1.0, 1.0]})
    heights, _, svg = bars(b.html.value)
    np.testing.assert_allclose(heights["v"], [2.0, 0.0, 1.0], atol=2 * px_tol(axis_map(svg.y_ticks())))
    assert max(float(s) for _, s in svg.y_ticks()) == 2.0
    assert min(float(s) for _, s in svg.y_ticks()) == 0.0


def test_many_bars_rotate_their_labels_and_drop_the_numbers():
    labels = [f"w{i}" for i in range(15)]
    vals = [0.1 * (i + 1) for i in range(15)]
    b = BarChart("long", labels)
    b.update({"v": vals})
    heights, centres, svg = bars(b.html.value)
    np.testing.assert_allclose(heights["v"], vals, atol=2 * px_tol(axis_map(svg.y_ticks())))
    names = [t for t in svg.texts() if "".join(t.itertext()) in labels]
    assert len(names) == 15 and all("rotate(-60" in t.get("transform", "") for t in names)
    assert not [t for t in svg.texts() if t.get("font-size") == "10" and "".join(t.itertext()) not in labels]
    short = BarChart("short", labels[:3])
    short.update({"v": vals[:3]})
    assert not any(
        t.get("transform") for t in read_svg(short.html.value).texts() if "".join(t.itertext()) in labels
    )


def test_bar_chart_new_labels_title_and_bad_sizes():
    b = BarChart("old", ["a"])
    b.update({"v": [1.0, 2.0]}, labels=["p", "q"], title="new")
    heights, _, svg = bars(b.html.value)
    assert svg.title == "new"
    assert {"".join(t.itertext()) for t in svg.texts()} >= {"p", "q"}
    with pytest.raises(ValueError) as err:
        b.update({"v": [1.0, 2.0, 3.0]})
    assert "3" in str(err.value) and "2" in str(err.value)


# ---------------------------------------------------------------- ArrowPlot


def test_arrow_ends_match_the_vectors_at_the_fixed_limit():
    vecs = [[1.0, 0.0], [0.0, -2.0], [-1.5, 1.5], [2.5, 2.0]]
    a = ArrowPlot("vectors", limit=3.0)
    a.update(vecs, ["e1", "down", "nw", "far"], dashed=[False, False, False, True])
    ends, svg = arrow_ends(a.html.value)
    x0, y0, x1, y1 = svg.frame
    per_unit = (x1 - x0) / (2 * 3.0)  # the frame spans -limit..limit, the printed limit at its right end
    limit_label = [t for t in svg.texts() if t.get("font-size") == "10"]
    assert float("".join(limit_label[0].itertext())) == 3.0
    assert float(limit_label[0].get("x")) > (x0 + x1) / 2 + 0.9 * (x1 - x0) / 2
    for label, v in zip(["e1", "down", "nw", "far"], vecs, strict=True):
        np.testing.assert_allclose(ends[label] / per_unit, v, atol=0.1 / per_unit * 1.5)
    # Every arrow starts at the centre of the frame.
    for g in svg.elements("g", "rta-arrow"):
        line = next(iter(g))
        assert float(line.get("x1")) == pytest.approx((x0 + x1) / 2)
        assert float(line.get("y1")) == pytest.approx((y0 + y1) / 2)
    dashed = [
        g.get("data-label") for g in svg.elements("g", "rta-arrow") if next(iter(g)).get("stroke-dasharray")
    ]
    assert dashed == ["far"]
    assert svg.axis_labels() == ("dimension 1", "dimension 2")


def test_arrow_heads_sit_at_the_tip_and_point_back_to_the_origin():
    a = ArrowPlot("heads", limit=2.0)
    a.update([[1.0, 1.0], [-1.5, 0.2], [0.0, 0.0]], ["a", "b", "zero"])
    svg = read_svg(a.html.value)
    for g in svg.elements("g", "rta-arrow"):
        line, poly, text = list(g)
        tip = np.array([float(line.get("x2")), float(line.get("y2"))])
        start = np.array([float(line.get("x1")), float(line.get("y1"))])
        pts = np.array([[float(v) for v in p.split(",")] for p in poly.get("points").split()])
        np.testing.assert_allclose(pts[0], tip, atol=PX)
        if np.linalg.norm(tip - start) > 1:
            # The two barbs lie behind the tip, toward the start, about 9 px away.
            assert all(np.linalg.norm(p - start) < np.linalg.norm(tip - start) for p in pts[1:])
            np.testing.assert_allclose(np.linalg.norm(pts[1:] - tip, axis=1), 9.0, atol=0.2)
        # The label sits just right of and above the tip, in the arrow's colour.
        assert 0 < float(text.get("x")) - tip[0] < 10 and 0 < tip[1] - float(text.get("y")) < 10
        assert text.get("fill") == line.get("stroke") == poly.get("fill")


def test_arrow_plot_without_limit_fits_the_longest_vector():
    vecs = [[4.0, 0.0], [0.0, 2.0], [-3.0, -3.0]]
    a = ArrowPlot("auto")
    a.update(vecs, ["x", "y", "d"])
    ends, svg = arrow_ends(a.html.value)
    x0, _, x1, _ = svg.frame
    longest = max(abs(c) for v in vecs for c in v)
    per_unit = (x1 - x0) / (2 * 1.15 * longest)  # 15% headroom beyond the longest coordinate
    for label, v in zip(["x", "y", "d"], vecs, strict=True):
        np.testing.assert_allclose(ends[label] / per_unit, v, atol=0.15 / per_unit)
    printed = float("".join([t for t in svg.texts() if t.get("font-size") == "10"][0].itertext()))
    assert printed == pytest.approx(1.15 * longest, rel=0.05)
    tiny = ArrowPlot("tiny")
    tiny.update([[0.1, 0.0]], ["t"])
    ends, svg = arrow_ends(tiny.html.value)
    x0, _, x1, _ = svg.frame
    np.testing.assert_allclose(ends["t"], [0.1 * (x1 - x0) / 2, 0.0], atol=PX)  # at least -1..1 is shown


def test_arrow_plot_rejects_bad_shapes_naming_them():
    a = ArrowPlot("bad")
    with pytest.raises(ValueError) as err:
        a.update([[1.0, 2.0, 3.0]], ["a"])
    assert "(1, 3)" in str(err.value)
    with pytest.raises(ValueError):
        a.update([[1.0, 2.0]], ["a", "b"])
    with pytest.raises(ValueError):
        a.update([1.0, 2.0], ["a", "b"])


# ------------------------------------------------ the RNN explorers, against finite differences


@pytest.mark.parametrize(("radius", "length", "nonlinearity"), [(0.7, 10, "tanh"), (1.6, 14, "none")])
def test_influence_explorer_curve_is_the_finite_difference_influence(radius, length, nonlinearity):
    from helpers.ui import InfluenceExplorer

    ex = InfluenceExplorer()
    ex.length.value, ex.nonlinearity.value, ex.radius.value = length, nonlinearity, radius
    W_xh, W_hh, b = ex.params
    W_r = at_radius(W_hh, ex.radius.value)
    X = ex.X_full[:length].copy()

    def state_after(d):
        def fn(x0):
            Xp = X.copy()
            Xp[0] = x0
            return loop_rnn(Xp[: d + 1], W_xh, W_r, b, nonlinearity=nonlinearity)[-1]

        return fn

    expected = np.array([fd_jacobian_norm(state_after(d), X[0]) for d in range(length)])
    xs, ys, svg = line_chart_data(ex.chart.html.value, log=True)
    fy = axis_map(svg.y_ticks(), log=True)
    lo, hi = 1e-10, 1e12
    np.testing.assert_allclose(xs["first word"], np.arange(length), atol=px_tol(axis_map(svg.x_ticks())))
    np.testing.assert_allclose(
        np.log10(ys["first word"]), np.log10(np.clip(expected, lo, hi)), atol=px_tol(fy) + 1e-6
    )
    np.testing.assert_allclose(
        np.log10(ys["radius^d"]), [d * math.log10(radius) for d in range(length)], atol=px_tol(fy)
    )
    assert f"{length - 1} steps" in svg.title


def test_birnn_explorer_bars_are_the_finite_difference_influence():
    from helpers.ui import BiRNNExplorer

    ex = BiRNNExplorer()
    ex.radius.value = 1.2
    t = 2
    ex.word.value = t
    X = ex.X
    T = len(X)
    rows = {}
    for name, (W_xh, W_hh, b) in (("forward", ex.forward_params), ("backward", ex.backward_params)):
        W_r = at_radius(W_hh, 1.2)
        row = []
        for s in range(T):

            def fn(xs, s=s, W_xh=W_xh, W_r=W_r, b=b, name=name):
                Xp = X.copy()
                Xp[s] = xs
                if name == "forward":
                    return loop_rnn(Xp, W_xh, W_r, b)[t]
                return loop_rnn(Xp[::-1], W_xh, W_r, b)[T - 1 - t]  # the backward RNN reads right to left

            row.append(fd_jacobian_norm(fn, X[s]))
        rows[name] = np.minimum(row, 3.0)  # the chart's fixed top
    heights, centres, svg = bars(ex.chart.html.value)
    fy = axis_map(svg.y_ticks())
    np.testing.assert_allclose(heights["forward"], rows["forward"], atol=2 * px_tol(fy) + 1e-6)
    np.testing.assert_allclose(heights["backward"], rows["backward"], atol=2 * px_tol(fy) + 1e-6)
    assert np.all(heights["forward"][t + 1 :] == 0) and np.all(heights["backward"][:t] == 0)
    assert f"'{ex.tokens[t]}'" in svg.title


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


@pytest.mark.parametrize(("n", "rotated"), [(12, False), (13, True)])
def test_labels_rotate_from_thirteen_bars(n, rotated):
    labels = [f"w{i}" for i in range(n)]
    b = BarChart("n", labels)
    b.update({"v": np.ones(n)})
    names = [t for t in read_svg(b.html.value).texts() if "".join(t.itertext()) in labels]
    assert len(names) == n and all(("rotate(" in t.get("transform", "")) == rotated for t in names)


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


def test_bar_legend_and_labels_sit_outside_the_plot_box():
    labels = [f"w{i}" for i in range(13)]
    for names in (labels[:3], labels):
        b = BarChart("b", names)
        b.update({"first": np.ones(len(names)), "second": np.ones(len(names)) / 2})
        svg = read_svg(b.html.value)
        x0, y0, x1, y1 = svg.frame
        swatches = [el for el in svg.elements("rect") if el.get("width") == "12"]
        keys = [t for t in svg.texts() if "".join(t.itertext()) in ("first", "second")]
        for sw, key in zip(swatches, keys, strict=True):
            assert float(sw.get("y")) + 12 <= y0 and float(key.get("y")) <= y0
            assert float(sw.get("x")) + 12 < float(key.get("x")) < float(sw.get("x")) + 30
            assert float(key.get("y")) - 12 <= float(sw.get("y")) + 6 <= float(key.get("y"))  # on one line
        assert float(keys[1].get("x")) - float(keys[0].get("x")) >= 100
        for t in (t for t in svg.texts() if "".join(t.itertext()) in names):
            x, y = float(t.get("x")), float(t.get("y"))
            assert y > y1
            rotated = len(names) > 12
            assert t.get("text-anchor") == ("end" if rotated else "middle")
            if rotated:
                px, py = (float(v) for v in t.get("transform").split("(")[1].rstrip(")").split()[1:])
                assert px == pytest.approx(x) and abs(py - y) <= 3  # turned about its own anchor


def test_arrow_plot_axes_cross_the_whole_frame_at_the_origin():
    a = ArrowPlot("axes", limit=1.0)
    a.update([[0.5, 0.5]], ["v"])
    svg = read_svg(a.html.value)
    x0, y0, x1, y1 = svg.frame
    lines = [el for el in svg.elements("line") if el.get("stroke") == "#ccc"]
    spans = sorted(
        (float(el.get("x1")), float(el.get("y1")), float(el.get("x2")), float(el.get("y2"))) for el in lines
    )
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    assert spans == sorted([(x0, cy, x1, cy), (cx, y0, cx, y1)])


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
