"""The shared heatmap, the notebook set-up and notebook 07's figures, read back as drawn.

Complements ``test_drawn_plots.py``: titles are measured on the rendered canvas against the width
they were wrapped for, colour bars are checked against the image they describe, text is checked for
contrast on the colour actually rendered under it, and legends are read back into the formulas and
numbers they claim. No figure size, line width or exact wording is pinned.
"""

import ast
import math
import re
from types import SimpleNamespace

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from helpers.plots import setup as psetup
from helpers.plots.heatmap import fit_title
from helpers.style import FONT_FAMILIES, PALETTE
from tests.drawn import contrast, plain_words, rendered_pixel, sentence_case_titles, text_outside

WORDS = "the query looks at every key and takes a weighted average of values".split()


def _long_title(n_words: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n_words))


def _lines_width_px(ax, lines: list[str]) -> list[float]:
    """Rendered width of each line of a title, drawn one at a time with the title's font."""
    renderer = ax.figure.canvas.get_renderer()
    probe = ax.text(0, 0, "", fontproperties=ax.title.get_fontproperties(), transform=None)
    widths = []
    for line in lines:
        probe.set_text(line)
        widths.append(probe.get_window_extent(renderer).width)
    probe.remove()
    return widths


# ---------------------------------------------------------------- fit_title


@pytest.mark.parametrize("width, cols, span", [(6.0, 1, 1), (12.0, 3, 1), (12.8, 2, 1), (12.0, 3, 2)])
def test_a_long_title_is_wrapped_to_fit_the_width_its_axes_spans(width, cols, span):
    fig = plt.figure(figsize=(width, 3), dpi=100)
    ax = fig.add_subplot(fig.add_gridspec(1, cols)[0, :span])
    title = _long_title(40)
    text = fit_title(ax, title)
    assert ax.get_title() == text.get_text()
    lines = text.get_text().split("\n")
    assert " ".join(lines) == title  # every word kept, in order
    available = width * fig.dpi * span / cols * 0.8
    widths = _lines_width_px(ax, lines)
    assert max(widths) <= available, (max(widths), available)
    assert max(widths) >= 0.6 * available  # wrapped to the width, not into a needlessly thin column


def test_axes_outside_a_grid_wrap_to_the_whole_figure_width():
    fig = plt.figure(figsize=(8.0, 3), dpi=100)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.7))
    lines = fit_title(ax, _long_title(40)).get_text().split("\n")
    widths = _lines_width_px(ax, lines)
    assert 0.6 * 640 <= max(widths) <= 640


def test_a_smaller_share_wraps_into_more_lines_and_a_short_title_is_left_alone():
    _, ax = plt.subplots(figsize=(8, 3))
    title = _long_title(30)
    wide = fit_title(ax, title).get_text().count("\n")
    narrow = fit_title(ax, title, share=0.4).get_text().count("\n")
    assert narrow > wide >= 1
    own_break = "Weights\nper head"  # an author's own line break stays where it was put
    assert fit_title(ax, own_break).get_text() == own_break


# ---------------------------------------------------------------- attention_heatmap / update_heatmap


@pytest.mark.parametrize("n", [2, 12, 40])
def test_a_new_heatmap_figure_keeps_every_text_inside_and_in_plain_words(n):
    labels = [f"token{i}" for i in range(n)]
    art = plots.attention_heatmap(np.full((n, n), 1 / n), labels, labels)
    fig = art.ax.figure
    assert text_outside(fig) == []
    texts = plain_words(fig, at_least=3)
    assert art.ax.get_title() and art.ax.get_xlabel() and art.ax.get_ylabel()
    assert set(labels) <= set(texts)


def test_the_colour_bar_describes_its_own_image_when_another_axes_is_current():
    fig, (ax_a, ax_b) = plt.subplots(1, 2, figsize=(10, 4))
    other = plots.attention_heatmap(np.eye(2), ["a", "b"], ["a", "b"], ax_b, colorbar=False)
    plt.sca(ax_b)  # the other map's axes is the current one
    art = plots.attention_heatmap(np.eye(3) * 4.0, list("xyz"), list("xyz"), ax_a, vmin=0.0, vmax=4.0)
    assert art.colorbar is not None and art.colorbar.mappable is art.image
    assert art.colorbar.mappable is not other.image
    assert art.colorbar.ax.get_ylim() == pytest.approx((0.0, 4.0))
    fig.canvas.draw()
    bar, left, right = (a.get_position() for a in (art.colorbar.ax, ax_a, ax_b))
    assert left.x1 <= bar.x0 < right.x0  # it stands beside its own map, before the next one


