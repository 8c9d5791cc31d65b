"""Colours and figures of the static matplotlib plots, as the figure tests compare them."""

import matplotlib as mpl
import matplotlib.pyplot as plt

from helpers.style import PALETTE

HEX_PALETTE = [mpl.colors.to_hex(c) for c in PALETTE]  # "#rrggbb", lower case, as to_hex writes


def hex_colour(colour) -> str:
    """Any matplotlib colour as "#rrggbb" in lower case (alpha dropped)."""
    return mpl.colors.to_hex(colour)


def in_palette(colours) -> None:
    """Every colour is one of the project's palette colours."""
    assert all(hex_colour(c) in HEX_PALETTE for c in colours), colours


def new_figures(before: set) -> set:
    """The figure numbers opened since ``before = set(plt.get_fignums())``."""
    return set(plt.get_fignums()) - before


def palette_colours(artists, get=lambda a: a.get_color()) -> list[str]:
    """Each artist's colour (``get(artist)``) in hex; every one is a palette colour."""
    colours = [hex_colour(get(a)) for a in artists]
    in_palette(colours)
    return colours
