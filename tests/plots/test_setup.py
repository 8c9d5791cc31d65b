"""helpers.plots.setup: the Hangul font registered after DejaVu, and inline figures saved once."""

import ast

import matplotlib as mpl
import matplotlib.pyplot as plt

from helpers.plots import setup as psetup
from helpers.style import FONT_FAMILIES

# ---------------------------------------------------------------- setup


class _Shell:
    def __init__(self, kernel: bool):
        if kernel:
            self.kernel = object()
        self.calls = []

    def run_line_magic(self, *args):
        self.calls.append(args)


def test_in_a_kernel_inline_figures_are_saved_without_a_second_tight_layout(monkeypatch):
    import IPython

    shell = _Shell(kernel=True)
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    psetup.setup_inline_figures()
    (magic, line), = shell.calls
    target, value = (part.strip() for part in line.split("=", 1))
    assert magic == "config"
    assert target == "InlineBackend.print_figure_kwargs" and ast.literal_eval(value) == {"bbox_inches": None}
    terminal = _Shell(kernel=False)  # IPython in a terminal has no inline backend: nothing to set
    monkeypatch.setattr(IPython, "get_ipython", lambda: terminal)
    psetup.setup_inline_figures()
    assert terminal.calls == []


def test_every_bundled_hangul_font_file_is_registered_after_dejavu(monkeypatch):
    import importlib.util
    from pathlib import Path

    from matplotlib import font_manager

    spec = importlib.util.find_spec("koreanize_matplotlib")
    bundled = sorted(str(p) for p in (Path(next(iter(spec.submodule_search_locations))) / "fonts").iterdir()
                     if p.suffix == ".ttf")
    assert bundled
    added = []
    monkeypatch.setattr(font_manager.fontManager, "addfont", added.append)
    with mpl.rc_context():  # the families set here are undone for the tests that follow
        assert psetup.setup_fonts() == list(FONT_FAMILIES[:2]) == list(mpl.rcParams["font.family"])
        assert added == bundled
        monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # the font package missing
        assert psetup.setup_fonts() == [FONT_FAMILIES[0]] == list(mpl.rcParams["font.family"])


def test_setup_registers_the_hangul_font_after_dejavu_and_draws_hangul():
    import matplotlib as mpl
    from matplotlib import font_manager

    from helpers.plots.setup import setup_fonts, setup_inline_figures, setup_notebook

    families = setup_fonts()
    assert families == ["DejaVu Sans", "NanumGothic"] == list(mpl.rcParams["font.family"])
    assert mpl.rcParams["axes.unicode_minus"] is False
    path = font_manager.findfont(font_manager.FontProperties(family="NanumGothic"), fallback_to_default=False)
    assert "nanum" in path.lower()
    setup_inline_figures()  # outside a kernel: nothing to configure, no error
    mpl.rcParams["font.family"] = ["serif"]
    setup_notebook()
    assert list(mpl.rcParams["font.family"]) == families
    fig, ax = plt.subplots()
    t = ax.set_title("나는 집에 간다")
    fig.canvas.draw()
    assert t.get_window_extent().width > 30  # drawn with real glyphs, not skipped
