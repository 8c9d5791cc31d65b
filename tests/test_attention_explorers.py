"""Explorers of notebooks 03-04: set a widget, assert the shown data equals an independent computation."""

import math

import numpy as np
import pytest

from helpers.core.attention import qkv_self_attention
from helpers.core.embeddings import embed_tokens
from helpers.lessons import attention as aa
from helpers.lessons import examples
from helpers.lessons.examples import naive_sentences
from helpers.ui.explorers.attention import NaiveAttentionExplorer, QKVExplorer, vectors_table
from tests.reference import loop_attention_weights

# ---------- NaiveAttentionExplorer ----------

def test_naive_explorer_starts_on_the_posts_example():
    ex = NaiveAttentionExplorer()
    assert np.allclose(ex.heatmap.weights[0], examples.EXAMPLE_WEIGHTS)
    assert ex.heatmap.query_labels == ["I", "go", "home"]
    assert repr(ex).startswith("Naive self-attention explorer")


def test_naive_explorer_slider_updates_everything():
    ex = NaiveAttentionExplorer()
    ex.editors[2].sliders[0][1].value = 1.5  # move "home" up
    X = np.array([ed.value for ed in ex.editors])
    assert X[2, 1] == 1.5
    assert np.allclose(ex.scores.weights, [[a @ b for b in X] for a in X])
    w = loop_attention_weights(X, X, 1.0)
    assert np.allclose(ex.heatmap.weights, w)
    assert np.allclose(ex.arrows.vectors[:3], X)
    assert np.allclose(ex.arrows.vectors[3], w[0] @ X)  # the encoding of "I"
    assert ex.sentence.value == "(custom)"


def test_naive_explorer_query_and_sentence_picker():
    ex = NaiveAttentionExplorer()
    ex.query.value = 1
    X = ex.X
    assert ex.arrows.labels[-1] == "enc(go)"
    assert np.allclose(ex.arrows.vectors[-1], loop_attention_weights(X, X, 1.0)[1] @ X)
    name, vecs = list(naive_sentences().items())[1]
    ex.sentence.value = name
    assert np.allclose(ex.X, vecs)
    assert np.allclose(ex.heatmap.weights, loop_attention_weights(vecs, vecs, 1.0))
    assert np.all(np.argmax(ex.heatmap.weights, axis=1) == np.arange(3))  # equal lengths: self on top


def test_naive_explorer_custom_vectors_and_bad_shape():
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    ex = NaiveAttentionExplorer(["a", "b"], X)
    assert ex.sentence.value == "(custom)"
    assert np.allclose(ex.heatmap.weights, loop_attention_weights(X, X, 1.0))
    with pytest.raises(ValueError, match=r"\[2, 2\]"):
        NaiveAttentionExplorer(["a", "b"], np.ones((3, 2)))


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
    ex.preset.value = ex.PRESETS[2]  # random
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
    ex.preset.value = ex.PRESETS[1]
    assert np.allclose(ex.W_q.value, examples.rotation(60)) and np.allclose(ex.W_k.value, np.eye(2))
    ex.preset.value = ex.PRESETS[2]
    random_maps = examples.random_maps(2, np.random.default_rng(0))
    assert all(np.allclose(a, b) for a, b in zip(ex.maps, random_maps, strict=True))
    ex.preset.value = ex.PRESETS[3]
    assert np.allclose(ex.heatmap.weights[0], examples.EXAMPLE_WEIGHTS)
    assert ex.heatmap.weights[0, 0] < ex.heatmap.weights[0, 2]


def test_qkv_preset_follows_the_scale_control():
    ex = QKVExplorer(d=3)
    ex.scaling.value = "plain"
    ex.temperature.value = 2.0
    assert ex.scale == pytest.approx(0.5)
    ex.preset.value = ex.PRESETS[3]
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
    ex.preset.value = ex.PRESETS[3]
    assert "4 words" in ex.message.value
    assert ex.preset.value == "(custom)"
    assert np.allclose(ex.W_q.value, np.eye(2))


def test_qkv_bad_width():
    with pytest.raises(ValueError, match="2 or 3"):
        QKVExplorer(d=4)
    with pytest.raises(ValueError, match="empty"):
        QKVExplorer("")


def test_vectors_table_escapes_and_formats():
    html = vectors_table(["<b>"], {"x": np.array([[1.234, -5.0]])})
    assert "&lt;b&gt;" in html and "1.23" in html and "-5.00" in html


# ---------- static figures (helpers.plots.attention) ----------

def test_word_arrows_draws_each_vector_and_encoding():
    import matplotlib.pyplot as plt

    from helpers.plots.attention import word_arrows

    tokens, X = examples.naive_example()
    enc = np.array([[0.5, -0.2]])
    art = word_arrows(X, tokens, encodings=enc, title="t")
    tips = np.array([a.xy for a in art["arrows"]])
    assert np.allclose(tips, np.vstack([X, enc]))
    assert [t.get_text() for t in art["labels"]] == [*tokens, "enc(I)"]
    assert art["ax"].get_title() == "t"
    with pytest.raises(ValueError, match=r"\[T, 2\]"):
        word_arrows(np.ones((3, 3)), tokens)
    plt.close("all")


def test_curve_plots_show_the_computed_numbers():
    import matplotlib.pyplot as plt

    from helpers.plots.attention import distance_plot, saturation_plot, self_weight_plot, word_arrows

    curve = aa.self_weight_vs_dimension([1, 4], np.random.default_rng(0), T=4, n_sentences=10)
    lines = self_weight_plot({"naive": curve})["lines"]["naive"]
    assert np.allclose(lines[0].get_ydata(), curve.mean_self_weight)
    assert np.allclose(lines[1].get_ydata(), curve.self_top_share)
    sat = aa.softmax_saturation([1, 8], np.random.default_rng(0), n_trials=20)
    sl = saturation_plot(sat)["lines"]
    assert np.allclose(sl["plain"].get_ydata(), sat.max_weight_plain)
    assert np.allclose(sl["scaled"].get_ydata(), sat.max_weight_scaled)
    from helpers.lessons.bilinear import first_word_reach

    comp = first_word_reach(6, 3, np.random.default_rng(0))
    dl = distance_plot(comp)["lines"]
    assert np.allclose(dl["attention"].get_ydata(), comp.attention_influence[1:])
    assert np.allclose(dl["weight"].get_ydata(), comp.attention_weight[1:])
    assert np.allclose(dl["rnn"].get_xdata(), comp.distance[1:])
    fig = lines[0].figure
    fig.canvas.draw()
    ticks = [t.get_text() for t in lines[0].axes.get_xticklabels() if t.get_text()]
    assert ticks == ["1", "4"]  # integer widths, not 1.0 / 4.0
    axes = [word_arrows(M, ["a", "b"], lim=2.5)["ax"] for M in (np.eye(2), 0.1 * np.eye(2))]
    assert all(ax.get_xlim() == (-2.5, 2.5) and ax.get_ylim() == (-2.5, 2.5) for ax in axes)
    plt.close("all")


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
