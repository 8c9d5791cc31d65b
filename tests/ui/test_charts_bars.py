"""helpers.ui.charts.BarChart read back as drawn: bar heights through the y ticks, labels, numbers."""


import numpy as np
import pytest

from helpers.ui.charts import BarChart
from tests.drawn import PX, axis_map, bars, px_tol, read_svg

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


@pytest.mark.parametrize(("n", "rotated"), [(12, False), (13, True)])
def test_labels_rotate_from_thirteen_bars(n, rotated):
    labels = [f"w{i}" for i in range(n)]
    b = BarChart("n", labels)
    b.update({"v": np.ones(n)})
    names = [t for t in read_svg(b.html.value).texts() if "".join(t.itertext()) in labels]
    assert len(names) == n and all(("rotate(" in t.get("transform", "")) == rotated for t in names)


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
