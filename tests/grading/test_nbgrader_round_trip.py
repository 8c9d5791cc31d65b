"""nbgrader itself on the generated source: generate_assignment, then autograde two submissions of every
assignment in a temporary course with its own sqlite gradebook.

- a blank copy (the students' release as handed out) scores 0, and each test cell fails with the
  AssertionError that carries the check's own "[NOT YET] ..." line;
- a solved copy (the release with each Solution fold's code typed where `# YOUR CODE HERE` stands)
  scores full points, and no cell of the notebook raises or times out.

Needs nbgrader (requirements-grading.txt): `make test-grading` runs it in .venv-grading (in .ci/run).
Elsewhere it skips, saying so; under CI=true a missing nbgrader is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from traitlets.config.loader import PyFileConfigLoader

from grading.assignments import write_course
from grading.exercises import find_exercises

from .inprocess import check_result

pytestmark = pytest.mark.grading

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ASSIGNMENTS = [p for p in NOTEBOOKS if any(e.graded for e in find_exercises(p))]
CONFIG = ROOT / "assignments" / "nbgrader_config.py"


def _nbgrader_bin() -> Path:
    nbgrader = Path(sys.executable).parent / "nbgrader"
    if not nbgrader.exists():
        missing = f"nbgrader is not installed next to {sys.executable}; run `make test-grading`."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing + " Under CI a missing nbgrader is a failure.", pytrace=False)
        pytest.skip(missing)
    return nbgrader


def _nbgrader(course: Path, *args: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([str(_nbgrader_bin()), *args, "--log-level=WARN"], cwd=course, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"


def _solved(release: nbformat.NotebookNode, path: Path, code_stub: str) -> nbformat.NotebookNode:
    """The release with each solution cell's `# YOUR CODE HERE` line replaced by the Solution fold."""
    nb = nbformat.from_dict(release)
    solutions = {f"ex{e.number}_answer": e.solution for e in find_exercises(path) if e.graded}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            assert cell.source.count(code_stub) == 1, f"{path.name} {grade_id}: the code stub is not there"
            cell.source = cell.source.replace(code_stub, solutions.pop(grade_id))
    assert not solutions, f"{path.name}: no solution cell for {sorted(solutions)}"
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder after generate_assignment and autograde of students "blank" and "solved"."""
    _nbgrader_bin()
    course = tmp_path_factory.mktemp("course")
    shutil.copy(CONFIG, course / "nbgrader_config.py")
    write_course(course, ASSIGNMENTS)
    _nbgrader(course, "generate_assignment", "*")
    code_stub = PyFileConfigLoader(CONFIG.name, path=str(CONFIG.parent)).load_config() \
        .ClearSolutions.code_stub["python"]
    for path in ASSIGNMENTS:
        release = nbformat.read(course / "release" / path.stem / path.name, as_version=4)
        for student, nb in (("blank", release), ("solved", _solved(release, path, code_stub))):
            folder = course / "submitted" / student / path.stem
            folder.mkdir(parents=True)
            nbformat.write(nb, folder / path.name)
    _nbgrader(course, "autograde", "*")
    return course


def _graded_cells(course: Path, student: str, path: Path):
    nb = nbformat.read(course / "autograded" / student / path.stem / path.name, as_version=4)
    return nb, {c.metadata.nbgrader["grade_id"]: c for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade")}


def _score(course: Path, student: str, path: Path) -> tuple[float, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(path.stem, student)
        return sub.score, sub.max_score


def test_the_release_hides_every_solution_and_keeps_the_stubs(course):
    for path in ASSIGNMENTS:
        release = nbformat.read(course / "release" / path.stem / path.name, as_version=4)
        text = "\n".join(c.source for c in release.cells)
        for e in (e for e in find_exercises(path) if e.graded):
            assert e.solution not in text, f"{e.where()}: its solution is in the students' copy"
        assert "BEGIN SOLUTION" not in text and "<summary>Solution</summary>\n\n```python" not in text
        original = nbformat.read(path, as_version=4)
        for e in (e for e in find_exercises(path) if e.graded):
            assert original.cells[e.stub_index].source.rstrip() in text


@pytest.mark.parametrize("path", ASSIGNMENTS, ids=[p.stem for p in ASSIGNMENTS])
def test_a_blank_copy_scores_zero_and_each_check_fails_with_its_message(course, path):
    graded = [e for e in find_exercises(path) if e.graded]
    score, max_score = _score(course, "blank", path)
    assert (score, max_score) == (0, sum(e.points for e in graded))
    _, cells = _graded_cells(course, "blank", path)
    for e in graded:
        errors = [o for o in cells[f"ex{e.number}_check"].outputs if o.output_type == "error"]
        message = repr(check_result(path, e, solved=False))
        assert [(o.ename, o.evalue) for o in errors] == [("AssertionError", message)], e.where()
        assert message.startswith("[NOT YET] ")


@pytest.mark.parametrize("path", ASSIGNMENTS, ids=[p.stem for p in ASSIGNMENTS])
def test_a_solved_copy_scores_full_points_and_runs_without_an_error(course, path):
    graded = [e for e in find_exercises(path) if e.graded]
    score, max_score = _score(course, "solved", path)
    assert score == max_score == sum(e.points for e in graded)
    nb, cells = _graded_cells(course, "solved", path)
    errors = [(i, o.ename) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: cells raised (CellTimeoutError: the time limit is short): {errors}"
    for e in graded:
        shown = [o.data["text/plain"] for o in cells[f"ex{e.number}_check"].outputs if "data" in o]
        assert shown == [repr(check_result(path, e, solved=True))] and shown[0].startswith("[PASS] ")


def test_the_course_config_raises_nbgraders_cell_time_limit():
    from nbgrader.preprocessors import Execute

    config = PyFileConfigLoader(CONFIG.name, path=str(CONFIG.parent)).load_config()
    assert Execute().timeout == 30  # nbgrader's default, shorter than a busy machine's training cell
    assert Execute(config=config).timeout == 300
