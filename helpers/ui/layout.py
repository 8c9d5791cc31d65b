"""Widget layout the explorers share: rows that wrap on a narrow screen, labels shown whole.

Pure styling, written once (with its mutation-testing pragma) so the explorers keep to what they show.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as W

__all__ = ["WIDE_LABEL", "wrapping_row"]

#: Widget style that shows a description whole (ipywidgets otherwise cuts it at a fixed width).
WIDE_LABEL = {"description_width": "initial"}  # pragma: no mutate


def wrapping_row(children: Iterable[W.Widget], **layout) -> W.HBox:
    """A row of widgets that wraps onto the next line when the screen (a 1280-px projector) is too
    narrow for it, instead of scrolling; ``layout`` adds CSS such as ``align_items="center"``."""
    return W.HBox(list(children), layout=W.Layout(flex_flow="row wrap", **layout))  # pragma: no mutate
