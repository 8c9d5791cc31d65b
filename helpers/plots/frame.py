"""What every builder shares: the :class:`Drawn` it returns, new axes when none are given, grid, legend.

The look (sizes, widths, alphas, font sizes) comes from :mod:`helpers.style` by name, so it changes
there and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import matplotlib.pyplot as plt
import numpy as np

from ..style import GRID_ALPHA, LEGEND_FONTSIZE

__all__ = ["Drawn", "axes_or_new", "panels", "faint_grid", "add_legend"]


class Drawn(Mapping):
    """What a plot builder drew: its artists by name (``drawn["lines"]``), and where.

    ``drawn.axes`` holds every Axes the builder drew on, in reading order (the caller's, when it
    passed ``ax``); ``drawn.ax`` is the first of them and ``drawn.fig`` their figure. Each entry is an
    artist, a list or dict of artists, or the ``Drawn`` of one panel (``drawn["heatmaps"][0]``).
    """

    def __init__(self, axes, **artists):
        self.axes = tuple(np.ravel(axes))  # [n_panels] of Axes
        self._artists = artists

    def __getitem__(self, name: str):
        return self._artists[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._artists)

    def __len__(self) -> int:
        return len(self._artists)

    @property
    def ax(self):
        """The Axes drawn on (the first panel's, for a builder of several panels)."""
        return self.axes[0]

    @property
    def fig(self):
        """The Figure the builder drew in."""
        return self.ax.figure

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {', '.join(self)} on {len(self.axes)} axes>"


def axes_or_new(ax, figsize):  # Axes | None, (width, height) in inches -> Axes
    """``ax`` itself, or the axes of a new constrained-layout figure ``figsize`` inches large."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def panels(ax, shape, figsize, **subplots):  # None | sequence of Axes, (rows, cols) -> tuple of Axes
    """``rows x cols`` panels: those the caller gave in ``ax``, or a new constrained-layout figure's.

    ``subplots`` go to :func:`matplotlib.pyplot.subplots` (``sharey=True``). Raises ValueError naming
    ``ax`` when the caller gave another number of axes.
    """
    n = shape[0] * shape[1]
    if ax is None:
        _, ax = plt.subplots(*shape, figsize=figsize, layout="constrained", **subplots)
    flat = tuple(np.ravel(ax))
    if len(flat) != n:
        raise ValueError(f"ax must hold {n} Axes here (one per panel); got {len(flat)}.")
    return flat


def faint_grid(ax, **where):  # Axes -> None
    """Light grid lines behind the data; ``where`` narrows them (``axis="y"``, ``which="both"``)."""
    ax.grid(alpha=GRID_ALPHA, **where)  # given line properties, matplotlib turns the grid on


def add_legend(ax, *, loc="best"):  # Axes -> Legend
    """A legend naming every labelled series, in one font size across the figures."""
    return ax.legend(loc=loc, fontsize=LEGEND_FONTSIZE)
