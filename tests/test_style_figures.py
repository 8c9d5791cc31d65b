"""The static figures take their look from ``helpers/style.py``: read back from what is drawn.

Each builder is drawn and its artists are compared with the named constants: a series has the
series width and markers, a reference line is thin and grey, a single seed is faint behind the
mean, a figure has the size its rule in style.py gives. A builder that forgets the house look, or
hard-codes a number of its own, fails here.
"""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from helpers import style as S

_hex = mpl.colors.to_hex


def _series(line):
    assert (line.get_linewidth(), line.get_markersize()) == (S.SERIES["lw"], S.SERIES["ms"]), line.get_label()


def _reference(line):
    assert _hex(line.get_color()) == _hex(S.REFERENCE["color"]) and line.get_linewidth() == S.REFERENCE["lw"]


def _size(drawn, inches):
    np.testing.assert_allclose(drawn.fig.get_size_inches(), inches)


def _legend_size(ax, size=S.LEGEND_FONTSIZE):
    assert {t.get_fontsize() for t in ax.get_legend().get_texts()} == {size}


def _faint_grid(ax, axis="y"):
    lines = getattr(ax, f"{axis}axis").get_gridlines()
    assert any(g.get_visible() for g in lines) and {g.get_alpha() for g in lines} == {S.GRID_ALPHA}


# ---------------------------------------------------------------- heatmaps


@pytest.mark.parametrize("n", [2, 9, 40])
def test_a_heatmap_is_sized_and_lettered_for_its_tokens(n):
    labels = [f"w{i}" for i in range(n)]
    art = plots.attention_heatmap(np.full((n, n), 1 / n), labels, labels)
    side = min(S.HEATMAP_MAX_INCHES, S.HEATMAP_BASE_INCHES + S.HEATMAP_TOKEN_INCHES * n)
    _size(art, (side + S.COLORBAR_INCHES, side))
    label = S.LABEL_FONTSIZE if n <= S.FULL_SIZE_TOKENS else max(
        S.MIN_LABEL_FONTSIZE, S.LABEL_FONTSIZE - S.LABEL_SHRINK_PER_TOKEN * (n - S.FULL_SIZE_TOKENS))
    assert {t.get_fontsize() for t in art.ax.get_xticklabels() + art.ax.get_yticklabels()} == {label}
    value = max(S.MIN_VALUE_FONTSIZE, label - S.VALUE_FONTSIZE_STEP)
    np.testing.assert_allclose([t.get_fontsize() for row in art.texts for t in row], value)
    assert {t.get_rotation() for t in art.ax.get_xticklabels()} == {90.0 if n > S.FULL_SIZE_TOKENS else 0.0}
    assert {t.get_rotation() for t in art.ax.get_yticklabels()} == {0.0}


def test_a_heatmap_fills_its_axes_and_its_colour_bar_is_shorter():
    art = plots.attention_heatmap(np.full((1, 6), 1 / 6), ["q"], list("abcdef"))
    art.fig.canvas.draw()
    image, axes = art.image.get_window_extent(), art.ax.get_window_extent()
    assert (image.width, image.height) == pytest.approx((axes.width, axes.height), abs=1)
    bar = art.colorbar.ax.get_position().height / art.ax.get_position().height
    assert bar == pytest.approx(S.COLORBAR_SHRINK, abs=0.02)
    sized = plots.attention_heatmap(np.eye(2), ["a", "b"], ["a", "b"], label_size=13, value_size=12)
    assert {t.get_fontsize() for t in sized.ax.get_yticklabels()} == {13}
    assert {t.get_fontsize() for row in sized.texts for t in row} == {12}


def test_hidden_states_split_by_a_divider():
    art = plots.plot_hidden_states(np.zeros((2, 4)), ["a", "b"], split=2)
    line = art["split"]
    assert _hex(line.get_color()) == _hex(S.DIVIDER["color"]) and line.get_linewidth() == S.DIVIDER["lw"]
    assert list(line.get_ydata()) == [1.5, 1.5]


