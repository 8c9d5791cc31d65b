"""A regular (non-editable) install, as repo2docker and `pip install .` make it.

The wheel is built from a copy of the sources, its file list is compared with the source tree, and it
is installed into a throwaway environment outside the checkout (tests/wheel_env.py: no download, the
dependencies come from the .venv, the editable ``helpers`` does not), where every module is imported.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.wheel_env import DATA_DIRS, DIST, ROOT, build_wheel, make_env, run, source_files


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def env(wheel, tmp_path_factory) -> Path:
    return make_env(wheel, tmp_path_factory.mktemp("env") / "venv")


def _in_env(env: Path, code: str) -> dict:
    """Run ``code`` with the environment's Python in isolated mode, away from the checkout."""
    out = run([str(env / "bin" / "python"), "-I", "-c", code], cwd=env.parent,
               env={"PATH": "/usr/bin:/bin", "HOME": str(env.parent), "MPLBACKEND": "Agg"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_wheel_holds_every_module_and_data_file_and_nothing_else(wheel):
    names = {n for n in zipfile.ZipFile(wheel).namelist() if not n.startswith(f"{DIST}.dist-info/")}
    expected = source_files("helpers", ".py") | {
        f"{DIST}.data/data/{f}" for d in DATA_DIRS for f in source_files(d)}
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
                for p in source_files("helpers", ".py")}
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
