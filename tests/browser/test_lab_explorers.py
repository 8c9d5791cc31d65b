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
    EXPLORER_VIEW,
    NOTEBOOKS,
    check_explorer,
    explorer_output,
    lab_open,
    lab_restart_and_run_all,
    lab_run_new_cell,
    lab_wait_run_all_done,
    notebook_panel,
    page_tracebacks,
    text_box,
    type_into,
    widget_errors,
)
from .hangul import KOREAN_CELLS, KOREAN_SENTENCE, assert_hangul_from_served_font
from .projector import LONG_NOTEBOOK, PROJECTOR, check_40_words, check_projector
from .slides import SLIDES_NOTEBOOK, open_slides, present_text, slide_headings, slide_number, uncaught
from .specs import SPECS, notebooks_in, notebooks_with_explorers

EXPLORER_NOTEBOOKS = notebooks_with_explorers(NOTEBOOKS)


def test_every_notebook_with_an_explorer_has_a_browser_spec():
    assert EXPLORER_NOTEBOOKS, f"no notebook in {NOTEBOOKS} makes an explorer"
    missing = [nb for nb in EXPLORER_NOTEBOOKS if nb not in SPECS]
    assert not missing, f"add a spec module in tests/browser/specs/ (SPEC = ExplorerSpec(...)) for {missing}"


@pytest.mark.parametrize("notebook", notebooks_in("lab", EXPLORER_NOTEBOOKS))
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
        type_into(text_box(output, "sentence"), KOREAN_SENTENCE)
        page.wait_for_function("([el, w]) => [...el.querySelectorAll('.rta-heatmap th.rta-k')]"
                               ".some(th => th.textContent === w)", arg=[output.element_handle(), "나는"])
        assert_hangul_from_served_font(output, f"{notebook}: a typed sentence")
        check_40_words(page, output)
    if notebook in KOREAN_CELLS:
        cell = lab_run_new_cell(page, notebook, KOREAN_CELLS[notebook])
        cell.locator(f".jp-OutputArea-output :is({EXPLORER_VIEW})").first.wait_for(timeout=60_000)
        assert_hangul_from_served_font(cell, f"{notebook}: an explorer on Korean words, built in a code cell")
        assert not page_tracebacks(cell), page_tracebacks(cell)


def test_lab_opens_the_slides_through_voilas_server_extension(page, lab_server):
    """JupyterLab users open the same slides at /voila/render/<notebook>?template=slides."""
    headings = slide_headings(SLIDES_NOTEBOOK)
    open_slides(page, lab_server, SLIDES_NOTEBOOK)
    assert page.locator(".reveal .slides > section").count() == len(headings)
    assert headings[0] in present_text(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.hash.startsWith('#/1')")
    assert slide_number(page) == 1 and headings[1] in present_text(page)
    page.locator(".reveal .rta-heatmap").first.wait_for(state="attached", timeout=30_000)  # widgets render
    assert not uncaught(page.record.console_errors), page.record.console_errors
