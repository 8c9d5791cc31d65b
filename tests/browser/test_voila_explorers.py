"""Classroom mode: each explorer as a Voila app (as `make present` serves it, no code shown, no
tracebacks), moved with the keyboard and checked against the helpers; one bad input each, answered
by a one-line message; offline; typed sentences redraw; Hangul, typed or built into 00's and 03's
explorers, is drawn from the served web font. The list links each notebook as an app and as slides;
the slides move on with ArrowRight, and a slider on a slide still redraws its heatmap (its arrow keys
move the slider, not the slides)."""

from __future__ import annotations

import html

import nbformat
import pytest

from helpers.core.embeddings import tokenize

from .browser_ui import (
    EXPLORER_VIEW,
    NOTEBOOKS,
    VOILA_OUTPUT,
    check_explorer,
    explorer_output,
    page_tracebacks,
    slider,
    slider_value,
    tab_to_slider,
    text_box,
    type_into,
    voila_open,
    wait_for_view,
    widget_errors,
)
from .hangul import KOREAN_CELLS, KOREAN_SENTENCE, assert_hangul_from_served_font
from .slides import (
    SLIDES_NOTEBOOK,
    arrow_to_explorer,
    open_slides,
    present_text,
    slide_headings,
    slide_number,
    slides_url,
    uncaught,
)
from .specs import SPECS, notebooks_in, notebooks_with_explorers
from .specs.nb04_query_key_value import typed_sentence

EXPLORER_NOTEBOOKS = notebooks_with_explorers(NOTEBOOKS)
FIRST = EXPLORER_NOTEBOOKS[0] if EXPLORER_NOTEBOOKS else "00_start_here.ipynb"
SENTENCE_NOTEBOOK = "04_query_key_value.ipynb"  # QKVExplorer, the one with a sentence box


def code_comment_lines(path) -> list[str]:
    """The opening `# comment` line of every code cell (each opens with one, by the style guide), but
    for cells that show an error on purpose: their traceback quotes the code, as it should."""
    cells = nbformat.read(path, as_version=4).cells
    return [c.source.splitlines()[0] for c in cells if c.cell_type == "code" and c.source.startswith("# ")
            and not any(o.get("output_type") == "error" for o in c.get("outputs", []))]


def _no_errors(page, output, notebook):
    assert not page_tracebacks(output), f"error output in {notebook}'s explorer: {page_tracebacks(output)}"
    failed = page.get_by_text("There was an error when executing cell")  # Voila's line for a failed cell
    assert failed.count() == 0, f"a cell of {notebook} failed: {failed.all_inner_texts()}"
    assert not widget_errors(page.record.console_errors), page.record.console_errors


def _open_explorer(page, server, notebook):
    voila_open(page, server, notebook)
    output = explorer_output(page, VOILA_OUTPUT)
    code_cells = page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor")
    assert code_cells.count() == 0, "Voila shows code cells"
    content = page.content()
    shown = [line for line in code_comment_lines(NOTEBOOKS / notebook)
             if html.escape(line, quote=False) in content]
    assert not shown, f"code reached the page (classroom mode hides it): {shown}"
    return output


OTHER_NOTEBOOKS = [nb for nb in EXPLORER_NOTEBOOKS if nb not in (FIRST, SENTENCE_NOTEBOOK)]


@pytest.mark.parametrize("notebook", notebooks_in("voila", OTHER_NOTEBOOKS))
def test_voila_arrow_key_redraws_with_helper_values(page, voila_server, notebook):
    output = _open_explorer(page, voila_server, notebook)
    spec = SPECS[notebook]
    check_explorer(output, spec)
    if spec.extra is not None:
        spec.extra(page, VOILA_OUTPUT, "voila")
    spec.bad_input(page, VOILA_OUTPUT, "voila")
    _no_errors(page, output, notebook)


def test_voila_first_explorer_by_keyboard_alone(page, voila_server):
    """The first notebook's explorer: reach its slider with Tab, move it with ArrowRight, no mouse."""
    spec = SPECS[FIRST]
    output = _open_explorer(page, voila_server, FIRST)
    page.locator("body").focus()
    presses = tab_to_slider(page, spec.slider)
    assert presses <= 30, f"the explorer's slider needs {presses} presses of Tab"
    check_explorer(output, spec, move=lambda _slider: page.keyboard.press("ArrowRight"))
    spec.bad_input(page, VOILA_OUTPUT, "voila")
    _no_errors(page, output, FIRST)


