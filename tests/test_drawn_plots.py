"""The static figures read back as drawn: rendered pixels, line data, bar heights, text positions.

Each figure is drawn on the Agg canvas; a heatmap cell's colour is read from the rendered image at
the cell's centre and turned back into a number through matplotlib's cividis colour list. Curves and
bars are read from their artists and mapped to the screen, so a flipped axis or a wrong height
fails. Expected numbers come from plain loops here, not from the helpers that fed the figure.
"""

import math
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from helpers.style import PALETTE, WEIGHT_CMAP, colour_lut, text_color_for, text_colors
from tests.drawn import cell_colours, colour_to_fraction, contrast
from tests.reference import loop_softmax_rows


def test_heatmap_pixels_texts_and_labels_show_the_weights():
    rng = np.random.default_rng(1)
    W = loop_softmax_rows(rng.normal(size=(3, 4)) * 2)
    q, k = ["I", "go", "home"], ["나는", "집에", "간다", "."]
    art = plots.attention_heatmap(W, q, k, title="weights")
    frac = colour_to_fraction(cell_colours(art.ax, 3, 4))
    np.testing.assert_allclose(frac, W, atol=1.5 / 256)  # row 0 at the top, column 0 on the left
    img_y = [art.ax.transData.transform((0, i))[1] for i in range(3)]
    assert img_y[0] > img_y[1] > img_y[2]  # the first query is the top row on screen
    for i in range(3):
        for j in range(4):
            t = art.texts[i][j]
            assert t.get_position() == (j, i) and t.get_text() == f"{W[i, j]:.2f}"
            assert t.get_ha() == "center" and t.get_va() == "center"
    assert [t.get_text() for t in art.ax.get_xticklabels()] == k
    assert [t.get_text() for t in art.ax.get_yticklabels()] == q
    assert list(art.ax.get_xticks()) == [0, 1, 2, 3] and list(art.ax.get_yticks()) == [0, 1, 2]
    assert art.ax.get_title() == "weights"
    assert art.ax.get_xlabel() and art.ax.get_ylabel()
    assert art.colorbar is not None and art.colorbar.mappable.get_clim() == (0.0, 1.0)


def test_heatmap_text_reads_on_its_cell():
    levels = np.linspace(0, 1, 11)[None, :]
    art = plots.attention_heatmap(levels, ["q"], [str(i) for i in range(11)])
    bg = cell_colours(art.ax, 1, 11)[0]
    for cell, t in zip(bg, art.texts[0], strict=True):
        assert contrast(cell, t.get_color()) >= 3.0, (cell, t.get_color())


def test_update_heatmap_redraws_pixels_and_texts():
    art = plots.attention_heatmap(np.eye(2), ["a", "b"], ["a", "b"])
    W = np.array([[0.25, 0.75], [0.9, 0.1]])
    plots.update_heatmap(art, W)
    np.testing.assert_allclose(colour_to_fraction(cell_colours(art.ax, 2, 2)), W, atol=1.5 / 256)
    assert [[t.get_text() for t in r] for r in art.texts] == [["0.25", "0.75"], ["0.90", "0.10"]]
    assert art.texts[0][0].get_color() == text_color_for(0.25) and art.texts[1][
        0
    ].get_color() == text_color_for(0.9)
    with pytest.raises(ValueError) as err:
        plots.update_heatmap(art, np.eye(3))
    assert "(2, 2)" in str(err.value) and "(3, 3)" in str(err.value)


def test_heatmap_without_values_or_colorbar_and_bad_shapes():
    art = plots.attention_heatmap(np.eye(2), ["a", "b"], ["a", "b"], show_values=False, colorbar=False)
    assert art.texts == [] and art.colorbar is None and not art.ax.texts
    plots.update_heatmap(art, np.ones((2, 2)) / 2)
    with pytest.raises(ValueError) as err:
        plots.attention_heatmap(np.eye(2), ["a"], ["a", "b"])
    assert "1" in str(err.value) and "2" in str(err.value)


