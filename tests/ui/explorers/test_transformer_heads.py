"""helpers.ui.explorers.transformer: notebook 07's heads explorer (presets, editors, count), as drawn."""

import html
import math

import numpy as np
import pytest

from helpers.core.attention import qkv_self_attention
from helpers.core.multi_head import multi_head_attention
from helpers.lessons import transformer as lt
from helpers.ui.explorer import CUSTOM
from helpers.ui.explorers.block import BlockExplorer
from helpers.ui.explorers.transformer import HeadsExplorer
from tests.drawn import plain_text, read_table
from tests.reference import loop_self_attention
from tests.support.widgets import (
    DECIMAL,
    all_labels_plain,
    assert_drawn,
    bold_headers,
    clip_range,
    drawn,
    on_screen,
    read_vectors,
    sentence_case,
    to_2dp,
    visible,
    visible_text,
)

# ------------------------------------------------------------------ 07: heads and block


def test_heads_a_slider_snapped_to_its_step_keeps_the_preset_name():
    ex = HeadsExplorer()
    name = ex.START[0]  # "previous word": entries such as 1.6209 lie between slider steps
    for ed in ex.editors[0]:
        for row in ed.sliders:
            for s in row:  # what a browser sends when a handle is clicked without moving it
                s.value = round(s.value / s.step) * s.step
    assert ex.presets[0].value == name and f"Head 1: {name}" in read_table(ex.heatmaps[0].html.value).caption
    slider = ex.editors[0][2].sliders[1][0]  # W_v of head 1
    slider.value += 0.5  # a real change: custom
    assert ex.presets[0].value == CUSTOM and "(custom)" in read_table(ex.heatmaps[0].html.value).caption
    slider.value -= 0.5  # moved back: the preset again
    assert ex.presets[0].value == name and CUSTOM not in read_table(ex.heatmaps[0].html.value).caption


def test_heads_choosing_custom_changes_nothing_and_names_nothing_custom():
    ex = HeadsExplorer(n_heads=4)
    for j in (0, 3):  # a head with editors, a head without
        ex.presets[j].value = CUSTOM
        assert ex.presets[j].value == ex.START[j]
        assert f"Head {j + 1}: {ex.START[j]}" in read_table(ex.heatmaps[j].html.value).caption
    ex.n_heads.value = 2  # a refresh
    ex.n_heads.value = 4
    assert all(CUSTOM not in read_table(hm.html.value).caption for hm in ex.heatmaps)


def test_heads_average_preset_is_explained_and_does_what_it_says():
    ex = HeadsExplorer()
    help_text = plain_text(visible(ex.preset_help.value))
    assert "'average'" in help_text and "W_q" in help_text and "1/3" in help_text
    assert all(p.tooltip == html.unescape(ex.preset_help.value.split(">", 1)[1].rsplit("<", 1)[0])
               for p in ex.presets)
    ex.presets[0].value = "average"
    drawn = read_table(ex.heatmaps[0].html.value)
    assert "average" in drawn.caption
    np.testing.assert_allclose(drawn.numbers, 1 / 3, atol=0.006)  # "the same weight, 1/3 each"
    X = lt.head_input()
    out_avg = np.tile(X.mean(axis=0), (3, 1))  # "the mean of the values" (W_v = I)
    out2 = loop_self_attention(X, *lt.head_preset(ex.START[1]), 1 / math.sqrt(2))[2]
    outputs = read_vectors(ex.table.value).numbers[:, 2:]
    assert np.abs(outputs - np.round((out_avg + out2) / 2, 2)).max() < 0.006


# ---------------------------------------------------------------- HeadsExplorer


def head_pattern(name, weights):
    """Does each row of the drawn weights put its largest weight where the preset's name says?"""
    T = weights.shape[0]
    top = list(weights.argmax(axis=1))
    if name == "same word":
        return top == list(range(T))
    if name == "previous word":
        return top[1:] == list(range(T - 1))
    if name == "next word":
        return top[:-1] == list(range(1, T))
    if name == "first word":
        return top == [0] * T
    return np.allclose(weights, 1 / T, atol=0.006)  # average


