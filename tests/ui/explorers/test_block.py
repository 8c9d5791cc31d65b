"""Notebook 07 explorers: set a widget, read the rendered heatmap HTML back, compare with the compute."""

import time

import numpy as np
import pytest

from helpers.core.attention import qkv_self_attention, softmax
from helpers.core.block import transformer_block
from helpers.core.embeddings import tokenize
from helpers.core.transformer import multi_head_attention
from helpers.lessons import transformer as lt
from helpers.ui.explorers.block import BlockExplorer
from helpers.ui.explorers.transformer import BilinearExplorer, HeadsExplorer, PositionExplorer
from tests.support.widgets import assert_drawn, drawn


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


SWITCH_NAMES = ["causal", "positions", "scaled", "residual"]


@pytest.mark.parametrize("switch", SWITCH_NAMES)
@pytest.mark.parametrize("h", [1, 2, 4])
def test_block_switch_shows_the_block_computed_directly(switch, h):
    ex = BlockExplorer("I go home and I sleep", n_heads=h)
    widget = getattr(ex, switch)
    widget.value = not widget.value
    kw = {"causal": False, "positions": False, "scaled": True, "residual": True}
    kw[switch] = not kw[switch]
    tokens = tokenize("I go home and I sleep")
    res = transformer_block(lt.block_input(tokens), lt.block_weights(h), **kw)
    for j in range(4):
        if j < h:
            assert_drawn(ex.heatmaps[j], res.weights[j], tokens)
        else:
            assert ex.heatmaps[j].layout.display == "none"
    assert np.allclose(ex.result.outputs, res.outputs)
    cells = [float(v) for v in ex.table.value.split("<td>")[1:] for v in [v.split("</td>")[0]]]
    assert np.allclose(np.array(cells).reshape(len(tokens), -1), np.round(res.outputs, 2), atol=0.006)


def test_block_sentence_box_and_empty_sentence():
    ex = BlockExplorer()
    ex.text.value = "나는 집에 간다"
    assert drawn(ex.heatmaps[0]).row_labels == ["나는", "집에", "간다"]
    ex.text.value = "   "
    assert "empty" in ex.message.value and drawn(ex.heatmaps[0]).row_labels == ["나는", "집에", "간다"]


def test_block_causal_heatmaps_are_lower_triangular():
    ex = BlockExplorer("a b c d e", n_heads=4)
    ex.causal.value = True
    for hm in ex.heatmaps:
        values = drawn(hm).numbers
        assert np.all(values[np.triu_indices(5, 1)] == 0)


def test_block_update_within_16_ms_at_20_tokens_and_4_heads():
    ex = BlockExplorer(" ".join(f"w{i}" for i in range(20)), n_heads=4)
    times = []
    for _ in range(15):
        start = time.perf_counter()
        ex.causal.value = not ex.causal.value
        times.append(time.perf_counter() - start)
    assert np.median(times) < 0.016, f"median update {1e3 * np.median(times):.1f} ms"


def test_multi_head_in_heads_explorer_matches_compute():
    ex = HeadsExplorer(n_heads=2)
    out, W = multi_head_attention(lt.head_input(), *lt.stack_heads([lt.head_preset(n) for n in ex.START[:2]]))
    assert np.allclose(ex.weights, W) and np.allclose(ex.outputs, out)


def test_block_position_scale_slider():
    ex = BlockExplorer("I go home", n_heads=4, positions=True)
    ex.position_scale.value = 2.5
    tokens = ["I", "go", "home"]
    res = transformer_block(lt.block_input(tokens), lt.block_weights(4), positions=True, position_scale=2.5)
    for j in range(4):
        assert_drawn(ex.heatmaps[j], res.weights[j], tokens)
    off = transformer_block(lt.block_input(tokens), lt.block_weights(4), positions=True, position_scale=1.0)
    assert np.abs(res.weights - off.weights).max() > 0.01  # the slider really changes the picture


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
