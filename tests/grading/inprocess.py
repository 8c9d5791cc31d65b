"""Run one exercise's stub, solution and check in this process, without a kernel.

The namespace is what the exercise needs from its notebook: every import statement of the code cells
before the stub (the notebooks import all they use), then the stub cell itself, then, if asked, the
Solution fold's code; the check cell's statements run last and its final expression is returned.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat

from grading.exercises import Exercise


def check_result(path: Path, exercise: Exercise, *, solved: bool):
    """The check cell's value (a CheckResult) for the blank stub or the solved exercise."""
    cells = nbformat.read(path, as_version=4).cells
    stub = cells[exercise.stub_index].source
    return run_cells(path, exercise, stub + "\n" + exercise.solution if solved else stub,
                     cells[exercise.check_index].source)


def run_cells(path: Path, exercise: Exercise, answer_source: str, check_source: str):
    """Run ``answer_source`` then ``check_source`` after the notebook's imports; the check's value."""
    ns: dict = {}
    for cell in nbformat.read(path, as_version=4).cells[:exercise.stub_index]:
        if cell.cell_type == "code":
            imports = [n for n in ast.parse(cell.source).body if isinstance(n, ast.Import | ast.ImportFrom)]
            exec(compile(ast.Module(imports, type_ignores=[]), f"<{path.name} imports>", "exec"), ns)
    exec(compile(answer_source, f"<{exercise.where()} answer>", "exec"), ns)
    body = ast.parse(check_source).body
    exec(compile(ast.Module(body[:-1], type_ignores=[]), f"<{exercise.where()} check>", "exec"), ns)
    return eval(compile(ast.Expression(body[-1].value), f"<{exercise.where()} check>", "eval"), ns)
