"""tests/ mirrors helpers/, and no test module imports another.

helpers/<layer>/<module>.py is tested in tests/<layer>/test_<module>.py, or in
tests/<layer>/test_<module>_<subject>.py files when one would be too long (a leading underscore
is dropped: _validate.py -> test_validate.py); a top-level module (style.py) in tests/test_style.py.
Every test file in a mirror folder names a module of its layer, so a newcomer who opens
tests/core/ finds helpers/core/ and nothing else. Shared helpers that are not tests live in
tests/support/ (or, when the bench uses them too, in benchmarks/, like benchmarks/servers.py): a test module
never imports another test module, whose tests would run again in the importer's namespace.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Folders of tests/ that mirror helpers/ (the top level mirrors the top-level modules).
MIRRORED = ["", "core", "lessons", "checks", "plots", "ui", "ui/explorers"]

# Modules being renamed: {old module: [new names whose tests already exist]}. An entry whose module no
# longer exists fails below: delete it once the rename is merged. Empty when no rename is under way.
PENDING: dict[str, list[str]] = {}


def helper_modules(helpers: Path) -> dict[str, list[str]]:
    """``{folder relative to helpers/: [module names]}`` for every folder the tests mirror."""
    out = {}
    for folder in MIRRORED:
        modules = (helpers / folder).glob("*.py")
        out[folder] = sorted(p.stem for p in modules if p.name != "__init__.py")
    return out


def mirror_names(folder: str, module: str, pending: dict[str, list[str]]) -> list[str]:
    """The names a test file may carry after ``test_`` for this module (before an optional _subject)."""
    return pending.get(f"{folder}/{module}.py".lstrip("/"), [module.lstrip("_")])


def missing_mirrors(helpers: Path, tests: Path, pending: dict[str, list[str]]) -> list[str]:
    """Each helpers module with no test file in its mirror folder."""
    missing = []
    for folder, modules in helper_modules(helpers).items():
        files = [p.stem for p in (tests / folder).glob("test_*.py")]
        for module in modules:
            names = mirror_names(folder, module, pending)
            if not any(f == f"test_{n}" or f.startswith(f"test_{n}_") for f in files for n in names):
                missing.append(f"helpers/{folder}/{module}.py".replace("//", "/"))
    return missing


def stray_tests(helpers: Path, tests: Path, pending: dict[str, list[str]]) -> list[str]:
    """Each test file of a mirror folder that names no module of its layer."""
    stray = []
    for folder, modules in helper_modules(helpers).items():
        names = [n for m in modules for n in mirror_names(folder, m, pending)]
        for f in sorted((tests / folder).glob("test_*.py")):
            if not any(f.stem == f"test_{n}" or f.stem.startswith(f"test_{n}_") for n in names):
                stray.append(str(f.relative_to(tests.parent)))
    return stray


def _is_test_module(dotted: str) -> bool:
    last = dotted.rsplit(".", 1)[-1]
    return last.startswith("test_") or last.endswith("_test")


def imports_of_test_modules(tests: Path) -> list[str]:
    """``file: imported module`` for each import of a test module by any module under ``tests``."""
    found = []
    for path in sorted(tests.rglob("*.py")):
        package = ".".join(path.relative_to(tests.parent).parent.parts)
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: resolve against the importing file's package
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(p for p in [*parts, base] if p)
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            for t in targets:
                if t.split(".")[0] == tests.name and _is_test_module(t):
                    found.append(f"{path.relative_to(tests.parent)}: {t}")
    return found


def test_every_helpers_module_has_its_mirror_test_file():
    missing = missing_mirrors(ROOT / "helpers", ROOT / "tests", PENDING)
    assert not missing, f"no test file for {missing}: add tests/<layer>/test_<module>.py"


def test_every_test_file_of_a_mirror_folder_names_a_module_of_its_layer():
    stray = stray_tests(ROOT / "helpers", ROOT / "tests", PENDING)
    assert not stray, f"{stray} mirror no module of helpers/: rename by the module they test"


def test_the_pending_renames_are_still_pending():
    merged = [m for m in PENDING if not (ROOT / "helpers" / m).exists()]
    assert not merged, f"{merged} no longer exist: delete them from PENDING in {Path(__file__).name}"


def test_no_test_module_imports_another():
    found = imports_of_test_modules(ROOT / "tests")
    assert not found, f"imported test modules (move what they share to tests/support/): {found}"


def test_the_checks_catch_a_missing_mirror_a_stray_file_and_a_test_import(tmp_path):
    helpers, tests = tmp_path / "helpers", tmp_path / "tests"
    for f in ["core/rnn.py", "core/_validate.py", "core/transformer.py", "style.py", "core/__init__.py"]:
        (helpers / f).parent.mkdir(parents=True, exist_ok=True)
        (helpers / f).write_text("")
    for f in ["core/test_rnn_step.py", "core/test_validate.py", "core/test_masks.py", "core/test_old.py"]:
        (tests / f).parent.mkdir(parents=True, exist_ok=True)
        (tests / f).write_text("")
    (tests / "core/test_validate.py").write_text("from tests.core.test_rnn_step import helper\n")
    (tests / "core/helpers_shared.py").write_text("from . import test_masks\nimport tests.support.widgets\n")
    pending = {"core/transformer.py": ["masks"]}
    assert missing_mirrors(helpers, tests, pending) == ["helpers/style.py"]
    assert stray_tests(helpers, tests, pending) == ["tests/core/test_old.py"]
    assert sorted(missing_mirrors(helpers, tests, {})) == ["helpers/core/transformer.py", "helpers/style.py"]
    assert imports_of_test_modules(tests) == [
        "tests/core/helpers_shared.py: tests.core.test_masks",
        "tests/core/test_validate.py: tests.core.test_rnn_step",
    ]
