"""A student's server on a hub: the nbgitpuller link, and the notebooks as apps (Voila) at
/user/<name>/voila/render/<folder>/notebooks/<notebook>.

A hub's single-user server is a Jupyter server under /user/<name>/ on which Voila and nbgitpuller
run as server extensions. Here such a server runs from the installed wheel (tests/support/wheel_env.py; the
other packages' Jupyter files come from the .venv's prefix, as they would from the image's one
prefix) in a home folder holding the course as an nbgitpuller link leaves it
(<home>/rnn-to-attention/notebooks/), and the pages are fetched as a student's browser would.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from benchmarks.servers import Server, copy_notebooks, free_port, jupyter_env
from tests.support.wheel_env import ROOT, VENV_PREFIX, build_wheel, make_env, run

# Building the wheel, starting the server and running 00 in it; slow on a busy machine.
pytestmark = pytest.mark.timeout(900)

USER = "student"
FOLDER = "rnn-to-attention"
PROBE = {  # prints where the kernel's helpers come from
    "cells": [{"cell_type": "code", "execution_count": None, "id": "probe", "metadata": {}, "outputs": [],
               "source": "import helpers\nprint('PROBE[' + helpers.__file__ + ']')"}],
    "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hub")
    env_dir = make_env(build_wheel(tmp / "wheel"), tmp / "venv")
    home = tmp / "home"
    copy_notebooks(home / FOLDER / "notebooks")
    (home / "probe.ipynb").write_text(json.dumps(PROBE))
    env = jupyter_env(tmp / "jupyter")
    env["JUPYTER_PATH"] = str(VENV_PREFIX / "share" / "jupyter")
    env["JUPYTER_CONFIG_PATH"] = str(VENV_PREFIX / "etc" / "jupyter")
    server = Server("hub single-user server", home, free_port(), secrets.token_hex(16), tmp / "server.log")
    cmd = [env_dir / "bin" / "python", "-m", "jupyter_server", "--no-browser", "--ip=127.0.0.1",
           f"--port={server.port}", "--port-retries=0", "--allow-root", f"--ServerApp.root_dir={home}",
           f"--ServerApp.base_url=/user/{USER}/", f"--IdentityProvider.token={server.token}"]
    server.start([str(c) for c in cmd], env, f"/user/{USER}/api/status")
    try:
        yield {"server": server, "env": env_dir, "home": home}
    finally:
        server.stop()
        shutil.rmtree(tmp / "jupyter", ignore_errors=True)


def _get(server: Server, path: str) -> str:
    with urllib.request.urlopen(server.url(f"/user/{USER}/{path}"), timeout=240) as r:
        assert r.status == 200
        return r.read().decode()


def test_the_kernel_runs_the_installed_package(hub):
    page = _get(hub["server"], "voila/render/probe.ipynb")
    found = re.findall(r"PROBE\[([^\]<]+)\]", page)
    assert found and Path(found[0]).is_relative_to(hub["env"]), found


def test_start_here_renders_as_an_app_with_the_classroom_template(hub):
    page = _get(hub["server"], f"voila/render/{FOLDER}/notebooks/00_start_here.ipynb")
    assert "00 · Start here" in page  # the prose
    assert "application/vnd.jupyter.widget-view+json" in page  # live widgets
    assert "from helpers.lessons import" not in page  # no code (strip_sources)
    assert "Traceback" not in page and "Error" not in page.split("<body", 1)[1].replace("ErrorBoundary", "")
    assert "fontawesome" not in page, "Voila used its stock template (CDN links), not the classroom one"


def test_notebook_list_is_written_into_the_page(hub):
    page = _get(hub["server"], f"voila/tree/{FOLDER}/notebooks")
    assert f"voila/render/{FOLDER}/notebooks/00_start_here.ipynb" in page
    assert "07_toward_the_transformer.ipynb" in page


def test_nbgitpuller_link_puts_the_course_into_the_home(hub):
    """The link's page, then the pull it starts (the page's script calls /git-pull/api), here from
    the local checkout's committed tree instead of a public URL."""
    branch = run(["git", "-C", ROOT, "rev-parse", "--abbrev-ref", "HEAD"]).stdout.strip()
    query = {"repo": str(ROOT), "targetpath": "pulled", **({"branch": branch} if branch != "HEAD" else {})}
    app = "voila/render/pulled/notebooks/00_start_here.ipynb"
    page = _get(hub["server"], "git-pull?" + urlencode({**query, "urlpath": app}))
    assert app in page  # where the page sends the student once the pull is done
    events = _get(hub["server"], "git-pull/api?" + urlencode(query))
    assert '"phase": "finished"' in events, events[-2000:]
    pulled = sorted(p.name for p in (hub["home"] / "pulled" / "notebooks").glob("*.ipynb"))
    assert pulled == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
