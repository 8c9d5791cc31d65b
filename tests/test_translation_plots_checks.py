"""Notebook 06's static figures (read back from the artists) and exercise checks (pass and fail)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.checks import check_bottleneck_reason, check_context, check_reversal_alignment
from helpers.core.attention import softmax
from helpers.core.seq2seq import Seq2Seq
from helpers.lessons.translation_experiments import CONTEXT_EXERCISE
from helpers.plots import alignment_heatmap, plot_alignments


def test_alignment_heatmap_shows_translate_weights_with_character_labels():
    model = Seq2Seq("ab c", "xy", 3, 4, attention=True, rng=np.random.default_rng(0), max_output_len=4)
    drawn = plot_alignments(model, ["ab c", "ca"])["heatmaps"]
    for art, src in zip(drawn, ["ab c", "ca"], strict=True):
        out, w = model.translate(src)
        np.testing.assert_allclose(art.image.get_array(), w)
        assert [t.get_text() for t in art.ax.get_xticklabels()] == [("␣" if c == " " else c) for c in src]
        assert [t.get_text() for t in art.ax.get_yticklabels()] == list(out)
        assert [[t.get_text() for t in row] for row in art.texts] == [[f"{v:.2f}" for v in r] for r in w]
        assert art.image.get_clim() == (0.0, 1.0)
    plt.close("all")
    with pytest.raises(ValueError):
        alignment_heatmap(np.ones((2, 3)), "ab", "ab")


def test_context_check_passes_rounded_answers_and_names_mistakes():
    s, H = CONTEXT_EXERCISE["s"], CONTEXT_EXERCISE["H"]
    w = softmax(H @ s / np.sqrt(2))
    assert check_context(np.round(w @ H, 2))
    assert "scale" in check_context(softmax(H @ s) @ H).message
    assert "weights" in check_context(w).message
    assert not check_context(H.mean(axis=0))


def test_alignment_and_bottleneck_checks():
    assert check_reversal_alignment([4, 3, 2, 1, 0])
    assert "diagonal" in check_reversal_alignment([0, 1, 2, 3, 4]).message
    assert check_bottleneck_reason(" B ") and not check_bottleneck_reason("d")
    assert "answer with one of" in check_bottleneck_reason("e").message
    # the explanation answers each wrong option with what sections 3 and 4 measured
    why_not = check_bottleneck_reason("c").message
    assert "d_h = 128" in why_not and "9" in why_not and "written last" in why_not
