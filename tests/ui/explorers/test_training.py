"""helpers.ui.explorers.training: notebook 05's live trainer, read back as the learner sees it.

Each test presses a button or moves a control and reads what is drawn (the heatmap table, the SVG
charts, the status line), comparing it with one seeded training run computed here.
"""

import asyncio
import html
import re

import numpy as np
import pytest

from helpers.core.training import Trainer
from helpers.lessons.race import held_out, make_model, sampler, train_one
from helpers.ui.explorers.training import CHUNK, MAX_PAIRS, N_SHOWN, TrainingExplorer
from tests.drawn import axis_map, line_chart_data, plain_text, read_svg, read_table
from tests.support.widgets import nums, run_until, visible

# --------------------------------------------------------------------- notebook 05: live trainer


def test_trainer_controls_are_labelled_and_bounded():
    ex = TrainingExplorer(n_pairs=3, steps=40, pause_s=0.0)
    for w in (
        ex.pairs,
        ex.steps,
        ex.progress,
        ex.sequence,
        ex.checkpoint,
        ex.train_button,
        ex.pause_button,
        ex.reset_button,
    ):
        plain_text(w.description)
    for b, word in ((ex.train_button, "Train"), (ex.pause_button, "Pause"), (ex.reset_button, "Reset")):
        assert b.description.lower() == word.lower() and b.description[0].isupper()
    assert "pairs" in ex.pairs.description and "steps" in ex.steps.description
    assert (ex.pairs.min, ex.pairs.max) == (1, MAX_PAIRS) and not ex.pairs.continuous_update  # a drag
    assert (ex.sequence.min, ex.sequence.max, ex.sequence.value) == (1, N_SHOWN, 1)  # restarts once
    assert (ex.steps.min, ex.steps.step, ex.steps.max) == (CHUNK, CHUNK, 100_000)
    assert (ex.progress.min, ex.progress.max, ex.progress.value) == (0, 40, 0)
    assert (ex.checkpoint.min, ex.checkpoint.max, ex.checkpoint.value) == (0, 0, 0)
    assert ex.checkpoint.continuous_update and ex.pause_button.disabled and not ex.train_button.disabled
    ex.steps.value = 70
    assert ex.progress.max == 70
    for title, unit, chart in (
        ("loss", "entropy", ex.loss_chart),
        ("accuracy", "accuracy", ex.accuracy_chart),
    ):
        svg = read_svg(chart.html.value)
        plain_text(svg.title)
        assert title in svg.title.lower() and svg.title[0].isupper()
        assert svg.axis_labels()[0] == "step" and unit in svg.axis_labels()[1]
        plain_text(svg.axis_labels()[1])
    assert [list(box.children) for box in ex.children[:5]] == [
        [ex.pairs, ex.steps],
        [ex.train_button, ex.pause_button, ex.reset_button],
        [ex.progress, ex.status],
        [ex.accuracy_chart, ex.loss_chart],
        [ex.sequence, ex.checkpoint, ex.checkpoint_note],
    ]


@pytest.mark.parametrize("n_pairs", [0, MAX_PAIRS + 1])
def test_trainer_rejects_pairs_outside_the_range_naming_it(n_pairs):
    with pytest.raises(ValueError) as err:
        TrainingExplorer(n_pairs=n_pairs)
    assert str(n_pairs) in str(err.value) and str(MAX_PAIRS) in str(err.value)


def test_trainer_accepts_the_largest_number_of_pairs():
    ex = TrainingExplorer(n_pairs=MAX_PAIRS, steps=10)
    assert ex.pairs.value == MAX_PAIRS and len(read_table(ex.heatmap.html.value).col_labels) == MAX_PAIRS + 1


