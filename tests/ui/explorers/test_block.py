"""helpers.ui.explorers.block: notebook 07's block explorer: set a widget, read the heatmaps back, compare."""

import time

import numpy as np
import pytest

from helpers.core.block import transformer_block
from helpers.core.embeddings import tokenize
from helpers.lessons import transformer as lt
from helpers.ui.explorers.block import BlockExplorer
from tests.drawn import plain_text
from tests.support.widgets import (
    DECIMAL,
    all_labels_plain,
    assert_drawn,
    clip_range,
    drawn,
    on_screen,
    read_vectors,
    readout_fmt_shows_step,
    sentence_case,
    visible_text,
)

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


def test_block_position_scale_slider():
    ex = BlockExplorer("I go home", n_heads=4, positions=True)
    ex.position_scale.value = 2.5
    tokens = ["I", "go", "home"]
    res = transformer_block(lt.block_input(tokens), lt.block_weights(4), positions=True, position_scale=2.5)
    for j in range(4):
        assert_drawn(ex.heatmaps[j], res.weights[j], tokens)
    off = transformer_block(lt.block_input(tokens), lt.block_weights(4), positions=True, position_scale=1.0)
    assert np.abs(res.weights - off.weights).max() > 0.01  # the slider really changes the picture


def test_block_scale_slider_reads_once_and_waits_for_positions():
    ex = BlockExplorer()
    assert ex.position_scale.disabled and not ex.positions.value
    group = next(w for w in ex.children[2].children if ex.positions in getattr(w, "children", ()))
    assert list(group.children) == [ex.positions, ex.position_scale]  # side by side
    label = " ".join(w.description for w in group.children)
    assert label == "positions scale" and label.count("position") == 1
    ex.positions.value = True
    assert not ex.position_scale.disabled
    ex.positions.value = False
    assert ex.position_scale.disabled
    assert not BlockExplorer(positions=True).position_scale.disabled
    plain_text(ex.position_scale.tooltip)


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
