"""Each control of the explorers wears its named look from ``helpers/ui/layout.py``.

Widths keep a row of controls inside a 1280-px projector (the browser tests measure the real page);
here each control is read back and compared with the constant it is meant to take, so an explorer
that drops or hard-codes its look fails.
"""

from __future__ import annotations

import pytest

from helpers.lessons.translation_experiments import train_dates
from helpers.ui import (
    BilinearExplorer,
    BlockExplorer,
    HeadsExplorer,
    MatrixEditor,
    NaiveAttentionExplorer,
    QKVExplorer,
    TrainingExplorer,
    TranslationExplorer,
)
from helpers.ui import layout as L
from helpers.ui.explorer import message_html

# explorer -> [(attribute path, the look it takes)]
LOOKS = {
    "naive": (NaiveAttentionExplorer, [("sentence", L.SENTENCES_DROPDOWN), ("query", L.QUERY_DROPDOWN)]),
    "qkv": (QKVExplorer, [("text", L.SENTENCE_BOX), ("preset", L.PRESET_DROPDOWN),
                          ("scaling", L.SCALE_DROPDOWN), ("vectors", L.VECTORS_BOX),
                          ("W_q.sliders.0.0", L.ENTRY_SLIDER)]),
    "block": (BlockExplorer, [("text", L.SENTENCE_BOX), ("causal", L.CHECKBOX), ("positions", L.CHECKBOX),
                              ("scaled", L.CHECKBOX), ("residual", L.CHECKBOX),
                              ("position_scale", L.LABELLED_SLIDER), ("n_heads", L.BLOCK_HEADS_DROPDOWN),
                              ("table", L.OUTPUTS_BOX)]),
    "bilinear": (BilinearExplorer, [("s11", L.BILINEAR_SLIDER), ("antisym", L.BILINEAR_SLIDER)]),
    "heads": (HeadsExplorer, [("n_heads", L.HEADS_DROPDOWN), ("presets.0", L.HEAD_PRESET_DROPDOWN),
                              ("presets.3", L.HEAD_PRESET_DROPDOWN)]),
    "training": (lambda: TrainingExplorer(n_pairs=2), [
        ("train_button", L.START_BUTTON), ("pause_button", L.PAUSE_BUTTON), ("reset_button", L.RESET_BUTTON),
        ("sequence", L.LABELLED_SLIDER)]),
}


def _get(obj, path):
    for part in path.split("."):
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return obj


def _wears(widget, look):
    for key, value in look.items():
        if key == "layout":
            assert {k: getattr(widget.layout, k) for k in value} == value
        elif key == "style":
            assert {k: getattr(widget.style, k) for k in value} == value
        else:
            assert getattr(widget, key) == value, key


@pytest.mark.parametrize("name", sorted(LOOKS))
def test_each_control_wears_its_named_look(name):
    build, looks = LOOKS[name]
    explorer = build()
    for path, look in looks:
        _wears(_get(explorer, path), look)


def test_the_translator_and_the_editors_wear_theirs_too():
    tr = TranslationExplorer(train_dates(attention=True, seed=0, steps=10, checkpoint_every=10))
    _wears(tr.text, L.DATE_BOX)
    _wears(tr.train_button, L.START_BUTTON)
    editor = MatrixEditor("M", [[1.0, 0.0]], presets={"p": [[0.0, 1.0]]})
    _wears(editor.sliders[0][1], L.ENTRY_SLIDER)
    assert editor.preset.style.description_width == L.WIDE_LABEL["description_width"]


def test_rows_wrap_and_the_trainer_centres_its_rows():
    row = L.wrapping_row([], **L.CENTRED_ROW)
    assert (row.layout.flex_flow, row.layout.align_items) == (L.WRAPPING["flex_flow"], "center")
    assert L.wrapping_row([]).layout.align_items is None
    rows = [w for w in TrainingExplorer(n_pairs=2).children if w.layout.flex_flow]
    assert rows and all(r.layout.align_items == L.CENTRED_ROW["align_items"] for r in rows)
    assert f'style="{L.MESSAGE_CSS}"' in message_html("x")
