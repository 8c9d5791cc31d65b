"""The base of every live explorer, and the one guard that keeps preset drop-downs honest."""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import ipywidgets as W

from .layout import MESSAGE_CSS

__all__ = ["Explorer", "CUSTOM", "event_loop", "message_html"]

#: The entry a preset drop-down shows once a slider has moved away from every preset.
CUSTOM = "(custom)"

def message_html(text: str) -> str:
    """``text`` as the one plain line an explorer's message widget shows (``""`` for none).

    Whitespace (newlines included) is collapsed and the text escaped, so an error's message reaches
    the page as one line of text, in a ``span.rta-message`` the browser tests look for.
    """
    line = " ".join(str(text).split())
    return f'<span class="rta-message" style="{MESSAGE_CSS}">{html.escape(line)}</span>' if line else ""


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

    #: The line that tells the learner what to change after bad input (explorers with a text box).
    message: W.HTML | None = None

    def say(self, text: str = "") -> None:
        """Show ``text`` in :attr:`message` as one plain line; ``say()`` clears it."""
        self.message.value = message_html(text)

    _hold = False
    task: asyncio.Task | None = None  # the chunked work started by run_in_chunks, if any
    pause_s = 0.02  # seconds between chunks: the window in which the kernel handles other messages

    @property
    def running(self) -> bool:
        """True while the work started by :meth:`run_in_chunks` is in flight."""
        return self.task is not None and not self.task.done()

    def run_in_chunks(self, chunk: Callable[[], None], more: Callable[[], bool],
                      finish: Callable[[], None] | None = None) -> asyncio.Task:
        """Call ``chunk()`` while ``more()`` on the kernel's event loop, then ``finish()``.

        Between chunks the task sleeps ``pause_s``, so the kernel answers other widgets (Pause, a
        slider) while the work goes on; ``finish`` runs however the loop ends (cancelled included).
        The task is kept in :attr:`task`.
        """
        async def loop():
            try:
                while more():
                    chunk()
                    await asyncio.sleep(self.pause_s)  # here the kernel handles other messages
            finally:
                if finish is not None:
                    finish()

        self.task = event_loop().create_task(loop())
        return self.task

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