def test_many_tokens_rotate_and_shrink_the_labels():
    n = 20
    labels = [f"w{i}" for i in range(n)]
    art = plots.attention_heatmap(np.full((n, n), 1 / n), labels, labels)
    xt, yt = art.ax.get_xticklabels(), art.ax.get_yticklabels()
    assert all(t.get_rotation() == 90 for t in xt) and len(xt) == n
    small = plots.attention_heatmap(np.eye(3), list("abc"), list("abc"))
    assert all(t.get_rotation() == 0 for t in small.ax.get_xticklabels())
    big = small.ax.get_yticklabels()[0].get_fontsize()
    assert 6.0 <= yt[0].get_fontsize() < big
    assert art.texts[0][0].get_fontsize() < art.ax.get_yticklabels()[0].get_fontsize() + 1e-9
    w, h = art.ax.figure.get_size_inches()
    assert w > h and w <= 16  # sized for the tokens, capped for the screen


def test_hidden_states_are_drawn_one_column_per_step():
    H = np.array([[0.5, -0.5], [0.9, 0.0], [-1.0, 1.0]])  # [T=3, d_h=2]
    art = plots.plot_hidden_states(H, ["I", "go", "home"])
    frac = colour_to_fraction(cell_colours(art.ax, 2, 3))
    np.testing.assert_allclose(frac, (H.T + 1) / 2, atol=1.5 / 256)  # -1..1 on the colour scale
    assert [t.get_text() for t in art.ax.get_yticklabels()] == ["h[0]", "h[1]"]
    xl = [t.get_text() for t in art.ax.get_xticklabels()]
    assert [s.split(": ")[-1] for s in xl] == ["I", "go", "home"] and len(set(xl)) == 3
    with pytest.raises(ValueError):
        plots.plot_hidden_states(H, ["I", "go"])


def _screen_y(line):
    ax = line.axes
    return ax.transData.transform(np.column_stack([line.get_xdata(), line.get_ydata()]))[:, 1]


def test_curves_are_drawn_at_their_values_and_larger_is_higher():
    x = list(range(8))
    curves = {"decay": [0.5**k for k in x], "grow": [2.0**k for k in x]}
    lines = list(plots.plot_curves(x, curves, title="t")["lines"].values())
    ax = lines[0].axes
    ax.figure.canvas.draw()
    for line, (label, y) in zip(lines, curves.items(), strict=True):
        np.testing.assert_allclose(line.get_ydata(), y)
        assert line.get_label() == label
    sy = _screen_y(lines[1])
    assert np.all(np.diff(sy) > 0)  # growing values climb on screen
    np.testing.assert_allclose(np.diff(sy), np.diff(sy)[0], rtol=1e-6)  # even steps: a log axis
    assert ax.get_yscale() == "log" and "log" in ax.get_ylabel()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["decay", "grow"]
    assert lines[0].get_color() != lines[1].get_color()
    lin = plots.plot_curves(x, {"a": x}, title="lin", logy=False)
    assert lin.ax.get_yscale() == "linear" and "log" not in lin.ax.get_ylabel()


def test_probe_plot_draws_scores_and_the_chance_line():
    res = SimpleNamespace(
        distance=np.arange(4),
        r2=np.array([0.9, 0.5, 0.2, 0.0]),
        accuracy=np.array([1.0, 0.6, 0.3, 0.25]),
        chance=0.25,
    )
    drawn = plots.plot_probe({"tanh": res}, metric="accuracy")
    line, chance = drawn["lines"]["tanh"], drawn["reference"]
    np.testing.assert_allclose(line.get_ydata(), [1.0, 0.6, 0.3, 0.25])
    assert np.allclose(chance.get_ydata(), 0.25) and "0.25" in chance.get_label()
    assert np.all(np.diff(_screen_y(line)) < 0)
    r2 = plots.plot_probe({"tanh": res})
    np.testing.assert_allclose(r2["lines"]["tanh"].get_ydata(), res.r2)
    assert np.allclose(r2["reference"].get_ydata(), 0.0)
    assert r2.ax.get_ylim() == (-0.05, 1.05)
    with pytest.raises(ValueError):
        plots.plot_probe({"tanh": res}, metric="loss")


