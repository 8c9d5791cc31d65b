"""The exercises nbgrader grades, found in the notebooks themselves: one solution each, and it passes.

Runs in `make test` (no nbgrader needed): the solutions and checks run in this process. The round
trip through nbgrader itself is test_nbgrader_round_trip.py (`make test-grading`, in .ci/run).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from grading.exercises import PYTHON_BLOCK, SOLUTION_FOLD, ExerciseError, find_exercises
from helpers.checks import CheckResult, assert_passed

from .inprocess import check_result

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = [(p, e) for p in NOTEBOOKS for e in find_exercises(p)]
GRADED = [(p, e) for p, e in EXERCISES if e.graded]


def _binds(source: str) -> set[str]:
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def test_every_solution_fold_belongs_to_exactly_one_graded_exercise():
    assert GRADED, "no graded exercise found in notebooks/"
    for path in NOTEBOOKS:
        cells = nbformat.read(path, as_version=4).cells
        start = next((i for i, c in enumerate(cells) if re.search(r"^## Exercises", c.source, re.M)), None)
        if start is None:
            continue
        blocks = [b for c in cells[start:] if c.cell_type == "markdown"
                  for fold in SOLUTION_FOLD.findall(c.source) for b in PYTHON_BLOCK.findall(fold)]
        used = [e.solution for p, e in GRADED if p == path]
        assert [b.strip("\n") for b in blocks] == used, f"{path.name}: a Solution fold no exercise uses"


@pytest.mark.parametrize("path, exercise", EXERCISES, ids=[e.where() for _, e in EXERCISES])
def test_each_exercise_is_graded_with_its_stubs_answer_or_is_a_prediction(path, exercise):
    stub = nbformat.read(path, as_version=4).cells[exercise.stub_index].source
    if exercise.graded:
        assert set(exercise.answer) <= _binds(exercise.solution), (
            f"{exercise.where()}: the solution must define {exercise.answer}, what the check reads")
        assert exercise.points in (1, 2, 3)
    else:
        value = ast.parse(stub).body[-1].value
        ast.literal_eval(value)  # a prediction's answer is a literal: a word, a letter, labels
        assert exercise.points == 0 and exercise.fold_index is None


@pytest.mark.parametrize("path, exercise", GRADED, ids=[e.where() for _, e in GRADED])
def test_the_solution_passes_the_notebooks_check_and_the_stub_fails_it(path, exercise):
    solved = check_result(path, exercise, solved=True)
    blank = check_result(path, exercise, solved=False)
    assert isinstance(solved, CheckResult) and repr(solved).startswith("[PASS] "), repr(solved)
    assert repr(blank).startswith("[NOT YET] "), repr(blank)
    with pytest.raises(AssertionError) as err:
        assert_passed(blank)
    assert str(err.value) == repr(blank)


def _notebook(tmp_path: Path, *cells: tuple[str, str]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(s) if kind == "md" else nbformat.v4.new_code_cell(s)
                for kind, s in cells]
    path = tmp_path / "99_toy.ipynb"
    nbformat.write(nb, path)
    return path


FOLD = "<details><summary>Solution</summary>\n\n```python\n{}\n```\n</details>"


def test_points_follow_the_heading_and_a_prediction_needs_no_solution(tmp_path):
    path = _notebook(tmp_path, ("code", "# Check the set-up\nx = 1"),
                     ("md", "## Exercises\n\n**1. Add (★★).** Add."),
                     ("code", "def add(a, b):\n    return 0"), ("code", "# Check exercise 1\ncheck_add(add)"),
                     ("md", FOLD.format("def add(a, b):\n    return a + b")),
                     ("md", "**2. Predict** (easy)."), ("code", "guess = '?'"),
                     ("code", "# Check exercise 2\nc(guess)"))
    add, guess = find_exercises(path)
    assert (add.number, add.points, add.answer, add.graded) == (1, 2, ("add",), True)
    assert add.solution == "def add(a, b):\n    return a + b" and add.fold_index == 4
    assert (guess.number, guess.points, guess.answer, guess.graded) == (2, 0, ("guess",), False)


@pytest.mark.parametrize("cells, message", [
    ([("md", "**1. F (easy).**"), ("code", "def f():\n    return 0"),
      ("code", "# Check exercise 1\ncheck_f(f)")],
     "99_toy.ipynb exercise 1: the stub computes its answer (f), so it needs a Solution fold"),
    ([("md", "**1. F (easy).**"), ("code", "y = np.zeros(2)"), ("code", "# Check exercise 1\ncheck_y(y)"),
      ("md", FOLD.format("y = 1") + FOLD.format("y = 2"))],
     "99_toy.ipynb exercise 1: 2 python blocks in its Solution fold; keep exactly one."),
    ([("md", "**1. F.**"), ("code", "y = np.zeros(2)"), ("code", "# Check exercise 1\ncheck_y(y)"),
      ("md", FOLD.format("y = np.ones(2)"))],
     "99_toy.ipynb exercise 1: its heading '**1. ...**' gives no difficulty"),
    ([("md", "**1. F (easy).**"), ("code", "print(1)"), ("code", "# Check exercise 1\ncheck_y(y)")],
     "99_toy.ipynb exercise 1: the stub cell must end with the answer"),
])
def test_an_exercise_the_generator_cannot_grade_is_named(tmp_path, cells, message):
    path = _notebook(tmp_path, ("md", "## Exercises"), *cells)
    with pytest.raises(ExerciseError, match=re.escape(message)):
        find_exercises(path)