@pytest.mark.parametrize("name", list(lt.HEAD_PRESETS))
@pytest.mark.parametrize("j", [0, 3])
def test_heads_preset_names_say_what_is_shown(name, j):
    ex = HeadsExplorer(n_heads=4)
    ex.presets[j].value = name
    t = drawn(ex.heatmaps[j])
    assert head_pattern(name, t.numbers), (name, t.numbers)
    assert name in t.caption and str(j + 1) in t.caption
    _, A, _ = loop_self_attention(lt.head_input(), *lt.head_preset(name), 1 / math.sqrt(2))
    assert np.abs(t.numbers - to_2dp(A)).max() < 0.006
    if j == 0:
        maps = lt.head_preset(name)
        assert all(np.allclose(ed.value, M) for ed, M in zip(ex.editors[0], maps, strict=True))
        assert ex.presets[0].value == name  # setting the editors is not a hand edit


@pytest.mark.parametrize("h", [1, 2, 3, 4])
def test_heads_count_shows_hides_and_shapes(h):
    ex = HeadsExplorer(n_heads=1)
    ex.n_heads.value = h
    for j in range(4):
        shown = j < h
        assert (ex.heatmaps[j].layout.display != "none") == shown
        assert (ex.presets[j].layout.display != "none") == shown
    for j in range(2):
        assert (ex.editor_boxes[j].layout.display != "none") == (j < h)
    X = lt.head_input()
    T, d = X.shape
    shapes = visible_text(ex.shapes.value)
    plain_text(shapes)
    assert [int(v) for v in DECIMAL.findall(shapes)] == [T, d, h, d, d, h, T, T, T, h * d, h * d, d, T, d]
    outs = [loop_self_attention(X, *lt.head_preset(n), 1 / math.sqrt(2))[2] for n in ex.START[:h]]
    t = read_vectors(ex.table.value)
    assert t.row_labels == ["I", "go", "home"]
    for text in (t.caption, *t.col_labels):
        plain_text(text)
    assert "x" in t.col_labels[0].split() and "output" in t.col_labels[1]
    assert np.abs(t.numbers - to_2dp(np.hstack([X, sum(outs) / h]))).max() < 0.006


def test_heads_controls_shown_labelled_and_editing():
    assert clip_range(HeadsExplorer(limit=5.0).editors[0][0].sliders[0][0]) == (-5.0, 5.0)
    ex = HeadsExplorer()
    on_screen(
        ex,
        ex.n_heads,
        *ex.presets,
        *ex.heatmaps,
        ex.shapes,
        ex.table,
        *[ed for eds in ex.editors for ed in eds],
    )
    assert all_labels_plain(ex) >= 20
    assert [p.description for p in ex.presets] == ["head 1", "head 2", "head 3", "head 4"]
    assert [ed.name for ed in ex.editors[1]] == ["W_q2", "W_k2", "W_v2"]
    assert list(ex.n_heads.options) == [1, 2, 3, 4] and ex.n_heads.value == 2
    assert clip_range(ex.editors[0][0].sliders[0][0]) == (-4.0, 4.0)  # the presets' 3 fits
    assert 0 < ex.editors[1][2].sliders[0][0].step <= 0.05
    assert [DECIMAL.findall(b) for b in bold_headers(ex) if b.startswith("head")] == [["1"], ["2"]]
    assert "output" in sentence_case(read_vectors(ex.table.value).caption).lower()
    ex.editors[0][2].sliders[1][0].value = 0.5  # W_v of head 1
    assert ex.presets[0].value == "(custom)" and ex.presets[1].value == ex.START[1]
    W_v = np.eye(2)
    W_v[1, 0] = 0.5
    X = lt.head_input()
    out1 = loop_self_attention(X, *lt.head_preset(ex.START[0])[:2], W_v, 1 / math.sqrt(2))[2]
    out2 = loop_self_attention(X, *lt.head_preset(ex.START[1]), 1 / math.sqrt(2))[2]
    assert np.abs(read_vectors(ex.table.value).numbers[:, 2:] - to_2dp((out1 + out2) / 2)).max() < 0.006
    caption = drawn(ex.heatmaps[0]).caption
    assert "custom" in caption and "1" in caption
    ex.presets[1].value = "(custom)"  # choosing "(custom)" changes nothing
    assert np.allclose(ex.editors[1][0].value, lt.head_preset(ex.START[1])[0])
    ex.presets[2].value = "average"  # a hidden head's preset is kept for when it is shown
    ex.n_heads.value = 3
    assert np.allclose(drawn(ex.heatmaps[2]).numbers, 1 / 3, atol=0.006)