def test_contribution_bars_stand_at_their_values_over_their_words():
    rows = {"forward": [0.5, 1.0, 2.0, 0.0], "backward": [0.0, 3.0, 1.5, 0.25]}
    tokens = ["I", "go", "home", "now"]
    bars = list(plots.plot_contributions(rows, tokens, t=1, logy=False)["bars"].values())
    ax = bars[0][0].axes
    for container, vals in zip(bars, rows.values(), strict=True):
        assert [p.get_height() for p in container] == pytest.approx(vals)
        assert all(p.get_y() == 0 for p in container)
    centres_f = [p.get_x() + p.get_width() / 2 for p in bars[0]]
    centres_b = [p.get_x() + p.get_width() / 2 for p in bars[1]]
    for s in range(4):
        assert centres_f[s] < s < centres_b[s] and centres_b[s] - centres_f[s] < 1
    labels = ax.get_xticklabels()
    assert [t.get_text().split(": ")[-1] for t in labels] == tokens  # numbered in the lesson's convention
    assert labels[1].get_fontweight() == "bold" and labels[0].get_fontweight() != "bold"
    assert "'go'" in ax.get_title()
    logbars = list(plots.plot_contributions(rows, tokens, t=0)["bars"].values())
    heights = [p.get_height() for p in logbars[0]]
    assert math.isnan(heights[3]) and heights[:3] == pytest.approx([0.5, 1.0, 2.0])
    assert logbars[0][0].axes.get_yscale() == "log"


def test_influence_maps_share_one_colour_scale():
    T = 3
    f = np.tril(np.ones((T, T))) * 2.0
    b = np.triu(np.ones((T, T)))
    arts = plots.plot_influence_maps(f, b, f + b, ["a", "b", "c"])["heatmaps"]
    assert [a.image.get_clim() for a in arts] == [(0.0, 3.0)] * 3  # the largest of the three maps
    assert [a.colorbar is not None for a in arts] == [False, False, True]
    np.testing.assert_allclose(colour_to_fraction(cell_colours(arts[0].ax, T, T)), f / 3.0, atol=1.5 / 256)
    assert arts[0].texts[2][0].get_text() == "2.0"
    with pytest.raises(ValueError):
        plots.plot_influence_maps(f, b, np.ones((2, 2)), ["a", "b", "c"])


def test_word_arrows_end_at_the_vectors():
    X = np.array([[1.0, 0.5], [-0.5, 2.0]])
    art = plots.word_arrows(X, ["I", "go"], encodings=[[0.2, 1.1]], title="t")
    tips = np.array([a.xy for a in art["arrows"]])
    np.testing.assert_allclose(tips, [[1.0, 0.5], [-0.5, 2.0], [0.2, 1.1]])
    assert all(tuple(a.xyann) == (0, 0) for a in art["arrows"])
    styles = [a.arrow_patch.get_linestyle() for a in art["arrows"]]
    assert styles[0] == styles[1] != styles[2]
    assert [t.get_text() for t in art["labels"]] == ["I", "go", "enc(I)"]
    for t, tip in zip(art["labels"], tips, strict=True):
        assert np.linalg.norm(np.array(t.get_position()) - tip) < 0.2 * 2.4
    ax = art.ax
    assert ax.get_xlim() == pytest.approx((-2.4, 2.4)) and ax.get_ylim() == pytest.approx((-2.4, 2.4))
    assert art["arrows"][0].arrow_patch.get_edgecolor()[:3] == pytest.approx(
        art["arrows"][2].arrow_patch.get_edgecolor()[:3]
    )  # an encoding in its word's colour
    with pytest.raises(ValueError):
        plots.word_arrows(X, ["I"])


