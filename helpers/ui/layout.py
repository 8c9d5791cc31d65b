"""The widgets' look, by name: labels shown whole, control widths, scrolling boxes, buttons, the
message colour, and rows that wrap on a narrow screen.

An explorer passes these as keyword arguments (``W.Text(..., **SENTENCE_BOX)``), so every width and
colour of the widgets is written here once. Widths keep a row of controls within a 1280-px
projector; what does not fit wraps onto the next line (:func:`wrapping_row`).
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as W

# What notebooks may use; the explorers import the other names from this module.
__all__ = ["WIDE_LABEL", "wrapping_row"]

#: Widget style that shows a description whole (ipywidgets otherwise cuts it at a fixed width).
WIDE_LABEL = {"description_width": "initial"}
#: A row that wraps onto the next line instead of scrolling; ``CENTRED_ROW`` also centres its widgets
#: on each other.
WRAPPING = {"flex_flow": "row wrap"}
CENTRED_ROW = {"align_items": "center"}

# Text boxes and drop-downs, by what they hold.
SENTENCE_BOX = {"layout": {"width": "460px"}}
DATE_BOX = {"layout": {"width": "420px"}}
SENTENCES_DROPDOWN = {"style": WIDE_LABEL, "layout": {"width": "420px"}}
QUERY_DROPDOWN = {"layout": {"width": "200px"}}
PRESET_DROPDOWN = {"style": WIDE_LABEL, "layout": {"width": "360px"}}
SCALE_DROPDOWN = {"layout": {"width": "260px"}}
HEAD_PRESET_DROPDOWN = {"layout": {"width": "250px"}}
HEADS_DROPDOWN = {"layout": {"width": "160px"}}
BLOCK_HEADS_DROPDOWN = {"layout": {"width": "150px"}}
#: A check box without the indent ipywidgets gives it, as wide as its label.
CHECKBOX = {"indent": False, "layout": {"width": "auto"}}

# Sliders: never narrower than these, so a 1280x720 projector keeps a track of at least 120 px beside
# the whole label; a row too wide for its box wraps instead of squeezing the tracks.
LABELLED_SLIDER = {"style": WIDE_LABEL, "layout": {"width": "340px", "min_width": "340px"}}
ENTRY_SLIDER = {"style": WIDE_LABEL, "layout": {"width": "300px", "min_width": "300px"}}
BILINEAR_SLIDER = {"style": WIDE_LABEL, "layout": {"width": "330px"}}

# Tables of numbers scroll inside their box instead of pushing the heatmaps down.
VECTORS_BOX = {"layout": {"max_height": "360px", "overflow": "auto"}}
OUTPUTS_BOX = {"layout": {"max_height": "420px", "overflow": "auto"}}

# Buttons: what starts work is green with a play icon.
START_BUTTON = {"button_style": "success", "icon": "play"}
PAUSE_BUTTON = {"icon": "pause"}
RESET_BUTTON = {"icon": "undo"}

#: The one-line message after bad input: dark orange, 6.6:1 on white.
MESSAGE_CSS = "color:#8a4b00"


def wrapping_row(children: Iterable[W.Widget], **layout) -> W.HBox:
    """A row of widgets that wraps onto the next line when the screen (a 1280-px projector) is too
    narrow for it, instead of scrolling; ``layout`` adds CSS such as ``**CENTRED_ROW``."""
    return W.HBox(list(children), layout={**WRAPPING, **layout})
