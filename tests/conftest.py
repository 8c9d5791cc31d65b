"""Shared fixtures: figures are drawn as a notebook draws them, after the one set-up call."""

import matplotlib

matplotlib.use("Agg")

import pytest


@pytest.fixture(scope="session", autouse=True)
def _notebook_fonts():
    """Register the Hangul font once, as each notebook's first cell does (``setup_notebook``)."""
    from helpers.plots import setup_fonts

    setup_fonts()
