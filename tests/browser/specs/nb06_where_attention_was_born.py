"""06: the checkpoint slider of the live translator; the view is the [output x source] alignment.

The heatmap is rectangular (output characters x source characters), so ``expected`` returns
``(row labels, column labels, weights)``. Then, on the same page, three dates are typed
(``type_dates``).
"""

from __future__ import annotations

import time

import numpy as np

from helpers.lessons.translation_experiments import train_dates
from helpers.ui import TranslationExplorer
from helpers.ui.explorers.translation import checkpoint_model, shown_labels

from ..bad_input import wait_for_message
from ..browser_ui import (
    page_tracebacks,
    read_heatmap,
    slider,
    slider_value,
    text_box,
    type_into,
    widget_errors,
)
from ..hangul import assert_hangul_from_served_font
from . import ExplorerSpec


def _build():
    return TranslationExplorer(train_dates(attention=True, seed=0, checkpoint_every=10), checkpoint=5)


def _alignment(ex: TranslationExplorer, checkpoint: float):
    _, model = checkpoint_model(ex.run, int(checkpoint))
    out, w = model.translate(ex.text.value)
    return list(out), shown_labels(ex.text.value), w


SPEC = ExplorerSpec("06_where_attention_was_born.ipynb", _build, "checkpoint", "heatmap:Alignment after",
                    _alignment, extra=None)


DATES = ["1994년 9월 27일", "27 SEP 1994", "3/4/05"]


def shown_matches(output, run, text, timeout=20.0):
    """Poll until the page shows translate()'s output and weights for ``text``; return why not."""
    step, model = checkpoint_model(run, int(slider_value(slider(output, "checkpoint"))))
    out, w = model.translate(text)
    exp = np.round(w, 2)
    deadline = time.monotonic() + timeout
    while True:
        shown = output.locator(".rta-translation").first.get_attribute("data-output")
        hm = read_heatmap(output, "Alignment after")
        why = None
        if shown != out:
            why = f"output text: page {shown!r}, translate {out!r}"
        elif hm.rows != list(out) or hm.cols != shown_labels(text):
            why = f"labels: page {hm.rows} x {hm.cols}"
        elif hm.values.shape != exp.shape or np.abs(hm.values - exp).max() > 0.006:
            why = f"weights: page\n{hm.values}\ntranslate\n{exp}"
        elif f"after {step} steps" not in hm.caption:
            why = f"caption {hm.caption!r} does not name step {step}"
        if why is None or time.monotonic() > deadline:
            return why
        time.sleep(0.2)


def type_dates(page, outputs, kind):
    """On the page the generic test left: type three dates into the live translator; the output
    text and the alignment heatmap equal translate() after the same seeded training, recomputed
    in the test's own process (the spec's explorer, trained as the notebook trains it). The Hangul
    of the Korean date is drawn from the served web font."""
    run = SPEC.explorer().run
    output = page.locator(f"{outputs}:has(.rta-translation)").first
    output.wait_for(state="visible", timeout=120_000)
    output.scroll_into_view_if_needed()
    for text in DATES:
        type_into(text_box(output, "date"), text)
        why = shown_matches(output, run, text)
        assert why is None, f"after typing {text!r}: {why}"
        if text == DATES[0]:
            assert_hangul_from_served_font(output, f"06 ({kind}): the date {text!r}")
    assert not page_tracebacks(output)
    assert not widget_errors(page.record.console_errors), page.record.console_errors


SPEC.extra = type_dates



def impossible_date(page, outputs, kind):
    """A date that does not exist: the translator still answers, and one line says why it cannot be
    checked and what to type instead."""
    output = page.locator(f"{outputs}:has(.rta-translation)").first
    box = text_box(output, "date")
    type_into(box, "february 30, 1994")
    said = wait_for_message(output, "is not a real date")
    assert "type a real date" in said, said
    type_into(box, DATES[-1])  # back to a real date (the projector check reads its short heatmap)
    assert shown_matches(output, SPEC.explorer().run, DATES[-1]) is None
    assert output.locator(".rta-message").count() == 0, "the message stayed after a real date"


SPEC.bad_input = impossible_date
