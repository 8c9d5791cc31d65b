"""docs/CLAIMS.md names tests that exist: every path, every ``path::test`` and every bare test name.

The register is where a reader goes from a sentence of a notebook to the test behind it; a test
renamed or moved without the register following would leave the sentence unbacked in appearance.
A bare name must be a test function somewhere under tests/; a name cut short with ``...`` must
start one.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = re.compile(r"`(?:(tests/[\w/]+\.py)(?:::(\w+))?|(test_\w+?)(\.py|\.\.\.)?)(?:\[[^\]`]*\])?`")


def named_tests(tests: Path) -> dict[str, set[str]]:
    """``{path relative to the repository: names of its test functions}`` for every test module."""
    found = {}
    for path in tests.rglob("test_*.py"):
        tree = ast.parse(path.read_text())
        found[str(path.relative_to(tests.parent))] = {
            n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}
    return found


def unbacked(text: str, tests: Path) -> list[str]:
    """Each reference in ``text`` to a test file or test function that does not exist."""
    functions = named_tests(tests)
    everywhere = set().union(*functions.values())
    bad = []
    for path, name, bare, tail in REFERENCE.findall(text):
        if path and not (tests.parent / path).exists():
            bad.append(path)
        elif path and name and name not in functions.get(path, set()):
            bad.append(f"{path}::{name}")
        elif bare and tail == "...":
            if not any(f.startswith(bare) for f in everywhere):
                bad.append(bare + "...")
        elif bare and tail != ".py" and bare not in everywhere:  # a bare file name follows a path
            bad.append(bare)
    return bad


def test_every_test_the_claims_register_names_exists():
    bad = unbacked((ROOT / "docs" / "CLAIMS.md").read_text(), ROOT / "tests")
    assert not bad, f"docs/CLAIMS.md names tests that do not exist (moved or renamed?): {bad}"


def test_the_check_finds_a_moved_file_a_renamed_test_and_a_missing_name(tmp_path):
    tests = tmp_path / "tests"
    (tests / "core").mkdir(parents=True)
    (tests / "core" / "test_rnn.py").write_text("def test_a(): pass\n\n\ndef test_long_name_here(): pass\n")
    text = ("`tests/core/test_rnn.py::test_a`, `test_a`, `test_long_name...`, `tests/core/test_rnn.py`, "
            "`test_a[seed 1]` | `tests/test_rnn.py` `tests/core/test_rnn.py::test_b` `test_c` `test_x...`")
    wrong = ["tests/test_rnn.py", "tests/core/test_rnn.py::test_b", "test_c", "test_x..."]
    assert unbacked(text, tests) == wrong
