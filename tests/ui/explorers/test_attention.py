"""helpers.ui.explorers.attention: the Q/K/V explorer of notebook 04 as a learner meets it.

Every control on screen and labelled, every preset showing what its name says, every readout's
numbers recomputed here with plain loops and read back from what was drawn, never from the array
that fed a widget.
"""

import math

import numpy as np
import pytest

from helpers.core.attention import qkv_self_attention
from helpers.core.embeddings import embed_tokens
from helpers.lessons import attention as aa
from helpers.lessons import examples
from helpers.lessons.attention import QKV_PRESETS
from helpers.lessons.examples import example_vectors, naive_sentences, rotation
from helpers.ui.explorers.attention import NaiveAttentionExplorer, QKVExplorer
from tests.drawn import plain_text
from tests.reference import loop_attention_weights, loop_self_attention
from tests.support.widgets import (
    DECIMAL,
    all_labels_plain,
    assert_drawn,
    clip_range,
    drawn,
    on_screen,
    read_vectors,
    sentence_case,
    to_2dp,
    visible_text,
)

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
    assert set(ex.preset.options) == {"(custom)", *QKV_PRESETS}
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
    ex.preset.value = QKV_PRESETS[2]  # random maps: Q, K, V all differ
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
    identity, rotated, random_name, post = QKV_PRESETS
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
    ex.preset.value = QKV_PRESETS[1]
    before = drawn(ex.heatmap).numbers
    ex.preset.value = QKV_PRESETS[3]
    msg = visible_text(ex.message.value)
    plain_text(msg)
    assert "4" in msg and ex.preset.value == "(custom)"
    assert np.array_equal(drawn(ex.heatmap).numbers, before)
    assert np.allclose(ex.W_q.value, rotation(60))
    ex.preset.value = QKV_PRESETS[0]
    assert ex.message.value == "" and np.allclose(ex.W_q.value, np.eye(2))


def test_qkv_preset_beyond_the_sliders_names_the_sizes():
    ex = QKVExplorer(limit=1.0)
    ex.temperature.value = 0.1  # scores x10: the solved W_q is small ...
    ex.temperature.value = 10.0  # ... and at /10 it needs entries far beyond 1
    with pytest.raises(ValueError) as err:
        ex.preset_maps(QKV_PRESETS[3])
    msg = str(err.value)
    plain_text(msg)
    shown = [float(v) for v in DECIMAL.findall(msg)]
    assert 1.0 in shown and max(shown) > 1.0
    ex.preset.value = QKV_PRESETS[3]
    assert ex.preset.value == "(custom)" and "1" in visible_text(ex.message.value)
    assert np.allclose(ex.preset_maps(QKV_PRESETS[0])[0], np.eye(2))


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
    ex.preset.value = QKV_PRESETS[1]
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


# ---------- QKVExplorer ----------

def test_qkv_identity_plain_scale_is_naive_attention():
    ex = QKVExplorer()
    ex.scaling.value = "plain"
    _, X = examples.plain_example(2)
    assert np.allclose(ex.X, X)
    assert np.allclose(ex.heatmap.weights, loop_attention_weights(X, X, 1.0))
    assert repr(ex).startswith("Query/Key/Value explorer")


@pytest.mark.parametrize("d", [2, 3])
def test_qkv_slider_move_shows_qkv_weights(d):
    ex = QKVExplorer(d=d)
    ex.preset.value = QKV_PRESETS[2]  # random
    ex.W_q.sliders[0][1].value = 0.8
    ex.W_k.sliders[1][0].value = -1.2
    ex.W_v.sliders[0][0].value = 2.0
    assert ex.preset.value == "(custom)"
    W_q, W_k, W_v = ex.W_q.value, ex.W_k.value, ex.W_v.value
    assert W_q[0, 1] == 0.8 and W_k[1, 0] == -1.2
    out, w = qkv_self_attention(ex.X, W_q, W_k, W_v)
    assert np.allclose(ex.heatmap.weights, w)
    assert np.allclose(ex.heatmap.weights, loop_attention_weights(ex.X @ W_q, ex.X @ W_k, 1 / math.sqrt(d)))
    assert np.allclose(ex.scores.weights, (ex.X @ W_q) @ (ex.X @ W_k).T / math.sqrt(d))
    assert np.allclose(ex.outputs, out)
    assert f"{(ex.X @ W_v)[0, 0]:.2f}" in ex.vectors.value