def test_trainer_charts_status_and_heatmap_match_a_run_in_one_go():
    n_pairs, seed, steps = 3, 1, 25
    ex = TrainingExplorer(n_pairs=n_pairs, steps=steps, seed=seed, pause_s=0.0)
    X, y, match = held_out("associative", n_pairs, 500, seed=seed)
    models, losses, acc0 = {}, {}, {}
    for kind in ("rnn", "attention"):  # the same training, in one go
        rng = np.random.default_rng(seed)
        models[kind] = make_model(kind, "associative", rng=rng)
        acc0[kind] = float(np.mean(models[kind].predict(X) == y))
        losses[kind] = np.array(
            Trainer(models[kind], rng=rng).run(
                sampler("associative", n_pairs), steps=steps, batch_size=32, eval_every=10**9
            )["loss"]
        )
    _, ys, _ = line_chart_data(ex.accuracy_chart.html.value)
    assert ys["RNN"][0] == pytest.approx(acc0["rnn"], abs=0.005)
    assert ys["attention"][0] == pytest.approx(acc0["attention"], abs=0.005)
    base = 1 / n_pairs + (1 - 1 / n_pairs) / 8
    while ex.step < steps:
        ex.train_chunk()
        status = html.unescape(re.sub(r"<[^>]+>", "", ex.status.value))
        assert "training" in plain_text(status) and nums(status)[0] == ex.step
    assert ex.step == steps  # the last chunk is cut to 5 steps
    assert ex.checkpoint.max == 3 == ex.checkpoint.value  # steps 0, 10, 20 and 25; the slider follows
    xs, ys, svg = line_chart_data(ex.loss_chart.html.value)
    np.testing.assert_allclose(xs["RNN"], [10, 20, 25], atol=0.05)
    for label, kind in (("RNN", "rnn"), ("attention", "attention")):
        expected = [losses[kind][:10].mean(), losses[kind][10:20].mean(), losses[kind][20:].mean()]
        np.testing.assert_allclose(ys[label], expected, atol=2 * read_px(svg))
    xs, ys, svg = line_chart_data(ex.accuracy_chart.html.value)
    np.testing.assert_allclose(xs["attention"], [0, 10, 20, 25], atol=0.05)
    acc = {k: float(np.mean(models[k].predict(X) == y)) for k in models}
    assert ys["attention"][-1] == pytest.approx(acc["attention"], abs=0.005)
    assert len(ys["a random pair's value"]) == 4
    np.testing.assert_allclose(ys["a random pair's value"], base, atol=0.005)
    assert [float(v) for _, v in svg.y_ticks()][:: len(svg.y_ticks()) - 1] == [0.0, 1.0]
    status = html.unescape(re.sub(r"<[^>]+>", "", ex.status.value))
    shown = nums(status)
    assert shown[:2] == [steps, steps]
    assert shown[2] == pytest.approx(acc["rnn"], abs=0.0051) and shown[3] == pytest.approx(
        acc["attention"], abs=0.0051
    )
    plain_text(status)
    # the heatmap: the query's weights over test sequence 2 at the last checkpoint
    ex.sequence.value = 2
    drawn = read_table(ex.heatmap.html.value)
    seq = X[1]
    key = lambda x: int(np.argmax(x[:-9]))  # noqa: E731  (keys come first, then 8 values, then the flag)
    assert drawn.row_labels == [f"k{key(seq[-1])}?"]
    pair = [i for i in range(n_pairs) if key(seq[i]) == key(seq[-1])][0]
    assert pair == match[1]
    assert f"pair {pair + 1}" in drawn.caption and "sequence 2" in drawn.caption
    assert f"step {steps}" in drawn.caption
    np.testing.assert_allclose(
        drawn.numbers, np.round(models["attention"].attention_weights(X[1:2]), 2), atol=0.0051
    )


def read_px(svg):
    """One pixel of the y axis, in data units (the polyline points are rounded to 0.1 px)."""
    return axis_map(svg.y_ticks()).per_pixel


def test_trainer_buttons_while_running_and_after_finishing(loop):
    ex = TrainingExplorer(n_pairs=2, steps=20, pause_s=0.0)
    ex.train_button.click()
    assert ex.running and not ex.pause_button.disabled and ex.steps.disabled and ex.pairs.disabled
    run_until(loop, lambda: not ex.running)
    assert ex.pause_button.disabled and not ex.steps.disabled and not ex.pairs.disabled
    assert "finished" in ex.status.value and "raise steps" in ex.status.value  # says what to do next
    ex.train_button.click()  # nothing left to train: the status still says what to do
    assert "finished" in ex.status.value and "raise steps" in ex.status.value
    plain_text(html.unescape(re.sub(r"<[^>]+>", "", ex.status.value)))
    ex.steps.value = 30  # raising the steps lets Train go on from step 20
    ex.train_button.click()
    run_until(loop, lambda: not ex.running)
    assert ex.step == 30 and ex.progress.value == 30

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
