"""In JupyterLab, as a learner: open each notebook with an explorer, restart the kernel and run
all, wait until the kernel is really idle, move the explorer's slider with the keyboard, and check
the numbers the page now shows against what the helpers compute for the new setting; give it one
bad input and read what it says (the spec's ``bad_input``); then, on the same run, the projector
checks of ``projector`` (1280x720: no horizontal scrolling, cell text
>= 14 px, slider tracks >= 120 px; a 40-word sentence scrolls inside the heatmap's own box).

One JupyterLab server and page serve the module (JupyterLab loads once); each notebook opens
from the file browser in a tab of its own.
"""

from __future__ import annotations

import pytest

from .browser_ui import (
    NOTEBOOKS,
    check_explorer,
    explorer_output,
    lab_open,
    lab_restart_and_run_all,
    lab_wait_run_all_done,
    notebook_panel,
    page_tracebacks,
    widget_errors,
)
from .projector import LONG_NOTEBOOK, PROJECTOR, check_40_words, check_projector
from .specs import SPECS, notebooks_with_explorers

EXPLORER_NOTEBOOKS = notebooks_with_explorers(NOTEBOOKS)


def test_every_notebook_with_an_explorer_has_a_browser_spec():
    assert EXPLORER_NOTEBOOKS, f"no notebook in {NOTEBOOKS} makes an explorer"
    missing = [nb for nb in EXPLORER_NOTEBOOKS if nb not in SPECS]
    assert not missing, f"add a spec module in tests/browser/specs/ (SPEC = ExplorerSpec(...)) for {missing}"


@pytest.mark.parametrize("notebook", EXPLORER_NOTEBOOKS)
def test_lab_run_all_then_arrow_key_redraws_with_helper_values(lab_page, lab_server, notebook):
    page = lab_page
    page.set_viewport_size(PROJECTOR)  # a classroom projector: the explorers must fit it
    lab_open(page, lab_server, notebook)
    lab_restart_and_run_all(page)
    lab_wait_run_all_done(page, notebook)

    outputs = f"{notebook_panel(page, notebook)} .jp-OutputArea-output"
    output = explorer_output(page, outputs)
    spec = SPECS[notebook]
    check_explorer(output, spec)
    if spec.extra is not None:
        spec.extra(page, outputs, "lab")
    spec.bad_input(page, outputs, "lab")

    assert not page_tracebacks(output), f"error output in {notebook}'s explorer: {page_tracebacks(output)}"
    assert not widget_errors(page.record.console_errors), page.record.console_errors
    check_projector(page, notebook)
    if notebook == LONG_NOTEBOOK:
        check_40_words(page, output)
