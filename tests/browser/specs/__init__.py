"""Browser-test specs: how to test each notebook's first explorer. One module per notebook.

A module here (``nb05_training.py``, say) declares ``SPEC = ExplorerSpec(...)`` (or ``SPECS = [...]``)
and is picked up by itself: ``SPECS`` below maps every notebook name to its spec. The spec reads the
explorer's defaults from an explorer it builds in the test process (``build``), never from a copy.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["SLOW_VIEW", "ExplorerSpec", "SPECS", "notebooks_in", "notebooks_with_explorers", "python_view",
           "widgets_of"]

# The heavy notebooks (they train while they run) run the same spec (explorer, extra, bad input) in
# JupyterLab and in Voila. A run in a view named here is marked slow, so it runs in `make test-slow`
# (CI runs it after `make test`), not in `make test`. 05 and 07 keep their JupyterLab run in
# `make test` (Train clicked and the block's switches flipped where a learner does, with the
# projector checks). 06, which trains its encoder-decoders on the page (its Voila run took 59 s in a
# `make test --durations` run, the longest test), runs in both views in `make test-slow` only, which
# keeps `make test` within its 240 s; in `make test` its translator is checked in Python
# (tests/ui/explorers/test_translation.py). The lighter notebooks 00-04 run in both views in
# `make test`.
SLOW_VIEW = {
    "05_learning_to_reach_far.ipynb": ("voila",),
    "06_where_attention_was_born.ipynb": ("lab", "voila"),
    "07_toward_the_transformer.ipynb": ("voila",),
}


@dataclass
class ExplorerSpec:
    """How to test a notebook's first explorer in a browser.

    notebook  file name, e.g. ``"05_training.ipynb"``.
    build     makes the explorer as the notebook's cell does (a class works when the cell uses its
              defaults); built once, lazily, in the test process.
    slider    the label (``description``) of the slider the test moves with ArrowRight.
    view      what the test reads: ``"heatmap:<caption text>"`` (the first AttentionHeatmap whose
              title holds that text), ``"line"`` or ``"bar"`` (the explorer's first SVG chart).
    expected  ``expected(explorer, value)``: what the view must show with the slider at ``value``,
              computed with the helpers from the explorer's own inputs (its tokens, vectors,
              parameters, other widgets' values): ``(labels, [n, n] weights)`` or
              ``(row labels, column labels, [n_rows, n_cols] weights)`` for a heatmap,
              ``{series: values}`` for a chart.
    extra     optional ``extra(page, outputs, kind)``: more checks of this notebook on the same page
              and the same run (``kind`` is ``"lab"`` or ``"voila"``; ``outputs`` is the CSS selector
              of the notebook's output areas on that page). Each notebook runs once in JupyterLab
              and once in Voila (for 05 and 07 one of the two, for 06 both, in ``make test-slow``,
              see SLOW_VIEW): a notebook's own browser checks go here, not in a module that would
              start another server and run the notebook again.
    bad_input ``bad_input(page, outputs, kind)``, called after ``extra`` in both servers: gives the
              notebook's explorer one bad input and checks what the page then shows: the explorer's
              one-line message (``span.rta-message``, or 05's status line) saying what to change, or,
              for an explorer whose only inputs are sliders, the slider pulled back into its range.
    """

    notebook: str
    build: Callable[[], Any]
    slider: str
    view: str
    expected: Callable[[Any, float], object]
    extra: Callable[[Any, str, str], None] | None = None
    bad_input: Callable[[Any, str, str], None] | None = None
    _explorer: Any = field(default=None, init=False, repr=False, compare=False)

    def explorer(self):
        """The explorer as the notebook builds it (built on first use)."""
        if self._explorer is None:
            self._explorer = self.build()
        return self._explorer

    def expect(self, value: float):
        """What the view must show with the slider at ``value``."""
        return self.expected(self.explorer(), float(value))


def widgets_of(widget, seen=None):
    """Every widget reachable from ``widget``: its children and its widget-valued attributes."""
    import ipywidgets

    seen = set() if seen is None else seen
    if id(widget) in seen:
        return
    seen.add(id(widget))
    yield widget
    kids = list(getattr(widget, "children", ()) or ())
    for value in vars(widget).values():
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            for v in item if isinstance(item, list | tuple) else [item]:
                if isinstance(v, ipywidgets.Widget):
                    kids.append(v)
    for kid in kids:
        yield from widgets_of(kid, seen)


def python_view(explorer, view: str):
    """What the explorer object shows for ``view``, read in Python: a ``browser_ui.Heatmap`` or
    ``{series: values}`` (the same shapes ``browser_ui.read_view`` reads from the page)."""
    from helpers.ui import AttentionHeatmap, BarChart, LineChart

    from ..browser_ui import Heatmap, parse_series

    kind, _, caption = view.partition(":")
    found = list(widgets_of(explorer))
    if kind == "heatmap":
        for w in found:
            if isinstance(w, AttentionHeatmap) and caption in w.title:
                return Heatmap(w.title, list(w.query_labels), list(w.key_labels), np.asarray(w.weights))
        raise AssertionError(f"no AttentionHeatmap titled with {caption!r} in {type(explorer).__name__}")
    cls = {"line": LineChart, "bar": BarChart}[kind]
    for w in found:
        if isinstance(w, cls):
            return parse_series(re.search(r"data-series='([^']*)'", w.html.value).group(1))
    raise AssertionError(f"no {cls.__name__} in {type(explorer).__name__}")


def notebooks_with_explorers(folder) -> list[str]:
    """Names of the notebooks whose code makes an explorer (a call of a ``...Explorer(`` class)."""
    import nbformat

    found = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        if re.search(r"\b[A-Z]\w*Explorer\(", code):
            found.append(path.name)
    return found


def notebooks_in(view: str, notebooks) -> list:
    """``notebooks`` as pytest parameters of the ``view`` ("lab" or "voila") tests: those whose run
    in that view is left to ``make test-slow`` (SLOW_VIEW) carry the slow mark."""
    import pytest

    slow = [nb for nb in notebooks if view in SLOW_VIEW.get(nb, ())]
    return [pytest.param(nb, marks=pytest.mark.slow) if nb in slow else nb for nb in notebooks]


def _load() -> dict[str, ExplorerSpec]:
    specs: dict[str, ExplorerSpec] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        for spec in getattr(mod, "SPECS", [getattr(mod, "SPEC", None)]):
            if spec is None:
                continue
            if spec.notebook in specs:
                raise ValueError(f"two browser specs for {spec.notebook} (the second in {mod.__name__})")
            specs[spec.notebook] = spec
    return specs


SPECS: dict[str, ExplorerSpec] = _load()
