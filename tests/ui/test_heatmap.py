"""The live heatmap read back as drawn: cell texts, cell colours -> values, labels, caption, legend.

Colours are turned back into numbers through matplotlib's cividis colour list (the nearest entry),
not through the widget's lookup table, and compared with weights computed here in plain loops.
"""

import re

import numpy as np
import pytest

from helpers.ui import AttentionHeatmap
from tests.drawn import (
    LEVEL,
    colour_to_fraction,
    contrast,
    exact_decimals,
    read_table,
    value_fraction,
)
from tests.reference import loop_softmax_rows
from tests.support.widgets import drawn


def test_cells_show_each_value_in_its_colour():
    rng = np.random.default_rng(3)
    W = loop_softmax_rows(rng.normal(size=(5, 7)) * 2)
    q, k = [f"q{i}" for i in range(5)], [f"k{j}" for j in range(7)]
    t = read_table(AttentionHeatmap(W, q, k).html.value)
    np.testing.assert_allclose(t.numbers, W, atol=0.005 + 1e-12)
    assert t.cells[0][0] == format(W[0, 0], ".2f")
    frac = colour_to_fraction(t.backgrounds)
    # A cell's colour lies on the colour scale at its value (0..1), and is never one level above it.
    assert np.all(np.abs(frac - W) <= LEVEL), np.abs(frac - W).max()
    assert np.all(np.diff(frac[np.argsort(W, axis=None) // 7, np.argsort(W, axis=None) % 7]) >= -1e-12)
    assert t.row_labels == q and t.col_labels == k


def test_extreme_values_take_the_ends_of_the_colour_scale():
    W = np.array([[0.0, 0.5, 1.0, -0.3, 1.7]])
    t = read_table(AttentionHeatmap(W, ["q"], list("abcde")).html.value)
    frac = colour_to_fraction(t.backgrounds)[0]
    np.testing.assert_allclose(frac, [0.0, 0.5, 1.0, 0.0, 1.0], atol=LEVEL)
    assert t.cells[0] == ["0.00", "0.50", "1.00", "-0.30", "1.70"]


def test_other_colour_limits_map_the_same_way():
    S = np.array([[-3.0, -1.5, 0.0], [1.0, 2.99, 4.0]])
    t = read_table(
        AttentionHeatmap(S, ["a", "b"], ["x", "y", "z"], vmin=-3.0, vmax=3.0, fmt=".1f").html.value
    )
    np.testing.assert_allclose(colour_to_fraction(t.backgrounds), value_fraction(S, -3.0, 3.0), atol=LEVEL)
    assert t.cells == [["-3.0", "-1.5", "0.0"], ["1.0", "3.0", "4.0"]]
    assert t.legend == ["-3", "3"]


def test_cell_text_is_readable_on_its_colour():
    levels = np.linspace(0.0, 1.0, 41)[None, :]
    t = read_table(AttentionHeatmap(levels, ["q"], [str(i) for i in range(41)]).html.value)
    for bg, fg in zip(t.backgrounds[0], t.text_colours[0], strict=True):
        assert fg in ("#000", "#fff")
        other = "#fff" if fg == "#000" else "#000"
        # The chosen text colour contrasts with the cell at least as well as the other choice, nearly.
        assert contrast(bg, fg) >= min(4.5, contrast(bg, other)) * 0.8, (bg, fg)
        assert contrast(bg, fg) >= 3.0, (bg, fg)
    assert t.text_colours[0][0] == "#fff" and t.text_colours[0][-1] == "#000"


def test_caption_axis_names_and_legend():
    h = AttentionHeatmap(
        np.eye(2), ["I", "go"], ["I", "go"], title="who looks at whom", xlabel="keys", ylabel="queries"
    )
    t = read_table(h.html.value)
    assert t.caption == "who looks at whom" and t.aria_label == "who looks at whom"
    assert "queries" in t.corner and "keys" in t.corner
    assert t.corner.index("queries") < t.corner.index("keys")
    assert t.legend == ["0", "1"]
    frac = colour_to_fraction(t.legend_fills)
    assert frac[0] == pytest.approx(0.0, abs=LEVEL) and frac[-1] == pytest.approx(1.0, abs=LEVEL)
    assert np.all(np.diff(frac) > 0) and len(frac) >= 10


def test_update_redraws_values_labels_and_title():
    h = AttentionHeatmap(np.eye(2), ["a", "b"], ["a", "b"])
    widget = h.html
    h.update(np.array([[0.1, 0.9], [0.6, 0.4]]), title="new")
    t = read_table(h.html.value)
    assert h.html is widget
    assert t.cells == [["0.10", "0.90"], ["0.60", "0.40"]] and t.caption == "new"
    np.testing.assert_allclose(colour_to_fraction(t.backgrounds), [[0.1, 0.9], [0.6, 0.4]], atol=LEVEL)
    h.update(np.full((1, 3), 1 / 3), ["나는"], ["나는", "집에", "간다"])
    t = read_table(h.html.value)
    assert t.row_labels == ["나는"] and t.col_labels == ["나는", "집에", "간다"] and t.caption == "new"
    h.update(np.array([[0.2, 0.3, 0.5]]), key_labels=["x", "y", "z"])
    t = read_table(h.html.value)
    assert (
        t.row_labels == ["나는"] and t.col_labels == ["x", "y", "z"] and t.cells == [["0.20", "0.30", "0.50"]]
    )
    with pytest.raises(ValueError) as err:
        h.update(np.eye(2))
    assert "(2, 2)" in str(err.value) and "1" in str(err.value) and "3" in str(err.value)
    with pytest.raises(ValueError):
        h.update(np.ones(3))


def test_labels_are_shown_exactly_as_given():
    labels = ["<b>", "a & b", '"q"']
    t = read_table(AttentionHeatmap(np.eye(3), labels, labels, title="<i>x</i>").html.value)
    assert t.row_labels == labels and t.col_labels == labels and t.caption == "<i>x</i>"


def test_many_tokens_switch_to_the_dense_layout_with_every_cell():
    n = 13
    t = read_table(
        AttentionHeatmap(
            np.full((n, n), 1 / n), [str(i) for i in range(n)], [str(i) for i in range(n)]
        ).html.value
    )
    assert "rta-dense" in t.classes.split() and t.numbers.shape == (n, n)
    t12 = read_table(
        AttentionHeatmap(np.eye(12), [str(i) for i in range(12)], [str(i) for i in range(12)]).html.value
    )
    assert "rta-dense" not in t12.classes.split()


def test_other_number_formats():
    t = read_table(AttentionHeatmap([[0.123456, 12.5]], ["q"], ["a", "b"], fmt=".3f", vmax=20.0).html.value)
    assert t.cells == [["0.123", "12.500"]]
    np.testing.assert_allclose(colour_to_fraction(t.backgrounds), [[0.123456 / 20, 12.5 / 20]], atol=LEVEL)
    assert t.legend == ["0", "20"]


def test_the_ends_of_the_scale_are_the_colormaps_first_and_last_colours():
    import matplotlib as mpl

    colours = [mpl.colors.to_hex(c) for c in mpl.colormaps["cividis"].colors]
    t = read_table(AttentionHeatmap([[-0.3, 0.0, 1.0, 1.7]], ["q"], list("abcd")).html.value)
    assert t.backgrounds[0] == [colours[0], colours[0], colours[-1], colours[-1]]
    assert t.legend_fills[0] == colours[0] and t.legend_fills[-1] == colours[-1]
    flat = read_table(AttentionHeatmap([[0.0, 1.0, 2.0]], ["q"], list("abc"), vmin=0.0, vmax=0.0).html.value)
    np.testing.assert_allclose(colour_to_fraction(flat.backgrounds), [[0.0, 1.0, 1.0]], atol=LEVEL)


def test_legend_bar_tiles_its_box_and_the_widget_carries_its_classes_and_styles():
    from helpers.style import CSS_FONT
    from tests.drawn import _xml

    h = AttentionHeatmap(np.eye(2), ["a", "b"], ["a", "b"])
    svg = next(el for el in _xml(h.html.value).iter() if el.tag == "svg")
    width = float(svg.get("viewBox").split()[2])
    rects = [r for r in svg.iter() if r.tag == "rect"]
    xs = [float(r.get("x")) for r in rects]
    ws = [float(r.get("width")) for r in rects]
    assert xs[0] == 0 and all(a + w == b for a, w, b in zip(xs, ws, xs[1:], strict=False))
    assert xs[-1] + ws[-1] == width
    assert "colour scale" in svg.get("aria-label") and "0" in svg.get("aria-label")
    assert "rta-heatmap-widget" in h.html._dom_classes
    stylesheet = h.children[0].value
    assert CSS_FONT in stylesheet and "$FONT" not in stylesheet and ".rta-heatmap" in stylesheet
    assert h.children[1] is h.html
    t = read_table(AttentionHeatmap(np.eye(2), ["a", "b"], ["a", "b"]).html.value)
    assert "query" in t.corner and "key" in t.corner and t.caption  # the default axis names and title
    assert repr(h).startswith("AttentionHeatmap") and "2 x 2" in repr(h)


def test_box_scrolls_long_sentences_and_says_its_size():
    h = AttentionHeatmap(np.full((2, 3), 1 / 3), ["a", "b"], ["x", "y", "z"])
    t = read_table(h.html.value)
    assert t.classes.split() == ["rta-heatmap"]
    from tests.drawn import _xml

    root = _xml(h.html.value)
    assert (root.get("data-rows"), root.get("data-cols")) == ("2", "3")
    # A 40-word sentence scrolls inside the heatmap's own box; the stylesheet widget takes no space.
    assert h.html.layout.overflow == "auto" and h.html.layout.max_width == "100%"
    assert h.children[0].layout.display == "none"
    h.update(np.full((2, 3), 0.5), query_labels=["p", "q"])
    t = read_table(h.html.value)
    assert t.row_labels == ["p", "q"] and t.col_labels == ["x", "y", "z"]


# ---------------------------------------------------------------- the heatmap


def test_heatmap_defaults_name_the_axes_and_caption_the_weights():
    from helpers.ui import AttentionHeatmap

    t = read_table(AttentionHeatmap(np.full((2, 2), 0.5), ["a", "b"], ["c", "d"]).html.value)
    assert re.findall(r"[A-Za-z]+", t.corner) == ["query", "key"]  # rows are queries, columns keys
    words = t.caption.split()
    assert words[0].istitle() and "weight" in t.caption.lower()  # a sentence saying what the cells are
    assert t.cells == [["0.50", "0.50"], ["0.50", "0.50"]]
    assert t.legend == ["0", "1"]


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


def test_heatmap_shows_values_labels_and_title():
    h = AttentionHeatmap([[0.2, 0.1, 0.7]], ["I"], ["I", "go", "home"], title="weights of I")
    html = h.html.value
    np.testing.assert_allclose(drawn(h).numbers, [[0.2, 0.1, 0.7]])
    assert "<caption>weights of I</caption>" in html
    assert all(f'scope="col">{t}</th>' in html for t in ["I", "go", "home"])
    assert 'scope="row">I</th>' in html
    assert "aria-label" in html


def test_heatmap_update_changes_table_in_place():
    h = AttentionHeatmap(np.eye(2), ["a", "b"], ["a", "b"])
    widget = h.html
    h.update([[0.25, 0.75], [0.5, 0.5]])
    assert h.html is widget
    np.testing.assert_allclose(drawn(h).numbers, [[0.25, 0.75], [0.5, 0.5]])
    np.testing.assert_allclose(h.weights, [[0.25, 0.75], [0.5, 0.5]])
    h.update(np.full((1, 3), 1 / 3), ["나는"], ["나는", "집에", "간다"])
    assert "집에" in h.html.value and drawn(h).numbers.shape == (1, 3)


def test_heatmap_colours_follow_values_with_readable_text():
    h = AttentionHeatmap([[0.0, 1.0]], ["q"], ["dark", "bright"])
    cells = re.findall(r'<td style="background:(#[0-9a-f]{6});color:(#[0-9a-f]{3})">', h.html.value)
    assert cells[0][1] == "#fff" and cells[1][1] == "#000"
    assert cells[0][0] != cells[1][0]


def test_heatmap_escapes_labels_and_checks_shapes():
    h = AttentionHeatmap([[1.0]], ["<b>"], ["&"])
    assert "&lt;b&gt;" in h.html.value and "<b></th>" not in h.html.value
    with pytest.raises(ValueError, match="do not match 1 query labels and 1 key labels"):
        h.update(np.eye(2))


def test_heatmap_forty_tokens_is_dense_but_complete():
    t = [f"w{i}" for i in range(40)]
    h = AttentionHeatmap(np.full((40, 40), 1 / 40), t, t)
    assert "rta-dense" in h.html.value and drawn(h).numbers.shape == (40, 40)