def test_heads_presets_editors_and_count():
    ex = HeadsExplorer()
    X = lt.head_input()
    for j, name in enumerate(ex.START[:2]):
        _, W = qkv_self_attention(X, *lt.head_preset(name))
        assert_drawn(ex.heatmaps[j], W, ["I", "go", "home"])
        assert name in drawn(ex.heatmaps[j]).caption
    assert ex.heatmaps[2].layout.display == "none"
    ex.n_heads.value = 4
    ex.presets[3].value = "same word"
    _, W = qkv_self_attention(X, *lt.head_preset("same word"))
    assert_drawn(ex.heatmaps[3], W)
    assert ex.heatmaps[3].layout.display is None and "weights [4, 3, 3]" in ex.shapes.value
    ex.editors[1][1].sliders[0][1].value = 2.0  # W_k of head 2
    assert ex.presets[1].value == "(custom)"
    W_k = lt.head_preset("same word")[1].copy()
    W_k[0, 1] = 2.0
    _, W = qkv_self_attention(X, lt.head_preset("same word")[0], W_k, np.eye(2))
    assert_drawn(ex.heatmaps[1], W)


def test_heads_outputs_are_the_average_of_the_heads():
    ex = HeadsExplorer(n_heads=3)
    X = lt.head_input()
    outs = [qkv_self_attention(X, *lt.head_preset(n))[0] for n in ex.START[:3]]
    assert np.allclose(ex.outputs, np.mean(outs, axis=0))


def test_multi_head_in_heads_explorer_matches_compute():
    ex = HeadsExplorer(n_heads=2)
    out, W = multi_head_attention(lt.head_input(), *lt.stack_heads([lt.head_preset(n) for n in ex.START[:2]]))
    assert np.allclose(ex.weights, W) and np.allclose(ex.outputs, out)


def test_heads_explorer_refuses_a_slider_range_that_would_clip_its_presets():
    from helpers.lessons.transformer import HEAD_PRESETS
    from helpers.ui import HeadsExplorer

    largest = max(abs(v) for head in HEAD_PRESETS.values() for M in head for v in np.ravel(M))
    with pytest.raises(ValueError) as err:
        HeadsExplorer(limit=2.0)
    assert f"{largest:.2f}" in str(err.value) and "2.0" in str(err.value)
    ex = HeadsExplorer(limit=largest)
    for editor, M in zip(ex.editors[0], HEAD_PRESETS[ex.START[0]], strict=True):
        np.testing.assert_allclose(editor.value, M)  # the preset is shown unclipped


def test_head_heatmap_titles_open_with_a_capital_and_name_their_head():
    from helpers.ui import HeadsExplorer
    from tests.drawn import read_table

    heads, block = HeadsExplorer(n_heads=4), BlockExplorer(n_heads=4)
    for ex in (heads, block):
        captions = [read_table(hm.html.value).caption for hm in ex.heatmaps]
        assert [c[0] for c in captions] == ["H"] * 4, captions
        assert [int(c.split()[1].rstrip(":")) for c in captions] == [1, 2, 3, 4], captions