def test_analysis_curves_are_drawn_from_their_numbers():
    c = SimpleNamespace(
        d=np.array([1, 2, 4, 8]),
        mean_self_weight=np.array([0.4, 0.5, 0.7, 0.9]),
        self_top_share=np.array([0.3, 0.6, 0.9, 1.0]),
        T=5,
    )
    out = plots.self_weight_plot({"naive": c})
    mean, share = out["lines"]["naive"]
    np.testing.assert_allclose(mean.get_ydata(), c.mean_self_weight)
    np.testing.assert_allclose(share.get_ydata(), c.self_top_share)
    left = out.axes[0]
    assert any(np.allclose(ln.get_ydata(), 0.2) for ln in left.get_lines())  # 1/T
    assert left.get_xscale() == "log"
    s = SimpleNamespace(
        d_k=np.array([2, 8, 32]),
        max_weight_plain=np.array([0.5, 0.8, 0.99]),
        max_weight_scaled=np.array([0.4, 0.4, 0.41]),
        n_k=10,
    )
    sat = plots.saturation_plot(s)
    np.testing.assert_allclose(sat["lines"]["plain"].get_ydata(), s.max_weight_plain)
    np.testing.assert_allclose(sat["lines"]["scaled"].get_ydata(), s.max_weight_scaled)
    assert any(np.allclose(ln.get_ydata(), 0.1) for ln in sat.ax.get_lines())
    dist = SimpleNamespace(
        distance=np.arange(5),
        rnn_influence=np.array([2.0, 1.0, 0.1, 0.0, 0.001]),
        attention_influence=np.array([0.5, 0.3, 0.2, 0.2, 0.2]),
        attention_weight=np.array([1.0, 0.5, 0.3, 0.25, 0.2]),
    )
    d = plots.distance_plot(dist)
    assert d.ax.get_yscale() == "log"
    rnn, att = d["lines"]["rnn"], d["lines"]["attention"]
    n = len(rnn.get_ydata())  # the figure may leave out distance 0
    assert n >= 4
    np.testing.assert_allclose(rnn.get_xdata(), dist.distance[-n:])
    assert np.all(rnn.get_ydata() > 0)  # a zero is drawn at the bottom of the log axis, not dropped
    np.testing.assert_allclose(np.asarray(rnn.get_ydata())[[0, 1, 3]], dist.rnn_influence[-n:][[0, 1, 3]])
    np.testing.assert_allclose(att.get_ydata(), dist.attention_influence[-n:])


def test_position_figures_show_the_encodings_and_their_offsets():
    T, d = 6, 4
    P = np.array(
        [
            [
                math.sin(t / 10 ** (i / d)) if i % 2 == 0 else math.cos(t / 10 ** ((i - 1) / d))
                for i in range(d)
            ]
            for t in range(T)
        ]
    )
    art = plots.positions_heatmap(P)
    np.testing.assert_allclose(colour_to_fraction(cell_colours(art.ax, T, d)), (P + 1) / 2, atol=1.5 / 256)
    assert [t.get_text() for t in art.ax.get_xticklabels()] == ["sin 0", "cos 0", "sin 1", "cos 1"]
    lines = list(plots.offset_plot(P, starts=(0, 2))["lines"].values())
    for line, t in zip(lines, (0, 2), strict=True):
        expect = [sum(P[t + k, i] * P[t, i] for i in range(d)) for k in range(T - t)]
        np.testing.assert_allclose(line.get_ydata(), expect)
        np.testing.assert_allclose(line.get_xdata(), range(T - t))


