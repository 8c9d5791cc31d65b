"""Find each notebook's checked exercises, their solutions and their points, from the notebook alone.

An exercise is a *check cell* (a code cell after the ``## Exercises`` heading whose first line starts
with ``# Check``) and its *stub*, the code cell just before it. Its solution is the fenced ``python``
block of the ``<details><summary>Solution</summary>`` fold in the Markdown after the check cell: the
fold the learner opens in the notebook is the one source of the nbgrader solution too.

- **graded**: exactly one such block. Worth 1, 2 or 3 points, read from the difficulty the exercise's
  heading gives: ``(★)`` or ``(easy)`` 1, ``(★★)`` or ``(medium)`` 2, ``(★★★)`` or ``(hard)`` 3.
- **prediction**: no block, and the stub's answer is a literal (a word, a letter, a list or dict of
  labels). The answer is the check itself; it stays a self-check and earns no points.

Anything else (a function or a computed stub with no solution, or two solutions) is an error that
names the notebook and the exercise.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

__all__ = ["Exercise", "ExerciseError", "find_exercises", "solution_folds", "POINTS"]

SOLUTION_FOLD = re.compile(r"<details>\s*<summary>\s*Solution\s*</summary>(.*?)</details>", re.S)
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.S)
POINTS = {"★": 1, "easy": 1, "★★": 2, "medium": 2, "★★★": 3, "hard": 3}
DIFFICULTY = re.compile(r"\((★{1,3}|easy|medium|hard)\)")


class ExerciseError(ValueError):
    """A notebook's exercise that the generator cannot turn into an nbgrader cell pair."""


@dataclass(frozen=True)
class Exercise:
    """One checked exercise of a notebook: where its cells are, its solution and its points."""

    notebook: str                  # file name, e.g. "01_rnn_long_range.ipynb"
    number: int                    # as the notebook numbers it ("# Check exercise 2" -> 2)
    stub_index: int                # cell index of the stub (the learner's answer cell)
    check_index: int               # cell index of the check
    answer: tuple[str, ...]        # the names the stub's last statement binds (what the check reads)
    solution: str | None           # the Solution fold's python block; None for a prediction
    fold_index: int | None         # the Markdown cell that holds that fold
    points: int                    # 0 for a prediction

    @property
    def graded(self) -> bool:
        return self.solution is not None

    def where(self) -> str:
        return f"{self.notebook} exercise {self.number}"


def solution_folds(markdown: str) -> list[str]:
    """Every ``python`` block inside a Solution fold of ``markdown``, in order."""
    return [block for fold in SOLUTION_FOLD.findall(markdown) for block in PYTHON_BLOCK.findall(fold)]


def find_exercises(path: Path) -> list[Exercise]:
    """The checked exercises of the notebook at ``path``, in order; raise ExerciseError on a bad one."""
    cells = nbformat.read(path, as_version=4).cells
    code = [i for i, c in enumerate(cells) if c.cell_type == "code"]
    start = next((i for i, c in enumerate(cells) if c.cell_type == "markdown"
                  and re.search(r"^## Exercises", c.source, re.M)), len(cells))
    exercises = []
    for k, i in enumerate(code):
        if i < start or k == 0 or not cells[i].source.startswith("# Check"):
            continue
        stub = code[k - 1]
        number = _number(cells[i].source, default=len(exercises) + 1)
        after = range(i + 1, code[k + 1] if k + 1 < len(code) else len(cells))
        found = [(j, block) for j in after if cells[j].cell_type == "markdown"
                 for block in solution_folds(cells[j].source)]
        exercises.append(_exercise(path.name, number, cells, stub, i, found))
    return exercises


def _exercise(name: str, number: int, cells, stub: int, check: int, found) -> Exercise:
    where = f"{name} exercise {number}"
    answer, literal = _answer(cells[stub].source, where)
    if len(found) > 1:
        raise ExerciseError(f"{where}: {len(found)} python blocks in its Solution fold; keep exactly one.")
    if not found:
        if not literal:
            raise ExerciseError(f"{where}: the stub computes its answer ({', '.join(answer)}), so it needs a "
                                f"Solution fold with one ```python block after the check cell.")
        return Exercise(name, number, stub, check, answer, None, None, 0)
    fold, solution = found[0]
    return Exercise(name, number, stub, check, answer, solution.strip("\n"), fold,
                    _points(cells, stub, number, where))


def _number(check_source: str, default: int) -> int:
    m = re.match(r"# Check exercise (\d+)", check_source)
    return int(m.group(1)) if m else default


def _answer(stub_source: str, where: str) -> tuple[tuple[str, ...], bool]:
    """The names the stub's last statement binds, and whether it binds a literal value."""
    try:
        body = ast.parse(stub_source).body
    except SyntaxError as err:
        raise ExerciseError(f"{where}: the stub cell does not parse: {err}") from None
    last = body[-1] if body else None
    if isinstance(last, ast.FunctionDef):
        return (last.name,), False
    if isinstance(last, ast.Assign) and all(isinstance(t, ast.Name) for t in last.targets):
        try:
            ast.literal_eval(last.value)
            literal = True
        except ValueError:
            literal = False
        return tuple(t.id for t in last.targets), literal
    raise ExerciseError(f"{where}: the stub cell must end with the answer: a `def` or `name = value`.")


def _points(cells, stub: int, number: int, where: str) -> int:
    """Points from the difficulty in the exercise's heading (the Markdown before its stub)."""
    heading = re.compile(rf"\*\*{number}\.(.*?)(?:\n\n|$)", re.S)
    for j in range(stub - 1, -1, -1):
        if cells[j].cell_type == "code":
            break
        for paragraph in heading.findall(cells[j].source):
            m = DIFFICULTY.search(paragraph)
            if m:
                return POINTS[m.group(1)]
    raise ExerciseError(f"{where}: its heading '**{number}. ...**' gives no difficulty such as (★), (★★), "
                        f"(easy) or (medium), which sets its points.")
