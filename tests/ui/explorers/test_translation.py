"""helpers.ui.explorers.translation: notebook 06's live translator.

Type a date, read the output text and the heatmap numbers back from the rendered HTML, and compare
with translate() on an independently rebuilt model (or a stand-in whose answers are fixed).
"""

import asyncio
import html
import re
import types

import numpy as np
import pytest

from helpers.core.seq2seq import Seq2Seq
from helpers.lessons.translation_experiments import train_dates
from helpers.lessons.translation_tasks import date_vocab
from helpers.ui.explorers.translation import TranslationExplorer
from tests.drawn import plain_text, read_table
from tests.support.widgets import visible


@pytest.fixture(scope="module")
def run():
    return train_dates(attention=True, seed=0, steps=30, n_train=500, n_test=20, checkpoint_every=10)


def independent_translate(run, index, text):
    """A fresh model with the checkpoint's parameters copied in, then translate (no explorer code)."""
    step, params = run.trainer.checkpoints[index]
    model = Seq2Seq(*date_vocab(), 16, 64, attention=True, rng=np.random.default_rng(99), max_output_len=12)
    for k, v in params.items():
        model.params[k][...] = v
    return step, model.translate(text)


def read_html_heatmap(html):
    cols = re.findall(r'<th class="rta-k" scope="col">(.*?)</th>', html)
    rows = re.findall(r'<th class="rta-q" scope="row">(.*?)</th>', html)
    body = re.findall(r'<tr>(<th class="rta-q".*?)</tr>', html)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", tr) for tr in body]
    return rows, cols, np.array([[float(v) for v in r] for r in cells])


@pytest.mark.parametrize("text", ["september 27, 1994", "1994년 9월 27일", "3/4/05", "27 SEP 1994"])
def test_typed_date_shows_translate_output_and_weights(run, text):
    ex = TranslationExplorer(run)
    ex.text.value = text
    step, (out, w) = independent_translate(run, ex.checkpoint.value, text)
    assert f'data-output="{out}"' in ex.output.value
    rows, cols, values = read_html_heatmap(ex.heatmap.html.value)
    assert rows == list(out) and cols == ["␣" if c == " " else c for c in text]
    np.testing.assert_allclose(values, np.round(w, 2), atol=0.0051)
    assert f"after {step} steps" in ex.heatmap.title


def test_checkpoint_slider_scrubs_the_model(run):
    ex = TranslationExplorer(run, checkpoint=0)
    before = ex.heatmap.weights.copy()
    ex.checkpoint.value = ex.checkpoint.max
    _, (out, w) = independent_translate(run, ex.checkpoint.max, ex.text.value)
    assert not np.array_equal(before, ex.heatmap.weights)
    np.testing.assert_allclose(ex.heatmap.weights, w)


def test_unknown_characters_show_a_message_not_a_traceback(run):
    ex = TranslationExplorer(run)
    ex.text.value = "sept 27 @ 1994!"
    shown = html.unescape(ex.message.value)
    assert "never saw '!', '@' in training: remove them" in shown
    assert 'data-ok="0"' in ex.output.value
    rows, cols, values = read_html_heatmap(ex.heatmap.html.value)  # no alignment of the date before
    assert rows == [] and cols == [] and values.size == 0 and "No alignment" in ex.heatmap.title
    ex.text.value = "27 SEP 1994"
    assert ex.message.value == "" and 'data-ok="1"' in ex.output.value


def test_train_button_adds_checkpoints_and_follows_them(run, loop):
    ex = TranslationExplorer(run, more_steps=20)
    n0, step0 = len(run.trainer.checkpoints), run.trainer.step
    task = ex.start()
    assert ex.start() is None  # a second click while running does nothing
    loop.run_until_complete(task)
    assert run.trainer.step == step0 + 20 and ex.progress.value == 20
    assert len(run.trainer.checkpoints) == n0 + 2 and ex.checkpoint.value == ex.checkpoint.max
    assert f"after {step0 + 20} steps" in ex.heatmap.title


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


class _Fixed:
    """A stand-in translator whose output the test decides (to reach every verdict)."""

    attention = True
    vocab_in = ["<pad>", *"abcdefghijklmnopqrstuvwxyz0123456789 ,./"]   # the model's input characters

    def __init__(self, answers):
        self.answers, self.params = answers, {}

    def translate(self, text):
        if text not in self.answers:
            raise ValueError(f"characters {text!r} are not in the model's input vocabulary")
        out = self.answers[text]
        return out, np.full((len(out), len(text)), 1 / len(text))


