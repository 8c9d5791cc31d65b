"""Explorers of notebooks 03, 04 and 07 as a learner meets them: every control on screen and labelled,
every preset showing what its name says, every readout's numbers recomputed here with plain loops.

Numbers are read back from what was drawn (``tests.drawn.read_table`` / ``arrow_ends``), never from
the array that fed a widget.
"""

import math
import re

import numpy as np
import pytest

from helpers.core.embeddings import tokenize
from helpers.lessons import transformer as lt
from helpers.lessons.examples import example_vectors, naive_sentences, rotation
from helpers.ui.explorers.attention import NaiveAttentionExplorer, QKVExplorer, vectors_table
from helpers.ui.explorers.block import BlockExplorer
from helpers.ui.explorers.transformer import BilinearExplorer, HeadsExplorer, PositionExplorer
from tests.drawn import arrow_ends, colour_to_fraction, plain_text, read_svg
from tests.reference import loop_self_attention, loop_softmax
from tests.support.widgets import (
    DECIMAL,
    all_labels_plain,
    assert_drawn,
    bold_headers,
    clip_range,
    drawn,
    on_screen,
    read_vectors,
    readout_fmt_shows_step,
    sentence_case,
    to_2dp,
    visible_text,
)

# ---------------------------------------------------------------- independent computations


# ---------------------------------------------------------------- NaiveAttentionExplorer


def test_naive_every_control_is_shown_and_labelled():
    ex = NaiveAttentionExplorer()
    on_screen(ex, ex.sentence, ex.query, ex.scores, ex.heatmap, ex.arrows, *ex.editors)
    on_screen(ex, *[s for ed in ex.editors for row in ed.sliders for s in row])
    assert all_labels_plain(ex) >= 8
    assert [ed.name for ed in ex.editors] == ["I", "go", "home"]
    assert ex.query.options == (("I", 0), ("go", 1), ("home", 2))
    assert "score" in drawn(ex.scores).caption.lower() and "softmax" in drawn(ex.heatmap).caption.lower()
    for caption in (
        drawn(ex.scores).caption,
        drawn(ex.heatmap).caption,
        read_svg(ex.arrows.html.value).title,
    ):
        sentence_case(caption)
    assert set(ex.sentence.options) == {"(custom)", *naive_sentences()}


def test_naive_sliders_span_plus_minus_the_limit():
    ex = NaiveAttentionExplorer(limit=2.0)
    for s in (ex.editors[0].sliders[0][0], ex.editors[2].sliders[0][1]):
        assert clip_range(s) == (-2.0, 2.0)
        assert 0 < s.step <= 0.05
        readout_fmt_shows_step(s)
    assert clip_range(NaiveAttentionExplorer().editors[1].sliders[0][0]) == (-3.0, 3.0)  # default limit


@pytest.mark.parametrize("name", list(naive_sentences()))
def test_naive_drawn_scores_and_weights(name):
    ex = NaiveAttentionExplorer()
    ex.sentence.value = name
    X = naive_sentences()[name]
    S, A, _ = loop_self_attention(X, np.eye(2), np.eye(2), np.eye(2), 1.0)
    t = assert_drawn(ex.scores, S, ["I", "go", "home"])
    w = assert_drawn(ex.heatmap, A, ["I", "go", "home"])
    # weights on the fixed 0..1 colour scale; scores on one fixed scale around 0 that holds every
    # preset's scores (the long "home" self-score is 6.8), so no preset cell is clipped to an end colour
    assert [float(v) for v in w.legend] == [0.0, 1.0]
    assert np.abs(colour_to_fraction(w.backgrounds) - A).max() < 0.02
    lo, hi = (float(v) for v in t.legend)
    assert lo < 0 < S.mean() < hi
    assert lo <= S.min() and S.max() <= hi
    assert np.abs(colour_to_fraction(t.backgrounds) - np.clip((S - lo) / (hi - lo), 0, 1)).max() < 0.02
    assert ex.sentence.value == name  # choosing a set is not a hand edit