def test_head_grid_and_panel_rows():
    Wh = np.stack([np.eye(3), np.full((3, 3), 1 / 3)])
    arts = plots.head_grid(Wh, ["a", "b", "c"], ["one", "two"])["heatmaps"]
    assert [a.ax.get_title() for a in arts] == ["one", "two"]
    np.testing.assert_allclose(colour_to_fraction(cell_colours(arts[1].ax, 3, 3)), 1 / 3, atol=1.5 / 256)
    fig = arts[0].ax.figure
    assert sum(ax.axison for ax in fig.axes if ax.get_label() != "<colorbar>") >= 2
    assert tuple(fig.get_size_inches()) == (12.8, 7.2)
    with pytest.raises(ValueError):
        plots.head_grid(np.zeros((5, 2, 2)), ["a", "b"], list("abcde"))
    row = plots.heatmap_row({"A": np.eye(2), "B": np.ones((2, 2)) / 2}, ["x", "y"])["heatmaps"]
    assert [a.ax.get_title() for a in row] == ["A", "B"] and [a.colorbar is None for a in row] == [
        True,
        False,
    ]


def test_cost_plot_draws_counts_and_times():
    T = np.array([4, 8, 16])
    counts = {"rnn": 2 * T * 16, "attention": 3 * T * 16 + 2 * T**2 * 4}
    timing = SimpleNamespace(
        T=T, rnn_seconds=np.array([1e-3, 2e-3, 4e-3]), attention_seconds=np.array([1e-4, 2e-4, 5e-4])
    )
    ax_ops, ax_time = plots.cost_plot(T, counts, timing).axes
    ops = {ln.get_label(): ln.get_ydata() for ln in ax_ops.get_lines()}
    assert sorted(np.asarray(v).tolist() for v in ops.values()) == sorted(
        [counts["rnn"].tolist(), counts["attention"].tolist()]
    )
    ms = sorted(np.asarray(ln.get_ydata()).tolist() for ln in ax_time.get_lines())
    np.testing.assert_allclose(ms, sorted([[1.0, 2.0, 4.0], [0.1, 0.2, 0.5]]))
    assert ax_ops.get_xscale() == ax_ops.get_yscale() == "log"


# ---------------------------------------------------------------- style


def test_text_colours_are_the_more_readable_of_black_and_white():
    import matplotlib as mpl

    values = np.linspace(-0.5, 1.5, 401)
    for cmap in ("cividis", "magma", "viridis", "Greys"):
        got = text_colors(values, cmap=cmap)
        for v, colour in zip(values, got, strict=True):
            bg = mpl.colors.to_hex(mpl.colormaps[cmap](min(max(v, 0.0), 1.0)))
            other = {"black": "white", "white": "black"}[str(colour)]
            assert contrast(bg, colour) >= contrast(bg, other), (cmap, v, colour)
            assert contrast(bg, colour) >= 4.5, (cmap, v, colour)  # WCAG AA for normal text
    got = text_colors(values)
    assert got[0] == "white" and got[-1] == "black"
    assert text_color_for(0.1) == "white" and text_color_for(0.95) == "black"
    assert text_colors([[0.0, 1.0]]).shape == (1, 2)
    np.testing.assert_array_equal(text_colors([1.0, 3.0], vmin=1.0, vmax=3.0), ["white", "black"])
    assert text_colors(5.0, vmin=5.0, vmax=5.0) == "white"


def test_colour_lut_runs_along_the_colormap():
    bg, fg = colour_lut()
    assert len(bg) == len(fg) == 256
    frac = colour_to_fraction(bg)
    np.testing.assert_allclose(frac, np.arange(256) / 255, atol=1.5 / 256)
    assert fg[0] == "#fff" and fg[-1] == "#000" and set(fg) == {"#fff", "#000"}
    assert WEIGHT_CMAP == "cividis" and len(set(PALETTE)) == len(PALETTE) >= 4
    small, _ = colour_lut(n=3)
    assert len(small) == 3 and small[0] == bg[0] and small[-1] == bg[-1]


