"""helpers.ui.explorers.transformer: notebook 07's bilinear and position explorers, read back as drawn."""

import math
import re

import numpy as np
import pytest

from helpers.core.attention import qkv_self_attention, softmax
from helpers.lessons import transformer as lt
from helpers.ui.explorers.transformer import BilinearExplorer, PositionExplorer
from tests.drawn import plain_text
from tests.reference import loop_self_attention, loop_softmax
from tests.support.widgets import (
    DECIMAL,
    all_labels_plain,
    assert_drawn,
    bold_headers,
    clip_range,
    drawn,
    on_screen,
    readout_fmt_shows_step,
    sentence_case,
    visible_text,
)

# ---------------------------------------------------------------- BilinearExplorer


def bilinear_status(ex):
    return visible_text(ex.status.value)


BILINEAR_CASES = [
    (1.0, 0.0, 1.0, 0.0, 1.0),
    (2.0, 0.5, 1.0, 0.0, 1.0),
    (-0.5, 0.0, 1.0, 1.5, 1.0),
    (1.0, 0.0, 1.0, 0.0, 2.5),
    (0.0, 0.0, 0.0, 2.0, 1.0),
]


@pytest.mark.parametrize(("s11", "s12", "s22", "a", "go"), BILINEAR_CASES)
def test_bilinear_heatmaps_and_status_as_drawn(s11, s12, s22, a, go):
    ex = BilinearExplorer()
    ex.s11.value, ex.s12.value, ex.s22.value, ex.antisym.value, ex.go_length.value = s11, s12, s22, a, go
    X = lt.bilinear_words().copy()
    X[1] = X[1] * go
    M = [[s11, s12 + a], [s12 - a, s22]]
    S = np.array(
        [
            [sum(X[i][p] * M[p][q] * X[j][q] for p in range(2) for q in range(2)) for j in range(3)]
            for i in range(3)
        ]
    )
    assert_drawn(ex.scores, S, ["I", "go", "home"])
    assert_drawn(ex.heatmap, [loop_softmax(r) for r in S], ["I", "go", "home"])
    # eigenvalues of the symmetric part [[s11, s12], [s12, s22]], closed form
    mid, rad = (s11 + s22) / 2, math.hypot((s11 - s22) / 2, s12)
    status = bilinear_status(ex)
    plain_text(status)
    nums = [float(v) for v in DECIMAL.findall(status)]
    assert nums[:2] == pytest.approx([round(mid - rad, 2), round(mid + rad, 2)], abs=0.006)
    assert nums[2:5] == pytest.approx(list(np.round(np.diagonal(S), 2)), abs=0.006)
    answers = re.findall(r"\b(yes|no)\b", status)
    peaks = all(np.argmax(S[i]) == i for i in range(3))
    assert answers == ["yes" if mid - rad > 0 else "no", "yes" if peaks else "no"]
    assert ("non-zero" in status) == (a != 0) and ("zero" in status)


def test_bilinear_controls_shown_labelled_and_ranges():
    ex = BilinearExplorer()
    sliders = (ex.s11, ex.s12, ex.s22, ex.antisym, ex.go_length)
    on_screen(ex, *sliders, ex.status, ex.scores, ex.heatmap)
    assert all_labels_plain(ex) >= 9
    assert "go" in ex.go_length.description and "A" in ex.antisym.description
    for s in sliders:
        assert s.continuous_update is True and 0 < s.step <= 0.05
        readout_fmt_shows_step(s)
    # S's diagonal reaches negative values (S not positive-definite) and A both signs
    assert clip_range(ex.s11) == (-2.0, 3.0) and clip_range(ex.s22) == (-2.0, 3.0)
    assert clip_range(ex.s12) == (-2.0, 2.0) and clip_range(ex.antisym) == (-3.0, 3.0)
    assert clip_range(ex.go_length) == (0.2, 3.0)  # "go" never shrinks to nothing
    assert [ex.s11.value, ex.s12.value, ex.s22.value, ex.antisym.value, ex.go_length.value] == [1, 0, 1, 0, 1]
    lo, hi = (float(v) for v in drawn(ex.scores).legend)
    assert lo == -hi < 0  # zero is the middle colour
    symmetric, antisymmetric = bold_headers(ex)
    assert "S" in symmetric.split() and "A" in antisymmetric.replace(",", " ").split()
    assert [s.description.split("[")[0] for s in sliders[:4]] == ["S", "S", "S", "A"]
    for caption in (drawn(ex.scores).caption, drawn(ex.heatmap).caption):
        sentence_case(caption)
    assert "score" in drawn(ex.scores).caption.lower() and "softmax" in drawn(ex.heatmap).caption.lower()


