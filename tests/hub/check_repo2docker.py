"""repo2docker builds this repository as it stands, so any BinderHub or JupyterHub can.

`repo2docker --no-build --debug` prints the Dockerfile it would build, without Docker. On a clean clone
of the committed tree that Dockerfile must use repo2docker's Python 3.11 environment (runtime.txt) for
both the server and the kernels, install the pinned requirements.txt and then the project
(pyproject.toml), and start through ./start (one BLAS thread).

requirements.txt is installed on top of repo2docker's own environment (a conda lock per Python
version, shipped inside repo2docker), so the packages of that environment which the lock leaves
alone (notebook, jupyterhub, jupyter-resource-usage, ...) must accept what the lock brings. pip's
resolver checks it: the lock, the project, and those packages at the versions repo2docker pins. Its
notebook 7.4.7 with our jupyterlab 4.6.6 was such a conflict (hence notebook==7.6.5 in the lock).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hub.conftest import REPO2DOCKER_VERSION
from tests.support.wheel_env import ROOT, run

PYTHON = "3.11"
# conda-forge names whose PyPI distribution is named otherwise; metapackages are left out by their
# build string (Python packages' builds start with "py": pyhd8ed1ab_0, py311h...).
CONDA_TO_PYPI = {"jupyterhub-base": "jupyterhub", "nbconvert-core": "nbconvert",
                 "brotli-python": "brotli", "python-fastjsonschema": "fastjsonschema"}
NOT_RESOLVED = {"pip"}  # the installer itself


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A clean clone of the committed tree, as a BinderHub fetches it."""
    dest = tmp_path_factory.mktemp("r2d") / "repo"
    run(["git", "clone", "--quiet", "--no-hardlinks", ROOT, dest])
    return dest


@pytest.fixture(scope="module")
def built(repo2docker, clone) -> dict:
    """The Dockerfile repo2docker would build for the clone, and its log."""
    done = run([repo2docker, "--no-build", "--debug", "--user-id=1000", "--user-name=jovyan", clone],
               cwd=clone)
    return {"dockerfile": done.stdout, "log": done.stderr + done.stdout}


@pytest.fixture(scope="module")
def r2d_python(repo2docker) -> Path:
    python = repo2docker.parent / "python"
    version = run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]).stdout.strip()
    assert version == PYTHON, (f"{python} is Python {version}; the resolver check needs the image's "
                               f"Python {PYTHON} (make hub-check builds .venv/hub-tools with python3.11)")
    return python


def _dockerfile_lines(built) -> list[str]:
    return [line.strip() for line in built["dockerfile"].splitlines()]


def _conda_lock(built, r2d_python) -> Path:
    """repo2docker's environment lock that the Dockerfile copies in (file names are escaped there)."""
    unescaped = re.sub(r"-([0-9a-f]{2})", lambda m: chr(int(m[1], 16)), built["dockerfile"])
    names = set(re.findall(r"environment\.py-[\d.]+-linux-64\.lock", unescaped))
    assert len(names) == 1, f"expected one environment lock in the Dockerfile, found {names}"
    pkg = run([r2d_python, "-c", "import repo2docker.buildpacks.conda as c, os; "
                                 "print(os.path.dirname(c.__file__))"]).stdout.strip()
    return Path(pkg) / names.pop()


def test_tool_is_the_pinned_release(repo2docker):
    assert run([repo2docker, "--version"]).stdout.strip() == REPO2DOCKER_VERSION


def test_repo2docker_reads_the_root_files(clone):
    """A binder/ (or .binder/) folder would make repo2docker ignore requirements.txt, runtime.txt, start."""
    assert not (clone / "binder").exists() and not (clone / ".binder").exists()
    assert (clone / "runtime.txt").read_text().strip() == f"python-{PYTHON}"
    assert os.access(clone / "start", os.X_OK)


def test_image_runs_server_and_kernels_on_python_3_11(built, r2d_python):
    assert _conda_lock(built, r2d_python).name == f"environment.py-{PYTHON}-linux-64.lock"
    assert "Python version unspecified" not in built["log"]
    # one environment: requirements.txt lands where the Jupyter server runs
    assert "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in _dockerfile_lines(built)


def test_image_installs_the_lock_then_the_project(built):
    lines = _dockerfile_lines(built)
    lock = 'RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "requirements.txt"'
    project = "RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir ."
    assert lock in lines and project in lines, "\n".join(line for line in lines if "pip" in line)
    assert lines.index(lock) < lines.index(project)


def test_image_starts_through_start_with_one_blas_thread(built, clone):
    assert 'ENV R2D_ENTRYPOINT="${REPO_DIR}/start"' in _dockerfile_lines(built)
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    show = "import json, os; print(json.dumps({k: v for k, v in os.environ.items() if 'BLAS' in k}))"
    seen = json.loads(run([clone / "start", sys.executable, "-c", show], env=env).stdout)
    assert seen.pop("OPENBLAS_NUM_THREADS") == "1"
    # every other BLAS setting of the machine passes through untouched
    assert seen == {k: v for k, v in env.items() if "BLAS" in k}
    # the start script hands over to the server: its exit code is the command's
    assert subprocess.run([clone / "start", "sh", "-c", "exit 7"], env=env).returncode == 7


@pytest.mark.timeout(900)  # pip fetches the metadata of ~170 packages from the registry
def test_lock_and_project_resolve_with_repo2dockers_own_environment(built, clone, r2d_python, tmp_path):
    lock_file = _conda_lock(built, r2d_python)
    ours = {_norm(m[1]) for m in re.finditer(r"^([A-Za-z0-9][\w.-]*)==", (clone / "requirements.txt")
                                               .read_text(), re.M)}
    theirs = {}
    for line in lock_file.read_text().splitlines():
        if not line.startswith("http"):
            continue
        stem = line.split("#")[0].rsplit("/", 1)[1].removesuffix(".conda").removesuffix(".tar.bz2")
        name, version, build = stem.rsplit("-", 2)
        if build.startswith("py") and name not in NOT_RESOLVED:
            theirs[_norm(CONDA_TO_PYPI.get(name, name))] = version
    # the environment does hold a Jupyter front end that the lock replaces
    assert {"notebook", "jupyterlab", "jupyterhub", "jupyter-server"} <= set(theirs)
    kept = {n: v for n, v in theirs.items() if n not in ours}
    (tmp_path / "repo2docker-env.txt").write_text("".join(f"{n}=={v}\n" for n, v in sorted(kept.items())))
    done = subprocess.run(
        [r2d_python, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--disable-pip-version-check", "--report", tmp_path / "report.json",
         "-r", clone / "requirements.txt", "-r", tmp_path / "repo2docker-env.txt", clone],
        capture_output=True, text=True, cwd=tmp_path)
    errors = [line for line in done.stderr.splitlines() if not line.startswith("WARNING: Location")]
    conflict = "\n".join(errors[-30:])
    assert done.returncode == 0, f"the lock conflicts with repo2docker's environment:\n{conflict}"
    got = {_norm(i["metadata"]["name"]): i["metadata"]["version"]
           for i in json.loads((tmp_path / "report.json").read_text())["install"]}
    assert got["rnn-to-attention"] == "0.1.0" and got["notebook"] == "7.6.5"
    assert {n: got.get(n) for n in kept} == kept
