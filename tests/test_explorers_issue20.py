"""The explorer fixes of issue 20, each checked on what the widget draws (HTML parsed back into text and
numbers), against an independent computation where there is one.

05 TrainingExplorer: the status line follows the steps box; a checkpoint slider moved back says that the
heatmap stays there; the matching pair is outlined at every number of pairs. 06 TranslationExplorer: no
stale alignment after text the model cannot read; the parser's own reason. 07 HeadsExplorer: a head is
named "(custom)" only when its maps are no preset's; "average" is explained. 07 BlockExplorer: the scale
slider sits beside "positions", reads once, and is disabled while positions are off.
"""

import html
import math

import numpy as np
import pytest

from helpers.lessons import transformer as lt
from helpers.lessons.race import held_out, train_one
from helpers.ui.explorer import CUSTOM
from helpers.ui.explorers.block import BlockExplorer
from helpers.ui.explorers.training import N_SHOWN, TrainingExplorer
from helpers.ui.explorers.transformer import HeadsExplorer
from helpers.ui.explorers.translation import TranslationExplorer
from tests.drawn import plain_text, read_table
from tests.reference import loop_self_attention
from tests.support.widgets import nums, read_vectors, visible
from tests.test_explorers_reach_b import _fixed_run

# ------------------------------------------------------------------ 05: the live trainer


def test_trainer_status_follows_the_steps_box_up_and_down():
    ex = TrainingExplorer(n_pairs=2, steps=20, pause_s=0.0)
    ex.steps.value = 30  # before any training
    assert nums(ex.status.value)[:2] == [0, 30] and "ready" in visible(ex.status.value)
    ex.steps.value = 20
    ex.train_chunk()
    ex.train_chunk()
    ex._chunks_ended(ex.trainers)  # what the end of the chunked task calls
    status = visible(ex.status.value)
    assert nums(status)[:2] == [20, 20] and "finished" in status
    ex.steps.value = 40  # raised: no longer finished, and the status says so at once
    status = plain_text(visible(ex.status.value))
    assert nums(status)[:2] == [20, 40] and "paused" in status and "finished" not in status
    assert (ex.progress.value, ex.progress.max) == (20, 40)
    ex.steps.value = 10  # lowered below the steps already taken: no "step 20 / 10"
    status = plain_text(visible(ex.status.value))
    assert "20 / 10" not in status and nums(status)[:2] == [20, 10] and "past" in status
    assert "raise steps above 20" in status
    assert ex.progress.value == ex.progress.max == 10


def test_trainer_heatmap_held_at_an_earlier_checkpoint_says_so_and_follows_again():
    ex = TrainingExplorer(n_pairs=2, steps=60, pause_s=0.0)
    for _ in range(3):
        ex.train_chunk()
    assert "Following" in visible(ex.checkpoint_note.value)
    ex.checkpoint.value = 1  # step 10
    ex.train_chunk()  # training goes on to step 40; the heatmap stays at step 10
    drawn = read_table(ex.heatmap.html.value)
    assert "step 10 " in drawn.caption and "held" in drawn.caption
    model, _, _ = train_one("attention", "associative", 2, seed=0, steps=10)
    X, _, _ = held_out("associative", 2, 500, seed=0)
    np.testing.assert_allclose(drawn.numbers, np.round(model.attention_weights(X[:1]), 2), atol=0.006)
    note = plain_text(visible(ex.checkpoint_note.value))
    assert nums(note)[:2] == [10, 40] and "stays" in note and "right end" in note
    ex.checkpoint.value = ex.checkpoint.max  # back at the right end: the heatmap follows training
    ex.train_chunk()
    drawn = read_table(ex.heatmap.html.value)
    assert "step 50" in drawn.caption and "held" not in drawn.caption
    assert "Following" in visible(ex.checkpoint_note.value)


def _matching_column(labels):
    """The pair whose key is the query's, read from the drawn labels ("k7:v3" ..., query "k7?")."""
    key = labels[-1].removesuffix("?")
    hits = [j for j, lab in enumerate(labels[:-1]) if lab.split(":")[0] == key]
    assert len(hits) == 1, labels
    return hits[0]


@pytest.mark.parametrize("n_pairs", [1, 8, 32])
def test_trainer_outlines_the_matching_pair_at_every_size(n_pairs):
    ex = TrainingExplorer(n_pairs=n_pairs, steps=10)
    for seq in range(1, N_SHOWN + 1):
        ex.sequence.value = seq
        drawn = read_table(ex.heatmap.html.value)
        assert len(drawn.col_labels) == n_pairs + 1
        j = _matching_column(drawn.col_labels)
        assert drawn.outlined == [(0, j)]
        assert f"outlined: the matching pair, pair {j + 1}" in drawn.caption


# ------------------------------------------------------------------ 06: the live translator


def test_translator_clears_the_alignment_for_text_it_cannot_read():
    ex = TranslationExplorer(_fixed_run({"9/27/94": "1994-09-27"}), text="9/27/94")
    assert read_table(ex.heatmap.html.value).row_labels == list("1994-09-27")
    for text, words in (("sept 27 @ 1994", "never saw '@'"), ("", "empty")):
        ex.text.value = text
        assert words in html.unescape(visible(ex.message.value))
        drawn = read_table(ex.heatmap.html.value)
        assert drawn.row_labels == [] and drawn.col_labels == [] and drawn.cells == []
        assert "No alignment" in plain_text(drawn.caption)
    ex.text.value = "9/27/94"  # readable again: its alignment is drawn
    drawn = read_table(ex.heatmap.html.value)
    assert drawn.row_labels == list("1994-09-27") and drawn.col_labels == list("9/27/94")
    np.testing.assert_allclose(drawn.numbers, 1 / 7, atol=0.006)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("monday, september 27, 1994", ("1994-09-27 is a tuesday",)),
        ("2/30/04", ("not a real date", "day is out of range")),
        ("september 27, 1949", ("only years 1950-2049",)),
        ("june 5, 2050", ("only years 1950-2049",)),
        ("hello", ("none of the 8 formats",)),
    ],
)
def test_translator_gives_the_parser_reason_for_a_date_it_cannot_check(text, words):
    ex = TranslationExplorer(_fixed_run({text: "1994-09-27"}), text=text)
    shown = plain_text(visible(ex.output.value))
    assert "1994-09-27" in shown and "right" not in shown and "wrong" not in shown
    reason = html.unescape(visible(ex.message.value)).split(" To compare")[0]   # the parser's reason
    for w in words:
        assert w in reason, (w, reason)
    if text != "hello":
        assert "format" not in reason


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