def test_qkv_presets():
    ex = QKVExplorer()
    ex.preset.value = QKV_PRESETS[1]
    assert np.allclose(ex.W_q.value, examples.rotation(60)) and np.allclose(ex.W_k.value, np.eye(2))
    ex.preset.value = QKV_PRESETS[2]
    random_maps = examples.random_maps(2, np.random.default_rng(0))
    assert all(np.allclose(a, b) for a, b in zip(ex.maps, random_maps, strict=True))
    ex.preset.value = QKV_PRESETS[3]
    assert np.allclose(ex.heatmap.weights[0], examples.EXAMPLE_WEIGHTS)
    assert ex.heatmap.weights[0, 0] < ex.heatmap.weights[0, 2]


def test_qkv_preset_follows_the_scale_control():
    ex = QKVExplorer(d=3)
    ex.scaling.value = "plain"
    ex.temperature.value = 2.0
    assert ex.scale == pytest.approx(0.5)
    ex.preset.value = QKV_PRESETS[3]
    assert np.allclose(ex.heatmap.weights[0], examples.EXAMPLE_WEIGHTS)
    assert np.allclose(ex.heatmap.weights, loop_attention_weights(ex.X @ ex.maps[0], ex.X @ ex.maps[1], 0.5))


def test_qkv_temperature_changes_the_scale():
    ex = QKVExplorer()
    ex.temperature.value = 0.5
    assert ex.scale == pytest.approx(2 / math.sqrt(2))
    assert np.allclose(ex.heatmap.weights, loop_attention_weights(ex.X, ex.X, 2 / math.sqrt(2)))


def test_qkv_typed_sentence_hangul_and_40_words():
    ex = QKVExplorer()
    ex.text.value = "나는 집에 간다"
    assert ex.heatmap.query_labels == ["나는", "집에", "간다"]
    assert np.allclose(ex.X, embed_tokens(["나는", "집에", "간다"], 2))
    assert "나는" in ex.heatmap.html.value
    words = " ".join(f"w{i}" for i in range(40))
    ex.text.value = words
    assert ex.heatmap.weights.shape == (40, 40) and len(ex.heatmap.key_labels) == 40
    assert np.allclose(ex.heatmap.weights.sum(axis=1), 1)


def test_qkv_reordered_sentence_keeps_word_vectors():
    ex = QKVExplorer()
    ex.text.value = "home go I"
    _, X = examples.plain_example(2)
    assert np.allclose(ex.X, X[::-1])


def test_qkv_empty_sentence_is_a_message_not_a_traceback():
    ex = QKVExplorer()
    before = ex.heatmap.weights.copy()
    ex.text.value = "   "
    assert "empty" in ex.message.value
    assert np.array_equal(ex.heatmap.weights, before)
    ex.text.value = "I go home"
    assert ex.message.value == ""


def test_qkv_preset_that_cannot_apply_explains_why():
    ex = QKVExplorer("I go home now")
    ex.preset.value = QKV_PRESETS[3]
    assert "4 words" in ex.message.value
    assert ex.preset.value == "(custom)"
    assert np.allclose(ex.W_q.value, np.eye(2))


def test_qkv_bad_width():
    with pytest.raises(ValueError, match="2 or 3"):
        QKVExplorer(d=4)
    with pytest.raises(ValueError, match="empty"):
        QKVExplorer("")


@pytest.mark.parametrize("d", [2, 3])
def test_explorers_open_on_the_preset_they_show_not_custom(d):
    naive = NaiveAttentionExplorer()
    assert naive.sentence.value != "(custom)"
    shown = np.array([ed.value for ed in naive.editors])
    assert np.allclose(shown, naive_sentences()[naive.sentence.value])
    qkv = QKVExplorer("I go home", d=d)
    assert qkv.preset.value != "(custom)"
    expected = aa.qkv_preset(qkv.preset.value, qkv.X, seed=qkv.seed, scale=qkv.scale)
    for editor, M in zip((qkv.W_q, qkv.W_k, qkv.W_v), expected, strict=True):
        assert np.allclose(editor.value, M)
