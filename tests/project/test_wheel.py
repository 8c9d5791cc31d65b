"""A regular (non-editable) install, as repo2docker and `pip install .` make it.

The wheel is built from a copy of the sources, its file list is compared with the source tree, and it
is installed into a throwaway environment outside the checkout (tests/support/wheel_env.py: no download, the
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

from tests.support.wheel_env import DATA_DIRS, DIST, ROOT, build_wheel, make_env, run, source_files


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def env(wheel, tmp_path_factory) -> Path:
    return make_env(wheel, tmp_path_factory.mktemp("env") / "venv")


# One interpreter start in the environment, away from the checkout: import every module of helpers,
# then load Voila's settings as its server extension (a hub's /voila/render/...) does.
PROBE = """
import importlib, json, pkgutil, sys, helpers
mods = ['helpers'] + [m.name for m in pkgutil.walk_packages(helpers.__path__, 'helpers.')]
for m in mods:
    importlib.import_module(m)
from voila.configuration import VoilaConfiguration
from voila.paths import collect_template_paths
from voila.server_extension import load_config_file
conf = VoilaConfiguration()
conf.update_config(load_config_file())
print(json.dumps({'file': helpers.__file__, 'modules': sorted(mods), 'path': sys.path,
                  'template': conf.template, 'classic_tree': conf.classic_tree,
                  'template_paths': collect_template_paths(['voila', 'nbconvert'], conf.template)}))
"""


@pytest.fixture(scope="module")
def probe(env) -> dict:
    out = run([env / "bin" / "python", "-I", "-c", PROBE], cwd=env.parent,
              env={"PATH": "/usr/bin:/bin", "HOME": str(env.parent), "MPLBACKEND": "Agg"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_wheel_holds_every_module_and_data_file_and_nothing_else(wheel):
    names = {n for n in zipfile.ZipFile(wheel).namelist() if not n.startswith(f"{DIST}.dist-info/")}
    expected = source_files("helpers", ".py") | {
        f"{DIST}.data/data/{f}" for d in DATA_DIRS for f in source_files(d)}
    assert names == expected, (f"missing from the wheel: {sorted(expected - names)}; "
                               f"unexpected: {sorted(names - expected)}")
    assert f"{DIST}.data/data/share/jupyter/voila/templates/classroom/index.html.j2" in names


def test_installed_wheel_imports_every_module_outside_the_checkout(env, probe):
    assert Path(probe["file"]).is_relative_to(env), f"helpers came from {probe['file']}, not from {env}"
    outside_venv = [p for p in probe["path"] if p and "/.venv/" not in p]
    assert not any(Path(p).is_relative_to(ROOT) for p in outside_venv), probe["path"]
    expected = {p.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
                for p in source_files("helpers", ".py")}
    assert set(probe["modules"]) == expected


def test_installed_jupyter_files_give_voila_the_classroom_template(env, probe):
    """Voila's server extension reads our setting (etc/jupyter/voila.json) and finds the template."""
    assert probe["template"] == "classroom" and probe["classic_tree"] is True
    found = Path(probe["template_paths"][0])
    assert found == env / "share" / "jupyter" / "voila" / "templates" / "classroom"
    assert (found / "index.html.j2").is_file()


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
