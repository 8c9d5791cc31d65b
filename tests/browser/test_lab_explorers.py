"""In JupyterLab, as a learner: open each notebook with an explorer, restart the kernel and run
all, wait until the kernel is really idle, move the explorer's slider with the keyboard, and check
the numbers the page now shows against what the helpers compute for the new setting.

One JupyterLab server and page serve the module (JupyterLab loads once); each notebook opens
from the file browser in a tab of its own.
"""

from __future__ import annotations

import pytest
from browser_ui import (
    NOTEBOOKS,
    SPECS,
    check_explorer,
    explorer_output,
    lab_open,
    lab_restart_and_run_all,
    lab_wait_run_all_done,
    notebook_panel,
    notebooks_with_explorers,
    page_tracebacks,
    widget_errors,
)

EXPLORER_NOTEBOOKS = notebooks_with_explorers(NOTEBOOKS)


def test_every_notebook_with_an_explorer_has_a_browser_spec():
    assert EXPLORER_NOTEBOOKS, f"no notebook in {NOTEBOOKS} makes an explorer"
    missing = [nb for nb in EXPLORER_NOTEBOOKS if nb not in SPECS]
    assert not missing, f"add an ExplorerSpec in tests/browser/browser_ui.py for {missing}"


@pytest.mark.parametrize("notebook", EXPLORER_NOTEBOOKS)
def test_lab_run_all_then_arrow_key_redraws_with_helper_values(lab_page, lab_server, notebook):
    page = lab_page
    lab_open(page, lab_server, notebook)
    lab_restart_and_run_all(page)
    lab_wait_run_all_done(page, notebook)

    output = explorer_output(page, f"{notebook_panel(page, notebook)} .jp-OutputArea-output")
    check_explorer(output, SPECS[notebook])

    assert not page_tracebacks(output), f"error output in {notebook}'s explorer: {page_tracebacks(output)}"
    assert not widget_errors(page.record.console_errors), page.record.console_errors