def test_voila_qkv_slider_then_typed_sentences_redraw_with_their_tokens(page, voila_server):
    """04: ArrowRight on W_q[0,0], then sentences typed in the sentence box (Hangul included, Enter
    applies) redraw the weights heatmap with their own tokens and the helpers' numbers."""
    spec = SPECS[SENTENCE_NOTEBOOK]
    output = _open_explorer(page, voila_server, SENTENCE_NOTEBOOK)
    check_explorer(output, spec)
    wq00 = slider_value(slider(output, spec.slider))
    box = text_box(output, "sentence")
    for sentence in [KOREAN_SENTENCE, "the cat sat on the mat"]:
        type_into(box, sentence)
        expected = typed_sentence(sentence, wq00)
        shown, why = wait_for_view(output, spec.view, expected)
        assert why is None, f"after typing {sentence!r}: {why}"
        assert shown.rows == shown.cols == tokenize(sentence)
        if sentence == KOREAN_SENTENCE:
            assert_hangul_from_served_font(output, f"{SENTENCE_NOTEBOOK} in Voila: a typed sentence")
    spec.bad_input(page, VOILA_OUTPUT, "voila")
    _no_errors(page, output, SENTENCE_NOTEBOOK)


def test_voila_explorers_of_00_and_03_on_korean_words_draw_hangul_from_the_served_font(page, voila_server):
    """Voila shows no code to edit: a notebook of the two code cells (next to the served copies)."""
    cells = ["# Set-up, then two explorers on Korean words\n"
             "from helpers.ui import NaiveAttentionExplorer, StartHereExplorer, setup_notebook\n"
             "setup_notebook()", *KOREAN_CELLS.values()]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, voila_server.root / "korean_words.ipynb")
    voila_open(page, voila_server, "korean_words.ipynb")
    outputs = page.locator(f"{VOILA_OUTPUT}:has(:is({EXPLORER_VIEW}))")
    outputs.nth(len(KOREAN_CELLS) - 1).wait_for(timeout=60_000)
    for k, notebook in enumerate(KOREAN_CELLS):
        assert_hangul_from_served_font(outputs.nth(k), f"{notebook}'s explorer on Korean words, in Voila")
    assert not page_tracebacks(page), page_tracebacks(page)


def test_voila_notebook_list_lists_every_notebook_as_an_app_and_as_slides_offline(page, voila_server):
    """The page a teacher opens first: every notebook listed, with a link to its slides; no request
    leaves 127.0.0.1."""
    page.goto(voila_server.url("/"))
    names = sorted(path.name for path in voila_server.root.glob("*.ipynb"))  # the notebooks it serves
    for name in names:
        page.get_by_text(name, exact=True).first.wait_for(timeout=30_000)
    apps = page.locator("li.rta-notebook a.rta-app").all_inner_texts()
    slides = [a.get_attribute("href") for a in page.locator("li.rta-notebook a.rta-slides").all()]
    assert sorted(a.strip() for a in apps) == names
    assert sorted(slides) == sorted(slides_url(n) for n in names)


def test_voila_slides_move_on_arrow_keys_and_keep_their_widgets_live(page, voila_server):
    headings = slide_headings(SLIDES_NOTEBOOK)
    open_slides(page, voila_server, SLIDES_NOTEBOOK)
    assert page.locator(".reveal .slides > section").count() == len(headings)
    assert slide_number(page) == 0 and headings[0] in present_text(page)

    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.hash.startsWith('#/1')")
    assert slide_number(page) == 1 and headings[1] in present_text(page)

    output = arrow_to_explorer(page)
    on_screen, address = slide_number(page), page.evaluate("() => location.hash")
    spec = SPECS[SLIDES_NOTEBOOK]
    check_explorer(output, spec)  # ArrowRight on the slider's handle: the heatmap shows the new weights
    assert (slide_number(page), page.evaluate("() => location.hash")) == (on_screen, address), (
        "the arrow key on the slider also moved the slides")
    assert not page_tracebacks(page), page_tracebacks(page)
    assert not uncaught(page.record.console_errors), page.record.console_errors
    assert not widget_errors(page.record.console_errors), page.record.console_errors
