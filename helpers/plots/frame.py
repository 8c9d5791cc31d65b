"""The frame the charts share: a new axes when none is given, a faint grid, a legend.

These are pure styling, written once (with their mutation-testing pragma) so the builders in the other
modules keep to the data they draw.
"""

from __future__ import annotations

import matplotlib.pyplot as plt

__all__ = ["axes_or_new", "faint_grid", "add_legend"]


def axes_or_new(ax, figsize):  # Axes | None, (width, height) in inches -> Axes
    """``ax`` itself, or the axes of a new constrained-layout figure ``figsize`` inches large."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")  # pragma: no mutate
    return ax


def faint_grid(ax, **where):  # Axes -> None
    """Light grid lines behind the data; ``where`` narrows them (``axis="y"``, ``which="both"``)."""
    ax.grid(True, alpha=0.3, **where)  # pragma: no mutate


def add_legend(ax, *, loc="best"):  # Axes -> Legend
    """A legend naming every labelled series, in one font size across the series."""
    return ax.legend(loc=loc, fontsize=9)  # pragma: no mutate
