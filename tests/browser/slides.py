"""Page helpers for the slides: Voila's reveal view through the project's ``slides`` template.

``make present`` and JupyterLab's Voila server extension both open a notebook as slides at
``/voila/render/<notebook>?template=slides``. reveal.js marks the slide on screen with
``section.present`` and writes its number in the address (``#/3``; ``#/3/0/1`` once a fragment of it
is shown).
"""

from __future__ import annotations

import nbformat

from .browser_ui import NOTEBOOKS, explorer_output

SLIDES_NOTEBOOK = "00_start_here.ipynb"  # short to run, with a slider over a heatmap
PRESENT = ".reveal .slides > section.present"


def slides_url(notebook: str) -> str:
    return f"/voila/render/{notebook}?template=slides"


def slide_headings(notebook: str) -> list[str]:
    """The first line of each cell that starts a slide, in order (from the notebook's metadata)."""
    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    return [c.source.splitlines()[0].lstrip("# ").strip() for c in nb.cells
            if c.metadata.get("slideshow", {}).get("slide_type") == "slide"]


def open_slides(page, server, notebook: str) -> None:
    """Open a notebook as slides and wait until reveal.js shows its first slide."""
    page.goto(server.url(slides_url(notebook)), timeout=240_000)
    page.locator(f"{PRESENT} h1").first.wait_for(state="visible", timeout=120_000)


def slide_number(page) -> int:
    """The number of the slide on screen (0 for the title)."""
    return page.evaluate("() => [...document.querySelectorAll('.reveal .slides > section')]"
                         ".findIndex(s => s.classList.contains('present'))")


def present_text(page) -> str:
    return page.locator(PRESENT).first.inner_text()


def arrow_to_explorer(page, max_presses: int = 30):
    """Press ArrowRight until a slider with its heatmap shows on the slide on screen; return that output
    (found by the slide's position, so it stays the same element whichever slide is on screen later)."""
    for _ in range(max_presses):
        found = page.locator(f"{PRESENT} .jp-OutputArea-output:has(.rta-heatmap):has(.widget-slider)")
        if found.count() and found.first.is_visible():
            nth = slide_number(page) + 1
            return explorer_output(page, f".reveal .slides > section:nth-child({nth}) .jp-OutputArea-output")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)  # reveal.js's transition
    raise AssertionError(f"{max_presses} presses of ArrowRight never showed a slider over a heatmap; "
                         f"on screen: slide {slide_number(page)}")


def uncaught(console_errors: list[str]) -> list[str]:
    return [e for e in console_errors if e.startswith("uncaught")]
