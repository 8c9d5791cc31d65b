"""A regular (non-editable) install, as repo2docker and `pip install .` make it.

The wheel is built from a copy of the sources, its file list is compared with the source tree, and it
is installed into a throwaway environment outside the checkout. That environment sees the .venv's
packages through a .pth line (no download; a line in a .pth file adds a folder without running the
.venv's own .pth files, so the editable install of ``helpers`` stays out of it), and every module of
``helpers`` is imported there from the installed copy.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
DIST = "rnn_to_attention-0.1.0"
#: What the build reads: the metadata, the package, and the Jupyter files installed beside it.
SOURCES = ("pyproject.toml", "helpers", "share", "etc")
DATA_DIRS = ("share", "etc")
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]


def _run(cmd, **kw) -> subprocess.CompletedProcess:
    run = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert run.returncode == 0, f"{cmd} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return run


def _source_files(top: str, suffix: str = "") -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / top).rglob(f"*{suffix}")
            if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    (tmp / "src").mkdir()
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, tmp / "src" / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, tmp / "src" / name)
    _run([*PIP, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
          "--wheel-dir", str(tmp / "dist"), str(tmp / "src")])
    (whl,) = (tmp / "dist").glob("*.whl")
    return whl


@pytest.fixture(scope="module")
def env(wheel, tmp_path_factory) -> Path:
    """A fresh environment holding the wheel, with the .venv's packages (not its .pth files) on its path."""
    env = tmp_path_factory.mktemp("env") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(env)])
    (site,) = (env / "lib").glob("python3*/site-packages")
    (site / "deps_from_dot_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([*PIP, "--python", str(env / "bin" / "python"), "install", "--quiet", "--no-deps", "--no-index",
          str(wheel)])
    return env


def _in_env(env: Path, code: str) -> dict:
    """Run ``code`` with the environment's Python in isolated mode, away from the checkout."""
    out = _run([str(env / "bin" / "python"), "-I", "-c", code], cwd=env.parent,
               env={"PATH": "/usr/bin:/bin", "HOME": str(env.parent), "MPLBACKEND": "Agg"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_wheel_holds_every_module_and_data_file_and_nothing_else(wheel):
    import zipfile

    names = {n for n in zipfile.ZipFile(wheel).namelist() if not n.startswith(f"{DIST}.dist-info/")}
    expected = _source_files("helpers", ".py") | {
        f"{DIST}.data/data/{f}" for d in DATA_DIRS for f in _source_files(d)}
    assert names == expected, (f"missing from the wheel: {sorted(expected - names)}; "
                               f"unexpected: {sorted(names - expected)}")
    assert f"{DIST}.data/data/share/jupyter/voila/templates/classroom/index.html.j2" in names


def test_installed_wheel_imports_every_module_outside_the_checkout(env):
    code = (
        "import importlib, json, pkgutil, sys, helpers\n"
        "mods = ['helpers'] + [m.name for m in pkgutil.walk_packages(helpers.__path__, 'helpers.')]\n"
        "for m in mods: importlib.import_module(m)\n"
        "print(json.dumps({'file': helpers.__file__, 'modules': sorted(mods), 'path': sys.path}))"
    )
    got = _in_env(env, code)
    assert Path(got["file"]).is_relative_to(env), f"helpers came from {got['file']}, not from {env}"
    assert not any(Path(p).is_relative_to(ROOT) for p in got["path"] if p and "/.venv/" not in p), got["path"]
    expected = {p.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
                for p in _source_files("helpers", ".py")}
    assert set(got["modules"]) == expected


def test_installed_jupyter_files_give_voila_the_classroom_template(env):
    """Voila's server extension (the hub's /voila/render/...) reads our setting, and finds the template."""
    code = (
        "import json\n"
        "from voila.configuration import VoilaConfiguration\n"
        "from voila.paths import collect_template_paths\n"
        "from voila.server_extension import load_config_file\n"
        "conf = VoilaConfiguration(); conf.update_config(load_config_file())  # as the extension does\n"
        "print(json.dumps({'template': conf.template, 'classic_tree': conf.classic_tree,\n"
        "                  'paths': collect_template_paths(['voila', 'nbconvert'], conf.template)}))"
    )
    got = _in_env(env, code)
    assert got["template"] == "classroom" and got["classic_tree"] is True
    assert Path(got["paths"][0]) == env / "share" / "jupyter" / "voila" / "templates" / "classroom"
    assert (Path(got["paths"][0]) / "index.html.j2").is_file()


def _lock() -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", (ROOT / "requirements.txt").read_text(), re.M)
    return {re.sub(r"[-_.]+", "-", n).lower(): v for n, v in pins}


def _declared() -> list[Requirement]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in meta["dependencies"]]


def test_declared_dependencies_fit_the_lock():
    lock = _lock()
    misfits = {str(r): lock.get(r.name.lower()) for r in _declared()
               if lock.get(r.name.lower()) is None or lock[r.name.lower()] not in r.specifier}
    assert not misfits, f"pyproject.toml's dependencies miss the versions requirements.txt pins: {misfits}"


def test_every_package_helpers_imports_is_a_declared_dependency():
    imported = set()
    for path in (ROOT / "helpers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"helpers", "__future__"}
    dists = packages_distributions()
    declared = {re.sub(r"[-_.]+", "-", r.name).lower() for r in _declared()}
    undeclared = {m: dists.get(m) for m in third_party
                  if not {re.sub(r"[-_.]+", "-", d).lower() for d in dists.get(m, [])} & declared}
    assert third_party >= {"numpy", "matplotlib", "ipywidgets"}
    assert not undeclared, f"helpers imports packages pyproject.toml does not declare: {undeclared}"
