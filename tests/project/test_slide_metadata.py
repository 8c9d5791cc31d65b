"""Every notebook carries the slide metadata that tests/tools/slide_metadata.py gives it.

The slides of ``make present`` (Voila's reveal view, ``?template=slides``) read
``cell.metadata.slideshow.slide_type``: a section heading starts a slide, the set-up cell is skipped,
a figure or explorer appears as a fragment after the prose that asks its question.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest

from tests.tools import slide_metadata as sm

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TOOL_NAME = "tests/tools/slide_metadata.py"


def _read(path):
    return nbformat.read(path, as_version=4)


def _kind(cell) -> str | None:
    return cell.metadata.get("slideshow", {}).get("slide_type")


WIDGET = "application/vnd.jupyter.widget-view+json"


def _has_widget(cell) -> bool:
    return any(WIDGET in o.get("data", {}) for o in cell.get("outputs", []))


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.name)
def nb(request):
    return _read(request.param)


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 8, NOTEBOOKS


def test_every_cell_has_a_valid_slide_type(nb):
    bad = [(i, _kind(c)) for i, c in enumerate(nb.cells) if _kind(c) not in sm.SLIDE_TYPES]
    assert not bad, f"cells without a valid slideshow.slide_type (cell index, value): {bad}"


def test_the_title_and_each_section_heading_start_a_slide(nb):
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    headings = [i for i, c in enumerate(nb.cells) if sm.has_heading(c)]
    assert headings[0] == 0 and len(headings) >= 3, headings
    not_slides = [i for i in headings if _kind(nb.cells[i]) != "slide"]
    assert not not_slides, f"markdown cells with a section heading that do not start a slide: {not_slides}"


def test_the_set_up_cell_and_cells_without_output_are_skipped(nb):
    setup = [i for i, c in enumerate(nb.cells) if sm.is_setup(c)]
    assert len(setup) == 1, f"one set-up cell (calling setup_notebook()) per notebook, found {setup}"
    assert _kind(nb.cells[setup[0]]) == "skip"
    shown_empty = [i for i, c in enumerate(nb.cells)
                   if c.cell_type == "code" and not c.get("outputs") and _kind(c) != "skip"]
    assert not shown_empty, f"code cells without output shown as (empty) slide content: {shown_empty}"


def test_each_explorer_is_a_fragment_after_prose_on_its_slide(nb):
    """A live explorer appears on a key press, after the text that says what to try with it."""
    explorers = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and _has_widget(c)]
    for i in explorers:
        assert _kind(nb.cells[i]) == "fragment", f"explorer cell {i} is {_kind(nb.cells[i])!r}"
        start = max(j for j in range(i + 1) if _kind(nb.cells[j]) == "slide")
        prose = [j for j in range(start, i) if nb.cells[j].cell_type == "markdown"]
        assert prose, f"explorer cell {i}: its slide (from cell {start}) has no text before it"


def test_notebooks_are_in_sync_with_the_tool(nb):
    """Running the tool again changes nothing (the lead re-runs it after editing a notebook)."""
    again = copy.deepcopy(nb)
    assert sm.apply(again) is False, "slide metadata is stale: run python tests/tools/slide_metadata.py"
    assert again == nb


def test_the_tool_touches_only_slide_metadata_and_is_idempotent(tmp_path):
    src = NOTEBOOKS[4]
    nb = _read(src)
    for cell in nb.cells:
        cell.metadata.pop("slideshow", None)
    stripped = copy.deepcopy(nb)
    assert sm.apply(nb) is True
    assert sm.apply(nb) is False  # a second run finds nothing to do
    for before, after in zip(stripped.cells, nb.cells, strict=True):
        after = copy.deepcopy(after)
        after.metadata.pop("slideshow")
        assert after == before  # source, outputs, id and the other metadata are untouched
    assert len(nb.cells) == len(stripped.cells) and nb.metadata == stripped.metadata


def test_check_mode_names_a_stale_notebook_and_writes_nothing(tmp_path, capsys):
    stale = tmp_path / NOTEBOOKS[0].name
    nb = _read(NOTEBOOKS[0])
    nb.cells[0].metadata["slideshow"] = {"slide_type": "skip"}
    nbformat.write(nb, stale)
    before = stale.read_bytes()
    assert sm.main(["--check", str(stale)]) == 1
    assert capsys.readouterr().out == f"{stale}: slide metadata out of date (run python {TOOL_NAME})\n"
    assert stale.read_bytes() == before
    assert sm.main(["--check", str(NOTEBOOKS[0])]) == 0
    assert capsys.readouterr().out == ""
    assert sm.main([str(stale)]) == 0 and _kind(_read(stale).cells[0]) == "slide"  # without --check: fixed


def test_a_notebook_without_a_title_cell_gets_a_one_line_message(tmp_path, capsys):
    bad = tmp_path / "untitled.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), bad)
    assert sm.main([str(bad)]) == 2
    assert capsys.readouterr().out == (f"{bad}: the first cell must be the notebook's title (a markdown "
                                       "heading); it is a code cell\n")