def test_alignments_keep_their_letter_sizes_and_share_a_short_colour_bar():
    class Reverser:
        def translate(self, src):
            return src[::-1], np.eye(len(src))[::-1]

    source = "0123456789" * 2
    drawn = plots.plot_alignments(Reverser(), [source, "12"])
    _size(drawn, (S.ALIGNMENT_PANEL_INCHES[0], 2 * S.ALIGNMENT_PANEL_INCHES[1]))
    for art in drawn["heatmaps"]:
        assert {t.get_fontsize() for row in art.texts for t in row} == {S.ALIGNMENT_VALUE_FONTSIZE}
        assert {t.get_fontsize() for t in art.ax.get_xticklabels()} == {S.ALIGNMENT_LABEL_FONTSIZE}
        assert art.colorbar is drawn["colorbar"]
    drawn.fig.canvas.draw()
    top, bottom = drawn.axes[0].get_position().y1, drawn.axes[1].get_position().y0
    bar = drawn["colorbar"].ax.get_position()
    assert bar.height / (top - bottom) == pytest.approx(S.SHARED_COLORBAR["shrink"], abs=0.03)
    assert bar.x0 - drawn.axes[0].get_position().x1 < 0.03  # close to the panels
    one = plots.alignment_heatmap(np.ones((3, 20)) / 20, "abc", "x" * 20)
    _size(one, (min(S.HEATMAP_MAX_INCHES, S.ALIGNMENT_BASE_WIDTH + S.HEATMAP_TOKEN_INCHES * 20),
                S.HEATMAP_BASE_INCHES + S.ALIGNMENT_ROW_INCHES * 3))


def test_heatmap_panels_are_sized_per_panel_and_row():
    row = plots.heatmap_row({"a": np.eye(3), "b": np.eye(3)}, ["x", "y", "z"], width=3.0)
    _size(row, (2 * 3.0, S.HEATMAP_ROW_LABEL_INCHES * 3 + S.HEATMAP_ROW_BASE_INCHES))
    assert plots.heatmap_row({"a": np.eye(1)}, ["x"]).fig.get_size_inches()[0] == 4.2  # a panel's default
    grid = plots.head_grid(np.stack([np.eye(2)] * 2), ["a", "b"], ["1", "2"])
    _size(grid, S.PROJECTOR_INCHES)
    assert grid.fig.dpi == S.PROJECTOR_DPI
    for T, d in ((3, 4), (30, 40)):
        P = plots.positions_heatmap(np.zeros((T, d)))
        width = min(S.PROJECTOR_INCHES[0], max(S.POSITIONS_MIN_WIDTH,
                                               S.POSITIONS_BASE_INCHES + S.POSITIONS_COLUMN_INCHES * d))
        _size(P, (width, min(S.POSITIONS_MAX_INCHES, S.HEATMAP_BASE_INCHES + S.POSITIONS_ROW_INCHES * T)))
    wide = plots.positions_heatmap(np.zeros((3, 12)))
    width = wide.fig.get_size_inches()[0]
    assert width == pytest.approx(S.POSITIONS_BASE_INCHES + S.POSITIONS_COLUMN_INCHES * 12)


# ---------------------------------------------------------------- curves


def test_curves_and_probes_are_series_beside_a_grey_reference():
    drawn = plots.plot_curves([1, 2], {"a": [1, 2], "b": [2, 1]}, title="t")
    _size(drawn, S.CHART_INCHES)
    for line in drawn["lines"].values():
        _series(line)
    _legend_size(drawn.ax)
    _faint_grid(drawn.ax)
    res = SimpleNamespace(distance=np.arange(3), r2=np.ones(3), accuracy=np.ones(3), chance=0.25)
    for metric in ("r2", "accuracy"):
        probe = plots.plot_probe({"p": res}, metric=metric)
        _size(probe, S.PROBE_INCHES)
        _series(probe["lines"]["p"])
        _reference(probe["reference"])
        assert probe["reference"].get_linestyle() == ":"


