"""JupyterLab and Voila servers for the bench and the browser tests, and Debian's Chromium.

Importable from anywhere in the repo (``from benchmarks.servers import start_lab``): the bench
(``benchmarks.browser``, ``benchmarks.sizing``), the browser tests and the hub checks use it. Every server
runs on a free 127.0.0.1 port, in a temporary Jupyter home (config, data, runtime, settings,
workspaces, IPython dir) on temporary *copies* of the notebooks (JupyterLab autosaves, so the
committed files are never opened). A server starts in a process group of its own; ``Server.stop``
ends it and every process it started (kernels live in sessions of their own), found with psutil.

Chromium: ``/usr/bin/chromium`` (override with ``CHROMIUM``). Never downloaded.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from helpers import server_tuning

__all__ = [
    "REPO", "NOTEBOOKS", "CHROMIUM", "CHROMIUM_ARGS", "CLASSROOM_JUPYTER_PATH", "VOILA_ARGS", "Server",
    "chromium_missing_message", "copy_notebooks", "free_port", "start_lab", "start_voila",
]

REPO = Path(__file__).resolve().parents[1]
# The committed notebooks (servers serve temporary copies of them). RTA_NOTEBOOKS points elsewhere.
NOTEBOOKS = Path(os.environ.get("RTA_NOTEBOOKS", REPO / "notebooks"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
# The repo's Jupyter data tree: the classroom and slides Voila templates (no CDN links) and the
# prebuilt extension serving the Hangul web font. `make lab` and `make present` put it on JUPYTER_PATH.
CLASSROOM_JUPYTER_PATH = Path(os.environ.get("RTA_JUPYTER_PATH", REPO / "share" / "jupyter"))
# As `make present` runs it (tests/project/test_launch_commands.py holds the two together).
VOILA_ARGS = ["--template=classroom", "--strip_sources=True", "--show_tracebacks=False", "--classic-tree"]
SERVER_START_TIMEOUT = 90.0


def chromium_missing_message() -> str | None:
    """None when Chromium is there; otherwise what to install."""
    if os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return None
    return (
        f"Chromium is missing: no executable at {CHROMIUM}. The browser tests need Debian's Chromium "
        "(`apt-get install chromium`, or `make install-chromium` as root); never a downloaded browser."
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A Jupyter-family server we started, in its own process group, with its log file."""

    name: str
    root: Path  # the temporary copy of the notebooks it serves
    port: int
    token: str
    log_path: Path
    proc: subprocess.Popen | None = None
    extra: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}" if self.token else f"{self.base}{path}"

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def start(self, cmd: list[str], env: dict[str, str], ready_path: str) -> None:
        """Start ``cmd`` and wait until ``ready_path`` answers 200; on failure stop it and raise."""
        with open(self.log_path, "wb") as log:  # the child keeps its own descriptor
            self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.proc.returncode}; "
                                   f"log {self.log_path}:\n" + self.log_tail())
            try:
                with urllib.request.urlopen(self.url(ready_path), timeout=5) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {SERVER_START_TIMEOUT:.0f} s; "
                           f"log {self.log_path}:\n" + self.log_tail())

    def stop(self) -> None:
        """SIGTERM to the server (it shuts its kernels down), then SIGKILL whatever is left of it and of
        every process it started (kernels included, each in a session of its own), found with psutil."""
        if self.proc is None:
            return
        try:
            family = [psutil.Process(self.proc.pid)]
            family += family[0].children(recursive=True)
        except psutil.NoSuchProcess:
            family = []
        for p in family[:1]:
            try:
                p.terminate()
            except psutil.NoSuchProcess:
                pass
        _, alive = psutil.wait_procs(family, timeout=10)
        for p in alive:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(alive, timeout=5)
        try:
            self.proc.wait(timeout=5)  # reap it
        except subprocess.TimeoutExpired:
            pass
        self.proc = None


def jupyter_env(home: Path) -> dict[str, str]:
    """A private Jupyter/IPython home, so no user config, workspace or extension leaks in."""
    import matplotlib

    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_", "IPYTHON"))}
    for sub in ("config", "data", "runtime", "ipython", "settings", "workspaces"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
        # Reuse matplotlib's font cache (rebuilding it costs seconds per kernel); it holds no state.
        MPLCONFIGDIR=os.environ.get("MPLCONFIGDIR", matplotlib.get_configdir()),
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONUNBUFFERED="1",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def copy_notebooks(dest: Path) -> Path:
    """Temporary copies of the committed notebooks (and the sanitize file), never the originals."""
    dest.mkdir(parents=True, exist_ok=True)
    for nb in sorted(NOTEBOOKS.glob("*.ipynb")):
        shutil.copy2(nb, dest / nb.name)
    return dest


def _started(server: Server, cmd: list[str], env: dict[str, str], ready_path: str) -> Server:
    try:
        server.start(cmd, env, ready_path)
    except BaseException:
        server.stop()  # a server that never answered may still be running
        raise
    return server


def start_lab(tmp: Path, name: str = "JupyterLab", extra_args=tuple(server_tuning.LAB_ARGS)) -> Server:
    """Start JupyterLab as ``make lab`` runs it (``extra_args``: its kernel connection) on copies of
    the notebooks: a free loopback port, token on, a private home in ``tmp``, no news or update
    checks. The caller stops it (``Server.stop``)."""
    home, root = tmp / "home", copy_notebooks(tmp / "notebooks")
    env = jupyter_env(home)
    env["JUPYTER_PATH"] = str(CLASSROOM_JUPYTER_PATH)
    # Quiet JupyterLab: no news or update checks (they would try the internet), no toasts.
    notif = home / "settings" / "@jupyterlab" / "apputils-extension"
    notif.mkdir(parents=True)
    (notif / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}))
    # Render every cell (no windowing), so each cell's execution prompt is in the page.
    nbset = home / "settings" / "@jupyterlab" / "notebook-extension"
    nbset.mkdir(parents=True)
    (nbset / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    server = Server(name, root, free_port(), secrets.token_hex(16), tmp / "jupyterlab.log")
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={server.port}",
        "--port-retries=0", "--allow-root", f"--ServerApp.token={server.token}",
        f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--ServerApp.disable_check_xsrf=False", "--MappingKernelManager.cull_idle_timeout=0",
        *extra_args,
    ]
    return _started(server, cmd, env, "/api/status")


def start_voila(tmp: Path, name: str = "Voila") -> Server:
    """Start Voila as ``make present`` runs it (classroom template, no sources) on copies of the
    notebooks. The caller stops it (``Server.stop``)."""
    if not (CLASSROOM_JUPYTER_PATH / "voila" / "templates" / "classroom").is_dir():
        raise FileNotFoundError(f"the classroom Voila template is missing under {CLASSROOM_JUPYTER_PATH}")
    home, root = tmp / "home", copy_notebooks(tmp / "notebooks")
    env = jupyter_env(home)
    env["JUPYTER_PATH"] = str(CLASSROOM_JUPYTER_PATH)
    server = Server(name, root, free_port(), "", tmp / "voila.log")
    cmd = [sys.executable, "-m", "voila", str(root), "--no-browser", "--Voila.ip=127.0.0.1",
           f"--port={server.port}", *VOILA_ARGS, *server_tuning.VOILA_ARGS]
    return _started(server, cmd, env, "/")
