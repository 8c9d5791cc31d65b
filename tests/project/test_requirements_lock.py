"""The lock file: requirements.txt (every package pinned) is compiled from requirements.in (the direct
dependencies), and `make setup` installs the compiled file. Regenerate with `make lock`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.lock import pins

ROOT = Path(__file__).resolve().parents[2]
def test_every_direct_pin_is_in_the_lock_file_with_the_same_version():
    direct, locked = pins(ROOT / "requirements.in"), pins(ROOT / "requirements.txt")
    missing = sorted(n for n in direct if n not in locked)
    differ = {n: (v, locked[n]) for n, v in direct.items() if n in locked and locked[n] != v}
    assert not missing and not differ, (
        f"requirements.txt is stale (run `make lock`): missing {missing}; "
        f"(in, txt) versions differ: {differ}")


def test_lock_file_pins_transitive_packages_and_says_how_it_was_made():
    text = (ROOT / "requirements.txt").read_text()
    locked, direct = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements.in")
    assert len(locked) > 2 * len(direct), "requirements.txt should pin the transitive packages too"
    assert {"jupyter-server", "tornado", "traitlets"} <= set(locked)
    assert "pip-compile" in text and "requirements.in" in text


def test_make_setup_installs_the_lock_file():
    out = subprocess.run(["make", "-n", "-B", "-C", str(ROOT), "setup", "VENV=/nonexistent-venv"],
                         capture_output=True, text=True, check=True).stdout
    assert "-r requirements.txt" in out and "requirements.in" not in out.replace("compiled", "")
