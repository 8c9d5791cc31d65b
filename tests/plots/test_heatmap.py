"""helpers.plots: labelled, annotated heatmaps, Hangul without missing glyphs, in-place update."""

import warnings

import numpy as np
import pytest

from helpers.plots import attention_heatmap, update_heatmap
from helpers.style import text_color_for


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


def test_value_text_contrasts_with_cell():
    assert text_color_for(0.0) == "white"  # dark blue end of cividis
    assert text_color_for(1.0) == "black"  # bright yellow end


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
