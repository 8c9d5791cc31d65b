"""helpers.plots.transformer: notebook 07's heatmap rows, positions, offsets, head grid and cost plot.

Legends are read back into the formulas and numbers they claim; figures are checked to fit their
frame. No figure size, line width or exact wording is pinned.
"""

import math
import re
from types import SimpleNamespace

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from helpers.checks.transformer import (
    PUZZLE_ORDER,
)
from helpers.core.compute_cost import multiply_adds, time_rnn_vs_attention
from helpers.core.multi_head import multi_head_attention
from helpers.core.positions import sinusoidal_positions
from helpers.lessons import transformer as lt
from helpers.plots.transformer import cost_plot, head_grid, heatmap_row, offset_plot, positions_heatmap
from helpers.style import PALETTE
from tests.drawn import cell_colours, colour_to_fraction, plain_words, sentence_case_titles, text_outside

# ---------------------------------------------------------------- notebook 07


def test_a_heatmap_row_draws_every_panel_into_one_figure_with_the_options_given():
    panels = {"first": np.array([[0.5, 2.0, 1.0]]), "second": np.array([[1.0, 0.0, 1.5]])}
    arts = plots.heatmap_row(panels, ["q"], ["a", "b", "c"], vmin=0.0, vmax=2.0, fmt=".1f",
                             xlabel="keys", ylabel="queries")["heatmaps"]
    fig = arts[0].ax.figure
    assert {a.ax.figure for a in arts} == {fig} and len(fig.axes) == 3  # two maps and one colour bar
    for art, M in zip(arts, panels.values(), strict=True):
        assert art.image.get_clim() == (0.0, 2.0)
        assert [t.get_text() for t in art.texts[0]] == [f"{v:.1f}" for v in M[0]]
        assert [t.get_text() for t in art.ax.get_xticklabels()] == ["a", "b", "c"]
        assert (art.ax.get_xlabel(), art.ax.get_ylabel()) == ("keys", "queries")
    left, right = (a.ax.get_position() for a in arts)
    assert left.x1 < right.x0 and left.y0 == pytest.approx(right.y0)
    signed = plots.heatmap_row({"s": np.array([[-1.0, 1.0]])}, ["q"], ["a", "b"], vmin=-1.0, vmax=1.0)
    assert signed["heatmaps"][0].image.get_clim() == (-1.0, 1.0)  # a signed matrix gets the scale it is given
    square = plots.heatmap_row({"w": np.full((2, 2), 0.5)}, ["x", "y"])["heatmaps"]
    assert square[0].image.get_clim() == (0.0, 1.0)  # weights: the fixed 0..1 scale
    assert text_outside(square[0].ax.figure) == []
    _, given = plt.subplots(1, 1)
    assert plots.heatmap_row({"w": np.eye(2)}, ["x", "y"], ax=[given]).ax is given


def test_the_positions_heatmap_names_positions_entries_and_sizes():
    T, d = 5, 6
    P = np.array([[math.sin(t + j) for j in range(d)] for t in range(T)])
    art = plots.positions_heatmap(P)
    assert [t.get_text() for t in art.ax.get_yticklabels()] == [str(t) for t in range(T)]
    assert re.search(rf"\bT = {T}\b", art.ax.get_title()) and re.search(rf"\bd = {d}\b", art.ax.get_title())
    assert art.image.get_clim() == (-1.0, 1.0)
    assert [t.get_text() for t in art.texts[2]][:2] == [f"{P[2, 0]:.1f}", f"{P[2, 1]:.1f}"]
    assert "position" in art.ax.get_ylabel() and "sin" in art.ax.get_xlabel()  # rows, then columns
    plain_words(art.ax.figure, at_least=4)
    assert text_outside(art.ax.figure) == []
    _, ax = plt.subplots()
    assert plots.positions_heatmap(P, ax=ax).ax is ax