def test_naive_preset_names_say_what_is_shown():
    ex = NaiveAttentionExplorer()
    names, checked = list(naive_sentences()), []
    for name in names:
        ex.sentence.value = name
        weights = drawn(ex.heatmap).numbers
        X = np.array([ed.value for ed in ex.editors])
        lengths = np.sqrt((X**2).sum(axis=1))
        if "0.2 / 0.1 / 0.7" in name:
            assert np.allclose(weights[0], [0.2, 0.1, 0.7], atol=0.006)
            checked.append(name)
        if "equal lengths" in name:
            assert np.allclose(lengths, lengths[0]) and list(weights.argmax(axis=1)) == [0, 1, 2]
            checked.append(name)
        if "long" in name:
            assert lengths.argmax() == 2 and list(weights.argmax(axis=1)) == [2, 2, 2]
            checked.append(name)
    assert checked == names  # every set's name was read and held
    ex.sentence.value = "(custom)"  # picking "(custom)" keeps the vectors shown
    assert np.allclose([ed.value for ed in ex.editors], naive_sentences()[names[-1]])


@pytest.mark.parametrize("i", [0, 1, 2])
def test_naive_arrows_as_drawn(i):
    ex = NaiveAttentionExplorer()
    ex.editors[1].sliders[0][0].value = -1.5
    ex.query.value = i
    X = np.array([ed.value for ed in ex.editors])
    _, _, out = loop_self_attention(X, np.eye(2), np.eye(2), np.eye(2), 1.0)
    ends, svg = arrow_ends(ex.arrows.html.value)
    tokens = ["I", "go", "home"]
    assert list(ends) == [*tokens, f"enc({tokens[i]})"]
    expected = np.vstack([X, out[i]])
    drawn_px = np.array(list(ends.values()))
    x0, y0, x1, y1 = svg.frame
    px_per_unit = (x1 - x0) / (2 * 3.0)  # the fixed limit 3: the plot spans -3..3
    assert np.abs(drawn_px / px_per_unit - expected).max() < 0.05
    dashed = [
        "stroke-dasharray" in next(el for el in g if el.tag.endswith("line")).attrib
        for g in svg.elements("g", "rta-arrow")
    ]
    assert dashed == [False, False, False, True]
    assert np.allclose(ex.outputs, out)
    assert "vector" in sentence_case(svg.title).lower()


def test_naive_custom_vectors_edit_marks_custom():
    ex = NaiveAttentionExplorer(["a", "b"], [[1.0, 0.0], [0.0, 2.0]])
    assert ex.sentence.value == "(custom)"
    ex.editors[0].sliders[0][1].value = 1.0
    S, A, _ = loop_self_attention([[1.0, 1.0], [0.0, 2.0]], np.eye(2), np.eye(2), np.eye(2), 1.0)
    assert_drawn(ex.heatmap, A, ["a", "b"])
    assert_drawn(ex.scores, S, ["a", "b"])
    with pytest.raises(ValueError) as err:
        NaiveAttentionExplorer(["a", "b", "c"], np.ones((2, 2)))
    assert "3" in str(err.value) and "(2, 2)" in str(err.value)


# ---------------------------------------------------------------- QKVExplorer


def test_qkv_every_control_is_shown_and_labelled():
    ex = QKVExplorer()
    on_screen(
        ex,
        ex.text,
        ex.message,
        ex.preset,
        ex.W_q,
        ex.W_k,
        ex.W_v,
        ex.scaling,
        ex.temperature,
        ex.vectors,
        ex.scores,
        ex.heatmap,
    )
    assert all_labels_plain(ex) >= 15
    plain_text(ex.text.placeholder)
    assert "temperature" in ex.temperature.description and "preset" in ex.preset.description
    labels = {value: label for label, value in ex.scaling.options}
    assert "sqrt" in labels["sqrt"] and "1" in labels["plain"]
    assert ex.text.continuous_update is False  # the sentence applies on Enter, not per key
    assert [m.name for m in (ex.W_q, ex.W_k, ex.W_v)] == ["W_q", "W_k", "W_v"]
    assert set(ex.preset.options) == {"(custom)", *ex.PRESETS}
    assert ex.message.value == ""  # nothing to say at the start
    assert ex.text.value == "I go home"  # the box shows the sentence that is drawn
    assert "score" in drawn(ex.scores).caption.lower() and "softmax" in drawn(ex.heatmap).caption.lower()
    assert clip_range(ex.W_v.sliders[1][1]) == (-3.0, 3.0)  # default limit
    for caption in (
        drawn(ex.scores).caption,
        drawn(ex.heatmap).caption,
        read_vectors(ex.vectors.value).caption,
    ):
        sentence_case(caption)