def _fixed_run(answers, n_checkpoints=2):
    trainer = types.SimpleNamespace(checkpoints=[(10 * i, {}) for i in range(n_checkpoints)])
    return types.SimpleNamespace(model=_Fixed(answers), trainer=trainer)


def test_translator_verdicts_right_wrong_unsupported_and_empty():
    answers = {
        "september 27, 1994": "1994-09-27",
        "3/4/05": "2005-03-05",
        "hello": "2000-01-01",
        "mar 9, 2001": "",
    }
    ex = TranslationExplorer(_fixed_run(answers), text="september 27, 1994")
    shown = html.unescape(ex.output.value)
    assert "1994-09-27" in shown and "right" in shown and "wrong" not in shown
    plain_text(re.sub(r"<[^>]+>", "", shown).split("(")[1])
    ex.text.value = "3/4/05"
    shown = html.unescape(ex.output.value)
    assert "wrong" in shown and "2005-03-04" in shown  # names the true date
    ex.text.value = "hello"
    shown = html.unescape(re.sub(r"<[^>]+>", "", ex.output.value))
    assert "2000-01-01" in shown and "right" not in shown and "wrong" not in shown
    plain_text(shown.split("(")[1])
    ex.text.value = "mar 9, 2001"  # an empty translation still draws one row of zeros
    drawn = read_table(ex.heatmap.html.value)
    assert len(drawn.row_labels) == 1 and drawn.row_labels[0] != ""
    np.testing.assert_array_equal(drawn.numbers, np.zeros((1, len("mar 9, 2001"))))
    assert drawn.col_labels[3] == "␣"


def test_translator_widgets_and_heatmap_axes():
    ex = TranslationExplorer(_fixed_run({"1/2/03": "2003-01-02"}, n_checkpoints=3), text="1/2/03")
    assert (ex.checkpoint.min, ex.checkpoint.max, ex.checkpoint.value) == (0, 2, 2)
    assert ex.checkpoint.continuous_update and ex.text.continuous_update  # redraws while typing
    assert (ex.progress.min, ex.progress.max, ex.progress.value) == (0, 100, 0)
    for w in (ex.text, ex.checkpoint, ex.progress, ex.train_button):
        plain_text(w.description)
    assert "date" in ex.text.description and "100" in ex.train_button.description
    corner = plain_text(read_table(ex.heatmap.html.value).corner)
    assert "source" in corner and "output" in corner
    assert corner.index("output") < corner.index("source")  # rows are output characters
    assert "training step 20" in ex.step_label.value
    first = TranslationExplorer(
        _fixed_run({"1/2/03": "2003-01-02"}, n_checkpoints=3), text="1/2/03", checkpoint=1
    )
    assert first.checkpoint.value == 1 and "after 10 steps" in read_table(first.heatmap.html.value).caption
    first.checkpoint.value = 0
    assert "training step 0" in first.step_label.value


@pytest.mark.parametrize(("attention", "checkpoints"), [(False, [(0, {})]), (True, [])])
def test_translator_needs_attention_and_checkpoints(attention, checkpoints):
    run = _fixed_run({})
    run.model.attention, run.trainer.checkpoints = attention, checkpoints
    with pytest.raises(ValueError) as err:
        TranslationExplorer(run)
    message = str(err.value)
    assert "attention" in message and "checkpoint" in message
    plain_text(message.split(":")[0])


def test_translator_trains_exactly_the_steps_it_says(loop):
    run = train_dates(attention=True, seed=0, steps=10, n_train=200, n_test=10, checkpoint_every=10)
    ex = TranslationExplorer(run, more_steps=15, pause_s=0.0)
    step0 = run.trainer.step
    ex.train_button.click()
    task = ex.task
    assert ex.train_button.disabled and ex.progress.value == 0
    loop.run_until_complete(asyncio.wait_for(task, 60))  # a chunk count that never ends fails here
    assert run.trainer.step == step0 + 15 and ex.progress.value == 15 == ex.progress.max
    assert not ex.train_button.disabled
    assert f"training step {step0 + 15}" in ex.step_label.value
