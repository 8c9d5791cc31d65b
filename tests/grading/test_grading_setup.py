"""nbgrader stays out of the learners' set-up: its own lock, its own venv, generated files not committed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.lock import pins

ROOT = Path(__file__).resolve().parents[2]


def _dry_run(*targets: str) -> str:
    return subprocess.run(["make", "-n", "-B", "-C", str(ROOT), *targets, "VENV=/nonexistent-venv"],
                          capture_output=True, text=True, check=True).stdout


def test_the_grading_lock_pins_nbgrader_and_keeps_every_main_pin():
    source = (ROOT / "requirements-grading.in").read_text().splitlines()
    assert "-c requirements.txt" in source
    grading, main = pins(ROOT / "requirements-grading.txt"), pins(ROOT / "requirements.txt")
    assert grading["nbgrader"] == pins(ROOT / "requirements-grading.in")["nbgrader"]
    differ = {n: (main[n], v) for n, v in grading.items() if n in main and main[n] != v}
    assert not differ, f"requirements-grading.txt is stale (`make lock-grading`); (main, grading): {differ}"
    assert "nbgrader" not in main, "nbgrader must not be in the learners' lock"


def test_only_the_grading_targets_install_nbgrader():
    for target in ("setup", "lab", "present"):
        assert "requirements-grading" not in _dry_run(target), target
    out = _dry_run("assignments")
    assert ".venv-grading/bin/python -m pip install" in out
    assert "-r requirements.txt -r requirements-grading.txt" in out
    assert "-m grading.assignments --course assignments" in out and "generate_assignment" in out


def test_generated_course_files_are_ignored_and_the_config_is_not():
    paths = ["assignments/source/01_rnn_long_range/01_rnn_long_range.ipynb", "assignments/gradebook.db",
             "assignments/release/x/x.ipynb", ".venv-grading/bin/python", "assignments/nbgrader_config.py"]
    out = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True,
                         text=True).stdout.split()
    assert out == paths[:-1]
