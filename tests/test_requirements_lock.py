"""The lock file: requirements.txt (every package pinned) is compiled from requirements.in (the direct
dependencies), and `make setup` installs the compiled file. Regenerate with `make lock`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;#]+)")


def _pins(path: Path) -> dict[str, str]:
    """``{normalised name: version}`` of every ``name==version`` line (comments and hashes ignored)."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        m = PIN.match(line)
        assert m, f"{path.name}: not an exact pin: {line!r}"
        pins[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(3)
    return pins


def test_every_direct_pin_is_in_the_lock_file_with_the_same_version():
    direct, locked = _pins(ROOT / "requirements.in"), _pins(ROOT / "requirements.txt")
    missing = sorted(n for n in direct if n not in locked)
    differ = {n: (v, locked[n]) for n, v in direct.items() if n in locked and locked[n] != v}
    assert not missing and not differ, (
        f"requirements.txt is stale (run `make lock`): missing {missing}; "
        f"(in, txt) versions differ: {differ}")


def test_lock_file_pins_transitive_packages_and_says_how_it_was_made():
    text = (ROOT / "requirements.txt").read_text()
    locked, direct = _pins(ROOT / "requirements.txt"), _pins(ROOT / "requirements.in")
    assert len(locked) > 2 * len(direct), "requirements.txt should pin the transitive packages too"
    assert {"jupyter-server", "tornado", "traitlets"} <= set(locked)
    assert "pip-compile" in text and "requirements.in" in text


def test_make_setup_installs_the_lock_file():
    out = subprocess.run(["make", "-n", "-B", "-C", str(ROOT), "setup", "VENV=/nonexistent-venv"],
                         capture_output=True, text=True, check=True).stdout
    assert "-r requirements.txt" in out and "requirements.in" not in out.replace("compiled", "")
