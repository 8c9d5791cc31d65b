"""The live trainer of notebook 05: buttons, the asyncio mechanism, and the heatmap read back."""

import asyncio
import re

import numpy as np
import pytest

from helpers.lessons.race import held_out, train_one
from helpers.ui.explorers.training import CHUNK, TrainingExplorer
from tests.support.widgets import run_until


def read_heatmap(ex):
    """The numbers printed in the heatmap's cells, as a [rows, cols] array (what the page shows)."""
    rows = re.findall(r"<tr><th class=\"rta-q\".*?</tr>", ex.heatmap.html.value)
    return np.array([[float(v) for v in re.findall(r"<td[^>]*>([-0-9.]+)</td>", r)] for r in rows])


def read_status(ex):
    m = re.search(r'data-step="(\d+)" data-state="([a-z ]+)', ex.status.value)
    return int(m.group(1)), m.group(2)


def expected_weights(n_pairs, step, seq=1, seed=0):
    """An independent run: train_one in one go, then the query's weights on test sequence ``seq``."""
    model, _, _ = train_one("attention", "associative", n_pairs, seed=seed, steps=step)
    X, _, _ = held_out("associative", n_pairs, 500, seed=seed)
    return model.attention_weights(X[seq - 1:seq])


def test_train_pause_resume_matches_one_seeded_run(loop):
    ex = TrainingExplorer(n_pairs=4, steps=200, pause_s=0.001)
    ex.train_button.click()
    task = ex.task
    assert ex.running and ex.train_button.disabled and ex.pairs.disabled
    ex.train_button.click()                                  # a second click starts nothing new
    assert ex.task is task
    run_until(loop, lambda: ex.step >= 3 * CHUNK)
    before = ex.heatmap.html.value
    ex.sequence.value = 3                                    # another widget answers mid-training
    assert ex.heatmap.html.value != before and "test sequence 3" in ex.heatmap.title
    ex.pause_button.click()
    run_until(loop, lambda: not ex.running)
    step, state = read_status(ex)
    assert state == "paused" and step == ex.step and 0 < step < 200 and step % CHUNK == 0
    assert ex.progress.value == step and not ex.train_button.disabled
    np.testing.assert_allclose(read_heatmap(ex), np.round(expected_weights(4, step, seq=3), 2), atol=0.006)
    ex.train_button.click()                                  # resume: the optimiser state is kept
    run_until(loop, lambda: not ex.running)
    assert read_status(ex) == (200, "finished")
    np.testing.assert_allclose(ex.heatmap.weights, expected_weights(4, 200, seq=3), atol=1e-12)
    model, _, _ = train_one("rnn", "associative", 4, seed=0, steps=200)
    for k in model.params:
        np.testing.assert_array_equal(ex.models["rnn"].params[k], model.params[k])


def test_checkpoint_slider_scrubs_back(loop):
    ex = TrainingExplorer(n_pairs=2, steps=40, pause_s=0.0)
    ex.train_button.click()
    run_until(loop, lambda: not ex.running)
    assert ex.checkpoint.max == 4 and ex.checkpoint.value == 4
    ex.checkpoint.value = 1
    assert "step 10 " in ex.heatmap.title
    np.testing.assert_allclose(ex.heatmap.weights, expected_weights(2, 10), atol=1e-12)
    np.testing.assert_allclose(read_heatmap(ex), np.round(ex.heatmap.weights, 2))


def test_reset_and_pairs_start_over(loop):
    ex = TrainingExplorer(n_pairs=8, steps=30, pause_s=0.0)
    for _ in range(2):
        ex.train_chunk()
    assert ex.step == 20
    ex.pairs.value = 2
    assert ex.step == 0 and read_status(ex) == (0, "ready") and ex.heatmap.weights.shape == (1, 3)
    ex.train_button.click()
    run_until(loop, lambda: ex.step > 0)
    ex.reset_button.click()
    assert ex.step == 0 and not ex.running and not ex.train_button.disabled
    loop.run_until_complete(asyncio.sleep(0.02))             # the cancelled task must not undo the reset
    assert read_status(ex) == (0, "ready")


def test_finished_training_says_so_and_accuracy_chart_has_the_baseline(loop):
    ex = TrainingExplorer(n_pairs=1, steps=20, pause_s=0.0)
    ex.train_button.click()
    run_until(loop, lambda: not ex.running)
    ex.train_button.click()
    assert ex.task.done() and "finished" in ex.status.value
    assert set(ex.accuracy_chart.series) == {"RNN", "attention", "a random pair's value"}
    assert list(ex.accuracy_chart.x) == [0, 10, 20]
    with pytest.raises(ValueError, match="n_pairs"):
        TrainingExplorer(n_pairs=33)
