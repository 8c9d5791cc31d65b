"""Notebook 06's live translator: type a date, read the output text and the heatmap numbers back
from the rendered HTML, and compare with translate() on an independently rebuilt model."""

import html
import re

import numpy as np
import pytest

from helpers.core.seq2seq import Seq2Seq
from helpers.lessons.translation_experiments import train_dates
from helpers.lessons.translation_tasks import date_vocab
from helpers.ui import TranslationExplorer


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
