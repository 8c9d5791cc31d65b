"""Shared fixtures: figures are drawn as a notebook draws them, after the one set-up call."""

import asyncio

import matplotlib

matplotlib.use("Agg")

import pytest


@pytest.fixture(scope="session", autouse=True)
def _notebook_fonts():
    """Register the Hangul font once, as each notebook's first cell does (``setup_notebook``)."""
    from helpers.plots import setup_fonts

    setup_fonts()


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test leaves open (memory, and counts of open figures)."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture
def loop():
    """A fresh event loop for a test that drives a live trainer's chunks itself; closed after.

    A browser test earlier in the same xdist worker leaves Playwright's sync API running a loop in
    this thread (``asyncio._get_running_loop()`` is set); it is put aside for the test and back after.
    """
    outer = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    lp = asyncio.new_event_loop()
    asyncio.set_event_loop(lp)
    try:
        yield lp
    finally:
        lp.close()
        asyncio.set_event_loop(None)
        asyncio._set_running_loop(outer)
