"""Notebook set-up: fonts and inline figure format, applied by one explicit call.

Nothing here runs at import. Each notebook's first code cell calls :func:`setup_notebook`, which
registers the Hangul font that ``koreanize-matplotlib`` ships (NanumGothic, a fallback after
DejaVu Sans, so Korean tokens render on a fresh machine) and makes inline figures draw once.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

from ..style import FONT_FAMILIES

__all__ = ["setup_notebook", "setup_fonts", "setup_inline_figures"]


def setup_fonts() -> list[str]:
    """Register the bundled Hangul font and put it after DejaVu Sans; return the family list."""
    families = [FONT_FAMILIES[0]]
    # Locate the package without importing it: importing it changes rcParams and warns.
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is not None and spec.submodule_search_locations:
        font_dir = Path(next(iter(spec.submodule_search_locations))) / "fonts"
        for path in sorted(font_dir.glob("*.ttf")):
            font_manager.fontManager.addfont(str(path))
        families.append(FONT_FAMILIES[1])
    mpl.rcParams["font.family"] = families
    mpl.rcParams["axes.unicode_minus"] = False  # NanumGothic has no U+2212 minus sign
    return families


def setup_inline_figures() -> None:
    """In a notebook kernel, save inline figures without a second "tight" layout pass.

    Every figure here uses constrained layout, which already fits labels inside the figure;
    IPython's default ``bbox_inches="tight"`` would lay out and draw all text a second time,
    about doubling the time a figure with many annotated cells takes to appear.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebook stack
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "kernel"):
        shell.run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None}")


def setup_notebook() -> None:
    """Everything a notebook needs before its first figure: fonts, then the inline figure format.

    Returns nothing, so it can end a cell without printing; ``matplotlib.rcParams["font.family"]``
    shows the fonts in use.
    """
    setup_fonts()
    setup_inline_figures()