def test_qkv_sliders_and_temperature_ranges():
    ex = QKVExplorer(limit=2.0)
    for s in (ex.W_q.sliders[0][0], ex.W_k.sliders[1][0], ex.W_v.sliders[0][1]):
        assert clip_range(s) == (-2.0, 2.0)
        assert 0 < s.step <= 0.01  # two-decimal entries (the solved presets) are reachable
    lo, hi = clip_range(ex.temperature)
    assert lo == pytest.approx(0.1) and hi == pytest.approx(10.0)  # softmax from sharp to flat
    assert 0 < ex.temperature.step <= 0.05  # a step multiplies the temperature by at most 10**0.05
    assert format(ex.temperature.value, ex.temperature.readout_format) == "1.00"


@pytest.mark.parametrize(
    ("d", "scaling", "temperature"),
    [(2, "sqrt", 1.0), (3, "sqrt", 0.5), (3, "plain", 2.0), (2, "plain", 1.0)],
)
def test_qkv_vectors_table_and_scores_as_drawn(d, scaling, temperature):
    ex = QKVExplorer("I go home", d=d)
    ex.preset.value = ex.PRESETS[2]  # random maps: Q, K, V all differ
    ex.scaling.value, ex.temperature.value = scaling, temperature
    ex.W_q.sliders[0][0].value = 0.7
    scale = (1 / math.sqrt(d) if scaling == "sqrt" else 1.0) / temperature
    X = example_vectors(["I", "go", "home"], d, seed=0)
    W_q, W_k, W_v = ex.W_q.value, ex.W_k.value, ex.W_v.value
    assert W_q[0, 0] == 0.7 and ex.preset.value == "(custom)"
    S, A, out = loop_self_attention(X, W_q, W_k, W_v, scale)
    t = read_vectors(ex.vectors.value)
    assert t.row_labels == ["I", "go", "home"]
    assert f"{scale:.3f}" in t.caption and "scale" in t.caption
    plain_text(t.caption)
    # each column group names its vector and the map that made it
    assert [c.split()[0] for c in t.col_labels] == ["x", "q", "k", "v", "output"]
    assert [c.split()[-1] for c in t.col_labels[1:4]] == ["W_q", "W_k", "W_v"]
    expected = np.hstack([X, X @ W_q, X @ W_k, X @ W_v, out])
    assert np.abs(t.numbers - to_2dp(expected)).max() < 0.006
    assert_drawn(ex.scores, S, ["I", "go", "home"])
    assert_drawn(ex.heatmap, A)
    sc = drawn(ex.scores)
    lo, hi = (float(v) for v in sc.legend)
    assert lo == -hi < 0  # zero is the middle colour: positive and negative scores look opposite
    plain_text(sc.caption)


def test_qkv_preset_names_say_what_is_shown():
    ex = QKVExplorer()
    X = example_vectors(["I", "go", "home"], 2, seed=0)
    identity, rotated, random_name, post = ex.PRESETS
    ex.preset.value = rotated
    t = read_vectors(ex.vectors.value).numbers
    x, q, k = t[:, 0:2], t[:, 2:4], t[:, 4:6]
    angle = np.degrees(np.arctan2(q[:, 1], q[:, 0]) - np.arctan2(x[:, 1], x[:, 0])) % 360
    assert "60" in rotated and np.allclose(angle, [60, 60, 60], atol=1.5)
    assert np.allclose(k, x, atol=0.006)
    ex.preset.value = identity
    t = read_vectors(ex.vectors.value).numbers
    assert np.allclose(t[:, 0:8], np.tile(t[:, 0:2], 4))  # q = k = v = x
    assert_drawn(ex.heatmap, loop_self_attention(X, np.eye(2), np.eye(2), np.eye(2), 1 / math.sqrt(2))[1])
    ex.preset.value = random_name
    first = ex.W_q.value
    ex.preset.value = identity
    ex.preset.value = random_name
    assert np.array_equal(ex.W_q.value, first) and not np.allclose(first, np.eye(2))  # seeded
    assert not np.allclose(QKVExplorer(seed=1).preset_maps(random_name)[0], first)
    ex.preset.value = post
    wanted = [float(v) for v in DECIMAL.findall(post)]
    assert np.allclose(drawn(ex.heatmap).numbers[0], wanted, atol=0.006)
    assert ex.preset.value == post and ex.message.value == ""