# ---------------------------------------------------------------- PositionExplorer


@pytest.mark.parametrize("scale", [0.0, 0.5, 2.0])
def test_position_difference_readout_recomputed(scale):
    ex = PositionExplorer()
    ex.scale.value = scale
    maps = lt.head_preset("previous word")
    tokens = ["I", "go", "home"]
    _, _, out = loop_self_attention(lt.head_input(tokens, scale), *maps, 1 / math.sqrt(2))
    _, _, out_rev = loop_self_attention(lt.head_input(tokens[::-1], scale), *maps, 1 / math.sqrt(2))
    diff = max(abs(out[t, b] - out_rev[2 - t, b]) for t in range(3) for b in range(2))
    text = visible_text(ex.difference.value)
    plain_text(text)
    assert float(DECIMAL.findall(text)[0]) == pytest.approx(diff, abs=6e-4)
    assert ex.max_difference == pytest.approx(diff, abs=1e-9)
    for hm in (ex.heatmap, ex.reversed_heatmap):
        t = drawn(hm)
        assert t.caption == " ".join(t.row_labels)  # the title names the order shown


def test_position_controls_and_custom_maps():
    ex = PositionExplorer(maps=lt.head_preset("same word"))
    on_screen(ex, ex.scale, ex.difference, ex.heatmap, ex.reversed_heatmap)
    assert all_labels_plain(ex) >= 3 and "position" in ex.scale.description
    assert ex.scale.value == lt.HEAD_POSITION_SCALE
    assert clip_range(ex.scale) == (0.0, 4.0)
    readout_fmt_shows_step(ex.scale)
    _, A, _ = loop_self_attention(
        lt.head_input(["home", "go", "I"], 3.0), *lt.head_preset("same word"), 1 / math.sqrt(2)
    )
    assert_drawn(ex.reversed_heatmap, A, ["home", "go", "I"])


def test_bilinear_sliders_show_x_m_x():
    ex = BilinearExplorer()
    X = lt.bilinear_words()
    assert_drawn(ex.heatmap, softmax(X @ X.T), ["I", "go", "home"])  # M = I: naive attention
    ex.antisym.value, ex.s12.value = 1.5, 0.4
    M = np.array([[1.0, 0.4 + 1.5], [0.4 - 1.5, 1.0]])
    scores = np.array([[X[i] @ M @ X[j] for j in range(3)] for i in range(3)])
    assert_drawn(ex.scores, scores)
    assert_drawn(ex.heatmap, softmax(scores))
    assert "every row peaks on itself: <b>no</b>" in ex.status.value


def test_bilinear_antisymmetric_alone_gives_zero_diagonal():
    ex = BilinearExplorer()
    ex.s11.value, ex.s22.value, ex.antisym.value = 0.0, 0.0, 2.0
    values = drawn(ex.scores).numbers
    assert np.all(np.diagonal(values) == 0) and np.abs(values).max() > 0.5
    assert "S positive-definite: <b>no</b>" in ex.status.value


def test_bilinear_unequal_length_breaks_the_diagonal():
    ex = BilinearExplorer()
    assert "peaks on itself: <b>yes</b>" in ex.status.value  # S = I, equal lengths
    ex.go_length.value = 3.0  # "I" now scores "go" at 3 cos 60 = 1.5 > 1
    values = drawn(ex.heatmap).numbers
    assert np.argmax(values[0]) == 1
    assert "peaks on itself: <b>no</b>" in ex.status.value


@pytest.mark.parametrize("scale", [0.0, 1.0, 3.0])
def test_position_slider(scale):
    ex = PositionExplorer()
    ex.scale.value = scale
    maps = lt.head_preset("previous word")
    for hm, tokens in ((ex.heatmap, ["I", "go", "home"]), (ex.reversed_heatmap, ["home", "go", "I"])):
        _, W = qkv_self_attention(lt.head_input(tokens, scale), *maps)
        assert_drawn(hm, W, tokens)
    diff = float(ex.difference.value.split("<b>")[1].split("</b>")[0])
    assert (diff < 1e-3) == (scale == 0.0)
