"""Build the project's wheel and install it into a throwaway environment, offline and in seconds.

Used by tests/project/test_wheel.py and the hub checks (tests/hub/). The wheel is built from a copy of the
sources (so the checkout gets no build/ folder). The environment is a fresh venv holding only the
wheel; it sees the .venv's packages through a line in a .pth file. Such a line adds the folder to
``sys.path`` without running the .pth files inside it, so the .venv's editable install of
``helpers`` (an import hook set up by a .pth file) stays out: ``helpers`` can only come from the wheel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = "rnn_to_attention-0.1.0"
#: What the build reads: the metadata, the package, and the Jupyter files installed beside it.
SOURCES = ("pyproject.toml", "helpers", "share", "etc")
#: Folders installed under the environment's prefix (the wheel's .data/data/).
DATA_DIRS = ("share", "etc")
#: The .venv's Jupyter files (other packages' templates, config): a real image has them in one prefix.
VENV_PREFIX = Path(sys.prefix)
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]


def run(cmd, **kw) -> subprocess.CompletedProcess:
    """Run ``cmd``; on a non-zero exit fail with its command line and the end of its output."""
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def build_wheel(dest: Path) -> Path:
    """Build the wheel from a copy of :data:`SOURCES` under ``dest``; return its path."""
    (dest / "src").mkdir(parents=True)
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / "src" / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / "src" / name)
    run([*PIP, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", dest / "dist", dest / "src"])
    (whl,) = (dest / "dist").glob("*.whl")
    return whl


def make_env(wheel: Path, dest: Path) -> Path:
    """A fresh venv at ``dest`` holding ``wheel`` (no dependencies: those come from the .venv)."""
    run([sys.executable, "-m", "venv", "--without-pip", dest])
    (site,) = (dest / "lib").glob("python3*/site-packages")
    (site / "deps_from_dot_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run([*PIP, "--python", dest / "bin" / "python", "install", "--quiet", "--no-deps", "--no-index", wheel])
    return dest


def source_files(top: str, suffix: str = "") -> set[str]:
    """Files under ``ROOT/top`` (relative, posix), caches left out."""
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / top).rglob(f"*{suffix}")
            if p.is_file() and "__pycache__" not in p.parts}