def test_attention_curves_are_series_and_their_references_grey():
    curve = SimpleNamespace(d=np.array([1, 2]), mean_self_weight=np.ones(2), self_top_share=np.ones(2), T=3)
    sw = plots.self_weight_plot({"c": curve})
    _size(sw, S.PAIR_INCHES)
    for line in sw["lines"]["c"]:
        _series(line)
    assert len(sw["references"]) == 2
    for line in sw["references"]:
        _reference(line)
    sat = plots.saturation_plot(SimpleNamespace(d_k=np.array([2, 4]), max_weight_plain=np.ones(2),
                                                max_weight_scaled=np.ones(2), n_k=4))
    _size(sat, S.SATURATION_INCHES)
    for line in sat["lines"].values():
        _series(line)
    for line in sat["references"].values():
        _reference(line)
    assert sat["references"]["one-hot"].get_linestyle() != sat["references"]["uniform"].get_linestyle()
    reach = plots.distance_plot(SimpleNamespace(distance=np.arange(3), rnn_influence=np.ones(3),
                                                attention_influence=np.ones(3), attention_weight=np.ones(3)))
    _size(reach, S.CHART_INCHES)
    for line in reach["lines"].values():
        assert line.get_linewidth() == S.SERIES["lw"]


def test_word_arrows_are_square_with_bold_names_and_faint_axes():
    drawn = plots.word_arrows(np.eye(2), ["a", "b"])
    _size(drawn, S.ARROWS_INCHES)
    assert {a.arrow_patch.get_linewidth() for a in drawn["arrows"]} == {S.ARROW_WIDTH}
    assert {(t.get_fontsize(), t.get_fontweight()) for t in drawn["labels"]} == {(S.TOKEN_FONTSIZE, "bold")}
    origin = [(_hex(line.get_color()), line.get_linewidth()) for line in drawn.ax.get_lines()]
    assert origin == [(_hex(S.ORIGIN_LINE["color"]), S.ORIGIN_LINE["lw"])] * 2


def test_contribution_labels_slant_and_end_under_their_bars():
    drawn = plots.plot_contributions({"f": [1, 2]}, ["a", "b"], 0)
    _size(drawn, S.BARS_INCHES)
    assert {(t.get_rotation(), t.get_ha()) for t in drawn.ax.get_xticklabels()} == {(45.0, "right")}
    _faint_grid(drawn.ax)
    assert not any(g.get_visible() for g in drawn.ax.xaxis.get_gridlines())  # bars: horizontal lines only


def test_offsets_shrink_their_markers_so_each_shows():
    P = np.array([[np.cos(t * (j + 1) / 3) for j in range(4)] for t in range(10)])
    drawn = plots.offset_plot(P, starts=(0, 2, 4, 6))
    _size(drawn, S.OFFSET_INCHES)
    assert [ln.get_markersize() for ln in drawn["lines"].values()] == list(S.OFFSET_MARKER_SIZES)
    assert {ln.get_linewidth() for ln in drawn["lines"].values()} == {S.LINE_WIDTH}


def test_cost_and_sequential_steps_sizes():
    T = np.array([4, 8])
    timing = SimpleNamespace(T=T, rnn_seconds=np.ones(2), attention_seconds=np.ones(2))
    cost = plots.cost_plot(T, {"rnn": T, "attention": T}, timing)
    _size(cost, S.WIDE_PAIR_INCHES)
    _legend_size(cost.ax)
    _size(plots.plot_sequential_steps([1, 2]), S.SMALL_CHART_INCHES)


# ---------------------------------------------------------------- notebook 05


def _token(key, value=None):
    x = np.zeros(41)
    x[key] = 1.0
    x[-1 if value is None else 32 + value] = 1.0
    return x