@pytest.mark.parametrize("cmap", ["cividis", "Greys", "magma"])
def test_every_value_contrasts_with_the_colour_rendered_under_it(cmap):
    W = np.linspace(0.0, 1.0, 11).reshape(1, 11)
    art = plots.attention_heatmap(W, ["q"], [f"k{j}" for j in range(11)], cmap=cmap)
    fig = art.ax.figure
    for j, text in enumerate(art.texts[0]):
        cell = mpl.colors.to_hex(rendered_pixel(fig, art.ax, j + 0.35, 0.35))
        assert contrast(mpl.colors.to_hex(text.get_color()), cell) >= 4.5, (cmap, j, text.get_text())
    plots.update_heatmap(art, W[:, ::-1])
    for j, text in enumerate(art.texts[0]):
        assert text.get_text() == f"{W[0, 10 - j]:.2f}"
        cell = mpl.colors.to_hex(rendered_pixel(fig, art.ax, j + 0.35, 0.35))
        assert contrast(mpl.colors.to_hex(text.get_color()), cell) >= 4.5, (cmap, j, "after update")


def test_shape_errors_name_the_counts_needed_and_given():
    with pytest.raises(ValueError) as err:
        plots.attention_heatmap(np.zeros((2, 5)), list("abcd"), list("abcd"))
    msg = str(err.value)
    assert re.search(r"\b2 query", msg) and re.search(r"\b5 key", msg), msg
    assert re.search(r"\b4 and 4\b", msg), msg
    with pytest.raises(ValueError, match=r"\(3,\)"):  # not a matrix: a message, not an IndexError
        plots.attention_heatmap(np.zeros(3), ["a"], list("abc"))
    art = plots.attention_heatmap(np.eye(2), ["a", "b"], ["a", "b"])
    with pytest.raises(ValueError, match=r"\(2, 2\).*\(3, 3\)"):
        plots.update_heatmap(art, np.eye(3))


# ---------------------------------------------------------------- setup


class _Shell:
    def __init__(self, kernel: bool):
        if kernel:
            self.kernel = object()
        self.calls = []

    def run_line_magic(self, *args):
        self.calls.append(args)


def test_in_a_kernel_inline_figures_are_saved_without_a_second_tight_layout(monkeypatch):
    import IPython

    shell = _Shell(kernel=True)
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    psetup.setup_inline_figures()
    (magic, line), = shell.calls
    target, value = (part.strip() for part in line.split("=", 1))
    assert magic == "config"
    assert target == "InlineBackend.print_figure_kwargs" and ast.literal_eval(value) == {"bbox_inches": None}
    terminal = _Shell(kernel=False)  # IPython in a terminal has no inline backend: nothing to set
    monkeypatch.setattr(IPython, "get_ipython", lambda: terminal)
    psetup.setup_inline_figures()
    assert terminal.calls == []


def test_every_bundled_hangul_font_file_is_registered_after_dejavu(monkeypatch):
    import importlib.util
    from pathlib import Path

    from matplotlib import font_manager

    spec = importlib.util.find_spec("koreanize_matplotlib")
    bundled = sorted(str(p) for p in (Path(next(iter(spec.submodule_search_locations))) / "fonts").iterdir()
                     if p.suffix == ".ttf")
    assert bundled
    added = []
    monkeypatch.setattr(font_manager.fontManager, "addfont", added.append)
    with mpl.rc_context():  # the families set here are undone for the tests that follow
        assert psetup.setup_fonts() == list(FONT_FAMILIES[:2]) == list(mpl.rcParams["font.family"])
        assert added == bundled
        monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # the font package missing
        assert psetup.setup_fonts() == [FONT_FAMILIES[0]] == list(mpl.rcParams["font.family"])


# ---------------------------------------------------------------- notebook 07


def test_a_heatmap_row_draws_every_panel_into_one_figure_with_the_options_given():
    panels = {"first": np.array([[0.5, 2.0, 1.0]]), "second": np.array([[1.0, 0.0, 1.5]])}
    arts = plots.heatmap_row(panels, ["q"], ["a", "b", "c"], vmin=0.0, vmax=2.0, fmt=".1f",
                             xlabel="keys", ylabel="queries")
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
    assert signed[0].image.get_clim() == (-1.0, 1.0)  # a signed matrix gets the scale it is given
    square = plots.heatmap_row({"w": np.full((2, 2), 0.5)}, ["x", "y"])
    assert square[0].image.get_clim() == (0.0, 1.0)  # weights: the fixed 0..1 scale
    assert text_outside(square[0].ax.figure) == []
    given = plt.figure()
    assert plots.heatmap_row({"w": np.eye(2)}, ["x", "y"], fig=given)[0].ax.figure is given


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
    lines = plots.offset_plot(P, starts=(0, 2, 4, 6, 8))
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
    assert plots.offset_plot(P, ax=given)[0].axes is given


@pytest.mark.parametrize("h", [1, 2, 3, 4])
def test_head_grid_fills_a_projector_frame_two_by_two(h):
    tokens = ["I", "go", "home", "now"]
    Wh = np.full((h, 4, 4), 0.25)
    arts = plots.head_grid(Wh, tokens, [f"head {j + 1}" for j in range(h)])
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
    ax_ops, ax_time = plots.cost_plot(T, counts, timing)
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
    given = plt.figure()
    assert plots.cost_plot(T, counts, timing, fig=given)[0].figure is given
