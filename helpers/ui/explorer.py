"""The base of every live explorer, and the one guard that keeps preset drop-downs honest."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import ipywidgets as W

__all__ = ["Explorer", "CUSTOM", "event_loop"]

#: The entry a preset drop-down shows once a slider has moved away from every preset.
CUSTOM = "(custom)"


class Explorer(W.VBox):
    """Base class of every live explorer: a VBox whose text form is one fixed line.

    Notebook viewers without a kernel (and nbval, which compares text outputs) see that line
    instead of a long widget repr full of changing values.
    """

    description = "Live explorer"

    def __init__(self, children=(), **kwargs):
        super().__init__(children, **kwargs)
        self.add_class("rta-explorer")  # a stable hook for browser tests and styling

    def __repr__(self) -> str:
        return f"{self.description} (interactive: run the notebook in JupyterLab to use it)"

    _hold = False

    @contextmanager
    def holding(self) -> Iterator[None]:
        """Set several widgets at once: inside, :meth:`held` is true and observers should wait.

        Nests: the hold ends when the outermost ``with`` ends.
        """
        outer = self._hold
        self._hold = True
        try:
            yield
        finally:
            self._hold = outer

    @property
    def held(self) -> bool:
        """True while :meth:`holding` is setting widgets (observers skip their refresh)."""
        return self._hold

    def mark_custom(self, dropdown: W.Dropdown) -> None:
        """Show :data:`CUSTOM` in a preset drop-down after a hand edit (not while holding)."""
        if not self._hold:
            dropdown.value = CUSTOM


def event_loop() -> asyncio.AbstractEventLoop:
    """The loop that live training runs on, in chunks, so the kernel stays responsive.

    In a kernel (JupyterLab, Voila) that is the kernel's own running loop; outside one (a test
    driving the loop itself) it is the thread's current loop, made when there is none.
    """
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    try:
        return asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:  # set_event_loop(None) was called, or none was ever made in this thread
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        return loop