@pytest.mark.parametrize("T", [3, 20])
def test_a_task_example_is_a_row_of_token_boxes(T):
    X = np.array([_token(k % 32, k % 8) for k in range(T - 1)] + [_token(1)])
    drawn = plots.plot_task_example(X, 1, 0)
    _size(drawn, (min(S.TOKEN_ROW_MAX_INCHES, S.TOKEN_BOX_INCHES * T + S.TOKEN_ROW_BASE_INCHES),
                  S.TOKEN_ROW_HEIGHT))
    widths = [b.get_linewidth() for b in drawn["boxes"]]
    assert widths[0] == widths[-1] == S.OUTLINE_WIDTH and set(widths[1:-1]) == {S.BOX_WIDTH}
    assert {_hex(b.get_edgecolor()) for b in drawn["boxes"][1:-1]} == {_hex(S.BOX_EDGE)}
    assert {t.get_fontsize() for t in drawn["tokens"]} == {S.TOKEN_FONTSIZE}
    assert {t.get_fontsize() for t in drawn["captions"]} == {S.NOTE_FONTSIZE}
    assert drawn.ax.title.get_fontsize() == S.TOKEN_FONTSIZE


def test_the_race_draws_faint_seeds_behind_series_and_two_references():
    race = {"task": "associative", "sizes": [1, 2], "steps": 5,
            "accuracy": {"rnn": np.array([[1.0, 0.8], [0.5, 0.4]]), "attention": np.ones((2, 2))}}
    drawn = plots.plot_race(race)
    _size(drawn, S.RACE_INCHES)
    for line in drawn["lines"].values():
        assert line.get_linewidth() == S.SERIES["lw"]
    dots = [d for seeds in drawn["seeds"].values() for d in seeds]
    assert len(dots) == 4 and {(d.get_alpha(), d.get_markersize()) for d in dots} == {
        (S.SEED_DOTS["alpha"], S.SEED_DOTS["ms"])}
    _reference(drawn["references"]["chance"])
    strategy = drawn["references"]["random pair"]
    assert (_hex(strategy.get_color()), strategy.get_linestyle(), strategy.get_linewidth()) == (
        _hex(S.STRATEGY_LINE["color"]), S.STRATEGY_LINE["ls"], S.STRATEGY_LINE["lw"])
    _legend_size(drawn.ax)
    assert set(plots.plot_race(dict(race, task="first_token"))["references"]) == {"chance"}


def test_bars_by_pair_have_small_values_and_the_strategy_line():
    drawn = plots.plot_accuracy_by_pair({2: [0.5, 0.6], 3: [0.1, 0.2, 0.3]})
    _size(drawn, (S.BAR_PANEL_INCHES[0] * 2, S.BAR_PANEL_INCHES[1]))
    for ax in drawn.axes:
        assert {t.get_fontsize() for t in ax.texts} == {S.NOTE_FONTSIZE}
        (strategy,) = [ln for ln in ax.get_lines() if ln.get_linestyle() == S.STRATEGY_LINE["ls"]]
        assert strategy.get_linewidth() == S.STRATEGY_LINE["lw"]
        _faint_grid(ax)


@pytest.mark.parametrize("T", [3, 30])
def test_attention_examples_are_rows_sized_for_their_tokens(T):
    X = np.array([[_token(k % 32, 1) for k in range(T - 1)] + [_token(2)]] * 2)
    drawn = plots.plot_attention_examples(np.full((2, T), 1 / T), X, [0, 1])
    _size(drawn, (min(S.WEIGHT_ROW_MAX_INCHES, S.WEIGHT_ROW_TOKEN_INCHES * T + S.WEIGHT_ROW_BASE_INCHES),
                  S.WEIGHT_ROW_HEIGHT * 2 + S.SUPTITLE_INCHES))
    assert {o.get_linewidth() for o in drawn["outlines"]} == {S.OUTLINE_WIDTH}


def test_gradient_norms_are_series():
    drawn = plots.plot_gradient_norms({"a": [1.0, 0.5], "b": [0.5, 0.2]})
    _size(drawn, S.CHART_INCHES)
    for line in drawn["lines"].values():
        _series(line)


# ---------------------------------------------------------------- notebook 06


def test_a_length_sweep_draws_faint_seeds_behind_the_means():
    sweep = SimpleNamespace(lengths=np.array([2, 4]), accuracy={"bottleneck": np.ones((3, 2)),
                                                                "attention": np.ones((3, 2))})
    drawn = plots.plot_length_sweep(sweep)
    _size(drawn, S.CHART_INCHES)
    for line in drawn["means"].values():
        _series(line)
    seeds = [s for lines in drawn["seeds"].values() for s in lines]
    assert len(seeds) == 6 and {(s.get_linewidth(), s.get_alpha()) for s in seeds} == {
        (S.SEED_LINE["lw"], S.SEED_LINE["alpha"])}
    _legend_size(drawn.ax)