def test_offset_lines_are_told_apart_by_marker_and_only_the_first_is_joined():
    T, d = 12, 4
    P = np.array([[math.cos(t * (j + 1) / 3) for j in range(d)] for t in range(T)])
    lines = list(plots.offset_plot(P, starts=(0, 2, 4, 6, 8))["lines"].values())
    markers = [ln.get_marker() for ln in lines]
    assert len(set(markers[:4])) == 4
    assert [ln.get_linestyle() for ln in lines] == ["-"] + ["None"] * 4
    assert len({mpl.colors.to_hex(ln.get_color()) for ln in lines}) == 5
    assert all(mpl.colors.to_hex(ln.get_color()) in {c.lower() for c in PALETTE} for ln in lines)
    ax = lines[0].axes
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert [int(re.search(r"\d+$", s).group()) for s in legend] == [0, 2, 4, 6, 8]
    ax.figure.canvas.draw()
    ticks = [t.get_text().replace("\u2212", "-") for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all(re.fullmatch(r"-?\d+", s) for s in ticks), ticks  # offsets are whole steps
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    sentence_case_titles(ax.figure)
    plain_words(ax.figure, at_least=5)
    assert text_outside(ax.figure) == []
    _, given = plt.subplots()
    assert plots.offset_plot(P, ax=given).ax is given


@pytest.mark.parametrize("h", [1, 2, 3, 4])
def test_head_grid_fills_a_projector_frame_two_by_two(h):
    tokens = ["I", "go", "home", "now"]
    Wh = np.full((h, 4, 4), 0.25)
    arts = plots.head_grid(Wh, tokens, [f"head {j + 1}" for j in range(h)])["heatmaps"]
    fig = arts[0].ax.figure
    assert tuple(np.round(fig.get_size_inches() * fig.dpi)) == (1280, 720)
    assert [a.ax.get_title() for a in arts] == [f"head {j + 1}" for j in range(h)]
    assert [a.colorbar is not None for a in arts] == [j % 2 == 1 for j in range(h)]  # right column only
    maps = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert len(maps) == 4 and [ax.axison for ax in maps] == [j < h for j in range(4)]
    fig.canvas.draw()
    corners = {(round(ax.get_position().x0, 3), round(ax.get_position().y0, 3)) for ax in maps}
    assert len({x for x, _ in corners}) == 2 and len({y for _, y in corners}) == 2
    assert text_outside(fig) == []


def test_head_grid_refuses_what_it_cannot_draw_and_says_the_counts():
    with pytest.raises(ValueError) as err:
        plots.head_grid(np.zeros((5, 2, 2)), ["a", "b"], list("abcde"))
    assert "5" in str(err.value)
    with pytest.raises(ValueError) as err:
        plots.head_grid(np.zeros((2, 2, 2)), ["a", "b"], ["only one"])
    assert re.search(r"\b2\b", str(err.value)) and re.search(r"\b1\b", str(err.value))
    with pytest.raises(ValueError):
        plots.head_grid(np.zeros((0, 2, 2)), ["a", "b"], [])


def _formula(label: str) -> str:
    """'RNN: 2·T·d² in T sequential steps' -> '2*T*d**2' (the count the legend claims)."""
    expr = label.split(":", 1)[1].split(" in ")[0]
    return expr.replace("·", "*").replace("²", "**2").strip()


def test_cost_panels_sit_side_by_side_and_the_legend_formulas_give_the_plotted_counts():
    T, d = np.array([4, 8, 16, 32]), 8
    counts = {"rnn": 2 * T * d**2, "attention": 3 * T * d**2 + 2 * T**2 * d}
    timing = SimpleNamespace(T=T, rnn_seconds=T * 1e-4, attention_seconds=T**2 * 1e-6)
    ax_ops, ax_time = plots.cost_plot(T, counts, timing).axes
    fig = ax_ops.figure
    fig.canvas.draw()
    a, b = ax_ops.get_position(), ax_time.get_position()
    assert a.x1 < b.x0 and a.y0 == pytest.approx(b.y0)
    colours = {}
    for ln in ax_ops.get_lines():
        np.testing.assert_array_equal(ln.get_xdata(), T)
        claimed = [eval(_formula(ln.get_label()), {}, {"T": int(t), "d": d}) for t in T]
        np.testing.assert_allclose(ln.get_ydata(), claimed)
        colours[ln.get_label().split(":")[0].lower()] = mpl.colors.to_hex(ln.get_color())
    assert sorted(colours) == ["attention", "rnn"] and len(set(colours.values())) == 2
    for ln in ax_time.get_lines():
        np.testing.assert_array_equal(ln.get_xdata(), T)
        model = ln.get_label().split(",")[0].lower()
        assert mpl.colors.to_hex(ln.get_color()) == colours[model]  # one colour per model in both panels
    assert ax_time.get_xscale() == ax_time.get_yscale() == "log"
    assert all(ax.get_title() and ax.get_xlabel() and ax.get_ylabel() for ax in (ax_ops, ax_time))
    sentence_case_titles(fig)
    plain_words(fig, at_least=8)
    assert text_outside(fig) == []
    _, given = plt.subplots(1, 2)
    assert plots.cost_plot(T, counts, timing, ax=given).axes == tuple(given)


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


def _texts_inside(fig):
    """Every drawn text (titles, labels, tick labels in view, cell values) lies inside the saved image."""
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    tight = fig.get_tightbbox(r).transformed(fig.dpi_scale_trans)  # inches -> pixels
    assert tight.x0 >= -1 and tight.y0 >= -1 and tight.x1 <= fig.bbox.x1 + 1 and tight.y1 <= fig.bbox.y1 + 1
    for ax in fig.axes:
        for t in ax.texts:  # cell values are left out of the layout box: check them one by one
            bb = t.get_window_extent(r)
            assert bb.x0 >= 0 and bb.x1 <= fig.bbox.x1 and bb.y0 >= 0 and bb.y1 <= fig.bbox.y1, t.get_text()


def test_static_figures_show_the_computed_numbers():
    P = sinusoidal_positions(6, 4)
    art = positions_heatmap(P)
    assert np.allclose([[float(t.get_text()) for t in row] for row in art.texts], np.round(P, 1))
    _texts_inside(art.ax.figure)
    lines = list(offset_plot(sinusoidal_positions(12, 8), starts=(0, 3))["lines"].values())
    G = sinusoidal_positions(12, 8) @ sinusoidal_positions(12, 8).T
    assert np.allclose(lines[1].get_ydata(), [G[3, 3 + k] for k in range(9)])
    _texts_inside(lines[0].figure)
    names = list(PUZZLE_ORDER)
    _, W = multi_head_attention(lt.head_input(), *lt.stack_heads([lt.head_preset(n) for n in names]))
    arts = head_grid(W, ["I", "go", "home"], names)["heatmaps"]
    fig = arts[0].ax.figure
    assert tuple(fig.get_size_inches() * fig.dpi) == (1280, 720)
    for j, a in enumerate(arts):
        assert np.allclose([[float(t.get_text()) for t in row] for row in a.texts], np.round(W[j], 2))
    _texts_inside(fig)
    arts = heatmap_row({"a": np.eye(2), "b": np.ones((2, 2)) / 2}, ["x", "y"])["heatmaps"]
    assert len(arts) == 2 and arts[1].texts[0][0].get_text() == "0.50"
    plt.close("all")


def test_cost_plot_draws_the_computed_counts_and_timings():
    Ts = [4, 8, 16]
    counts = {m: [multiply_adds(T, 4, m) for T in Ts] for m in ("rnn", "attention")}
    timing = time_rnn_vs_attention(Ts, 4, np.random.default_rng(0), repeats=1)
    ax_ops, ax_time = cost_plot(Ts, counts, timing).axes
    assert list(ax_ops.lines[0].get_ydata()) == counts["rnn"]
    assert list(ax_ops.lines[1].get_ydata()) == counts["attention"]
    assert np.allclose(ax_time.lines[0].get_ydata(), timing.rnn_seconds * 1e3)
    _texts_inside(ax_ops.figure)
    plt.close("all")


def test_cost_plot_names_each_line_it_drew():
    T = np.array([4, 8, 16])
    counts = {"rnn": 2 * T * 64, "attention": 3 * T * 64 + 2 * T**2 * 8}
    timing = SimpleNamespace(T=T, rnn_seconds=T * 2e-4, attention_seconds=T**2 * 3e-6)
    drawn = plots.cost_plot(T, counts, timing)
    ax_ops, ax_time = drawn.axes
    for model in ("rnn", "attention"):
        ops, time = drawn["operations"][model], drawn["times"][model]
        assert ops.axes is ax_ops and time.axes is ax_time
        np.testing.assert_array_equal(ops.get_ydata(), counts[model])
        np.testing.assert_allclose(time.get_ydata(), getattr(timing, f"{model}_seconds") * 1e3)
        assert ops.get_color() == time.get_color()  # one colour per model in both panels
