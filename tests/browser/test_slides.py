"""Slides in front of a class: `make present` lists every notebook as an app and as slides; the
slides open offline, ArrowRight moves to the next slide, and a slider on a slide still redraws its
heatmap (its arrow keys move the slider, not the slides)."""

from __future__ import annotations

from .browser_ui import check_explorer, page_tracebacks, slider, widget_errors
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
from .specs import SPECS


def test_notebook_list_links_each_notebook_as_an_app_and_as_slides(page, voila_server):
    page.goto(voila_server.url("/"))
    names = sorted(p.name for p in voila_server.root.glob("*.ipynb"))
    page.locator("a.rta-slides").first.wait_for(timeout=30_000)
    apps = page.locator("li.rta-notebook a.rta-app").all_inner_texts()
    slides = [a.get_attribute("href") for a in page.locator("li.rta-notebook a.rta-slides").all()]
    assert sorted(a.strip() for a in apps) == names
    assert sorted(slides) == sorted(slides_url(n) for n in names)


def test_slides_open_offline_move_on_arrow_keys_and_keep_their_widgets_live(page, voila_server):
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
    assert slider(output, spec.slider).is_visible()
    assert not page_tracebacks(page), page_tracebacks(page)
    assert not uncaught(page.record.console_errors), page.record.console_errors
    assert not widget_errors(page.record.console_errors), page.record.console_errors
