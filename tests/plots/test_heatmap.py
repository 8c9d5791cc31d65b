"""helpers.plots.heatmap: labelled, annotated heatmaps read back as drawn; titles wrapped to fit.

Cell colours are read from the rendered image and turned back into values through the cividis
colour list; titles are measured on the rendered canvas against the width they were wrapped for;
text is checked for contrast on the colour actually rendered under it.
"""

import re
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from helpers.plots import attention_heatmap, update_heatmap
from helpers.plots.heatmap import fit_title
from helpers.style import text_color_for
from tests.drawn import (
    cell_colours,
    colour_to_fraction,
    contrast,
    plain_words,
    rendered_pixel,
    text_outside,
)
from tests.reference import loop_softmax_rows


def test_heatmap_has_labels_values_title_and_fixed_limits():
    w = np.array([[0.2, 0.1, 0.7], [0.3, 0.3, 0.4]])
    art = attention_heatmap(w, ["I", "go"], ["I", "go", "home"], title="weights of I")
    assert [t.get_text() for t in art.ax.get_xticklabels()] == ["I", "go", "home"]
    assert [t.get_text() for t in art.ax.get_yticklabels()] == ["I", "go"]
    assert [[t.get_text() for t in row] for row in art.texts] == [["0.20", "0.10", "0.70"],
                                                                   ["0.30", "0.30", "0.40"]]
    assert art.image.get_clim() == (0.0, 1.0)
    assert art.image.get_cmap().name == "cividis"
    assert art.ax.get_title() == "weights of I"


def test_update_changes_data_and_texts_in_place():
    art = attention_heatmap(np.eye(2), ["a", "b"], ["a", "b"])
    n_images = len(art.ax.images)
    update_heatmap(art, [[0.25, 0.75], [0.5, 0.5]])
    assert len(art.ax.images) == n_images
    np.testing.assert_allclose(art.image.get_array(), [[0.25, 0.75], [0.5, 0.5]])
    assert art.texts[0][1].get_text() == "0.75"
    with pytest.raises(ValueError, match="keeps the shape"):
        update_heatmap(art, np.eye(3))


def test_hangul_renders_without_missing_glyph_warning():
    tokens = ["나는", "집에", "간다"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        art = attention_heatmap(np.full((3, 3), 1 / 3), tokens, tokens, title="'나는 집에 간다'의 가중치")
        art.ax.figure.canvas.draw()


def test_forty_tokens_and_punctuation_still_plot():
    tokens = [f"w{i}" for i in range(38)] + ["!", "?"]
    w = np.random.default_rng(0).dirichlet(np.ones(40), size=40)
    art = attention_heatmap(w, tokens, tokens)
    art.ax.figure.canvas.draw()
    assert len(art.texts) == 40 and len(art.ax.get_xticklabels()) == 40
    assert art.ax.get_xticklabels()[0].get_fontsize() >= 6


def test_label_count_mismatch_is_clear():
    with pytest.raises(ValueError, match="need 2 query labels and 2 key labels; got 3 and 2"):
        attention_heatmap(np.eye(2), ["a", "b", "c"], ["a", "b"])

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
