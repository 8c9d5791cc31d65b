"""Write an nbgrader *source* notebook for every notebook with a graded exercise.

Usage: python -m grading.assignments [--course assignments] [notebooks/01_rnn_long_range.ipynb ...]

Writes ``<course>/source/<stem>/<stem>.ipynb`` (nbgrader's course layout; ``make assignments`` then
runs ``nbgrader generate_assignment`` to make the students' version in ``<course>/release/``) and
prints what each notebook grades. For every graded exercise (see :mod:`grading.exercises`):

- the stub cell becomes an nbgrader *solution* cell: the stub as the learner sees it, then the
  Solution fold's code between ``### BEGIN SOLUTION`` and ``### END SOLUTION``. nbgrader replaces
  that region in the students' copy, so the stub still defines what the check reads and a blank copy
  fails with the check's message, not a NameError;
- the check cell becomes a locked, autograded *test* cell worth the exercise's points, its last line
  wrapped in ``assert_passed(...)``: a wrong answer raises AssertionError with the check's own line;
- the Solution fold leaves the Markdown (its code is now the hidden solution); hints stay.

Predictions and open explorations are left as the notebook has them: practice, no points.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat

from .exercises import SOLUTION_FOLD, Exercise, find_exercises, solution_folds

__all__ = ["source_notebook", "write_course", "BEGIN", "END"]

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
SCHEMA = 3  # nbgrader 0.9's cell metadata schema


def _meta(grade_id: str, *, solution: bool, points: int | None = None) -> dict:
    meta = {"grade": points is not None, "grade_id": grade_id, "locked": points is not None,
            "schema_version": SCHEMA, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def source_notebook(path: Path) -> tuple[nbformat.NotebookNode, list[Exercise]]:
    """The nbgrader source version of the notebook at ``path``, and its exercises."""
    nb = nbformat.read(path, as_version=4)
    exercises = find_exercises(path)
    graded = [e for e in exercises if e.graded]
    for e in graded:
        stub, check, fold = nb.cells[e.stub_index], nb.cells[e.check_index], nb.cells[e.fold_index]
        stub.source = f"{stub.source.rstrip()}\n{BEGIN}\n{e.solution}\n{END}"
        stub.metadata["nbgrader"] = _meta(f"ex{e.number}_answer", solution=True)
        check.source = _graded_check(check.source, e)
        check.metadata["nbgrader"] = _meta(f"ex{e.number}_check", solution=False, points=e.points)
        for cell in (stub, check):
            cell.outputs, cell.execution_count = [], None
        fold.source = _without_solution_folds(fold.source)
    if graded:
        nb.cells.insert(1, _header(exercises))
    return nb, exercises


def _graded_check(source: str, e: Exercise) -> str:
    """Wrap the check cell's last expression (the check call) in ``assert_passed``."""
    last = ast.parse(source).body[-1]
    call = last.value if isinstance(last, ast.Expr) else None
    name = getattr(getattr(call, "func", None), "id", "")
    if not (isinstance(call, ast.Call) and name.startswith("check_")):
        raise ValueError(f"{e.where()}: the check cell must end with the check call, `check_...(answer)`.")
    lines = source.rstrip().split("\n")
    first, end = last.lineno - 1, last.end_lineno - 1
    lines[end] = lines[end][:last.end_col_offset] + ")" + lines[end][last.end_col_offset:]
    lines[first] = lines[first][:last.col_offset] + "assert_passed(" + lines[first][last.col_offset:]
    unit = "point" if e.points == 1 else "points"
    lines[0] = f"{lines[0]} ({e.points} {unit}; graded by nbgrader)"
    return "\n".join([lines[0], "from helpers.checks import assert_passed", *lines[1:]])


def _without_solution_folds(markdown: str) -> str:
    stripped = SOLUTION_FOLD.sub(lambda m: "" if solution_folds(m.group(0)) else m.group(0), markdown)
    return re.sub(r"\n{3,}", "\n\n", stripped).strip("\n")


def _header(exercises: list[Exercise]) -> nbformat.NotebookNode:
    graded = [e for e in exercises if e.graded]
    practice = [str(e.number) for e in exercises if not e.graded]
    parts = " + ".join(str(e.points) for e in graded)
    text = (f"**Graded version.** nbgrader grades the checks of exercise{'s' if len(graded) > 1 else ''} "
            f"{_join([str(e.number) for e in graded])}: {sum(e.points for e in graded)} points "
            f"({parts}). Write each answer in its exercise cell, where `# YOUR CODE HERE` stands, or edit "
            f"the stub above it; a wrong answer makes the locked check cell fail with the usual hint.")
    if practice:
        text += (f" Exercise{'s' if len(practice) > 1 else ''} {_join(practice)} and the open explorations "
                 f"are practice: their checks print [PASS] / [NOT YET] and count no points.")
    cell = nbformat.v4.new_markdown_cell(text)
    cell.id = "graded-version"  # a fixed id: the same notebook gives the same source
    cell.metadata["nbgrader"] = {"grade": False, "grade_id": "graded_version", "locked": True,
                                 "schema_version": SCHEMA, "solution": False, "task": False}
    return cell


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def write_course(course: Path, notebooks: list[Path]) -> list[tuple[str, list[Exercise]]]:
    """Write ``course/source/<stem>/<stem>.ipynb`` for each notebook with a graded exercise."""
    written = []
    for path in notebooks:
        nb, exercises = source_notebook(path)
        if any(e.graded for e in exercises):
            folder = course / "source" / path.stem
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, folder / path.name)
        written.append((path.stem, exercises))
    return written


def _report(written: list[tuple[str, list[Exercise]]]) -> str:
    rows = ["| assignment | graded exercise: points | practice (no points) |", "|---|---|---|"]
    for stem, exercises in written:
        graded = ", ".join(f"{e.number}: {e.points}" for e in exercises if e.graded)
        practice = ", ".join(str(e.number) for e in exercises if not e.graded) or "-"
        rows.append(f"| {stem} | {graded or 'none: no assignment written'} | {practice} |")
    total = sum(e.points for _, ex in written for e in ex if e.graded)
    count = sum(e.graded for _, ex in written for e in ex)
    return "\n".join([*rows, "", f"{count} graded checks, {total} points in all."])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--course", type=Path, default=Path("assignments"),
                        help="the nbgrader course folder (default: assignments)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(Path("notebooks").glob("*.ipynb"))
    missing = [str(p) for p in notebooks if not p.is_file()]
    if missing:
        parser.error(f"notebooks: no such file: {', '.join(missing)}")
    print(_report(write_course(args.course, notebooks)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