def test_qkv_preset_that_cannot_apply_and_recovery():
    ex = QKVExplorer("I go home now")
    ex.preset.value = ex.PRESETS[1]
    before = drawn(ex.heatmap).numbers
    ex.preset.value = ex.PRESETS[3]
    msg = visible_text(ex.message.value)
    plain_text(msg)
    assert "4" in msg and ex.preset.value == "(custom)"
    assert np.array_equal(drawn(ex.heatmap).numbers, before)
    assert np.allclose(ex.W_q.value, rotation(60))
    ex.preset.value = ex.PRESETS[0]
    assert ex.message.value == "" and np.allclose(ex.W_q.value, np.eye(2))


def test_qkv_preset_beyond_the_sliders_names_the_sizes():
    ex = QKVExplorer(limit=1.0)
    ex.temperature.value = 0.1  # scores x10: the solved W_q is small ...
    ex.temperature.value = 10.0  # ... and at /10 it needs entries far beyond 1
    with pytest.raises(ValueError) as err:
        ex.preset_maps(ex.PRESETS[3])
    msg = str(err.value)
    plain_text(msg)
    shown = [float(v) for v in DECIMAL.findall(msg)]
    assert 1.0 in shown and max(shown) > 1.0
    ex.preset.value = ex.PRESETS[3]
    assert ex.preset.value == "(custom)" and "1" in visible_text(ex.message.value)
    assert np.allclose(ex.preset_maps(ex.PRESETS[0])[0], np.eye(2))


@pytest.mark.parametrize(("d", "seed"), [(3, 0), (2, 3)])
def test_qkv_typed_words_get_the_seeded_vectors_of_width_d(d, seed):
    ex = QKVExplorer(d=d, seed=seed)
    X0 = example_vectors(["I", "go", "home"], d, seed=seed)
    ex.text.value = "cat sat"
    X = example_vectors(["cat", "sat"], d, seed=seed)
    assert not np.allclose(X, example_vectors(["cat", "sat"], d, seed=seed + 1))
    assert np.abs(read_vectors(ex.vectors.value).numbers[:, :d] - to_2dp(X)).max() < 0.006
    S, A, _ = loop_self_attention(X, np.eye(d), np.eye(d), np.eye(d), 1 / math.sqrt(d))
    assert_drawn(ex.heatmap, A, ["cat", "sat"])
    fresh = QKVExplorer("cat sat", d=d, seed=seed)
    assert np.abs(read_vectors(fresh.vectors.value).numbers[:, :d] - to_2dp(X)).max() < 0.006
    ex.text.value = "I go home"
    assert np.abs(read_vectors(ex.vectors.value).numbers[:, :d] - to_2dp(X0)).max() < 0.006


def test_qkv_sentence_box_updates_labels_and_empty_message():
    ex = QKVExplorer()
    ex.preset.value = ex.PRESETS[1]
    ex.text.value = "home I"
    X = example_vectors(["home", "I"], 2, seed=0)
    S, A, out = loop_self_attention(X, rotation(60), np.eye(2), np.eye(2), 1 / math.sqrt(2))
    assert_drawn(ex.heatmap, A, ["home", "I"])
    assert read_vectors(ex.vectors.value).row_labels == ["home", "I"]
    assert np.allclose(ex.W_q.value, rotation(60))  # the maps stay when the sentence changes
    ex.text.value = " "
    msg = visible_text(ex.message.value)
    sentence_case(msg.strip())
    assert "empty" in msg and drawn(ex.heatmap).row_labels == ["home", "I"]
    ex.text.value = "go"
    assert ex.message.value == "" and drawn(ex.scores).row_labels == ["go"]