def test_word_arrows_as_rendered_run_from_the_origin_to_each_tip():
    X = np.array([[1.5, 0.0], [0.0, -1.0], [-1.0, 1.0]])
    art = plots.word_arrows(X, ["a", "b", "c"])  # no encodings
    ax = art.ax
    ax.figure.canvas.draw()
    assert len(art["arrows"]) == 3 and [t.get_text() for t in art["labels"]] == ["a", "b", "c"]
    origin = ax.transData.transform((0, 0))
    for arrow, label, v in zip(art["arrows"], art["labels"], X, strict=True):
        path = arrow.arrow_patch.get_path()  # display coordinates once drawn
        path = path.vertices[path.codes != path.CLOSEPOLY]
        tip = ax.transData.transform(v)
        # The shaft starts at the origin and the head ends at the tip (the line join takes ~3 px).
        assert np.min(np.linalg.norm(path - origin, axis=1)) < 1.0
        assert np.min(np.linalg.norm(path - tip, axis=1)) < 5.0
        assert np.max(np.linalg.norm(path - origin, axis=1)) <= np.linalg.norm(tip - origin) + 1.0
        # The word's name sits beyond the tip, in the arrow's colour, in bold.
        pos = ax.transData.transform(label.get_position())
        assert np.linalg.norm(pos - tip) < 25 and np.dot(pos - origin, tip - origin) > 0
        assert pos[1] > tip[1] - 1e-9 and label.get_ha() == "center" and label.get_fontweight() == "bold"
        assert label.get_color() == arrow.arrow_patch.get_edgecolor() or np.allclose(
            plt.matplotlib.colors.to_rgba(label.get_color()), arrow.arrow_patch.get_edgecolor()
        )
    colours = {tuple(a.arrow_patch.get_edgecolor()) for a in art["arrows"]}
    assert len(colours) == 3
    axes_lines = [(tuple(ln.get_xdata()), tuple(ln.get_ydata())) for ln in ax.get_lines()]
    assert ((0, 1), (0, 0)) in axes_lines and ((0, 0), (0, 1)) in axes_lines  # the two axes through 0
    assert ax.get_aspect() == 1.0 and ax.get_xlim() == pytest.approx((-1.8, 1.8))
    assert "1" in ax.get_xlabel() and "2" in ax.get_ylabel() and ax.get_title()
    fixed = (
        plots.word_arrows(X, ["a", "b", "c"], lim=4.0)
        if "lim" in plots.word_arrows.__code__.co_varnames
        else None
    )
    if fixed is not None:
        assert fixed.ax.get_xlim() == (-4.0, 4.0)
    zero = plots.word_arrows(np.zeros((1, 2)), ["z"])
    assert zero.ax.get_xlim() == (-1.0, 1.0)
    named = plots.word_arrows(X[:1], ["a"], encodings=[[0.5, 0.5]], encoding_labels=["out"])
    assert [t.get_text() for t in named["labels"]] == ["a", "out"]


def test_setup_registers_the_hangul_font_after_dejavu_and_draws_hangul():
    import matplotlib as mpl
    from matplotlib import font_manager

    from helpers.plots.setup import setup_fonts, setup_inline_figures, setup_notebook

    families = setup_fonts()
    assert families == ["DejaVu Sans", "NanumGothic"] == list(mpl.rcParams["font.family"])
    assert mpl.rcParams["axes.unicode_minus"] is False
    path = font_manager.findfont(font_manager.FontProperties(family="NanumGothic"), fallback_to_default=False)
    assert "nanum" in path.lower()
    setup_inline_figures()  # outside a kernel: nothing to configure, no error
    mpl.rcParams["font.family"] = ["serif"]
    setup_notebook()
    assert list(mpl.rcParams["font.family"]) == families
    fig, ax = plt.subplots()
    t = ax.set_title("나는 집에 간다")
    fig.canvas.draw()
    assert t.get_window_extent().width > 30  # drawn with real glyphs, not skipped


