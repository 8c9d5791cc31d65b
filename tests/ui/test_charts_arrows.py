"""helpers.ui.charts.ArrowPlot read back as drawn: arrow ends, heads, axes and colours."""

import math

import numpy as np
import pytest

from helpers.ui.charts import ArrowPlot
from tests.drawn import (
    PX,
    arrow_ends,
    points,
    read_svg,
)

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
