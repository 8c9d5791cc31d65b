"""helpers.plots.rnn: the influence maps and contribution bars of notebooks 01-02 read back as drawn."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from helpers.plots.rnn import (
    plot_contributions,
    plot_influence_maps,
)
from tests.drawn import (
    cell_colours,
    cell_fractions,
    colour_to_fraction,
    numbers,
    plain_words,
    sentence_case_titles,
    words,
)
from tests.support.figures import palette_colours


def test_plot_influence_maps_three_panels_one_scale():
    f = np.tril(np.ones((3, 3)))
    b = 2 * np.triu(np.ones((3, 3)))
    arts = plot_influence_maps(f, b, np.sqrt(f**2 + b**2), ["I", "go", "home"])["heatmaps"]
    assert len(arts) == 3
    np.testing.assert_allclose(arts[1].image.get_array(), b)
    assert {a.image.get_clim() for a in arts} == {(0.0, float(np.sqrt(5)))}
    with pytest.raises(ValueError, match="3 tokens"):
        plot_influence_maps(f, b, f[:2], ["I", "go", "home"])


def test_plot_contributions_bars():
    bars = list(plot_contributions({"forward": [1.0, 0.5, 0.0], "backward": [0.0, 0.4, 0.2]},
                                   ["I", "go", "home"], 1)["bars"].values())
    assert [r.get_height() for r in bars[0]][:2] == [1.0, 0.5]
    assert "word 2 'go'" in bars[0][0].axes.get_title()  # words counted from 1


# ---------------------------------------------------------------- plot_influence_maps


def test_influence_maps_sit_side_by_side_and_name_both_directions():
    T = 3
    f = [[1.0 if s <= t else 0.0 for s in range(T)] for t in range(T)]
    b = [[2.0 if s >= t else 0.0 for s in range(T)] for t in range(T)]
    both = [[(f[t][s] ** 2 + b[t][s] ** 2) ** 0.5 for s in range(T)] for t in range(T)]
    arts = plots.plot_influence_maps(f, b, both, ["I", "go", "home"], fmt=".3f")["heatmaps"]
    top = max(max(row) for row in both)
    for art, m in zip(arts, (f, b, both), strict=True):
        assert art.image.get_clim() == (0.0, top)
        np.testing.assert_allclose(cell_fractions(art.ax, T, T), np.array(m) / top, atol=1.5 / 256)
        assert art.texts[0][0].get_text() == f"{m[0][0]:.3f}"
        assert [t.get_text() for t in art.ax.get_xticklabels()] == ["I", "go", "home"]
        assert "s" in words(art.ax.get_xlabel()) and "t" in words(art.ax.get_ylabel())
    fig = arts[0].ax.figure
    fig.canvas.draw()
    boxes = [a.ax.get_position() for a in arts]
    assert boxes[0].x1 < boxes[1].x0 and boxes[1].x1 < boxes[2].x0
    assert boxes[0].y0 == pytest.approx(boxes[1].y0) == pytest.approx(boxes[2].y0)
    titles = [a.ax.get_title().replace("\n", " ") for a in arts]
    assert len(set(titles)) == 3
    assert "RNN" in words(titles[0]) and "RNN" in words(titles[1]) and "T" in words(titles[1])
    plain_words(fig, at_least=20)
    with pytest.raises(ValueError) as err:
        plots.plot_influence_maps(f, b, np.ones((2, 2)), ["I", "go", "home"])
    assert "(2, 2)" in str(err.value) and "3" in str(err.value)
    _, four = plt.subplots(1, 4)
    with pytest.raises(ValueError):
        plots.plot_influence_maps(f, b, both, ["I", "go", "home"], ax=four)  # one axes per map


# ---------------------------------------------------------------- plot_contributions


def test_contribution_pairs_are_centred_on_their_word_in_palette_colours():
    rows = {"forward": [0.5, 1.0, 2.0], "backward": [2.0, 1.0, 0.25], "both": [1.0, 1.0, 1.0]}
    tokens = ["I", "go", "home"]
    fig, ax = plt.subplots()
    bars = list(plots.plot_contributions(rows, tokens, 2, ax, logy=False)["bars"].values())
    assert all(p.axes is ax for c in bars for p in c)
    for container, vals in zip(bars, rows.values(), strict=True):
        assert [p.get_height() for p in container] == vals
    for s in range(3):
        centres = [c[s].get_x() + c[s].get_width() / 2 for c in bars]
        assert np.mean(centres) == pytest.approx(s) and centres == sorted(centres)
    cols = palette_colours([c[0] for c in bars], get=lambda p: p.get_facecolor())
    assert len(set(cols)) == 3
    labels = [t.get_text() for t in ax.get_xticklabels()]
    for s, (label, tok) in enumerate(zip(labels, tokens, strict=True)):
        assert numbers(label) == [s + 1] and tok in label
    assert 3 in numbers(ax.get_title()) and "home" in ax.get_title()  # word t=2 is word 3
    assert 1 in numbers(ax.get_xlabel())
    linear = ax.get_ylabel()
    assert "h_t" in linear and "x_s" in linear and "log" not in words(linear)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(rows)
    assert any(g.get_visible() for g in ax.yaxis.get_gridlines())
    sentence_case_titles(fig)
    plain_words(fig, at_least=9)
    lax = plots.plot_contributions(rows, tokens, 0).ax
    assert lax.get_yscale() == "log" and "log" in words(lax.get_ylabel())
    assert lax.get_ylabel().startswith(linear)
    # The same quantity, written the same way, as in the influence maps of the same notebook; the
    # log axis is marked as in plot_curves.
    maps = plots.plot_influence_maps(np.eye(3), np.eye(3), np.eye(3), tokens)["heatmaps"]
    assert maps[0].ax.get_title().replace("\n", " ").startswith(linear.replace(" ", "") + ",")
    curve_ax = plots.plot_curves([1, 2], {"a": [1, 2]}, title="c", ylabel="size").ax
    assert lax.get_ylabel()[len(linear):] == curve_ax.get_ylabel()[len("size"):]
    plain_words(lax.figure, at_least=9)


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
    one = list(plots.plot_contributions({"only": [1, 2]}, ["a", "b"], t=1, logy=False)["bars"].values())
    assert one[0][0].get_width() >= 0.6 and one[0][1].get_x() + one[0][1].get_width() / 2 == pytest.approx(
        1.0
    )
