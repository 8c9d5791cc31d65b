"""Bad input in the browser: what the page shows after it (each spec's ``bad_input`` uses these).

An explorer that cannot use an input says so in one line (``span.rta-message``); a slider's readout
takes typed numbers, and the slider keeps a number past its end at its end.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .browser_ui import slider, slider_value, wait_for_view

if TYPE_CHECKING:
    from .specs import ExplorerSpec


def wait_for_message(output, contains: str, timeout: float = 15.0) -> str:
    """Poll until the explorer shows a one-line message (``span.rta-message``) holding ``contains``."""
    deadline = time.monotonic() + timeout
    while True:
        shown = output.locator(".rta-message").all_inner_texts()
        found = [t for t in shown if contains in t]
        if found:
            assert "\n" not in found[0].strip(), f"the message is not one line: {found[0]!r}"
            return found[0]
        assert time.monotonic() < deadline, f"no message holding {contains!r} appeared; shown: {shown}"
        time.sleep(0.1)


def type_into_readout(sl, text: str) -> None:
    """Type ``text`` into a slider's editable readout (the number beside it) and press Enter."""
    sl.locator(".widget-readout").click()
    sl.page.keyboard.press("Control+A")
    sl.page.keyboard.type(text)
    sl.page.keyboard.press("Enter")


def check_readout_past_the_end(output, spec: ExplorerSpec, typed: str = "999") -> None:
    """A number past the slider's end typed into its readout: the slider stops at its maximum and
    the view shows the helpers' values there (an explorer of sliders only has no message to show)."""
    from .specs import widgets_of

    hi = next(w.max for w in widgets_of(spec.explorer()) if getattr(w, "description", None) == spec.slider
              and hasattr(w, "max"))
    sl = slider(output, spec.slider)
    type_into_readout(sl, typed)
    deadline = time.monotonic() + 10
    while slider_value(sl) != hi and time.monotonic() < deadline:
        time.sleep(0.05)
    shown = slider_value(sl)
    assert shown == hi, f"{spec.notebook}: typed {typed} into {spec.slider!r}; it shows {shown}, not {hi}"
    _, why = wait_for_view(output, spec.view, spec.expect(hi))
    assert why is None, f"{spec.notebook}, {spec.slider} typed {typed} (held at {hi}): {why}"


def readout_past_the_end(spec: ExplorerSpec):
    """A spec's ``bad_input`` for an explorer of sliders only (00-03)."""
    from .browser_ui import explorer_output

    def bad_input(page, outputs, kind):
        check_readout_past_the_end(explorer_output(page, outputs), spec)

    return bad_input