def test_position_accuracy_has_guess_marks_and_a_legend_below():
    drawn = plots.plot_position_accuracy({"bottleneck": [0.5, 1.0], "attention": [1.0, 1.0]}, "YY",
                                         guess=[0.2, 0.3])
    _size(drawn, S.POSITION_ACCURACY_INCHES)
    for line in drawn["lines"].values():
        _series(line)
    marks = drawn["guess"]
    assert (marks.get_sizes().tolist(), marks.get_zorder()) == ([S.GUESS_MARKS["s"]], S.GUESS_MARKS["zorder"])
    assert _hex(marks.get_facecolor()[0]) == _hex(S.GUESS_MARKS["color"])
    legend = drawn.ax.get_legend()
    _legend_size(drawn.ax)
    assert legend._ncols == 3
    drawn.fig.canvas.draw()
    assert legend.get_window_extent().y1 < drawn.ax.get_window_extent().y0  # below the axes


def test_positions_by_length_run_dark_to_light_in_thinner_lines():
    drawn = plots.plot_position_by_length(np.ones((3, 2)), [2, 3, 4])
    _size(drawn, S.CHART_INCHES)
    lines = list(drawn["lines"].values())
    assert {ln.get_linewidth() for ln in lines} == {S.FAMILY_LINE_WIDTH}
    cmap = mpl.colormaps[S.WEIGHT_CMAP]
    assert _hex(lines[0].get_color()) == _hex(cmap(S.SHADES[0]))
    assert _hex(lines[-1].get_color()) == _hex(cmap(S.SHADES[1]))
    legend = drawn.ax.get_legend()
    assert {t.get_fontsize() for t in legend.get_texts()} == {S.SMALL_LEGEND_FONTSIZE} and legend._ncols == 2


def test_influence_maps_and_example_sizes():
    drawn = plots.plot_influence_maps(np.eye(2), np.eye(2), np.eye(2), ["a", "b"])
    _size(drawn, S.INFLUENCE_INCHES)
    plt.close("all")


# ---------------------------------------------------------------- what each mark says


def test_bars_by_pair_name_each_strategy_once_and_show_the_whole_unit_range():
    drawn = plots.plot_accuracy_by_pair({4: [0.45, 0.39, 0.37, 0.37], 2: [0.61, 0.52]})
    first = drawn.axes[0]
    names = [t.get_text() for t in first.get_legend().get_texts()]
    assert len(names) == 3 and "RNN, measured" in names  # bars, the random-pair line, the hollow markers
    assert any("random pair" in s for s in names) and any("last pair" in s for s in names)
    assert drawn.axes[1].get_legend() is None  # one legend for the figure, on the first panel
    first.figure.canvas.draw()
    box = first.get_legend().get_window_extent()
    assert box.x0 - first.get_window_extent().x0 < 0.2 * first.get_window_extent().width  # on the left
    for ax, bars in zip(drawn.axes, drawn["bars"].values(), strict=True):
        assert {_hex(b.get_facecolor()) for b in bars} == {_hex(S.PALETTE[0])}
        (hollow,) = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
        assert hollow.get_markerfacecolor() == "none" and _hex(hollow.get_color()) == _hex(S.PALETTE[1])
        bottom, top = ax.get_ylim()
        assert bottom == 0 and 1.05 <= top <= 1.15  # the whole 0..1 range, room for a value above 1
        assert ax.get_ylabel() == "held-out accuracy" and [t.get_text() for t in ax.get_xticklabels()]
        for bar, text in zip(bars, sorted(ax.texts, key=lambda t: t.get_position()[0]), strict=True):
            x, y = text.get_position()
            assert text.get_ha() == "center" and x == bar.get_x() + bar.get_width() / 2
            assert bar.get_height() < y < bar.get_height() + 0.05  # just above its bar


