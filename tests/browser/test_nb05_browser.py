"""Notebook 05's live trainer in JupyterLab and Voila: Train, move another widget while it trains and
see it answer, Pause, and check that the heatmap shows exactly what the same seeded training
computes at the step reached (recomputed here, in the test process); then resume and finish."""

from __future__ import annotations

import time

import numpy as np
import pytest

from helpers.lessons.race import held_out, train_one
from helpers.lessons.recall_tasks import describe_pair_token

from .browser_ui import (
    VOILA_OUTPUT,
    button,
    explorer_output,
    lab_open,
    lab_restart_and_run_all,
    lab_wait_run_all_done,
    notebook_panel,
    page_tracebacks,
    press_on_handle,
    read_heatmap,
    slider,
    text_box,
    type_into,
    widget_errors,
)

NB = "05_learning_to_reach_far.ipynb"
N_PAIRS, SEED = 8, 0                      # as the notebook's cell builds the explorer


def status(output):
    el = output.locator(".rta-train-status").first
    return int(el.get_attribute("data-step")), el.get_attribute("data-state")


def wait_until(predicate, timeout=30.0, what=""):
    deadline = time.monotonic() + timeout
    while not (result := predicate()):
        assert time.monotonic() < deadline, f"timed out after {timeout:.0f} s waiting for {what}"
        time.sleep(0.05)
    return result


def expected_heatmap(step, seq):
    """Train the attention layer in one go to ``step`` and return its weights on test sequence ``seq``."""
    model, _, _ = train_one("attention", "associative", N_PAIRS, seed=SEED, steps=step)
    X, _, _ = held_out("associative", N_PAIRS, 500, seed=SEED)
    labels = [describe_pair_token(x) for x in X[seq - 1]]
    return labels, np.round(model.attention_weights(X[seq - 1:seq]), 2)


def assert_heatmap_is(output, step, seq):
    labels, exp = expected_heatmap(step, seq)
    hm = read_heatmap(output, f"test sequence {seq}, step {step} ")
    assert hm.cols == labels and hm.rows == [labels[-1]], (hm.rows, hm.cols, labels)
    assert hm.values.shape == exp.shape and np.abs(hm.values - exp).max() <= 0.006, (
        f"step {step}: the page shows\n{hm.values}\nthe same seeded training computes\n{exp}")


def race_live(page, output):
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
    assert_heatmap_is(output, step, seq=2)
    type_into(text_box(output, "steps"), str(step + 30))  # resume: the optimiser's state is kept
    train.click()
    wait_until(lambda: status(output) == (step + 30, "finished"), what="training to finish")
    assert_heatmap_is(output, step + 30, seq=2)
    assert not page_tracebacks(output)
    assert not widget_errors(page.record.console_errors), page.record.console_errors


@pytest.mark.browser
def test_lab_live_trainer_pause_resume_and_heatmap(lab_page, lab_server):
    lab_open(lab_page, lab_server, NB)
    lab_restart_and_run_all(lab_page)
    lab_wait_run_all_done(lab_page, NB)
    race_live(lab_page, explorer_output(lab_page, f"{notebook_panel(lab_page, NB)} .jp-OutputArea-output"))


@pytest.mark.browser
def test_voila_live_trainer_pause_resume_and_heatmap(page, voila_server):
    # Voila sends the page once every cell has run: on a loaded 2-core machine this notebook's
    # training takes longer than voila_open's default 30 s navigation timeout.
    page.goto(voila_server.url(f"/voila/render/{NB}"), timeout=180_000)
    page.locator("#rendered_cells").wait_for(state="visible", timeout=90_000)
    race_live(page, explorer_output(page, VOILA_OUTPUT))
