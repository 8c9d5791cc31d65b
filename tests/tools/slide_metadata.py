"""Write each notebook's slide metadata (``cell.metadata.slideshow.slide_type``) from its cells.

Usage: python tests/tools/slide_metadata.py [--check] [notebooks/05_learning_to_reach_far.ipynb ...]

The slides (``make present``, Voila's reveal view through the project's ``slides`` template) follow
from what each cell holds, so a rewritten notebook gets its slides back by running this script again:

- a markdown cell that holds a heading (``#``, ``##`` or ``###``) starts a slide, so no section
  begins inside another one's slide (best when the heading opens its cell, as in 00-04);
- a markdown cell after an output on the current slide starts a slide too (the next idea of the
  section gets the whole screen);
- the set-up code cell (the one that calls ``setup_notebook()``) and code cells without output
  (imports, exercise stubs) are skipped: with no code shown they would be empty boxes;
- a code cell with output (a printout, a figure, an explorer) is a fragment: it appears on the
  next key press, after the prose that asks its question;
- every other cell continues the current slide (``-``).

Only ``metadata.slideshow`` changes: sources, outputs and every other key stay as they are, so the
notebooks still pass strict nbval. ``--check`` writes nothing and exits 1, naming each notebook whose
metadata differs from what the rules give.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")
HEADING = re.compile(r"^#{1,3} \S", re.M)
SETUP_CALL = re.compile(r"^\s*setup_notebook\(", re.M)
FENCED = re.compile(r"^```.*?^```", re.M | re.S)  # code blocks: a "# comment" in them is no heading


def has_heading(cell) -> bool:
    """A markdown cell with a level 1-3 heading on one of its lines."""
    return cell.cell_type == "markdown" and bool(HEADING.search(FENCED.sub("", cell.source)))


def is_setup(cell) -> bool:
    """The notebook's set-up cell: the code cell that calls ``setup_notebook()``."""
    return cell.cell_type == "code" and bool(SETUP_CALL.search(cell.source))


def slide_types(cells) -> list[str]:
    """The slide type of each cell, by the rules in the module docstring."""
    types, output_on_slide = [], False
    for cell in cells:
        if cell.cell_type == "markdown":
            kind = "slide" if has_heading(cell) or output_on_slide else "-"
            output_on_slide = False if kind == "slide" else output_on_slide
        elif cell.cell_type == "code" and not is_setup(cell) and cell.get("outputs"):
            kind, output_on_slide = "fragment", True
        elif cell.cell_type == "code":
            kind = "skip"
        else:  # raw cells are not shown by Voila
            kind = "skip"
        types.append(kind)
    if types and types[0] != "slide":
        raise ValueError("the first cell must be the notebook's title (a markdown heading); "
                         f"it is a {cells[0].cell_type} cell")
    return types


def apply(nb) -> bool:
    """Set the slide metadata of every cell of ``nb``; True if anything changed."""
    changed = False
    for cell, kind in zip(nb.cells, slide_types(nb.cells), strict=True):
        if cell.metadata.get("slideshow") != {"slide_type": kind}:
            cell.metadata["slideshow"] = {"slide_type": kind}
            changed = True
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] or sorted(Path("notebooks").glob("*.ipynb"))
    stale = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        try:
            changed = apply(nb)
        except ValueError as exc:
            print(f"{path}: {exc}")
            return 2
        if changed:
            stale.append(path)
            if not check:
                nbformat.write(nb, path)
    verb = "out of date (run python tests/tools/slide_metadata.py)" if check else "updated"
    for path in stale:
        print(f"{path}: slide metadata {verb}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
