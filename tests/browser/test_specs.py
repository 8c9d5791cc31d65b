"""The browser specs themselves, without a browser: each names a slider and a view its explorer has,
and computes, for the slider's default value, what the explorer object shows (read in Python)."""

from __future__ import annotations

import re

import nbformat
import pytest

from .browser_ui import NOTEBOOKS, mismatch
from .specs import SPECS, python_view, widgets_of


@pytest.mark.parametrize("notebook", sorted(SPECS))
def test_spec_matches_its_explorer_in_python(notebook):
    spec = SPECS[notebook]
    ex = spec.explorer()
    code = "\n".join(c.source for c in nbformat.read(NOTEBOOKS / notebook, as_version=4).cells
                     if c.cell_type == "code")
    assert re.search(rf"\b{type(ex).__name__}\(", code), f"{notebook} never calls {type(ex).__name__}("
    sliders = [w for w in widgets_of(ex) if getattr(w, "description", None) == spec.slider
               and hasattr(w, "max")]
    assert sliders, f"{type(ex).__name__} has no slider labelled {spec.slider!r}"
    sl = sliders[0]
    old = sl.value
    why = mismatch(python_view(ex, spec.view), spec.expect(sl.value))
    assert why is None, f"{notebook}, {spec.slider} = {sl.value}: {why}"
    new = sl.value + sl.step if sl.value + sl.step <= sl.max else sl.value - sl.step
    try:
        sl.value = new  # the explorer redraws; the spec must follow
        why = mismatch(python_view(ex, spec.view), spec.expect(sl.value))
    finally:
        sl.value = old  # the browser tests use the same explorer object
    assert why is None, f"{notebook}, {spec.slider} = {new} (moved): {why}"


@pytest.mark.parametrize("notebook", sorted(SPECS))
def test_every_spec_gives_one_bad_input(notebook):
    assert callable(SPECS[notebook].bad_input), (
        f"{notebook}: set SPEC.bad_input (one bad input and the message the page must then show)")
