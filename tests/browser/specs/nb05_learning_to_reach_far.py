"""05: the pairs slider of the live trainer; before any training the accuracy chart shows both
untrained models' held-out accuracy and the random-pair-value line for that number of pairs. Then, on
the same page, the live trainer itself (``live_trainer``): Train, another widget answers while it
trains, Pause, the heatmap equals the same seeded training recomputed here, resume, finish."""

from __future__ import annotations

import time

import numpy as np

from helpers.lessons.race import held_out, make_model, train_one
from helpers.lessons.recall_tasks import describe_pair_token, random_pair_value
from helpers.ui import TrainingExplorer

from ..browser_ui import (
    button,
    explorer_output,
    page_tracebacks,
    press_on_handle,
    read_heatmap,
    slider,
    slider_value,
    text_box,
    type_into,
    widget_errors,
)
from . import ExplorerSpec


def _accuracy_at_step_0(ex: TrainingExplorer, n_pairs: float):
    n = int(n_pairs)
    X, y, _ = held_out("associative", n, 500, seed=ex.seed)
    acc = {kind: make_model(kind, "associative", rng=np.random.default_rng(ex.seed)).accuracy(X, y)
           for kind in ("rnn", "attention")}
    return {"RNN": [acc["rnn"]], "attention": [acc["attention"]],
            "a random pair's value": [float(random_pair_value(n))]}


SPEC = ExplorerSpec("05_learning_to_reach_far.ipynb", lambda: TrainingExplorer(n_pairs=8, steps=300), "pairs",
                    "line", _accuracy_at_step_0)




def status(output):
    el = output.locator(".rta-train-status").first
    return int(el.get_attribute("data-step")), el.get_attribute("data-state")


def wait_until(predicate, timeout=30.0, what=""):
    deadline = time.monotonic() + timeout
    while not (result := predicate()):
        assert time.monotonic() < deadline, f"timed out after {timeout:.0f} s waiting for {what}"
        time.sleep(0.05)
    return result


def expected_heatmap(step, seq, n_pairs):
    """Train the attention layer in one go to ``step`` and return its weights on test sequence ``seq``."""
    seed = SPEC.explorer().seed
    model, _, _ = train_one("attention", "associative", n_pairs, seed=seed, steps=step)
    X, _, _ = held_out("associative", n_pairs, 500, seed=seed)
    labels = [describe_pair_token(x) for x in X[seq - 1]]
    return labels, np.round(model.attention_weights(X[seq - 1:seq]), 2)


def assert_heatmap_is(output, step, seq, n_pairs):
    labels, exp = expected_heatmap(step, seq, n_pairs)
    hm = read_heatmap(output, f"test sequence {seq}, step {step} ")
    assert hm.cols == labels and hm.rows == [labels[-1]], (hm.rows, hm.cols, labels)
    assert hm.values.shape == exp.shape and np.abs(hm.values - exp).max() <= 0.006, (
        f"step {step}: the page shows\n{hm.values}\nthe same seeded training computes\n{exp}")


def race_live(page, output, n_pairs):
    output.scroll_into_view_if_needed()
    assert status(output) == (0, "ready")
    type_into(text_box(output, "steps"), "20000")       # long enough to act while it trains
    train = button(output, "Train")
    train.click()
    wait_until(lambda: status(output)[0] > 0, what="the first chunk")
    assert status(output)[1] == "training" and train.is_disabled()   # no second training from a click
    seq_slider = slider(output, "test sequence")
    step_before = status(output)[0]
    t0 = time.monotonic()
    press_on_handle(seq_slider, "ArrowRight")          # another widget, mid-training
    wait_until(lambda: "test sequence 2," in read_heatmap(output, "Attention of the query").caption,
               timeout=10, what="the heatmap to follow the test-sequence slider")
    answered = time.monotonic() - t0
    step_mid, state_mid = status(output)
    assert state_mid == "training" and step_mid < 20000, "training ended before the slider was moved"
    assert answered < 5.0, f"the slider took {answered:.1f} s to answer while training"
    wait_until(lambda: status(output)[0] > step_mid, what="training to go on after the slider move")
    assert step_mid >= step_before
    button(output, "Pause").click()
    wait_until(lambda: status(output)[1] == "paused", what="Pause")
    step, _ = status(output)
    time.sleep(0.5)
    assert status(output) == (step, "paused"), "training went on after Pause"
    assert step % 10 == 0 and 0 < step < 20000
    assert_heatmap_is(output, step, seq=2, n_pairs=n_pairs)
    type_into(text_box(output, "steps"), str(step + 30))  # resume: the optimiser's state is kept
    train.click()
    wait_until(lambda: status(output) == (step + 30, "finished"), what="training to finish")
    assert_heatmap_is(output, step + 30, seq=2, n_pairs=n_pairs)
    assert not page_tracebacks(output)
    assert not widget_errors(page.record.console_errors), page.record.console_errors



def live_trainer(page, outputs, kind):
    """On the page the generic test left (its ArrowRight moved "pairs" by one): Train, move another
    widget mid-training, Pause, check the heatmap against the same seeded training recomputed here
    for the pairs shown, resume and finish."""
    output = explorer_output(page, outputs)
    n_pairs = int(slider_value(slider(output, "pairs")))
    wait_until(lambda: status(output) == (0, "ready"), timeout=20, what=f"a fresh trainer at {n_pairs} pairs")
    race_live(page, output, n_pairs)


SPEC.extra = live_trainer



def train_past_the_steps(page, outputs, kind):
    """After the run (it ended at some step), steps set below that step and Train clicked: no
    training; the status line says what to do."""
    output = explorer_output(page, outputs)
    step, state = status(output)
    assert state == "finished" and step > 10, (step, state)
    type_into(text_box(output, "steps"), "10")
    button(output, "Train").click()
    line = output.locator(".rta-train-status").first
    said = wait_until(lambda: "finished: raise steps" in line.inner_text(), timeout=15,
                      what="the status line to say what to change")
    assert status(output)[0] == step and said


SPEC.bad_input = train_past_the_steps
