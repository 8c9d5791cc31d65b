"""The generated nbgrader source notebooks: cell metadata, the stub above the solution, locked checks
that raise the check's own message, every other cell as the notebook has it. No nbgrader needed."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from traitlets.config.loader import PyFileConfigLoader

from grading.assignments import BEGIN, END, main, source_notebook
from grading.exercises import find_exercises, solution_folds

from .inprocess import check_result, run_cells

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CONFIG = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "assignments")).load_config()
CODE_STUB = CONFIG.ClearSolutions.code_stub["python"]
GRADED = [(p, e) for p in NOTEBOOKS for e in find_exercises(p) if e.graded]


def _cleared(source: str) -> str:
    """What nbgrader's ClearSolutions leaves of a solution cell: the region becomes the code stub."""
    return re.sub(rf"{BEGIN}\n.*?{END}", lambda _: CODE_STUB, source, flags=re.S)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_graded_cells_carry_nbgrader_metadata_and_the_rest_is_the_notebook(path):
    original = nbformat.read(path, as_version=4)
    nb, exercises = source_notebook(path)
    graded = [e for e in exercises if e.graded]
    if not graded:
        assert nb == original, "a notebook with nothing graded is left as it is"
        return
    header, cells = nb.cells[1], nb.cells[:1] + nb.cells[2:]  # the inserted "graded version" note
    assert f"{sum(e.points for e in graded)} points" in header.source and header.metadata.nbgrader["locked"]
    assert len(cells) == len(original.cells)
    touched = set()
    for e in graded:
        answer, check = cells[e.stub_index], cells[e.check_index]
        stub = original.cells[e.stub_index].source.rstrip()
        assert answer.source == f"{stub}\n{BEGIN}\n{e.solution}\n{END}"  # the stub stays above
        assert answer.metadata.nbgrader == {"grade": False, "grade_id": f"ex{e.number}_answer",
                                            "locked": False, "schema_version": 3, "solution": True,
                                            "task": False}
        assert check.metadata.nbgrader == {"grade": True, "grade_id": f"ex{e.number}_check", "locked": True,
                                           "points": e.points, "schema_version": 3, "solution": False,
                                           "task": False}
        last = original.cells[e.check_index].source.rstrip().split("\n")[-1]
        assert check.source.split("\n")[-1] == f"assert_passed({last})"
        assert not solution_folds(cells[e.fold_index].source)
        assert "<summary>Hint</summary>" in cells[e.fold_index].source
        touched |= {e.stub_index, e.check_index, e.fold_index}
    for i, (new, old) in enumerate(zip(cells, original.cells, strict=True)):
        if i not in touched:
            assert new == old, f"{path.name} cell {i} changed"


@pytest.mark.parametrize("path, exercise", GRADED, ids=[e.where() for _, e in GRADED])
def test_the_students_copy_fails_with_the_checks_message_and_the_solution_passes(path, exercise):
    nb, _ = source_notebook(path)
    answer, check = nb.cells[exercise.stub_index + 1].source, nb.cells[exercise.check_index + 1].source
    blank = check_result(path, exercise, solved=False)
    with pytest.raises(AssertionError) as err:
        run_cells(path, exercise, _cleared(answer), check)
    assert str(err.value) == repr(blank) and repr(blank).startswith("[NOT YET] ")
    solved = run_cells(path, exercise, answer.replace(BEGIN, "").replace(END, ""), check)
    assert repr(solved).startswith("[PASS] ")


def test_make_assignments_script_writes_the_course_layout_and_reports_points(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["--course", str(tmp_path), "notebooks/00_start_here.ipynb",
                 "notebooks/01_rnn_long_range.ipynb"]) == 0
    out = capsys.readouterr().out
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.ipynb"))
    assert written == ["source/01_rnn_long_range/01_rnn_long_range.ipynb"]
    points = [e.points for e in find_exercises(ROOT / "notebooks/01_rnn_long_range.ipynb") if e.graded]
    assert f"{len(points)} graded checks, {sum(points)} points in all." in out
    assert "| 00_start_here | none: no assignment written |" in out
    with pytest.raises(SystemExit) as bad:
        main(["--course", str(tmp_path), "nope.ipynb"])
    assert bad.value.code == 2 and "notebooks: no such file: nope.ipynb" in capsys.readouterr().err