def test_contribution_bars_fill_their_slot_without_touching_the_next_word():
    rows = {"forward": [1.0, 2.0, 3.0], "backward": [3.0, 2.0, 1.0]}
    fig, ax = plt.subplots()
    bars = list(plots.plot_contributions(rows, ["a", "b", "c"], t=0, ax=ax, logy=False)["bars"].values())
    assert all(p.axes is ax for c in bars for p in c)
    for s in range(3):
        left, right = bars[0][s].get_x(), bars[1][s].get_x() + bars[1][s].get_width()
        assert s - 0.5 < left and right < s + 0.5  # inside the word's slot ...
        assert right - left >= 0.6  # ... and most of it
        assert bars[0][s].get_x() + bars[0][s].get_width() == pytest.approx(
            bars[1][s].get_x()
        )  # side by side
    assert bars[0][0].get_facecolor() != bars[1][0].get_facecolor()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["forward", "backward"]
    one = plots.plot_contributions({"only": [1, 2]}, ["a", "b"], t=1, logy=False)["bars"]["only"]
    assert one[0].get_width() >= 0.6 and one[1].get_x() + one[1].get_width() / 2 == pytest.approx(
        1.0
    )


def test_builders_draw_into_the_axes_they_are_given():
    before = set(plt.get_fignums())  # figures other tests left open do not count
    fig, axes = plt.subplots(1, 4)
    assert plots.attention_heatmap(np.eye(2), ["a", "b"], ["a", "b"], ax=axes[0]).ax is axes[0]
    assert plots.plot_curves([0, 1], {"a": [1, 2]}, axes[1], title="t").ax is axes[1]
    assert plots.word_arrows(np.eye(2), ["a", "b"], ax=axes[2]).ax is axes[2]
    assert plots.offset_plot(np.eye(3), starts=(0,), ax=axes[3]).ax is axes[3]
    assert set(plt.get_fignums()) - before == {fig.number}  # no builder opened a figure of its own


def test_cost_plot_panels_are_labelled_and_use_matching_colours_and_markers():
    T = np.array([4, 8, 16])
    counts = {"rnn": 2 * T * 16, "attention": 3 * T * 16 + 2 * T**2 * 4}
    timing = SimpleNamespace(T=T, rnn_seconds=np.ones(3) * 1e-3, attention_seconds=np.ones(3) * 2e-3)
    ax_ops, ax_time = plots.cost_plot(T, counts, timing).axes
    for ax in (ax_ops, ax_time):
        assert ax.get_title() and ax.get_ylabel() and "T" in ax.get_xlabel()
        assert ax.xaxis.get_transform().base == 2 and ax.yaxis.get_transform().base == 2
        assert len(ax.get_legend().get_texts()) == 2
        assert any(gl.get_visible() for gl in ax.xaxis.get_gridlines())
        assert any(gl.get_visible() for gl in ax.yaxis.get_minorticklines()) or ax.yaxis.get_minor_locator()
    ops, time = ax_ops.get_lines(), ax_time.get_lines()
    assert [ln.get_color() for ln in ops] == [ln.get_color() for ln in time]
    assert [ln.get_marker() for ln in ops] == [ln.get_marker() for ln in time]
    assert len({ln.get_color() for ln in ops}) == 2 and len({ln.get_marker() for ln in ops}) == 2
    assert "RNN" in ops[0].get_label() and "attention" in ops[1].get_label()
    assert "rnn" in time[0].get_label() and "attention" in time[1].get_label()
    assert ax_ops.get_title() != ax_time.get_title() and ax_ops.get_ylabel() != ax_time.get_ylabel()
    w, h = ax_ops.figure.get_size_inches()
    assert w <= 12.8 and h <= 7.2  # fits a 1280x720 projector at 100 dpi