def test_vectors_table_blocks_and_format():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    t = read_vectors(vectors_table(["a", "b"], {"x": X, "y": 10 * X[:, :1]}, title="T", fmt=".1f"))
    assert t.caption == "T" and t.corner == "token" and t.col_labels == ["x", "y"]
    assert t.cells == [["1.0", "2.0", "10.0"], ["3.0", "4.0", "30.0"]]
    default = read_vectors(vectors_table(["a"], {"x": X[:1]}))
    assert default.cells == [["1.00", "2.00"]]
    sentence_case(default.caption)


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


# ---------------------------------------------------------------- BlockExplorer


def test_block_controls_shown_labelled_and_ranges():
    ex = BlockExplorer()
    boxes = (ex.causal, ex.positions, ex.scaled, ex.residual)
    on_screen(ex, ex.text, ex.message, *boxes, ex.position_scale, ex.n_heads, *ex.heatmaps, ex.table)
    assert all_labels_plain(ex) >= 8
    for box, word in zip(boxes, ("causal", "position", "sqrt", "residual"), strict=True):
        assert word in box.description
    assert [b.value for b in boxes] == [False, False, True, True]
    assert list(ex.n_heads.options) == [1, 2, 4] and ex.n_heads.value == 2
    assert clip_range(ex.position_scale) == (0.0, 3.0) and ex.position_scale.value == 1.0
    assert 0 < ex.position_scale.step <= 0.1
    readout_fmt_shows_step(ex.position_scale)
    assert ex.text.continuous_update is False and ex.message.value == ""
    assert ex.text.value == "I go home"  # the box shows the sentence that is drawn
    assert "output" in sentence_case(read_vectors(ex.table.value).caption).lower()
    assert BlockExplorer(n_heads=4, causal=True, positions=True, scaled=False, residual=False).switches() == {
        "causal": True,
        "positions": True,
        "scaled": False,
        "residual": False,
        "position_scale": 1.0,
    }


@pytest.mark.parametrize("h", [1, 2, 4])
def test_block_table_and_titles_as_drawn(h):
    ex = BlockExplorer("I go home now", n_heads=h)
    tokens = ["I", "go", "home", "now"]
    t = read_vectors(ex.table.value)
    assert t.row_labels == tokens
    plain_text(t.caption)
    assert [int(v) for v in DECIMAL.findall(t.col_labels[0])] == [t.numbers.shape[1]] == [lt.BLOCK_D_MODEL]
    # the caption's promise: layer-normalised rows, mean 0 and variance 1 (to the 2 decimals shown)
    assert np.abs(t.numbers.mean(axis=1)).max() < 0.01
    assert np.abs(t.numbers.var(axis=1) - 1).max() < 0.02
    for j in range(4):
        if j < h:
            c = drawn(ex.heatmaps[j]).caption
            plain_text(c)
            assert [int(v) for v in DECIMAL.findall(c)] == [j + 1, h]
            assert drawn(ex.heatmaps[j]).row_labels == tokens
            assert ex.heatmaps[j].layout.display != "none"
            assert np.allclose(drawn(ex.heatmaps[j]).numbers.sum(axis=1), 1, atol=0.03)
        else:
            assert ex.heatmaps[j].layout.display == "none"
    ex.n_heads.value = 1 if h != 1 else 4
    assert ex.heatmaps[1].layout.display == ("none" if h != 1 else None)


def test_block_weights_are_built_once_per_head_count():
    ex = BlockExplorer(n_heads=2)
    first = ex.weights_for(2)
    assert ex.weights_for(2) is first
    assert ex.weights_for(4) is not first
    ex.n_heads.value = 4
    ex.n_heads.value = 2
    assert ex.weights_for(2) is first


def test_block_sentence_box_message_and_recovery():
    ex = BlockExplorer()
    ex.text.value = "  "
    msg = visible_text(ex.message.value)
    sentence_case(msg.strip())
    assert "empty" in msg and drawn(ex.heatmaps[0]).row_labels == ["I", "go", "home"]
    ex.text.value = "we go"
    assert ex.message.value == "" and ex.tokens == tokenize("we go")
    assert drawn(ex.heatmaps[1]).row_labels == ["we", "go"]
    assert read_vectors(ex.table.value).row_labels == ["we", "go"]
    assert np.allclose(ex.X, lt.block_input(["we", "go"]))