def test_series_carry_markers_and_references_are_never_solid():
    res = SimpleNamespace(distance=np.arange(3), r2=np.ones(3), accuracy=np.ones(3), chance=0.25)
    probe = plots.plot_probe({"a": res, "b": res})
    assert [ln.get_marker() for ln in probe["lines"].values()] == ["o", "o"]
    norms = plots.plot_gradient_norms({"a": [1.0, 0.5], "b": [0.5, 0.2]})
    assert {ln.get_marker() for ln in norms["lines"].values()} == {"o"}
    sat = plots.saturation_plot(SimpleNamespace(d_k=np.array([2, 4]), max_weight_plain=np.ones(2),
                                                max_weight_scaled=np.ones(2), n_k=4))
    plain, scaled = sat["lines"]["plain"], sat["lines"]["scaled"]
    assert (plain.get_marker(), plain.get_linestyle()) == ("o", "-")
    assert (scaled.get_marker(), scaled.get_linestyle()) == ("s", "--")
    assert {"-"}.isdisjoint(ln.get_linestyle() for ln in sat["references"].values())
    reach = plots.distance_plot(SimpleNamespace(distance=np.arange(3), rnn_influence=np.ones(3),
                                                attention_influence=np.ones(3), attention_weight=np.ones(3)))
    lines = reach["lines"]
    assert (lines["rnn"].get_marker(), lines["attention"].get_marker()) == ("o", "s")
    assert {lines["rnn"].get_linestyle(), lines["attention"].get_linestyle()} == {"-"}
    assert lines["weight"].get_linestyle() == ":" and lines["weight"].get_marker() == "None"
    family = plots.plot_position_by_length(np.ones((2, 2)), [2, 3])
    assert {ln.get_marker() for ln in family["lines"].values()} == {"."}
    assert family.ax.get_ylabel()
    steps = plots.plot_sequential_steps([1, 4])
    assert list(steps["lines"]) == ["rnn", "attention"] and list(steps["lines"]["rnn"].get_ydata()) == [1, 4]
    assert plots.plot_position_accuracy({"attention": [1.0, 1.0]}, "YY")["guess"] is None


@pytest.mark.parametrize(("builder", "bottom", "top"), [
    (lambda: plots.plot_position_by_length(np.full((1, 2), 0.5), [2]), -0.03, 1.03),
    (lambda: plots.plot_position_accuracy({"attention": [0.5, 0.5]}, "YY"), -0.03, 1.03),
    (lambda: plots.saturation_plot(SimpleNamespace(d_k=np.array([2, 4]), max_weight_plain=np.full(2, 0.5),
                                                   max_weight_scaled=np.full(2, 0.5), n_k=4)), 0.0, 1.05),
])
def test_shares_are_shown_on_their_whole_range_whatever_the_data(builder, bottom, top):
    assert builder().ax.get_ylim() == pytest.approx((bottom, top))  # not zoomed onto the values drawn


def test_hidden_states_with_a_divider_update_like_any_heatmap():
    art = plots.plot_hidden_states(np.zeros((2, 4)), ["a", "b"], split=2, show_values=True)
    assert art.colorbar is not None and art.fmt == ".2f" and len(art.texts) == 4
    plots.update_heatmap(art, np.full((4, 2), 0.5))
    assert art.texts[0][0].get_text() == "0.50" and art.image.get_array()[0, 0] == 0.5


def test_the_frame_pieces_keep_their_options():
    fig, ax = plt.subplots()
    ax.plot([0, 1], label="x")
    assert plots.frame.add_legend(ax, loc="upper left") is ax.get_legend()
    assert ax.get_legend()._loc == 2  # matplotlib's code for "upper left"
    plots.frame.faint_grid(ax, axis="x")
    assert all(g.get_visible() for g in ax.xaxis.get_gridlines())
    assert not any(g.get_visible() for g in ax.yaxis.get_gridlines())
    axes = plots.frame.panels(None, (1, 2), (4.0, 2.0), sharey=True)
    assert axes[0].get_shared_y_axes().joined(axes[0], axes[1])
